/* view_wrap.c: cutting the flow into display lines at a width, and the
 * queries on the result (see view.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "view.h"
#include "view_priv.h"

#define SUB_INDENT 5   /* columns per sub-paragraph level: "(ii) " */
#define NARROW 20      /* below this width numbers are inline, no indents */

typedef void (*wrap_emit)(size_t ls, size_t le, int col, int width, void *ctx);

/* Index of the run holding flow offset pos (or the first run after it),
 * moving the cursor *ri both ways (a wrap re-scans a little). */
static size_t run_at(const struct flow_run *runs, size_t nr, size_t *ri, size_t pos)
{
	while (*ri > 0 && (*ri >= nr || runs[*ri].off > pos))
		(*ri)--;
	while (*ri < nr && runs[*ri].off + runs[*ri].len <= pos)
		(*ri)++;
	return *ri;
}

/* Greedy wrap of t[s, e) with the first line starting at column c0 and the
 * others at c1, at most w columns (a single character wider than the room
 * still gets a line of its own). Breaks at spaces (dropped), hard-breaks
 * longer words between characters. Returns the number of lines. */
static int wrap_scan(const char *t, size_t s, size_t e, int c0, int c1, int w,
		     const struct flow_run *runs, size_t nr, wrap_emit emit, void *ctx)
{
	size_t p = s, ri = 0;
	int col0 = c0, n = 0;

	while (p < e && t[p] == ' ')
		p++;
	while (p < e) {
		size_t ls = p, q = p, le, next, brk_le = 0, brk_next = 0;
		int col = col0, brk_col = 0;
		bool have_brk = false;

		for (;;) {
			unsigned char c;
			uint32_t cp;
			size_t l;
			int cw;

			if (q >= e) {
				le = next = q;
				break;
			}
			c = (unsigned char)t[q];
			if (c == ' ') {
				brk_le = q;
				brk_col = col;
				have_brk = true;
				while (q < e && t[q] == ' ') {
					q++;
					col++;
				}
				brk_next = q;
				if (col > w || q >= e) {
					le = brk_le;
					next = brk_next;
					col = brk_col;
					break;
				}
				continue;
			}
			if (c < 0x80) {
				l = 1;
				cw = 1;
			} else {
				int ww;

				l = util_utf8_decode(t + q, e - q, &cp);
				ww = wcwidth((wchar_t)cp);
				cw = ww < 0 ? 1 : ww;
				if (cw == 0) {
					/* a mark that starts a line or a segment has no base:
					 * drawn on a space, as view_piece_width() counts it */
					size_t r = run_at(runs, nr, &ri, q);

					if (q == ls || (r < nr && runs[r].off == q))
						cw = 1;
				}
			}
			if (col + cw > w) {
				if (have_brk) {
					le = brk_le;
					next = brk_next;
					col = brk_col;
				} else if (q > ls) {
					le = next = q;
					/* never inside a control made visible (^[, <9B>) */
					run_at(runs, nr, &ri, q);
					if (ri < nr && runs[ri].role == VIEW_ROLE_CONTROL &&
					    runs[ri].off < q) {
						size_t ro = runs[ri].off, re = ro + runs[ri].len;

						if (ro > ls) {
							col -= (int)(q - ro);
							le = next = ro;
						} else {
							col += (int)(re - q);
							le = next = re;
						}
					}
				} else {
					le = next = q + l;
					col += cw;
				}
				break;
			}
			col += cw;
			q += l;
		}
		emit(ls, le, col0, col - col0, ctx);
		n++;
		p = next;
		while (p < e && t[p] == ' ')
			p++;
		col0 = c1;
	}
	return n;
}

/* ---- building lines and segments -------------------------------------- */

struct wrap_ctx {
	struct view *v;
	const struct flow_block *bl;
	size_t ri;        /* run cursor, into flow.runs */
	size_t run_end;   /* bl->run0 + bl->n_runs */
	bool first;       /* next line is the block's first */
	bool pending_num; /* the hanging number goes on the next line */
	int num_col;
	int last_part, last_annex;
};

