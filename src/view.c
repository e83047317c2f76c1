/* view.c: a document as display lines (see view.h).
 *
 * Two stages. The flow (built once per document) is every block's display
 * text, sanitized, in one buffer, cut into runs of one role each. The wrap
 * (redone for each width) cuts every block into lines and every line into
 * segments. Both are linear in the document. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "view.h"
#include "view_priv.h"

static const char *const role_names[VIEW_ROLE_COUNT] = {
#define VIEW_ROLE_NAME_(e, n) [VIEW_ROLE_##e] = n,
	VIEW_ROLES(VIEW_ROLE_NAME_)
#undef VIEW_ROLE_NAME_
};

static const char *const part_names[VIEW_PART_COUNT] = {
	[VIEW_PART_HEADER] = "header",
	[VIEW_PART_PREAMBLE] = "preamble",
	[VIEW_PART_OPERATIVE] = "operative",
	[VIEW_PART_ANNEX] = "annex",
	[VIEW_PART_OTHER] = "other",
	[VIEW_PART_FOOTNOTES] = "footnotes",
};

const char *view_role_name(enum view_role r)
{
	return (int)r >= 0 && r < VIEW_ROLE_COUNT ? role_names[r] : NULL;
}

int view_role_find(const char *name)
{
	for (int i = 0; name && i < VIEW_ROLE_COUNT; i++)
		if (strcmp(role_names[i], name) == 0)
			return i;
	return -1;
}

const char *view_part_name(enum view_part p)
{
	return (int)p >= 0 && p < VIEW_PART_COUNT ? part_names[p] : NULL;
}

/* ---- widths ---------------------------------------------------------- */

/* Columns of code point cp in sanitized text (cp is printable). */
static int cp_width(uint32_t cp)
{
	int w;

	if (cp < 0x7f)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int view_piece_width(const char *s, size_t n)
{
	size_t i = 0;
	int cols = 0;

	while (i < n) {
		uint32_t cp;
		unsigned char c = (unsigned char)s[i];
		int w;

		if (c < 0x80) {
			cols++;
			i++;
			continue;
		}
		i += util_utf8_decode(s + i, n - i, &cp);
		w = cp_width(cp);
		if (w == 0 && cols == 0)
			w = 1; /* a mark with no base is drawn on a space */
		cols += w;
	}
	return cols;
}

int view_text_width(const char *s, size_t n)
{
	size_t i = 0;
	int cols = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t l;

		if (c >= 0x20 && c < 0x7f) {
			cols++;
			i++;
			continue;
		}
		if (c < 0x80) {
			cols += c == '\t' ? 1 : 2;
			i++;
			continue;
		}
		l = util_utf8_decode(s + i, n - i, &cp);
		if ((cp == 0xFFFD && l == 1) || (cp >= 0x80 && cp <= 0x9f))
			cols += 4;
		else
			cols += (cp_width(cp) == 0 && cols == 0) ? 1 : cp_width(cp);
		i += l;
	}
	return cols;
}

/* ---- flow building ------------------------------------------------------ */

static void flow_run(struct view_flow *f, size_t off, size_t len, int role, int link)
{
	struct flow_run *r;

	if (len == 0)
		return;
	if (f->n_runs == f->cap_runs) {
		f->cap_runs = f->cap_runs ? f->cap_runs * 2 : 256;
		f->runs = util_xrealloc(f->runs, f->cap_runs, sizeof(*f->runs));
	}
	r = &f->runs[f->n_runs++];
	r->off = off;
	r->len = (unsigned)len;
	r->role = (unsigned char)role;
	r->link = link;
}

/* Append s[0..n) sanitized, as runs of `role` (controls made visible as
 * CONTROL runs). */
