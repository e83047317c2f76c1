/* app.c: the interactive reader: loading, the main loop, key dispatch,
 * go to, search, the jump stack, the status line and themes. */
#include "config.h"

#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app_library.h"
#include "app_notes.h"
#include "pane.h"
#include "parse.h"
#include "theme.h"
#include "userconfig.h"

/* ---- styles: view roles and pane styles -> theme roles ------------- */

static const struct {
	unsigned char role;   /* enum theme_role */
	unsigned short extra; /* THEME_ATTR_* added */
} style_map[PANE_N_STYLES] = {
	[VIEW_ROLE_TEXT] = { THEME_ROLE_NORMAL, 0 },
	[VIEW_ROLE_NUMBER] = { THEME_ROLE_NUMBER, 0 },
	[VIEW_ROLE_LEAD] = { THEME_ROLE_LEAD, 0 },
	[VIEW_ROLE_MARKER] = { THEME_ROLE_MARKER, 0 },
	[VIEW_ROLE_REFERENCE] = { THEME_ROLE_REFERENCE, 0 },
	[VIEW_ROLE_HEADING] = { THEME_ROLE_HEADING, 0 },
	[VIEW_ROLE_ANNEX_TITLE] = { THEME_ROLE_HEADING, 0 },
	[VIEW_ROLE_SYMBOL] = { THEME_ROLE_NUMBER, 0 },
	[VIEW_ROLE_BODY] = { THEME_ROLE_NORMAL, THEME_ATTR_BOLD },
	[VIEW_ROLE_DATE] = { THEME_ROLE_NORMAL, 0 },
	[VIEW_ROLE_TITLE] = { THEME_ROLE_HEADING, 0 },
	[VIEW_ROLE_RULE] = { THEME_ROLE_OUTLINE, THEME_ATTR_DIM },
	[VIEW_ROLE_FOOTNOTE_NUMBER] = { THEME_ROLE_MARKER, 0 },
	[VIEW_ROLE_FOOTNOTE_TEXT] = { THEME_ROLE_NORMAL, 0 },
	[VIEW_ROLE_CONTROL] = { THEME_ROLE_ERROR, 0 },
	[PANE_STYLE(STATUS)] = { THEME_ROLE_STATUS, 0 },
	[PANE_STYLE(STATUS_ERROR)] = { THEME_ROLE_ERROR, 0 },
	[PANE_STYLE(OUTLINE)] = { THEME_ROLE_OUTLINE, 0 },
	[PANE_STYLE(OUTLINE_CURRENT)] = { THEME_ROLE_OUTLINE_CURRENT, 0 },
	[PANE_STYLE(OUTLINE_CURSOR)] = { THEME_ROLE_SELECTION, 0 },
	[PANE_STYLE(SEPARATOR)] = { THEME_ROLE_OUTLINE, THEME_ATTR_DIM },
	[PANE_STYLE(SEARCH)] = { THEME_ROLE_SEARCH_MATCH, 0 },
	[PANE_STYLE(SEARCH_CURRENT)] = { THEME_ROLE_SEARCH_MATCH,
					 THEME_ATTR_BOLD | THEME_ATTR_UNDERLINE },
	[PANE_STYLE(LINK_SELECTED)] = { THEME_ROLE_LINK_FOCUS, 0 },
	[PANE_STYLE(POPUP)] = { THEME_ROLE_POPUP, 0 },
	[PANE_STYLE(POPUP_BORDER)] = { THEME_ROLE_POPUP_BORDER, 0 },
	[PANE_STYLE(PROMPT)] = { THEME_ROLE_PROMPT, 0 },
	[PANE_STYLE(NOTE_MARK)] = { THEME_ROLE_NOTE_MARK, 0 },
};

/* A palette colour the terminal may not have, brought down to what it has. */
static short degrade_colour(int c, int n)
{
	static const unsigned char level[6] = { 0, 95, 135, 175, 215, 255 };
	unsigned r, g, b;

	if (c < 0 || n < 8)
		return -1;
	if (c < n)
		return (short)c;
	if (c < 16)
		return (short)(c - 8);
	if (c >= 232) {
		unsigned v = 8 + 10 * (unsigned)(c - 232);

		r = g = b = v;
	} else {
		c -= 16;
		r = level[c / 36];
		g = level[(c / 6) % 6];
		b = level[c % 6];
	}
	/* the nearest of the eight basic colours, by thresholds */
	return (short)((r > 127 ? 1 : 0) | (g > 127 ? 2 : 0) | (b > 127 ? 4 : 0));
}