static struct view_line *new_line(struct wrap_ctx *c)
{
	struct view *v = c->v;
	const struct flow_block *bl = c->bl;
	struct view_line *l;

	if (v->n_lines == v->cap_lines) {
		v->cap_lines = v->cap_lines ? v->cap_lines * 2 : 256;
		v->lines = util_xrealloc(v->lines, v->cap_lines, sizeof(*v->lines));
	}
	l = &v->lines[v->n_lines++];
	memset(l, 0, sizeof(*l));
	l->first_seg = v->n_segs;
	l->para = bl->para;
	l->footnote = bl->footnote;
	l->annex = bl->annex;
	l->part = (unsigned char)bl->part;
	l->text_off = l->text_end = bl->off;
	return l;
}

static void add_seg(struct wrap_ctx *c, size_t off, size_t len, int role, int link, int col,
		    int width)
{
	struct view *v = c->v;
	struct view_seg *sg;
	int line = (int)v->n_lines - 1;

	if (v->n_segs == v->cap_segs) {
		v->cap_segs = v->cap_segs ? v->cap_segs * 2 : 512;
		v->segs = util_xrealloc(v->segs, v->cap_segs, sizeof(*v->segs));
	}
	sg = &v->segs[v->n_segs++];
	sg->text = v->flow->text.data + off;
	sg->len = (unsigned)len;
	sg->col = (unsigned short)(col > 65535 ? 65535 : col);
	sg->width = (unsigned short)(width > 65535 ? 65535 : width);
	sg->role = (unsigned char)role;
	sg->link = link;
	v->lines[line].n_segs++;
	if (link >= 0 && (size_t)link < v->n_links) {
		struct view_link *lk = &v->links[link];

		if (lk->line < 0) {
			lk->line = lk->end_line = line;
			lk->col = col;
			lk->width = width;
		} else {
			if (lk->line == line && lk->end_line == line && lk->col + lk->width == col)
				lk->width += width;
			lk->end_line = line;
		}
	}
}

/* Segments for flow text [a, b) starting at column col; returns the end
 * column. */
static int add_range(struct wrap_ctx *c, size_t a, size_t b, int col)
{
	const struct flow_run *runs = c->v->flow->runs;
	const char *t = c->v->flow->text.data;

	size_t pos = a;

	while (c->ri < c->run_end && runs[c->ri].off + runs[c->ri].len <= a)
		c->ri++;
	for (size_t i = c->ri; i < c->run_end && runs[i].off < b; i++) {
		size_t s = runs[i].off > a ? runs[i].off : a;
		size_t e = runs[i].off + runs[i].len < b ? runs[i].off + runs[i].len : b;
		int w;

		if (e <= s)
			continue;
		if (s > pos) /* text outside any run: the space after a number */
			col += view_piece_width(t + pos, s - pos);
		pos = e;
		w = view_piece_width(t + s, e - s);
		add_seg(c, s, e - s, runs[i].role, runs[i].link, col, w);
		col += w;
	}
	return col;
}

static void start_block_line(struct wrap_ctx *c, struct view_line *l)
{
	struct view *v = c->v;
	const struct flow_block *bl = c->bl;
	struct view_flow *f = v->flow;
	int line = (int)v->n_lines - 1;

	if (!c->first)
		return;
	c->first = false;
	l->para_start = bl->kind == FLOW_PARA || bl->kind == FLOW_FOOTNOTE;
	l->text_off = bl->off;
	if (bl->kind == FLOW_PARA && bl->para >= 0 && v->para_line[bl->para] < 0)
		v->para_line[bl->para] = line;
	if (bl->kind == FLOW_FOOTNOTE && bl->footnote >= 0)
		v->fn_line[bl->footnote] = line;
	if (v->part_line[bl->part] < 0)
		v->part_line[bl->part] = line;
	if (bl->part != c->last_part || (bl->kind == FLOW_ANNEX && bl->annex != c->last_annex)) {
		if (f->n_bounds == f->cap_bounds) {
			f->cap_bounds = f->cap_bounds ? f->cap_bounds * 2 : 16;
			f->bounds = util_xrealloc(f->bounds, f->cap_bounds, sizeof(*f->bounds));
		}
		f->bounds[f->n_bounds++] = line;
		c->last_part = bl->part;
		c->last_annex = bl->annex;
	}
}