void view_flow_put(struct view_flow *f, const char *s, size_t n, int role, int link)
{
	struct util_buf *b = &f->text;
	size_t i = 0, run = 0, start = b->len;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		char rep[8];
		size_t rl = 0, l = 1;
		uint32_t cp;

		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		if (c < 0x80) {
			if (c == '\t') {
				rep[0] = ' ';
				rl = 1;
			} else {
				rep[0] = '^';
				rep[1] = c == 0x7f ? '?' : (char)(c + 0x40);
				rl = 2;
			}
		} else {
			l = util_utf8_decode(s + i, n - i, &cp);
			if ((cp == 0xFFFD && l == 1) || (cp >= 0x80 && cp <= 0x9f))
				rl = (size_t)snprintf(rep, sizeof(rep), "<%02X>",
						      l == 1 ? (unsigned)c : (unsigned)cp);
		}
		if (rl == 0) {
			i += l;
			continue;
		}
		util_buf_append(b, s + run, i - run);
		if (rl == 1) { /* TAB: a plain space in the same run */
			util_buf_append(b, rep, 1);
		} else {
			flow_run(f, start, b->len - start, role, link);
			start = b->len;
			util_buf_append(b, rep, rl);
			flow_run(f, start, rl, VIEW_ROLE_CONTROL, link);
			start = b->len;
		}
		i += l;
		run = i;
	}
	util_buf_append(b, s + run, n - run);
	flow_run(f, start, b->len - start, role, link);
}

static struct flow_block *flow_block_new(struct view_flow *f, int kind, int part)
{
	struct flow_block *bl;

	if (f->n_blocks == f->cap_blocks) {
		f->cap_blocks = f->cap_blocks ? f->cap_blocks * 2 : 64;
		f->blocks = util_xrealloc(f->blocks, f->cap_blocks, sizeof(*f->blocks));
	}
	bl = &f->blocks[f->n_blocks++];
	memset(bl, 0, sizeof(*bl));
	bl->kind = kind;
	bl->part = part;
	bl->para = bl->footnote = bl->annex = -1;
	bl->run0 = f->n_runs;
	bl->off = bl->body_off = f->text.len;
	bl->blank_before = f->n_blocks > 1;
	return bl;
}

static void flow_block_end(struct view_flow *f, struct flow_block *bl)
{
	bl->n_runs = f->n_runs - bl->run0;
	bl->end = f->text.len;
	util_buf_putc(&f->text, '\n'); /* no search match spans two blocks */
}

static void flow_link(struct view_flow *f, int kind, int index)
{
	if (f->n_links == f->cap_links) {
		f->cap_links = f->cap_links ? f->cap_links * 2 : 64;
		f->links = util_xrealloc(f->links, f->cap_links, sizeof(*f->links));
	}
	f->links[f->n_links].kind = kind;
	f->links[f->n_links].index = index;
	f->n_links++;
}

/* A one-run block. */
static void flow_simple(struct view_flow *f, int kind, int part, int role, const char *s,
			bool blank)
{
	struct flow_block *bl = flow_block_new(f, kind, part);

	bl->blank_before = blank && f->n_blocks > 1;
	view_flow_put(f, s, strlen(s), role, -1);
	flow_block_end(f, bl);
}

static size_t char_boundary(const char *s, size_t len, size_t off)
{
	if (off > len)
		return len;
	while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80)
		off++;
	return off;
}

/* Put text[0..len) with its lead, references (refs[0..nr), by index into
 * d->refs, sorted) and footnote markers (fns[0..nf), sorted by offset). */