static void apply_theme(struct app *a, struct theme *t)
{
	size_t i;

	if (!a->ui.colour)
		theme_apply_no_color(t);
	for (i = 0; i < PANE_N_STYLES; i++) {
		const struct theme_style *ts = &t->style[style_map[i].role];
		unsigned at = ts->attrs | style_map[i].extra;
		attr_t attr = A_NORMAL;
		short pair = 0;

		if (at & THEME_ATTR_BOLD)
			attr |= A_BOLD;
		if (at & THEME_ATTR_ITALIC)
			attr |= a->ui.has_italic ? A_ITALIC : A_UNDERLINE;
		if (at & THEME_ATTR_UNDERLINE)
			attr |= A_UNDERLINE;
		if (at & THEME_ATTR_REVERSE)
			attr |= A_REVERSE;
		if (at & THEME_ATTR_DIM)
			attr |= A_DIM;
		if (at & THEME_ATTR_STANDOUT)
			attr |= A_STANDOUT;
		if (a->ui.colour)
			pair = ui_pair(&a->ui, degrade_colour(ts->fg, a->ui.n_colours),
				       degrade_colour(ts->bg, a->ui.n_colours));
		ui_set_style(&a->ui, i, attr, pair);
	}
	/* an error on the status line keeps the status line's look */
	{
		struct ui_style s = ui_style_of(&a->ui, PANE_STYLE(STATUS_ERROR));

		s.attr |= A_BOLD;
		if (!a->ui.colour)
			s.attr |= A_REVERSE;
		ui_set_style(&a->ui, PANE_STYLE(STATUS_ERROR), s.attr, s.pair);
	}
}

struct ui_style app_style(const struct app *a, size_t s)
{
	return ui_style_of(&a->ui, s);
}

/* ---- messages ------------------------------------------------------ */

void app_msg(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof(a->msg), fmt, ap);
	va_end(ap);
	a->msg_error = error;
}

/* ---- documents ----------------------------------------------------- */

static void prepare_doc(struct app_doc *d)
{
	const struct doc *doc = d->doc;
	size_t i;

	d->ordinal = util_xcalloc(doc->n_paras ? doc->n_paras : 1, sizeof(int));
	for (i = 0; i < doc->n_paras; i++) {
		const struct doc_para *p = &doc->paras[i];

		if (p->parent >= 0 && (size_t)p->parent < i)
			d->ordinal[i] = d->ordinal[p->parent];
		else if (p->part == DOC_PART_PREAMBLE && p->kind == DOC_PARA_PREAMBULAR)
			d->ordinal[i] = ++d->n_pp;
		else if (p->part == DOC_PART_OPERATIVE && p->kind == DOC_PARA_OPERATIVE)
			d->ordinal[i] = ++d->n_op;
	}
	d->link = -1;
	d->osel = -1;
	d->match_hit = -1;
}

static int body_width(const struct app *a)
{
	return a->lay.body.w > 0 ? a->lay.body.w : 1;
}

static int body_rows(const struct app *a)
{
	return a->lay.body.h > 0 ? a->lay.body.h : 1;
}

static struct pane_anchor anchor_of(struct app *a, struct app_doc *d)
{
	struct pane_anchor an = { (int)(d - a->docs), -1, -1, 0, d->top };
	const struct view_line *l;
	int line = d->top;

	if (!d->view)
		return an;
	if (view_part_at_line(d->view, line) == VIEW_PART_FOOTNOTES) {
		for (; line >= 0 && (l = view_line(d->view, (size_t)line)); line--)
			if (l->footnote >= 0) {
				an.fn = l->footnote;
				an.delta = d->top - view_line_of_footnote(d->view, an.fn);
				return an;
			}
	}
	an.para = view_para_at_line(d->view, d->top);
	if (an.para >= 0)
		an.delta = d->top - view_line_of_para(d->view, an.para);
	return an;
}

static int anchor_line(struct app_doc *d, const struct pane_anchor *an)
{
	int base;

	if (an->fn >= 0 && (base = view_line_of_footnote(d->view, an->fn)) >= 0)
		return base + an->delta;
	if (an->para >= 0 && (base = view_line_of_para(d->view, an->para)) >= 0)
		return base + an->delta;
	return an->line;
}

static void clamp_top(struct app_doc *d)
{
	int n = (int)view_n_lines(d->view);

	if (d->top > n - 1)
		d->top = n - 1;
	if (d->top < 0)
		d->top = 0;
}

/* Lay the document out for the body's width (first time or after a
 * resize), keeping the reader's place. */
static void ensure_view(struct app *a, struct app_doc *d)
{
	if (!d->view) {
		d->view = view_build(d->doc, body_width(a));
		d->outline = view_outline_build(d->doc);
		d->top = 0;
		return;
	}
	if (d->view->width != body_width(a)) {
		struct pane_anchor an = anchor_of(a, d);

		view_rewrap(d->view, body_width(a));
		d->top = anchor_line(d, &an);
		clamp_top(d);
		d->found_valid = false;
		d->match_hit = -1;
	}
}

struct app_doc *app_cur(struct app *a)
{
	struct app_doc *d = &a->docs[a->cur];

	ensure_view(a, d);
	return d;
}