static void emit_line(size_t ls, size_t le, int col, int width, void *ctx)
{
	struct wrap_ctx *c = ctx;
	struct view_line *l = new_line(c);
	bool first = c->first;

	start_block_line(c, l);
	if (c->pending_num) {
		c->pending_num = false;
		add_range(c, c->bl->off, c->bl->num_end, c->num_col);
	}
	l->text_off = first ? c->bl->off : ls;
	add_range(c, ls, le, col);
	l = &c->v->lines[c->v->n_lines - 1];
	l->text_end = le > l->text_off ? le : l->text_off;
	l->width = l->n_segs ? c->v->segs[l->first_seg + l->n_segs - 1].col +
				       c->v->segs[l->first_seg + l->n_segs - 1].width : 0;
	(void)width;
}

static void blank_line(struct wrap_ctx *c)
{
	new_line(c);
	c->v->lines[c->v->n_lines - 1].para = -1;
	c->v->lines[c->v->n_lines - 1].footnote = -1;
}

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void wrap_block(struct wrap_ctx *c, const struct flow_block *bl, int w)
{
	const char *t = c->v->flow->text.data;
	struct view_flow *f = c->v->flow;
	int textcol = 0, numcol = 0, c0;
	int top = clampi(f->max_top_num + 1, 4, 10);
	size_t body = bl->body_off;
	int n;

	c->bl = bl;
	c->ri = bl->run0;
	c->run_end = bl->run0 + bl->n_runs;
	c->first = true;
	c->pending_num = false;
	if (bl->blank_before && c->v->n_lines > 0)
		blank_line(c);
	if (bl->kind == FLOW_PARA && bl->flush) {
		textcol = bl->depth * SUB_INDENT;
	} else if (bl->kind == FLOW_PARA) {
		textcol = top + bl->depth * SUB_INDENT;
		numcol = bl->depth == 0 ? 0 : top + (bl->depth - 1) * SUB_INDENT;
	} else if (bl->kind == FLOW_FOOTNOTE) {
		textcol = f->max_fn_num + 2;
	}
	if (w < NARROW) {
		textcol = numcol = 0;
	} else if (textcol > w / 2) {
		textcol = w / 2;
		numcol = textcol - bl->num_width - 1;
		if (numcol < 0)
			numcol = 0;
	}
	c0 = textcol;
	if (bl->has_num) {
		if (bl->num_own_line) {
			n = wrap_scan(t, bl->off, bl->num_end, numcol, numcol, w,
				      f->runs + bl->run0, bl->n_runs, emit_line, c);
		} else if (w >= NARROW && numcol + bl->num_width + 1 + 4 <= w) {
			c->pending_num = true;
			c->num_col = numcol;
			if (c0 < numcol + bl->num_width + 1)
				c0 = numcol + bl->num_width + 1;
		} else {
			body = bl->off; /* inline: the number wraps with the text */
		}
	}
	n = wrap_scan(t, body, bl->end, c0, textcol, w, f->runs + bl->run0, bl->n_runs,
		      emit_line, c);
	if (n == 0 && (c->first || c->pending_num))
		emit_line(body, body, c0, 0, c);
}

static void view_wrap(struct view *v, int width)
{
	struct view_flow *f = v->flow;
	const struct doc *d = v->doc;
	struct wrap_ctx c = { .v = v, .last_part = -1, .last_annex = -1 };

	if (width < 1)
		width = 1;
	v->width = width;
	v->n_lines = v->n_segs = 0;
	f->n_bounds = 0;
	for (size_t i = 0; i < d->n_paras; i++)
		v->para_line[i] = -1;
	for (size_t i = 0; i < d->n_footnotes; i++)
		v->fn_line[i] = -1;
	for (int i = 0; i < VIEW_PART_COUNT; i++)
		v->part_line[i] = -1;
	for (size_t i = 0; i < v->n_links; i++)
		v->links[i].line = v->links[i].end_line = -1;
	for (size_t b = 0; b < f->n_blocks; b++)
		wrap_block(&c, &f->blocks[b], width);
	/* a paragraph whose block printed nothing maps to its neighbour */
	for (size_t i = d->n_paras; i-- > 0;)
		if (v->para_line[i] < 0)
			v->para_line[i] = i + 1 < d->n_paras ? v->para_line[i + 1] : 0;
}