static void flow_text(struct view_flow *f, const struct doc *d, const char *text, size_t len,
		      size_t lead_len, int base_role, const int *refs, size_t nr, const int *fns,
		      size_t nf)
{
	size_t pos = 0, ri = 0, fi = 0;
	int cur_ref = -1, cur_link = -1;
	size_t ref_end = 0;

	lead_len = char_boundary(text, len, lead_len);
	while (pos < len || fi < nf) {
		size_t next = len;
		int role;

		/* markers at this position come first */
		while (fi < nf && char_boundary(text, len, d->footnotes[fns[fi]].offset) <= pos) {
			char mk[48];
			const char *num = d->footnotes[fns[fi]].number;

			if (num && *num)
				snprintf(mk, sizeof(mk), "[%s]", num);
			else
				snprintf(mk, sizeof(mk), "[%d]", fns[fi] + 1);
			view_flow_put(f, mk, strlen(mk), VIEW_ROLE_MARKER, (int)f->n_links);
			flow_link(f, VIEW_LINK_FOOTNOTE, fns[fi]);
			fi++;
		}
		if (pos >= len)
			break;
		if (cur_ref >= 0 && pos >= ref_end)
			cur_ref = -1;
		if (cur_ref < 0) {
			/* skip refs that start before pos (overlaps) or are empty */
			while (ri < nr && (d->refs[refs[ri]].start < pos ||
					   d->refs[refs[ri]].len == 0 ||
					   d->refs[refs[ri]].start >= len))
				ri++;
			if (ri < nr && d->refs[refs[ri]].start == pos) {
				cur_ref = refs[ri++];
				ref_end = char_boundary(text, len, pos + d->refs[cur_ref].len);
				cur_link = (int)f->n_links;
				flow_link(f, VIEW_LINK_REF, cur_ref);
			}
		}
		if (cur_ref >= 0) {
			next = ref_end;
		} else if (ri < nr && d->refs[refs[ri]].start < next) {
			next = char_boundary(text, len, d->refs[refs[ri]].start);
		}
		if (pos < lead_len && lead_len < next)
			next = lead_len;
		if (fi < nf) {
			size_t mo = char_boundary(text, len, d->footnotes[fns[fi]].offset);

			if (mo < next)
				next = mo;
		}
		if (next <= pos)
			next = char_boundary(text, len, pos + 1);
		if (cur_ref >= 0)
			role = VIEW_ROLE_REFERENCE;
		else if (pos < lead_len)
			role = VIEW_ROLE_LEAD;
		else
			role = base_role;
		view_flow_put(f, text + pos, next - pos, role, cur_ref >= 0 ? cur_link : -1);
		pos = next;
	}
}

/* Bucket items by owner: start[o]..start[o+1] indexes idx[]. */
struct bucket {
	int *start;
	int *idx;
};

static void bucket_free(struct bucket *b)
{
	free(b->start);
	free(b->idx);
}

static enum view_part part_of(const struct doc_para *p)
{
	switch (p->part) {
	case DOC_PART_PREAMBLE:
		return VIEW_PART_PREAMBLE;
	case DOC_PART_OPERATIVE:
		return VIEW_PART_OPERATIVE;
	case DOC_PART_ANNEX:
		return VIEW_PART_ANNEX;
	default:
		return VIEW_PART_OTHER;
	}
}

static int cmp_fn_offset(const struct doc *d, int a, int b)
{
	size_t oa = d->footnotes[a].offset, ob = d->footnotes[b].offset;

	return oa < ob ? -1 : oa > ob ? 1 : a - b;
}

static int cmp_ref_start(const struct doc *d, int a, int b)
{
	size_t oa = d->refs[a].start, ob = d->refs[b].start;

	return oa < ob ? -1 : oa > ob ? 1 : a - b;
}

/* Counting sort of n items by owner (0..n_owners), then insertion sort of
 * each bucket (buckets are small and nearly sorted). */
static void bucket_build(struct bucket *b, size_t n_owners, size_t n, const struct doc *d,
			 int (*owner)(const struct doc *, size_t),
			 int (*cmp)(const struct doc *, int, int))
{
	int *fill;

	b->start = util_xcalloc(n_owners + 2, sizeof(int));
	b->idx = util_xcalloc(n + 1, sizeof(int));
	for (size_t i = 0; i < n; i++) {
		int o = owner(d, i);

		if (o >= 0 && (size_t)o < n_owners)
			b->start[o + 1]++;
	}
	for (size_t o = 0; o < n_owners; o++)
		b->start[o + 1] += b->start[o];
	fill = util_xcalloc(n_owners + 1, sizeof(int));
	for (size_t i = 0; i < n; i++) {
		int o = owner(d, i);

		if (o >= 0 && (size_t)o < n_owners)
			b->idx[b->start[o] + fill[o]++] = (int)i;
	}
	free(fill);
	for (size_t o = 0; o < n_owners; o++) {
		for (int i = b->start[o] + 1; i < b->start[o + 1]; i++) {
			int v = b->idx[i], j = i;

			while (j > b->start[o] && cmp(d, b->idx[j - 1], v) > 0) {
				b->idx[j] = b->idx[j - 1];
				j--;
			}
			b->idx[j] = v;
		}
	}
}