int app_max_top(struct app *a)
{
	struct app_doc *d = app_cur(a);
	int m = (int)view_n_lines(d->view) - body_rows(a);

	return m > 0 ? m : 0;
}

void app_set_top(struct app *a, int line)
{
	struct app_doc *d = app_cur(a);

	d->top = line;
	clamp_top(d);
}

struct pane_anchor app_anchor(struct app *a)
{
	return anchor_of(a, app_cur(a));
}

/* the jump stack is app_library.c's back/forward history */
void app_push_jump(struct app *a)
{
	struct pane_anchor an = app_anchor(a);

	app_lib_push(a, &an);
}

void app_jump_para(struct app *a, int para)
{
	app_push_jump(a);
	app_set_top(a, view_line_of_para(app_cur(a)->view, para));
}

void app_goto_anchor(struct app *a, const struct pane_anchor *an)
{
	struct app_doc *d;

	if (an->doc >= 0 && (size_t)an->doc < a->n_docs)
		a->cur = (size_t)an->doc;
	d = app_cur(a);
	d->top = anchor_line(d, an);
	clamp_top(d);
}

static void switch_doc(struct app *a, int delta)
{
	struct app_doc *d;

	/* wrapping around, or not knowing whether there is another: all of them */
	if (a->loading && (delta < 0 ? a->cur == 0 : a->cur + 1 >= a->n_docs))
		app_load_all(a);
	if (a->n_docs < 2) {
		app_msg(a, false, "only one document is open");
		return;
	}
	a->cur = (a->cur + a->n_docs + (size_t)(delta > 0 ? 1 : a->n_docs - 1)) % a->n_docs;
	a->cur %= a->n_docs;
	d = app_cur(a);
	d->osel = -1;
	app_msg(a, false, "document %zu/%zu: %s", a->cur + 1, a->n_docs,
		d->doc->symbol ? d->doc->symbol : d->file);
}

/* ---- go to --------------------------------------------------------- */

/* "op1–op17": the range of top-level paragraphs of a part. */
static void part_range(const struct doc *doc, enum doc_part part, char *out, size_t n)
{
	const char *first = NULL, *last = NULL;
	size_t i;

	for (i = 0; i < doc->n_paras; i++) {
		const struct doc_para *p = &doc->paras[i];

		if (p->part != part || p->parent >= 0 || !p->id)
			continue;
		if (p->kind != DOC_PARA_OPERATIVE && p->kind != DOC_PARA_PREAMBULAR)
			continue;
		if (!first)
			first = p->id;
		last = p->id;
	}
	if (first)
		snprintf(out, n, " (%s\u2013%s)", first, last);
	else
		out[0] = 0;
}

static void do_goto(struct app *a, const char *in)
{
	struct app_doc *d = app_cur(a);
	char id[128], range[96];
	int pi;

	while (*in == ' ')
		in++;
	if (!*in)
		return;
	if (!doc_normalize_id(in, id, sizeof(id))) {
		app_msg(a, true, "not a paragraph: %s (try 12, 5(c), pp3, fn2)", in);
		return;
	}
	if (strncmp(id, "fn", 2) == 0) {
		int fi = doc_find_footnote(d->doc, id), line;

		if (fi < 0) {
			app_msg(a, true, "no footnote %s (%zu footnotes)", in,
				d->doc->n_footnotes);
			return;
		}
		line = view_line_of_footnote(d->view, fi);
		if (line >= 0) {
			app_push_jump(a);
			app_set_top(a, line);
		} else {
			pane_popup_footnotes(a, &fi, 1, -1);
		}
		return;
	}
	pi = doc_find_para(d->doc, id);
	if (pi < 0) {
		enum doc_part part = strncmp(id, "pp", 2) == 0 ? DOC_PART_PREAMBLE
							       : DOC_PART_OPERATIVE;

		part_range(d->doc, part, range, sizeof(range));
		app_msg(a, true, "no paragraph %s%s", in, range);
		return;
	}
	app_jump_para(a, pi);
}

/* ---- search -------------------------------------------------------- */

static void do_search(struct app *a, bool forward, bool fresh)
{
	struct app_doc *d = app_cur(a);
	int line, col, idx, h = body_rows(a);
	bool wrapped = false;
	const struct search_hit *hit;

	if (!a->needle[0]) {
		app_msg(a, false, "no search yet (/ searches)");
		return;
	}
	if (!d->found_valid) {
		search_view(d->view, a->needle, &d->found);
		d->found_valid = true;
		d->match_hit = -1;
	}
	if (d->found.n_matches == 0) {
		app_msg(a, true, "not found: %s", a->needle);
		return;
	}
	if (!fresh && d->match_hit >= 0 && (size_t)d->match_hit < d->found.n_hits &&
	    d->found.hits[d->match_hit].line >= d->top &&
	    d->found.hits[d->match_hit].line < d->top + h) {
		line = d->found.hits[d->match_hit].line;
		col = d->found.hits[d->match_hit].col;
	} else if (forward) {
		line = d->top;
		col = -1;
	} else {
		line = d->top;
		col = 0;
	}
	idx = search_next(&d->found, line, col, forward, &wrapped);
	if (idx < 0)
		return;
	d->match_hit = idx;
	hit = &d->found.hits[idx];
	if (hit->line < d->top || hit->line >= d->top + h) {
		app_push_jump(a);
		app_set_top(a, hit->line > 2 ? hit->line - 2 : 0);
	}
	app_msg(a, false, "match %d/%zu%s", hit->match + 1, d->found.n_matches,
		wrapped ? (forward ? " (wrapped to the top)" : " (wrapped to the end)") : "");
}