struct view *view_build(const struct doc *doc, int width)
{
	struct view *v = util_xcalloc(1, sizeof(*v));

	v->doc = doc;
	v->flow = view_flow_build(doc);
	v->n_links = v->cap_links = v->flow->n_links;
	v->links = util_xcalloc(v->n_links + 1, sizeof(*v->links));
	for (size_t i = 0; i < v->n_links; i++) {
		v->links[i].kind = (enum view_link_kind)v->flow->links[i].kind;
		v->links[i].index = v->flow->links[i].index;
	}
	v->para_line = util_xcalloc(doc->n_paras + 1, sizeof(int));
	v->fn_line = util_xcalloc(doc->n_footnotes + 1, sizeof(int));
	/* rough first guess of the sizes, to avoid most reallocations */
	v->cap_lines = v->flow->text.len / (size_t)(width > 8 ? width - 4 : 4) +
		       2 * v->flow->n_blocks + 8;
	v->lines = util_xcalloc(v->cap_lines, sizeof(*v->lines));
	v->cap_segs = v->cap_lines + v->flow->n_runs + 8;
	v->segs = util_xcalloc(v->cap_segs, sizeof(*v->segs));
	view_wrap(v, width);
	return v;
}

void view_rewrap(struct view *v, int width)
{
	view_wrap(v, width);
}

void view_free(struct view *v)
{
	if (!v)
		return;
	view_flow_free(v->flow);
	free(v->lines);
	free(v->segs);
	free(v->links);
	free(v->para_line);
	free(v->fn_line);
	free(v);
}

/* ---- queries --------------------------------------------------------------- */

size_t view_n_lines(const struct view *v)
{
	return v->n_lines;
}

const struct view_line *view_line(const struct view *v, size_t i)
{
	return i < v->n_lines ? &v->lines[i] : NULL;
}

const struct view_seg *view_line_seg(const struct view *v, const struct view_line *l, unsigned j)
{
	return j < l->n_segs ? &v->segs[l->first_seg + j] : NULL;
}

int view_line_of_para(const struct view *v, int para_idx)
{
	if (para_idx < 0 || (size_t)para_idx >= v->doc->n_paras)
		return -1;
	return v->para_line[para_idx];
}

int view_line_of_footnote(const struct view *v, int fn_idx)
{
	if (fn_idx < 0 || (size_t)fn_idx >= v->doc->n_footnotes)
		return -1;
	return v->fn_line[fn_idx];
}

int view_para_at_line(const struct view *v, int line)
{
	if (line < 0 || (size_t)line >= v->n_lines || v->doc->n_paras == 0)
		return -1;
	for (int i = line; i >= 0; i--)
		if (v->lines[i].para >= 0)
			return v->lines[i].para;
	return 0;
}

int view_part_start(const struct view *v, enum view_part part)
{
	if ((int)part < 0 || part >= VIEW_PART_COUNT)
		return -1;
	return v->part_line[part];
}

enum view_part view_part_at_line(const struct view *v, int line)
{
	if (line < 0 || (size_t)line >= v->n_lines)
		return VIEW_PART_HEADER;
	return (enum view_part)v->lines[line].part;
}

int view_next_part(const struct view *v, int line)
{
	const struct view_flow *f = v->flow;

	for (size_t i = 0; i < f->n_bounds; i++)
		if (f->bounds[i] > line)
			return f->bounds[i];
	return -1;
}

int view_prev_part(const struct view *v, int line)
{
	const struct view_flow *f = v->flow;

	for (size_t i = f->n_bounds; i-- > 0;)
		if (f->bounds[i] < line)
			return f->bounds[i];
	return -1;
}

