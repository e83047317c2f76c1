/* view_outline.c: the outline (table of contents) model (see view.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view.h"
#include "view_priv.h"

#define LABEL_COLS 40

struct outline_builder {
	struct view_outline *o;
	size_t cap;
	int *stack; /* open entries, by depth order */
	size_t n_stack;
};

/* Sanitized s[0..n), cut at a word boundary to at most `cols` columns
 * (an ellipsis marks the cut), appended to b. */
static void put_cut(struct util_buf *b, const char *s, size_t n, int cols)
{
	struct util_buf t = { 0 };
	size_t i = 0, cut = 0;
	int w = 0;

	util_sanitize(&t, s, n);
	if (!t.data) {
		return;
	}
	while (i < t.len) {
		uint32_t cp;
		size_t l = util_utf8_decode(t.data + i, t.len - i, &cp);
		int cw = view_piece_width(t.data + i, l);

		if (w + cw > cols)
			break;
		if (t.data[i] == ' ')
			cut = i;
		w += cw;
		i += l;
	}
	if (i >= t.len) {
		util_buf_append(b, t.data, t.len);
	} else {
		if (cut < i / 2)
			cut = i; /* one long word: cut inside it */
		while (cut > 0 && (t.data[cut - 1] == ' ' || t.data[cut - 1] == ','))
			cut--;
		util_buf_append(b, t.data, cut);
		util_buf_puts(b, "\xE2\x80\xA6");
	}
	util_buf_free(&t);
}