static void new_search(struct app *a, const char *needle)
{
	size_t i;

	if (!*needle) {
		/* an empty search repeats the last one, as in less */
		do_search(a, true, false);
		return;
	}
	snprintf(a->needle, sizeof(a->needle), "%s", needle);
	for (i = 0; i < a->n_docs; i++)
		a->docs[i].found_valid = false;
	do_search(a, true, true);
}

/* ---- layout and drawing --------------------------------------------- */

static void relayout(struct app *a)
{
	a->lopts.prompt = a->prompt != NULL;
	layout_compute(LINES, COLS, &a->lopts, &a->lay);
	app_cur(a);
	pane_popup_relayout(a);
}

/* "op 12/17" and the like. */
static void position_text(struct app *a, char *out, size_t n)
{
	struct app_doc *d = app_cur(a);
	enum view_part part = view_part_at_line(d->view, d->top);
	int p = view_para_at_line(d->view, d->top), total = (int)view_n_lines(d->view);
	char pct[16];

	if (d->top + body_rows(a) >= total)
		snprintf(pct, sizeof(pct), d->top == 0 ? "All" : "Bot");
	else if (d->top == 0)
		snprintf(pct, sizeof(pct), "Top");
	else
		snprintf(pct, sizeof(pct), "%d%%",
			 (int)((long)d->top * 100 / (total ? total : 1)));
	if (part == VIEW_PART_FOOTNOTES) {
		const struct view_line *l = view_line(d->view, (size_t)d->top);
		int fn = l ? l->footnote : -1;

		if (fn >= 0)
			snprintf(out, n, "fn %d/%zu  %s", fn + 1, d->doc->n_footnotes, pct);
		else
			snprintf(out, n, "footnotes  %s", pct);
	} else if (part == VIEW_PART_HEADER || p < 0) {
		snprintf(out, n, "%s", pct);
	} else {
		const struct doc_para *pa = &d->doc->paras[p];

		if (pa->part == DOC_PART_PREAMBLE && d->ordinal[p])
			snprintf(out, n, "pp %d/%d  %s", d->ordinal[p], d->n_pp, pct);
		else if (pa->part == DOC_PART_OPERATIVE && d->ordinal[p])
			snprintf(out, n, "op %d/%d  %s", d->ordinal[p], d->n_op, pct);
		else
			snprintf(out, n, "%s  %s", pa->id ? pa->id : "", pct);
	}
}

static void draw_status(struct app *a, const struct layout_rect *r)
{
	struct app_doc *d = app_cur(a);
	struct ui_style st = app_style(a, PANE_STYLE(STATUS));
	char left[256], pos[96];
	int x;

	if (r->h <= 0 || r->w <= 0)
		return;
	ui_fill(r->y, r->x, r->w, st);
	position_text(a, pos, sizeof(pos));
	if (a->loading) /* the rest of a compilation is being read */
		snprintf(left, sizeof(left), " %s [%zu/%zu+ %d%%]  %s ",
			 d->doc->symbol ? d->doc->symbol : d->file, a->cur + 1, a->n_docs,
			 (int)(parse_progress(a->loading) * 100), pos);
	else if (a->n_docs > 1)
		snprintf(left, sizeof(left), " %s [%zu/%zu]  %s ",
			 d->doc->symbol ? d->doc->symbol : d->file, a->cur + 1, a->n_docs, pos);
	else
		snprintf(left, sizeof(left), " %s  %s ",
			 d->doc->symbol ? d->doc->symbol : d->file, pos);
	if (a->focus == PANE_FOCUS_OUTLINE && strlen(left) + 10 < sizeof(left))
		strcat(left, "[outline] ");
	x = ui_draw(r->y, r->x, r->w, left, strlen(left), st);
	if (a->msg[0] && x < r->w) {
		struct ui_style ms = a->msg_error ? app_style(a, PANE_STYLE(STATUS_ERROR)) : st;

		x += ui_draw(r->y, r->x + x, r->w - x, " ", 1, st);
		ui_draw(r->y, r->x + x, r->w - x, a->msg, strlen(a->msg), ms);
	} else if (!a->msg[0] && r->w - x > 12) {
		static const char hint[] = "? help  q quit ";
		int hw = (int)sizeof(hint) - 1;

		if (r->w - x > hw)
			ui_draw(r->y, r->x + r->w - hw, hw, hint, (size_t)hw, st);
	}
}

