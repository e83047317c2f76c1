/* pane_body.c: the text of the resolution: drawing, scrolling, links. */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "app_notes.h"
#include "pane.h"

int pane_body_para(struct app *a)
{
	struct app_doc *d = app_cur(a);

	return view_para_at_line(d->view, d->top);
}

/* Draw the columns [from, to) of display line l again in style st (search
 * matches), cut out of the line's segments. */
static void draw_cols(const struct view *v, const struct view_line *l, int y, int x0, int w,
		      int from, int to, struct ui_style st)
{
	unsigned j;

	for (j = 0; j < l->n_segs; j++) {
		const struct view_seg *s = view_line_seg(v, l, j);
		int s0 = s->col, s1 = s->col + s->width;
		size_t b0 = 0, b1 = s->len;
		int c0;

		if (s1 <= from || s0 >= to)
			continue;
		if (from > s0)
			b0 = ui_fit(s->text, s->len, from - s0);
		if (to < s1)
			b1 = ui_fit(s->text, s->len, to - s0);
		if (b1 <= b0)
			continue;
		c0 = s0 + ui_width(s->text, b0);
		if (c0 >= w)
			continue;
		ui_draw(y, x0 + c0, w - c0, s->text + b0, b1 - b0, st);
	}
}

static void body_draw(struct app *a, const struct layout_rect *r)
{
	struct app_doc *d = app_cur(a);
	const struct view *v = d->view;
	struct ui_style sel = app_style(a, PANE_STYLE(LINK_SELECTED));
	int row;

	for (row = 0; row < r->h; row++) {
		const struct view_line *l = view_line(v, (size_t)(d->top + row));
		unsigned j;

		if (!l)
			break;
		for (j = 0; j < l->n_segs; j++) {
			const struct view_seg *s = view_line_seg(v, l, j);
			struct ui_style st = app_style(a, s->role);

			if (s->col >= r->w)
				break;
			if (d->link >= 0 && s->link == d->link)
				st = sel;
			ui_draw(r->y + row, r->x + s->col, r->w - s->col, s->text, s->len, st);
		}
		if (l->para_start && l->para >= 0 && l->footnote < 0 && l->n_segs)
			pane_notes_mark_line(a, v, l, r, row);
	}
	/* search matches over the text */
	if (d->found_valid && d->found.n_hits) {
		size_t i = search_hit_from_line(&d->found, d->top);
		int cur_match = d->match_hit >= 0 ? d->found.hits[d->match_hit].match : -1;

		for (; i < d->found.n_hits && d->found.hits[i].line < d->top + r->h; i++) {
			const struct search_hit *h = &d->found.hits[i];
			const struct view_line *l = view_line(v, (size_t)h->line);
			struct ui_style st = app_style(a, h->match == cur_match ?
							   PANE_STYLE(SEARCH_CURRENT) :
							   PANE_STYLE(SEARCH));

			if (l)
				draw_cols(v, l, r->y + h->line - d->top, r->x, r->w, h->col,
					  h->col + h->width, st);
		}
	}
}

static int body_height(struct app *a)
{
	return a->lay.body.h > 0 ? a->lay.body.h : 1;
}

/* Is link li (partly) on screen? */
static bool link_in_view(struct app *a, int li)
{
	struct app_doc *d = app_cur(a);
	size_t n;
	const struct view_link *lk = view_links(d->view, &n);

	if (li < 0 || (size_t)li >= n)
		return false;
	return lk[li].end_line >= d->top && lk[li].line < d->top + body_height(a);
}

static void select_link(struct app *a, bool forward)
{
	struct app_doc *d = app_cur(a);
	size_t n;
	const struct view_link *lk = view_links(d->view, &n);
	int h = body_height(a), li;

	if (n == 0) {
		app_msg(a, false, "no footnote markers or references in this document");
		return;
	}
	if (link_in_view(a, d->link))
		li = view_link_find(d->view, lk[d->link].line,
				    lk[d->link].col + (forward ? 1 : 0), forward);
	else if (forward)
		li = view_link_find(d->view, d->top, 0, true);
	else
		li = view_link_find(d->view, d->top + h, 0, false);
	if (li < 0) {
		/* wrap around the document */
		li = forward ? 0 : (int)n - 1;
		app_msg(a, false, forward ? "first link (wrapped)" : "last link (wrapped)");
	}
	d->link = li;
	if (lk[li].line < d->top || lk[li].end_line >= d->top + h) {
		int t = lk[li].line - h / 3;

		app_set_top(a, t < 0 ? 0 : t);
	}
}

/* The display line of footnote fi's marker in the body, or -1. */
static int marker_line(struct app *a, int fi)
{
	struct app_doc *d = app_cur(a);
	size_t n, i;
	const struct view_link *lk = view_links(d->view, &n);

	for (i = 0; i < n; i++)
		if (lk[i].kind == VIEW_LINK_FOOTNOTE && lk[i].index == fi)
			return lk[i].line;
	return -1;
}