static int fn_owner(const struct doc *d, size_t i)
{
	return d->footnotes[i].para;
}

static int ref_para_owner(const struct doc *d, size_t i)
{
	return d->refs[i].para;
}

static int ref_fn_owner(const struct doc *d, size_t i)
{
	return d->refs[i].para >= 0 ? -1 : d->refs[i].footnote;
}

static void flow_header(struct view_flow *f, const struct doc *d)
{
	if (d->symbol)
		flow_simple(f, FLOW_HEADER, VIEW_PART_HEADER, VIEW_ROLE_SYMBOL, d->symbol, false);
	if (d->body_name)
		flow_simple(f, FLOW_HEADER, VIEW_PART_HEADER, VIEW_ROLE_BODY, d->body_name, false);
	if (d->adopted || d->meeting) {
		struct util_buf b = { 0 };

		util_buf_puts(&b, "Adopted");
		if (d->adopted)
			util_buf_printf(&b, " %s", d->adopted);
		if (d->meeting)
			util_buf_printf(&b, d->adopted ? " (%s)" : " at the %s", d->meeting);
		flow_simple(f, FLOW_HEADER, VIEW_PART_HEADER, VIEW_ROLE_DATE, b.data, false);
		util_buf_free(&b);
	}
	if (d->title)
		flow_simple(f, FLOW_HEADER, VIEW_PART_HEADER, VIEW_ROLE_TITLE, d->title,
			    f->n_blocks > 0);
}

static int role_of_para(const struct doc_para *p)
{
	return p->kind == DOC_PARA_HEADING ? VIEW_ROLE_HEADING : VIEW_ROLE_TEXT;
}

struct view_flow *view_flow_build(const struct doc *d)
{
	struct view_flow *f = util_xcalloc(1, sizeof(*f));
	struct bucket fnb, refb, reffb;
	int prev_annex = -1;

	size_t est = 4096;