void app_erase(const struct layout_rect *r)
{
	const struct ui_style plain = { 0 };

	for (int y = 0; y < r->h; y++)
		ui_fill(r->y + y, r->x, r->w, plain);
}

/* Actions that only move the body: after them the outline is drawn again
 * only if its own state changed (pane_outline.c). */
static const bool scroll_only[ACTION_COUNT] = {
	[ACTION_LINE_DOWN] = true, [ACTION_LINE_UP] = true, [ACTION_PAGE_DOWN] = true,
	[ACTION_PAGE_UP] = true, [ACTION_TOP] = true, [ACTION_BOTTOM] = true,
	[ACTION_NEXT_PARAGRAPH] = true, [ACTION_PREV_PARAGRAPH] = true,
	[ACTION_NEXT_PART] = true, [ACTION_PREV_PART] = true, [ACTION_SEARCH_NEXT] = true,
	[ACTION_SEARCH_PREV] = true, [ACTION_NEXT_LINK] = true, [ACTION_PREV_LINK] = true,
};

static void draw(struct app *a)
{
	const struct layout *l = &a->lay;
	int y;

	if (a->frame_full || !l->outline_shown) {
		werase(stdscr);
		a->outline_shown.valid = false;
	} else {
		/* the outline erases itself if it has changed */
		app_erase(&l->sep);
		app_erase(&l->body);
		app_erase(&l->status);
		app_erase(&l->prompt);
	}
	if (l->outline_shown)
		pane_outline_ops.draw(a, &l->outline);
	if (l->sep.h > 0 && l->sep.w > 0) {
		struct ui_style st = app_style(a, PANE_STYLE(SEPARATOR));

		wattr_set(stdscr, st.attr, st.pair, NULL);
		for (y = 0; y < l->sep.h; y++)
			mvwadd_wch(stdscr, l->sep.y + y, l->sep.x, WACS_VLINE);
		wattr_set(stdscr, A_NORMAL, 0, NULL);
	}
	if (l->body.h > 0 && l->body.w > 0)
		pane_body_ops.draw(a, &l->body);
	if (a->popup.kind != PANE_POPUP_NONE)
		pane_popup_ops.draw(a, &l->body);
	app_notes_draw(a);
	draw_status(a, &l->status);
	app_lib_draw(a);
	if (a->prompt && l->prompt.h > 0)
		ui_prompt_draw(a->prompt, l->prompt.y, l->prompt.x, l->prompt.w,
			       app_style(a, PANE_STYLE(PROMPT)));
	wnoutrefresh(stdscr);
	doupdate();
	app_lib_after_draw(a);
	a->frame_full = false;
}

/* ---- keys ----------------------------------------------------------- */

static void open_prompt(struct app *a, struct ui_prompt *p, const char *lead)
{
	ui_prompt_start(p, lead);
	a->prompt = p;
	relayout(a);
}

static void prompt_key(struct app *a, int key)
{
	struct ui_prompt *p = a->prompt;
	enum ui_prompt_status s = ui_prompt_key(p, key);

	if (s == UI_PROMPT_EDITING)
		return;
	a->prompt = NULL;
	relayout(a);
	if (s == UI_PROMPT_CANCEL)
		return;
	if (p == &a->prompt_goto)
		do_goto(a, p->text.data ? p->text.data : "");
	else
		new_search(a, p->text.data ? p->text.data : "");
}