void pane_body_follow(struct app *a, int li)
{
	struct app_doc *d = app_cur(a);
	size_t n, i;
	const struct view_link *lk = view_links(d->view, &n);
	const struct doc_ref *ref;

	if (li < 0 || (size_t)li >= n)
		return;
	if (lk[li].kind == VIEW_LINK_FOOTNOTE) {
		int fi = lk[li].index;

		pane_popup_footnotes(a, &fi, 1, lk[li].line);
		return;
	}
	if (lk[li].index < 0 || (size_t)lk[li].index >= d->doc->n_refs)
		return;
	ref = &d->doc->refs[lk[li].index];
	if (!ref->target) {
		app_msg(a, true, "this reference has no target");
		return;
	}
	/* a document of the open set? */
	app_load_all(a);
	for (i = 0; i < a->n_docs; i++) {
		const struct doc *t = a->docs[i].doc;
		int pi = -1;

		if (!t->symbol || strcmp(t->symbol, ref->target) != 0)
			continue;
		if (ref->target_para) {
			pi = doc_find_para(t, ref->target_para);
			if (pi < 0) {
				app_msg(a, true, "%s has no paragraph %s", ref->target,
					ref->target_para);
				return;
			}
		}
		app_push_jump(a);
		if (i != a->cur) {
			a->cur = i;
			app_cur(a); /* lays the view out */
		}
		if (pi >= 0)
			app_set_top(a, view_line_of_para(app_cur(a)->view, pi));
		else
			app_set_top(a, 0);
		app_msg(a, false, "%s%s%s", ref->target, ref->target_para ? " " : "",
			ref->target_para ? ref->target_para : "");
		return;
	}
	app_msg(a, false, "%s%s%s  %s", ref->target, ref->target_para ? " " : "",
		ref->target_para ? ref->target_para : "", ref->url ? ref->url : "");
}

static void show_footnotes(struct app *a)
{
	struct app_doc *d = app_cur(a);
	int p = pane_body_para(a), fns[16], n = 0;
	size_t i;

	for (i = 0; i < d->doc->n_footnotes && n < 16; i++)
		if (d->doc->footnotes[i].para == p && p >= 0)
			fns[n++] = (int)i;
	if (n == 0) {
		/* none in that paragraph: the first marker on screen */
		size_t nl;
		const struct view_link *lk = view_links(d->view, &nl);

		for (i = 0; i < nl; i++)
			if (lk[i].kind == VIEW_LINK_FOOTNOTE && link_in_view(a, (int)i)) {
				fns[n++] = lk[i].index;
				break;
			}
	}
	if (n == 0) {
		const char *id = p >= 0 ? d->doc->paras[p].id : NULL;

		app_msg(a, false, "no footnotes in %s", id ? id : "view");
		return;
	}
	pane_popup_footnotes(a, fns, n, marker_line(a, fns[0]));
}

static bool body_action(struct app *a, enum action act)
{
	struct app_doc *d = app_cur(a);
	int h = body_height(a), line;

	switch (act) {
	case ACTION_LINE_DOWN:
		if (d->top < app_max_top(a))
			app_set_top(a, d->top + 1);
		return true;
	case ACTION_LINE_UP:
		app_set_top(a, d->top - 1);
		return true;
	case ACTION_PAGE_DOWN:
		if (d->top < app_max_top(a))
			app_set_top(a, d->top + h > app_max_top(a) ? app_max_top(a) : d->top + h);
		return true;
	case ACTION_PAGE_UP:
		app_set_top(a, d->top - h);
		return true;
	case ACTION_TOP:
		if (d->top != 0)
			app_push_jump(a);
		app_set_top(a, 0);
		return true;
	case ACTION_BOTTOM:
		if (d->top != app_max_top(a))
			app_push_jump(a);
		app_set_top(a, app_max_top(a));
		return true;
	case ACTION_NEXT_PARAGRAPH:
		line = view_next_para_line(d->view, d->top);
		if (line < 0)
			app_msg(a, false, "last paragraph");
		else
			app_set_top(a, line);
		return true;
	case ACTION_PREV_PARAGRAPH:
		line = view_prev_para_line(d->view, d->top);
		if (line < 0)
			app_set_top(a, 0);
		else
			app_set_top(a, line);
		return true;
	case ACTION_NEXT_PART:
		line = view_next_part(d->view, d->top);
		if (line < 0) {
			app_msg(a, false, "last part");
		} else {
			app_push_jump(a);
			app_set_top(a, line);
		}
		return true;
	case ACTION_PREV_PART:
		line = view_prev_part(d->view, d->top);
		if (line < 0) {
			line = 0;
		}
		app_push_jump(a);
		app_set_top(a, line);
		return true;
	case ACTION_NEXT_LINK:
		select_link(a, true);
		return true;
	case ACTION_PREV_LINK:
		select_link(a, false);
		return true;
	case ACTION_FOLLOW_LINK:
		if (!link_in_view(a, d->link))
			app_msg(a, false, "no link selected (Tab selects one)");
		else
			pane_body_follow(a, d->link);
		return true;
	case ACTION_FOOTNOTES:
		show_footnotes(a);
		return true;
	default:
		return false;
	}
}

static bool body_click(struct app *a, int y, int x)
{
	struct app_doc *d = app_cur(a);
	int line = d->top + (y - a->lay.body.y), li;

	li = view_link_at(d->view, line, x - a->lay.body.x);
	if (li < 0)
		return false;
	d->link = li;
	pane_body_follow(a, li);
	return true;
}

const struct pane_ops pane_body_ops = {
	.name = "body",
	.draw = body_draw,
	.action = body_action,
	.click = body_click,
};