int view_next_para_line(const struct view *v, int line)
{
	for (size_t i = line < 0 ? 0 : (size_t)line + 1; i < v->n_lines; i++)
		if (v->lines[i].para_start)
			return (int)i;
	return -1;
}

int view_prev_para_line(const struct view *v, int line)
{
	if (line > (int)v->n_lines)
		line = (int)v->n_lines;
	for (int i = line - 1; i >= 0; i--)
		if (v->lines[i].para_start)
			return i;
	return -1;
}

const struct view_link *view_links(const struct view *v, size_t *n)
{
	*n = v->n_links;
	return v->links;
}

static bool link_before(const struct view_link *l, int line, int col)
{
	return l->line < line || (l->line == line && l->col < col);
}

int view_link_find(const struct view *v, int line, int col, bool forward)
{
	/* binary search: first link not before (line, col) */
	size_t lo = 0, hi = v->n_links;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (link_before(&v->links[mid], line, col))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (forward)
		return lo < v->n_links ? (int)lo : -1;
	return lo > 0 ? (int)lo - 1 : -1;
}

int view_link_at(const struct view *v, int line, int col)
{
	const struct view_line *l = view_line(v, line < 0 ? (size_t)-1 : (size_t)line);

	if (!l)
		return -1;
	for (unsigned j = 0; j < l->n_segs; j++) {
		const struct view_seg *s = &v->segs[l->first_seg + j];

		if (col >= s->col && col < s->col + s->width)
			return s->link;
	}
	return -1;
}

const char *view_text(const struct view *v, size_t *len)
{
	*len = v->flow->text.len;
	return v->flow->text.data ? v->flow->text.data : "";
}

/* Last line whose text starts at or before off (and is not empty). */
static int line_of_offset(const struct view *v, size_t off)
{
	size_t lo = 0, hi = v->n_lines;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->lines[mid].text_off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* lo - 1 is the last line with text_off <= off; skip back over blanks */
	for (size_t i = lo; i-- > 0;)
		if (v->lines[i].text_end > v->lines[i].text_off || v->lines[i].n_segs)
			return (int)i;
	return -1;
}

int view_col_in_line(const struct view *v, int line, size_t off)
{
	const struct view_line *l = &v->lines[line];
	const char *base = v->flow->text.data;

	if (off >= l->text_end)
		return l->width;
	for (unsigned j = 0; j < l->n_segs; j++) {
		const struct view_seg *s = &v->segs[l->first_seg + j];
		size_t so = (size_t)(s->text - base);

		if (off < so)
			return s->col;
		if (off < so + s->len)
			return s->col + view_piece_width(s->text, off - so);
	}
	return l->width;
}

bool view_pos_of_offset(const struct view *v, size_t off, int *line, int *col)
{
	int l;

	if (off >= v->flow->text.len)
		return false;
	l = line_of_offset(v, off);
	if (l < 0)
		return false;
	*line = l;
	*col = view_col_in_line(v, l, off);
	return true;
}

int view_line_of_offset(const struct view *v, size_t off)
{
	return line_of_offset(v, off);
}

/* ---- plain wrapping for popups ------------------------------------------ */

struct plain_ctx {
	const char *t;
	void (*cb)(const char *line, size_t len, int width, void *user);
	void *user;
};

static void plain_emit(size_t ls, size_t le, int col, int width, void *ctx)
{
	struct plain_ctx *p = ctx;

	p->cb(p->t + ls, le - ls, width, p->user);
}

int view_wrap_plain(const char *s, size_t n, int width,
		    void (*cb)(const char *line, size_t len, int width, void *user), void *user)
{
	struct view_flow f = { 0 };
	struct plain_ctx p = { .cb = cb, .user = user };
	int lines;

	view_flow_put(&f, s, n, VIEW_ROLE_TEXT, -1);
	p.t = f.text.data ? f.text.data : "";
	lines = wrap_scan(p.t, 0, f.text.len, 0, 0, width < 1 ? 1 : width, f.runs, f.n_runs,
			  plain_emit, &p);
	util_buf_free(&f.text);
	free(f.runs);
	return lines;
}