static void global_action(struct app *a, enum action act, int key)
{
	switch (act) {
	case ACTION_QUIT:
		a->quit = true;
		break;
	case ACTION_HELP:
		pane_popup_help(a);
		break;
	case ACTION_GOTO:
		open_prompt(a, &a->prompt_goto, ":");
		break;
	case ACTION_SEARCH:
		open_prompt(a, &a->prompt_search, "/");
		break;
	case ACTION_SEARCH_NEXT:
		do_search(a, true, false);
		break;
	case ACTION_SEARCH_PREV:
		do_search(a, false, false);
		break;
	case ACTION_BACK:
		app_lib_back(a);
		break;
	case ACTION_TOGGLE_OUTLINE:
		a->lopts.outline = !a->lopts.outline;
		if (!a->lopts.outline)
			a->focus = PANE_FOCUS_BODY;
		relayout(a);
		break;
	case ACTION_FOCUS_OUTLINE:
		if (!a->lopts.outline) {
			a->lopts.outline = true;
			relayout(a);
		}
		if (!a->lay.outline_shown) {
			app_msg(a, false, "the window is too narrow for the outline");
			break;
		}
		a->focus = PANE_FOCUS_OUTLINE;
		pane_outline_sync(a);
		break;
	case ACTION_NEXT_DOC:
		switch_doc(a, 1);
		break;
	case ACTION_PREV_DOC:
		switch_doc(a, -1);
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACTION_FOLD:
	case ACTION_UNFOLD: {
		struct app_doc *d = app_cur(a);
		int e = view_outline_entry_for_para(d->outline, pane_body_para(a));

		while (e >= 0 && !d->outline->entries[e].foldable)
			e = d->outline->entries[e].parent;
		if (e >= 0) {
			if (act == ACTION_FOLD)
				view_outline_fold(d->outline, (size_t)e);
			else
				view_outline_unfold(d->outline, (size_t)e);
		}
		break;
	}
	case ACTION_NOTE_EDIT:
	case ACTION_NOTE_EDITOR:
	case ACTION_NOTE_DELETE:
	case ACTION_HIGHLIGHT:
	case ACTION_NOTES_LIST:
	case ACTION_NOTES_SHOW:
		app_notes_action(a, act);
		break;
	case ACTION_NONE: {
		char name[32];

		if (key == ACTION_KEY_ESC)
			break;
		action_key_name(key, name, sizeof(name));
		app_msg(a, false, "%s does nothing here (? lists the keys)", name);
		break;
	}
	default:
		break;
	}
}

static void mouse_event(struct app *a)
{
	MEVENT ev;
	enum action act = ACTION_NONE;
	int i;

	if (getmouse(&ev) != OK)
		return;
	if (app_lib_mouse(a, &ev))
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		act = ACTION_LINE_UP;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		act = ACTION_LINE_DOWN;
#endif
	if (act != ACTION_NONE) {
		for (i = 0; i < 3; i++) {
			if (a->popup.kind != PANE_POPUP_NONE)
				pane_popup_ops.action(a, act);
			else if (a->lay.outline_shown &&
				 layout_rect_contains(&a->lay.outline, ev.y, ev.x)) {
				struct app_doc *d = app_cur(a);

				d->otop += act == ACTION_LINE_DOWN ? 1 : -1;
				if (d->otop < 0)
					d->otop = 0;
			} else
				pane_body_ops.action(a, act);
		}
		return;
	}
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return;
	if (a->popup.kind != PANE_POPUP_NONE) {
		pane_popup_ops.click(a, ev.y, ev.x);
		return;
	}
	if (a->lay.outline_shown && layout_rect_contains(&a->lay.outline, ev.y, ev.x))
		pane_outline_ops.click(a, ev.y, ev.x);
	else if (layout_rect_contains(&a->lay.body, ev.y, ev.x))
		pane_body_ops.click(a, ev.y, ev.x);
}

/* Act on a key; true when all it did was move the body (see draw). */
static bool act_on_key(struct app *a, int key)
{
	enum action act;

	if (key == UI_KEY_RESIZE) {
		relayout(a);
		return false;
	}
	if (app_notes_key(a, key))
		return false;
	if (key == UI_KEY_MOUSE) {
		mouse_event(a);
		return false;
	}
	if (a->prompt) {
		prompt_key(a, key);
		return false;
	}
	a->msg[0] = 0;
	act = action_lookup(&a->keys, key);
	if (app_lib_key(a, key, act))
		return false;
	if (a->popup.kind != PANE_POPUP_NONE) {
		if (key == ACTION_KEY_ESC)
			pane_popup_close(a);
		else if (!pane_popup_ops.action(a, act) && act == ACTION_REDRAW)
			clearok(curscr, TRUE);
		return false;
	}
	if (a->focus == PANE_FOCUS_OUTLINE) {
		if (key == ACTION_KEY_ESC) {
			a->focus = PANE_FOCUS_BODY;
			return false;
		}
		if (!a->lay.outline_shown)
			a->focus = PANE_FOCUS_BODY;
		else if (pane_outline_ops.action(a, act))
			return false;
	}
	if (key == ACTION_KEY_ESC) {
		app_cur(a)->link = -1;
		return false;
	}
	if (pane_body_ops.action(a, act))
		return act >= 0 && act < ACTION_COUNT && scroll_only[act];
	global_action(a, act, key);
	return false;
}

static void handle_key(struct app *a, int key)
{
	if (!act_on_key(a, key))
		a->frame_full = true;
}

/* ---- start-up -------------------------------------------------------- */

/* Documents parsed between two looks at the keyboard while a compilation
 * is read: about 40 kB, a fraction of a millisecond, so a key never waits. */
#define LOAD_STEP 4

/* Append the documents sets[k].docs[from..] to a->docs. */
static void add_docs(struct app *a, size_t k, size_t from, const char *file)
{
	const struct doc_set *s = &a->sets[k];

	if (s->n <= from)
		return;
	a->docs = util_xrealloc(a->docs, a->n_docs + (s->n - from), sizeof(*a->docs));
	for (size_t i = from; i < s->n; i++) {
		struct app_doc *d = &a->docs[a->n_docs++];

		memset(d, 0, sizeof(*d));
		d->doc = s->docs[i];
		d->file = file;
		prepare_doc(d);
	}
}