static int add_entry(struct outline_builder *ob, enum view_outline_kind kind, int depth,
		     const char *label, int para, int annex, enum view_part part)
{
	struct view_outline *o = ob->o;
	struct view_outline_entry *e;
	int idx = (int)o->n;

	if (o->n == ob->cap) {
		ob->cap = ob->cap ? ob->cap * 2 : 64;
		o->entries = util_xrealloc(o->entries, ob->cap, sizeof(*o->entries));
		ob->stack = util_xrealloc(ob->stack, ob->cap, sizeof(*ob->stack));
	}
	/* close the entries at this depth or deeper */
	while (ob->n_stack > 0 && o->entries[ob->stack[ob->n_stack - 1]].depth >= depth)
		o->entries[ob->stack[--ob->n_stack]].end = idx;
	e = &o->entries[o->n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->depth = depth;
	e->label = util_arena_strdup(&o->arena, label);
	e->para = para;
	e->annex = annex;
	e->part = part;
	e->parent = ob->n_stack ? ob->stack[ob->n_stack - 1] : -1;
	e->end = idx + 1;
	ob->stack[ob->n_stack++] = idx;
	return idx;
}

static void para_label(struct util_buf *b, const struct doc_para *p)
{
	const char *words = p->lead && p->lead_len ? p->text : p->text;
	size_t n = p->lead && p->lead_len ? p->lead_len : p->text_len;
	int room = LABEL_COLS;

	util_buf_clear(b);
	if (p->kind == DOC_PARA_HEADING) {
		if (p->number && *p->number) {
			put_cut(b, p->number, strlen(p->number), 12);
			util_buf_putc(b, ' ');
		}
	} else if (p->number && *p->number) {
		size_t nl = strlen(p->number);
		char last = p->number[nl - 1];

		put_cut(b, p->number, nl, 16);
		if (last >= '0' && last <= '9' && p->kind != DOC_PARA_ARTICLE)
			util_buf_putc(b, '.');
		util_buf_putc(b, ' ');
	} else if (p->kind == DOC_PARA_PREAMBULAR && p->id) {
		put_cut(b, p->id, strlen(p->id), 12);
		util_buf_putc(b, ' ');
	}
	room -= b->len ? view_piece_width(b->data, b->len) : 0;
	if (room < 8)
		room = 8;
	put_cut(b, words, n, room);
	while (b->len && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	if (!b->len)
		util_buf_puts(b, p->id ? p->id : "?");
}

static enum view_part vpart(const struct doc_para *p)
{
	static const enum view_part map[] = {
		[DOC_PART_PREAMBLE] = VIEW_PART_PREAMBLE,
		[DOC_PART_OPERATIVE] = VIEW_PART_OPERATIVE,
		[DOC_PART_ANNEX] = VIEW_PART_ANNEX,
		[DOC_PART_OTHER] = VIEW_PART_OTHER,
	};

	return (unsigned)p->part <= DOC_PART_OTHER ? map[p->part] : VIEW_PART_OTHER;
}

struct view_outline *view_outline_build(const struct doc *d)
{
	struct view_outline *o = util_xcalloc(1, sizeof(*o));
	struct outline_builder ob = { .o = o };
	struct util_buf b = { 0 };
	int group = -1, prev_annex = -1;
	enum doc_part prev_part = DOC_PART_OTHER;

	o->para_entry = util_xcalloc(d->n_paras + 1, sizeof(int));
	o->n_paras = d->n_paras;
	for (size_t i = 0; i < d->n_paras; i++) {
		const struct doc_para *p = &d->paras[i];
		int base = 0;

		if (p->annex >= 0 && (size_t)p->annex < d->n_annexes) {
			if (p->annex != prev_annex) {
				const struct doc_annex *a = &d->annexes[p->annex];
				const char *lab = a->label ? a->label : "Annex";

				util_buf_clear(&b);
				put_cut(&b, lab, strlen(lab), 16);
				if (a->title) {
					util_buf_puts(&b, "  ");
					put_cut(&b, a->title, strlen(a->title), LABEL_COLS - 10);
				}
				group = add_entry(&ob, VIEW_OUTLINE_ANNEX, 0, b.data, (int)i,
						  p->annex, VIEW_PART_ANNEX);
			}
			base = 1;
		} else if (p->part == DOC_PART_PREAMBLE || p->part == DOC_PART_OPERATIVE) {
			if (group < 0 || prev_annex >= 0 || p->part != prev_part)
				group = add_entry(&ob, VIEW_OUTLINE_PART, 0,
						  p->part == DOC_PART_PREAMBLE ? "Preamble"
									       : "Operative part",
						  (int)i, -1, vpart(p));
			base = 1;
		} else {
			group = -1;
		}
		prev_annex = p->annex;
		prev_part = p->part;
		para_label(&b, p);
		o->para_entry[i] = add_entry(&ob, VIEW_OUTLINE_PARA,
					     base + (p->depth > 0 ? p->depth : 0), b.data, (int)i,
					     p->annex, vpart(p));
	}
	if (d->n_footnotes > 0)
		add_entry(&ob, VIEW_OUTLINE_FOOTNOTES, 0, "Footnotes", -1, -1,
			  VIEW_PART_FOOTNOTES);
	while (ob.n_stack > 0)
		o->entries[ob.stack[--ob.n_stack]].end = (int)o->n;
	for (size_t i = 0; i < o->n; i++)
		o->entries[i].foldable = o->entries[i].end > (int)i + 1;
	util_buf_free(&b);
	free(ob.stack);
	return o;
}

void view_outline_free(struct view_outline *o)
{
	if (!o)
		return;
	free(o->entries);
	free(o->para_entry);
	util_arena_free(&o->arena);
	free(o);
}

void view_outline_fold(struct view_outline *o, size_t i)
{
	if (i < o->n && o->entries[i].foldable)
		o->entries[i].folded = true;
}

void view_outline_unfold(struct view_outline *o, size_t i)
{
	if (i < o->n)
		o->entries[i].folded = false;
}

void view_outline_toggle(struct view_outline *o, size_t i)
{
	if (i < o->n && o->entries[i].foldable)
		o->entries[i].folded = !o->entries[i].folded;
}

void view_outline_fold_depth(struct view_outline *o, int depth)
{
	for (size_t i = 0; i < o->n; i++)
		o->entries[i].folded = depth >= 0 && o->entries[i].foldable &&
				       o->entries[i].depth >= depth;
}

/* The visible entry standing for entry i: its topmost folded ancestor, or
 * itself. */
static int shown_as(const struct view_outline *o, int i)
{
	int r = i;

	for (int a = o->entries[i].parent; a >= 0; a = o->entries[a].parent)
		if (o->entries[a].folded)
			r = a;
	return r;
}

int view_outline_next_visible(const struct view_outline *o, int i)
{
	int j;

	if (i < 0 || (size_t)i >= o->n)
		return -1;
	j = o->entries[i].folded ? o->entries[i].end : i + 1;
	return (size_t)j < o->n ? j : -1;
}

int view_outline_prev_visible(const struct view_outline *o, int i)
{
	if (i <= 0 || (size_t)i > o->n)
		return -1;
	return shown_as(o, i - 1);
}

size_t view_outline_n_visible(const struct view_outline *o)
{
	size_t n = 0;

	for (int i = o->n ? 0 : -1; i >= 0; i = view_outline_next_visible(o, i))
		n++;
	return n;
}

int view_outline_nth_visible(const struct view_outline *o, size_t k)
{
	for (int i = o->n ? 0 : -1; i >= 0; i = view_outline_next_visible(o, i))
		if (k-- == 0)
			return i;
	return -1;
}

int view_outline_visible_index(const struct view_outline *o, int e)
{
	int k = 0;

	for (int i = o->n ? 0 : -1; i >= 0; i = view_outline_next_visible(o, i), k++)
		if (i == e)
			return k;
	return -1;
}

int view_outline_entry_for_para(const struct view_outline *o, int para)
{
	if (para < 0 || (size_t)para >= o->n_paras)
		return -1;
	return shown_as(o, o->para_entry[para]);
}

int view_outline_reveal_para(struct view_outline *o, int para)
{
	int e = view_outline_entry_for_para(o, para);

	if (e < 0)
		return -1;
	e = o->para_entry[para];
	for (int a = o->entries[e].parent; a >= 0; a = o->entries[a].parent)
		o->entries[a].folded = false;
	return e;
}

int view_outline_target_line(const struct view_outline *o, const struct view *v, size_t i)
{
	const struct view_outline_entry *e;
	int line;

	if (i >= o->n)
		return -1;
	e = &o->entries[i];
	if (e->kind == VIEW_OUTLINE_FOOTNOTES)
		return view_part_start(v, VIEW_PART_FOOTNOTES);
	line = view_line_of_para(v, e->para);
	if (line < 0)
		return -1;
	if (e->kind == VIEW_OUTLINE_ANNEX) {
		/* back to the annex label (over its title and blank lines) */
		int best = line;

		for (int l = line - 1; l >= 0; l--) {
			const struct view_line *vl = &v->lines[l];

			if (vl->n_segs == 0)
				continue;
			if (vl->annex != e->annex || vl->para != e->para || vl->para_start)
				break;
			best = l;
		}
		line = best;
	}
	return line;
}
