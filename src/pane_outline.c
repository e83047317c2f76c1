/* pane_outline.c: the clause outline on the left: parts, paragraphs by
 * number and lead, sub-paragraphs folded under them, annexes, footnotes. */
#include "config.h"

#include <string.h>

#include "app_notes.h"
#include "pane.h"

/* Outline entry of what the body shows at its top, or -1. */
static int current_entry(struct app *a)
{
	struct app_doc *d = app_cur(a);
	const struct view_outline *o = d->outline;

	if (view_part_at_line(d->view, d->top) == VIEW_PART_FOOTNOTES) {
		size_t i;

		for (i = 0; i < o->n; i++)
			if (o->entries[i].kind == VIEW_OUTLINE_FOOTNOTES)
				return (int)i;
	}
	if (view_part_at_line(d->view, d->top) == VIEW_PART_HEADER)
		return -1;
	return view_outline_entry_for_para(o, pane_body_para(a));
}

void pane_outline_sync(struct app *a)
{
	struct app_doc *d = app_cur(a);
	int e = current_entry(a);

	if (e < 0)
		e = d->outline->n ? 0 : -1;
	d->osel = e;
}

static void outline_draw(struct app *a, const struct layout_rect *r)
{
	struct app_doc *d = app_cur(a);
	const struct view_outline *o = d->outline;
	int cur = current_entry(a), sel, vi, nvis, row, e;
	bool focused = a->focus == PANE_FOCUS_OUTLINE;

	if (o->n == 0) {
		a->outline_shown.valid = false;
		app_erase(r);
		ui_draw(r->y, r->x, r->w, "(no outline)", 12, app_style(a, PANE_STYLE(OUTLINE)));
		return;
	}
	if (d->osel < 0 || (size_t)d->osel >= o->n ||
	    view_outline_visible_index(o, d->osel) < 0)
		d->osel = cur >= 0 ? cur : 0;
	sel = focused ? d->osel : cur;
	nvis = (int)view_outline_n_visible(o);
	vi = sel >= 0 ? view_outline_visible_index(o, sel) : -1;
	if (sel < 0)
		d->otop = 0; /* in the header: the outline from its start */
	if (vi >= 0) {
		if (vi < d->otop)
			d->otop = vi;
		if (vi >= d->otop + r->h)
			d->otop = vi - r->h + 1;
	}
	if (d->otop > nvis - r->h)
		d->otop = nvis - r->h;
	if (d->otop < 0)
		d->otop = 0;
	if (!a->frame_full && a->outline_shown.valid && a->outline_shown.outline == o &&
	    a->outline_shown.cur == cur && a->outline_shown.sel == sel &&
	    a->outline_shown.otop == d->otop && a->outline_shown.focused == focused &&
	    memcmp(&a->outline_shown.r, r, sizeof(*r)) == 0)
		return; /* the screen still holds it */
	a->outline_shown = (struct pane_outline_shown){
		.valid = true, .outline = o, .r = *r, .cur = cur, .sel = sel, .otop = d->otop,
		.focused = focused,
	};
	app_erase(r);
	e = view_outline_nth_visible(o, (size_t)d->otop);
	for (row = 0; row < r->h && e >= 0; row++, e = view_outline_next_visible(o, e)) {
		const struct view_outline_entry *en = &o->entries[e];
		struct ui_style st = app_style(a, PANE_STYLE(OUTLINE));
		int x = 0, indent = en->depth * 2;
		const char *mark = en->foldable ? (en->folded ? "+ " : "- ") : "  ";

		if (e == cur)
			st = app_style(a, PANE_STYLE(OUTLINE_CURRENT));
		if (focused && e == d->osel) {
			st = app_style(a, PANE_STYLE(OUTLINE_CURSOR));
			ui_fill(r->y + row, r->x, r->w, st);
		}
		if (indent > r->w / 2)
			indent = r->w / 2;
		x = indent;
		x += ui_draw(r->y + row, r->x + x, r->w - x, mark, 2, st);
		ui_draw(r->y + row, r->x + x, r->w - x, en->label, strlen(en->label), st);
		pane_notes_mark_entry(a, e, r, row, focused && e == d->osel);
	}
}

static int last_visible(const struct view_outline *o)
{
	int e = o->n ? 0 : -1, n;

	while (e >= 0 && (n = view_outline_next_visible(o, e)) >= 0)
		e = n;
	return e;
}

static bool outline_action(struct app *a, enum action act)
{
	struct app_doc *d = app_cur(a);
	struct view_outline *o = d->outline;
	int h = a->lay.outline.h > 0 ? a->lay.outline.h : 1, i, e;
	struct view_outline_entry *en;

	if (o->n == 0 || d->osel < 0)
		return false;
	en = &o->entries[d->osel];
	switch (act) {
	case ACTION_LINE_DOWN:
		e = view_outline_next_visible(o, d->osel);
		if (e >= 0)
			d->osel = e;
		return true;
	case ACTION_LINE_UP:
		e = view_outline_prev_visible(o, d->osel);
		if (e >= 0)
			d->osel = e;
		return true;
	case ACTION_PAGE_DOWN:
	case ACTION_PAGE_UP:
		for (i = 0; i < h; i++) {
			e = act == ACTION_PAGE_DOWN ? view_outline_next_visible(o, d->osel)
						    : view_outline_prev_visible(o, d->osel);
			if (e < 0)
				break;
			d->osel = e;
		}
		return true;
	case ACTION_TOP:
		d->osel = 0;
		return true;
	case ACTION_BOTTOM:
		d->osel = last_visible(o);
		return true;
	case ACTION_FOLLOW_LINK: {
		int line = view_outline_target_line(o, d->view, (size_t)d->osel);

		if (line >= 0) {
			app_push_jump(a);
			app_set_top(a, line);
		}
		return true;
	}
	case ACTION_FOLD:
		if (en->foldable && !en->folded)
			view_outline_fold(o, (size_t)d->osel);
		else if (en->parent >= 0)
			d->osel = en->parent;
		return true;
	case ACTION_UNFOLD:
		if (en->foldable && en->folded)
			view_outline_unfold(o, (size_t)d->osel);
		else if (en->foldable && (size_t)d->osel + 1 < o->n)
			d->osel = d->osel + 1;
		return true;
	case ACTION_FOCUS_OUTLINE:
		a->focus = PANE_FOCUS_BODY;
		return true;
	default:
		return false;
	}
}

static bool outline_click(struct app *a, int y, int x)
{
	struct app_doc *d = app_cur(a);
	struct view_outline *o = d->outline;
	int e = view_outline_nth_visible(o, (size_t)(d->otop + (y - a->lay.outline.y)));
	int line;

	if (e < 0)
		return false;
	d->osel = e;
	/* a click on the fold mark folds or unfolds */
	if (o->entries[e].foldable) {
		int indent = o->entries[e].depth * 2;

		if (indent > a->lay.outline.w / 2)
			indent = a->lay.outline.w / 2;
		if (x - a->lay.outline.x == indent) {
			view_outline_toggle(o, (size_t)e);
			return true;
		}
	}
	line = view_outline_target_line(o, d->view, (size_t)e);
	if (line >= 0) {
		app_push_jump(a);
		app_set_top(a, line);
	}
	return true;
}

const struct pane_ops pane_outline_ops = {
	.name = "outline",
	.draw = outline_draw,
	.action = outline_action,
	.click = outline_click,
};