size_t app_load_more(struct app *a, size_t max)
{
	size_t k = a->loading_set, before = a->n_docs, from;

	if (!a->loading)
		return 0;
	from = a->sets[k].n;
	parse_next(a->loading, &a->sets[k], max);
	add_docs(a, k, from, a->loading_file);
	if (parse_done(a->loading)) {
		parse_close(a->loading);
		a->loading = NULL;
	}
	return a->n_docs - before;
}

void app_load_all(struct app *a)
{
	app_load_more(a, SIZE_MAX);
}

/* Open PATH: its first document at once; with `lazy` the rest is parsed
 * between keys (app_load_more), otherwise now. */
static int load_file(struct app *a, const char *path, bool lazy, char *err, size_t errlen)
{
	struct parse_stream *ps;
	const char *file;

	app_load_all(a); /* one file at a time */
	ps = parse_open(path, NULL, err, errlen);
	if (!ps)
		return -1;
	file = util_arena_strdup(&a->arena, path);
	a->sets = util_xrealloc(a->sets, a->n_sets + 1, sizeof(*a->sets));
	memset(&a->sets[a->n_sets], 0, sizeof(*a->sets));
	a->loading = ps;
	a->loading_set = a->n_sets++;
	a->loading_file = file;
	/* parse_next always hands out at least one document */
	app_load_more(a, 1);
	if (!lazy)
		app_load_all(a);
	return (int)a->sets[a->loading_set].n;
}

int app_open_file(struct app *a, const char *path, char *err, size_t errlen)
{
	return load_file(a, path, false, err, errlen);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Every *.txt of the samples directory, sorted. */
static void load_samples(struct app *a, const char *dir, char *err, size_t errlen)
{
	DIR *dp = dir ? opendir(dir) : NULL;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;

	if (!dp) {
		snprintf(err, errlen, "no file given and no samples in %s", dir ? dir : "(none)");
		return;
	}
	while ((de = readdir(dp))) {
		size_t l = strlen(de->d_name);

		if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0 && de->d_name[0] != '.') {
			names = util_xrealloc(names, n + 1, sizeof(*names));
			names[n++] = util_arena_printf(&a->arena, "%s/%s", dir, de->d_name);
		}
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		char e[256];

		if (load_file(a, names[i], false, e, sizeof(e)) < 0)
			snprintf(err, errlen, "%s: %s", names[i], e);
	}
	if (n == 0)
		snprintf(err, errlen, "no file given and no samples in %s", dir);
	free(names);
}

/* Apply config.yaml's keys: section. Reports the first problem. */
static void apply_bindings(struct app *a, const struct config *cfg, char *err, size_t errlen)
{
	size_t i, j;
	int *keys = util_xcalloc(cfg->n_bindings ? cfg->n_bindings : 1, sizeof(int));
	bool *done = util_xcalloc(cfg->n_bindings ? cfg->n_bindings : 1, sizeof(bool));

	for (i = 0; i < cfg->n_bindings; i++) {
		const struct config_binding *b = &cfg->bindings[i];
		size_t nk = 0;
		char e[160];

		if (done[i])
			continue;
		for (j = i; j < cfg->n_bindings; j++) {
			if (done[j] || strcmp(cfg->bindings[j].action, b->action) != 0)
				continue;
			done[j] = true;
			/* userconfig.h's key codes are action.h's */
			if (cfg->bindings[j].key != CONFIG_KEY_NONE)
				keys[nk++] = cfg->bindings[j].key;
		}
		if (!action_keymap_bind(&a->keys, b->action, keys, nk, e, sizeof(e)) && !err[0])
			config_errorf(cfg, b->action_line, b->action_col, err, errlen, "%s", e);
	}
	free(keys);
	free(done);
}

/* Shorten a message that starts with $HOME/ to ~/ (in place). */
static const char *home_tilde(char *msg)
{
	const char *home = getenv("HOME");
	size_t n = home ? strlen(home) : 0;

	if (n > 1 && strncmp(msg, home, n) == 0 && msg[n] == '/') {
		msg[0] = '~';
		memmove(msg + 1, msg + n, strlen(msg + n) + 1);
	}
	return msg;
}

static void app_free(struct app *a)
{
	size_t i;

	parse_close(a->loading);
	a->loading = NULL;
	app_notes_free(a);
	for (i = 0; i < a->n_docs; i++) {
		view_free(a->docs[i].view);
		view_outline_free(a->docs[i].outline);
		search_result_free(&a->docs[i].found);
		free(a->docs[i].ordinal);
	}
	free(a->docs);
	for (i = 0; i < a->n_sets; i++)
		doc_set_free(&a->sets[i]);
	free(a->sets);
	app_lib_free(a);
	pane_popup_free(a);
	ui_prompt_free(&a->prompt_goto);
	ui_prompt_free(&a->prompt_search);
	action_keymap_free(&a->keys);
	util_arena_free(&a->arena);
}