	/* size the buffers once: growing a 5 MB buffer by doubling costs more
	 * than filling it */
	for (size_t i = 0; i < d->n_paras; i++)
		est += d->paras[i].text_len + 16;
	for (size_t i = 0; i < d->n_footnotes; i++)
		est += (d->footnotes[i].text ? strlen(d->footnotes[i].text) : 0) + 24;
	f->text.cap = est + est / 16;
	f->text.data = util_xmalloc(f->text.cap);
	f->text.data[0] = '\0';
	f->cap_runs = 2 * d->n_paras + 2 * d->n_refs + 2 * d->n_footnotes + 16;
	f->runs = util_xcalloc(f->cap_runs, sizeof(*f->runs));
	f->cap_blocks = d->n_paras + d->n_footnotes + 2 * d->n_annexes + 8;
	f->blocks = util_xcalloc(f->cap_blocks, sizeof(*f->blocks));
	bucket_build(&fnb, d->n_paras, d->n_footnotes, d, fn_owner, cmp_fn_offset);
	bucket_build(&refb, d->n_paras, d->n_refs, d, ref_para_owner, cmp_ref_start);
	bucket_build(&reffb, d->n_footnotes, d->n_refs, d, ref_fn_owner, cmp_ref_start);
	flow_header(f, d);
	f->max_top_num = 0;
	for (size_t i = 0; i < d->n_paras; i++) {
		const struct doc_para *p = &d->paras[i];
		struct flow_block *bl;

		if (p->annex >= 0 && p->annex != prev_annex && (size_t)p->annex < d->n_annexes) {
			const struct doc_annex *a = &d->annexes[p->annex];
			const char *label = a->label ? a->label : "Annex";

			bl = flow_block_new(f, FLOW_ANNEX, VIEW_PART_ANNEX);
			bl->annex = p->annex;
			bl->para = (int)i;
			view_flow_put(f, label, strlen(label), VIEW_ROLE_ANNEX_TITLE, -1);
			flow_block_end(f, bl);
			if (a->title) {
				bl = flow_block_new(f, FLOW_ANNEX, VIEW_PART_ANNEX);
				bl->annex = p->annex;
				bl->para = (int)i;
				bl->blank_before = false;
				view_flow_put(f, a->title, strlen(a->title), VIEW_ROLE_ANNEX_TITLE,
					      -1);
				flow_block_end(f, bl);
			}
		}
		prev_annex = p->annex;
		bl = flow_block_new(f, FLOW_PARA, part_of(p));
		bl->para = (int)i;
		bl->annex = p->annex;
		bl->depth = p->depth < 0 ? 0 : p->depth > 12 ? 12 : p->depth;
		bl->flush = p->kind == DOC_PARA_PLAIN && !(p->number && *p->number);
		if (p->number && *p->number) {
			size_t nl = strlen(p->number);

			view_flow_put(f, p->number, nl, VIEW_ROLE_NUMBER, -1);
			/* "12" is printed "12." */
			if (p->number[nl - 1] >= '0' && p->number[nl - 1] <= '9' &&
			    (p->kind == DOC_PARA_OPERATIVE || p->kind == DOC_PARA_NUMBERED)) {
				util_buf_putc(&f->text, '.');
				f->runs[f->n_runs - 1].len++;
			}
			bl->has_num = true;
			bl->num_end = f->text.len;
			bl->num_width = view_piece_width(f->text.data + bl->off,
							 bl->num_end - bl->off);
			bl->num_own_line = p->kind == DOC_PARA_ARTICLE;
			if (bl->depth == 0 && !bl->num_own_line && bl->num_width > f->max_top_num)
				f->max_top_num = bl->num_width;
			util_buf_putc(&f->text, ' ');
			bl->body_off = f->text.len;
		}
		flow_text(f, d, p->text, p->text_len, p->lead ? p->lead_len : 0, role_of_para(p),
			  refb.idx + refb.start[i], (size_t)(refb.start[i + 1] - refb.start[i]),
			  fnb.idx + fnb.start[i], (size_t)(fnb.start[i + 1] - fnb.start[i]));
		flow_block_end(f, bl);
	}
	if (d->n_footnotes > 0) {
		struct flow_block *bl;

		flow_simple(f, FLOW_RULE, VIEW_PART_FOOTNOTES, VIEW_ROLE_RULE, "Footnotes", true);
		f->max_fn_num = 0;
		for (size_t i = 0; i < d->n_footnotes; i++) {
			const struct doc_footnote *fn = &d->footnotes[i];
			char num[24];
			const char *ns = fn->number;
			const char *ft = fn->text ? fn->text : "";

			if (!ns || !*ns) {
				snprintf(num, sizeof(num), "%zu", i + 1);
				ns = num;
			}
			bl = flow_block_new(f, FLOW_FOOTNOTE, VIEW_PART_FOOTNOTES);
			bl->footnote = (int)i;
			bl->blank_before = false;
			view_flow_put(f, ns, strlen(ns), VIEW_ROLE_FOOTNOTE_NUMBER, -1);
			bl->has_num = true;
			bl->num_end = f->text.len;
			bl->num_width = view_piece_width(f->text.data + bl->off,
							 bl->num_end - bl->off);
			if (bl->num_width > f->max_fn_num)
				f->max_fn_num = bl->num_width;
			util_buf_putc(&f->text, ' ');
			bl->body_off = f->text.len;
			flow_text(f, d, ft, strlen(ft), 0, VIEW_ROLE_FOOTNOTE_TEXT,
				  reffb.idx + reffb.start[i],
				  (size_t)(reffb.start[i + 1] - reffb.start[i]), NULL, 0);
			flow_block_end(f, bl);
		}
	}
	bucket_free(&fnb);
	bucket_free(&refb);
	bucket_free(&reffb);
	return f;
}

void view_flow_free(struct view_flow *f)
{
	if (!f)
		return;
	util_buf_free(&f->text);
	free(f->runs);
	free(f->blocks);
	free(f->links);
	free(f->bounds);
	free(f);
}