int app_run(const struct app_opts *o)
{
	struct app *a = util_xcalloc(1, sizeof(*a));
	char err[512] = "", load_err[512] = "", cfg_err[512] = "", theme_err[512] = "";
	struct config cfg;
	struct theme theme;
	struct theme_dirs dirs;
	struct util_buf errs = { 0 };
	const char *theme_name;
	size_t i;
	int status = 0, sig;
	bool lib_view, cfg_ok;

	/* documents first: standard input is read before curses takes the tty;
	 * a directory or several files open the library view (app_library.c) */
	/* config.yaml once: library: and opener: for app_library.c, keys: and
	 * theme: below */
	config_init(&cfg);
	cfg_ok = config_load(NULL, &cfg, cfg_err, sizeof(cfg_err)) == 0;
	lib_view = app_lib_start(a, o, cfg_ok ? &cfg : NULL, load_err, sizeof(load_err));
	if (o->n_paths == 0 && !lib_view)
		load_samples(a, o->samples_dir, load_err, sizeof(load_err));
	for (i = 0; i < o->n_paths && !lib_view; i++) {
		char e[256];

		if (load_file(a, o->paths[i], o->n_paths == 1, e, sizeof(e)) < 0) {
			util_buf_puts(&errs, "resolute: ");
			util_sanitize(&errs, o->paths[i], strlen(o->paths[i]));
			util_buf_puts(&errs, ": ");
			util_sanitize(&errs, e, strlen(e));
			util_buf_putc(&errs, '\n');
			if (!load_err[0])
				snprintf(load_err, sizeof(load_err), "%s: %s", o->paths[i], e);
		}
	}
	if (a->n_docs == 0) {
		/* nothing to show: every problem on standard error */
		if (errs.len)
			fputs(errs.data, stderr);
		else
			util_err_line(stderr, load_err, NULL);
		util_buf_free(&errs);
		config_free(&cfg);
		app_free(a);
		free(a);
		return 1;
	}
	util_buf_free(&errs);

	action_keymap_init(&a->keys);
	if (cfg_ok)
		apply_bindings(a, &cfg, cfg_err, sizeof(cfg_err));
	theme_name = o->theme ? o->theme : cfg.theme ? cfg.theme : "default";
	theme_dirs_init(&dirs, SRCDIR_THEMES);
	theme_load(theme_name, dirs.dirs, &theme, theme_err, sizeof(theme_err));
	if (theme_no_color_requested())
		theme_apply_no_color(&theme);

	if (!ui_open(&a->ui, PANE_N_STYLES, !theme_no_color_requested(), err, sizeof(err))) {
		util_err_line(stderr, err, NULL);
		config_free(&cfg);
		app_free(a);
		free(a);
		return 1;
	}
	apply_theme(a, &theme);
	/* no click resolution (mouseinterval 0): a press acts at once */
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		  | BUTTON5_PRESSED
#endif
		  , NULL);
	mouseinterval(0);
	a->frame_full = true;
	a->lopts.outline = true;
	relayout(a);
	app_notes_init(a);

	if (theme_err[0])
		app_msg(a, true, "%s (default theme used)", home_tilde(theme_err));
	else if (cfg_err[0])
		app_msg(a, true, "%s", home_tilde(cfg_err));
	else if (load_err[0])
		app_msg(a, true, "%s", load_err);
	if (o->goto_id)
		do_goto(a, o->goto_id);
	config_free(&cfg);

	for (;;) {
		int key;
		unsigned steps = 0;

		if ((sig = ui_pending_signal()) != 0) {
			status = 128 + sig;
			break;
		}
		if (a->quit)
			break;
		draw(a);
		/* the notes store is opened once the first frame is out */
		if (app_notes_start(a)) {
			a->frame_full = true;
			continue;
		}
		do {
			/* the rest of a compilation is parsed while no key waits */
			key = ui_getkey(&a->ui, a->loading ? 0 : 1000);
			if (key == UI_KEY_NONE && a->loading) {
				app_load_more(a, LOAD_STEP);
				/* now and then a frame: the status line counts them */
				if (!a->loading || ++steps % 16 == 0)
					break;
			}
		} while (key == UI_KEY_NONE && !ui_pending_signal());
		/* handle every key already typed, then draw once: holding a key
		 * down never queues screens */
		while (key != UI_KEY_NONE && !a->quit && !ui_pending_signal()) {
			handle_key(a, key);
			key = ui_getkey(&a->ui, 0);
		}
	}
	app_notes_save_pending(a);
	ui_close(&a->ui);
	app_free(a);
	free(a);
	return status;
}
