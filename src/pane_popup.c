/* pane_popup.c: the bordered window over the body: footnotes (placed so
 * that the marker's line stays visible) and the help overlay. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pane.h"

static void popup_clear(struct pane_popup *p)
{
	util_buf_clear(&p->text);
	p->n = 0;
	p->width = 0;
	p->scroll = 0;
}

static void popup_add(struct pane_popup *p, const char *s, size_t n, size_t style)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->off = util_xrealloc(p->off, p->cap, sizeof(*p->off));
		p->role = util_xrealloc(p->role, p->cap, sizeof(*p->role));
	}
	p->off[p->n] = p->text.len;
	p->role[p->n] = (unsigned char)style;
	p->n++;
	util_sanitize(&p->text, s, n);
	util_buf_putc(&p->text, '\0');
	{
		const char *line = p->text.data + p->off[p->n - 1];
		int w = ui_width(line, strlen(line));

		if (w > p->width)
			p->width = w;
	}
}

static void wrap_cb(const char *line, size_t len, int width, void *user)
{
	(void)width;
	popup_add(user, line, len, PANE_STYLE(POPUP));
}

/* Lay the footnotes out for the current body width. */
static void wrap_footnotes(struct app *a)
{
	struct pane_popup *p = &a->popup;
	struct app_doc *d = app_cur(a);
	int maxw = layout_popup_max_width(&a->lay.body), natural = 0, i;
	struct util_buf b = { 0 };

	popup_clear(p);
	if (maxw < 1)
		maxw = 1;
	for (i = 0; i < p->n_fn; i++) {
		const struct doc_footnote *f = &d->doc->footnotes[p->fn[i]];
		int w;

		util_buf_clear(&b);
		util_buf_printf(&b, "[%s] %s", f->number ? f->number : "?",
				f->text ? f->text : "");
		w = view_text_width(b.data, b.len);
		if (w > natural)
			natural = w;
	}
	if (natural > maxw)
		natural = maxw;
	for (i = 0; i < p->n_fn; i++) {
		const struct doc_footnote *f = &d->doc->footnotes[p->fn[i]];

		if (i > 0)
			popup_add(p, "", 0, PANE_STYLE(POPUP));
		util_buf_clear(&b);
		util_buf_printf(&b, "[%s] %s", f->number ? f->number : "?",
				f->text ? f->text : "");
		view_wrap_plain(b.data, b.len, natural, wrap_cb, p);
	}
	util_buf_free(&b);
	p->wrapped_at = a->lay.body.w;
}

void pane_popup_footnotes(struct app *a, const int *fns, int n, int anchor_line)
{
	struct pane_popup *p = &a->popup;
	struct app_doc *d = app_cur(a);
	int i;

	if (n > (int)(sizeof(p->fn) / sizeof(p->fn[0])))
		n = (int)(sizeof(p->fn) / sizeof(p->fn[0]));
	p->kind = PANE_POPUP_FOOTNOTE;
	p->n_fn = n;
	for (i = 0; i < n; i++)
		p->fn[i] = fns[i];
	p->anchor_line = anchor_line;
	if (n == 1)
		snprintf(p->title, sizeof(p->title), " Footnote %s ",
			 d->doc->footnotes[fns[0]].number ? d->doc->footnotes[fns[0]].number : "");
	else
		snprintf(p->title, sizeof(p->title), " Footnotes ");
	wrap_footnotes(a);
}

void pane_popup_help(struct app *a)
{
	struct pane_popup *p = &a->popup;
	size_t i;

	p->kind = PANE_POPUP_HELP;
	p->n_fn = 0;
	p->anchor_line = -1;
	snprintf(p->title, sizeof(p->title), " Help: q or Esc closes ");
	popup_clear(p);
	/* made on first use: the bindings do not change once the reader runs */
	if (!a->help)
		a->help = action_help_lines(&a->keys, &a->arena, &a->n_help);
	for (i = 0; i < a->n_help; i++)
		popup_add(p, a->help[i], strlen(a->help[i]), PANE_STYLE(POPUP));
}

void pane_popup_close(struct app *a)
{
	a->popup.kind = PANE_POPUP_NONE;
}

void pane_popup_relayout(struct app *a)
{
	if (a->popup.kind == PANE_POPUP_FOOTNOTE && a->popup.wrapped_at != a->lay.body.w) {
		int scroll = a->popup.scroll;

		wrap_footnotes(a);
		a->popup.scroll = scroll;
	}
}

void pane_popup_free(struct app *a)
{
	util_buf_free(&a->popup.text);
	free(a->popup.off);
	free(a->popup.role);
	memset(&a->popup, 0, sizeof(a->popup));
}

/* The area the popup may cover. */
static struct layout_rect popup_area(struct app *a)
{
	struct layout_rect r = a->lay.body;

	/* the help may use everything above the status line */
	if (a->popup.kind == PANE_POPUP_HELP)
		r = ui_above_status(&a->lay.status, &a->lay.body);
	return r;
}

/* Marker line on screen, or -1. */
static int anchor_row(struct app *a)
{
	struct pane_popup *p = &a->popup;
	struct app_doc *d = app_cur(a);
	size_t n, i;
	const struct view_link *lk;
	int line = -1;

	if (p->kind != PANE_POPUP_FOOTNOTE || p->anchor_line < 0 || p->n_fn == 0)
		return -1;
	/* after a resize the marker moved: find it again */
	lk = view_links(d->view, &n);
	for (i = 0; i < n; i++)
		if (lk[i].kind == VIEW_LINK_FOOTNOTE && lk[i].index == p->fn[0]) {
			line = lk[i].line;
			break;
		}
	if (line < 0)
		line = p->anchor_line;
	if (line < d->top || line >= d->top + a->lay.body.h)
		return -1;
	return a->lay.body.y + (line - d->top);
}

static void popup_draw(struct app *a, const struct layout_rect *unused)
{
	struct pane_popup *p = &a->popup;
	struct layout_rect area = popup_area(a), frame, inner;
	struct ui_style st = app_style(a, PANE_STYLE(POPUP));
	struct ui_style bst = app_style(a, PANE_STYLE(POPUP_BORDER));
	int vis, row, w, arow = anchor_row(a);
	char more[48];

	(void)unused;
	if (p->kind == PANE_POPUP_NONE || p->n == 0)
		return;
	w = p->width;
	if (p->kind == PANE_POPUP_HELP && w > layout_popup_max_width(&area))
		w = layout_popup_max_width(&area);
	vis = layout_popup(&area, (int)p->n, w, arow, &frame);
	if (vis <= 0 && arow >= 0)
		vis = layout_popup(&area, (int)p->n, w, -1, &frame);
	p->visible = vis;
	if (vis <= 0)
		return;
	if (p->scroll > (int)p->n - vis)
		p->scroll = (int)p->n - vis;
	if (p->scroll < 0)
		p->scroll = 0;
	more[0] = 0;
	if ((int)p->n > vis && frame.w > 12)
		snprintf(more, sizeof(more), " %d-%d/%d ", p->scroll + 1, p->scroll + vis,
			 (int)p->n);
	ui_frame(frame.y, frame.x, frame.h, frame.w, p->title, more[0] ? more : NULL, st, bst);
	layout_popup_inner(&frame, &inner);
	for (row = 0; row < inner.h && p->scroll + row < (int)p->n; row++) {
		size_t i = (size_t)(p->scroll + row);
		const char *s = p->text.data + p->off[i];

		ui_draw(inner.y + row, inner.x, inner.w, s, strlen(s), app_style(a, p->role[i]));
	}
}

static bool popup_action(struct app *a, enum action act)
{
	struct pane_popup *p = &a->popup;
	int page = p->visible > 1 ? p->visible - 1 : 1;

	switch (act) {
	case ACTION_QUIT:
		pane_popup_close(a);
		break;
	case ACTION_HELP:
		if (p->kind == PANE_POPUP_HELP)
			pane_popup_close(a);
		else
			pane_popup_help(a);
		break;
	case ACTION_FOOTNOTES:
		if (p->kind == PANE_POPUP_FOOTNOTE)
			pane_popup_close(a);
		break;
	default:
		return ui_list_move(&p->scroll, act, page,
				    (int)p->n - (p->visible > 0 ? p->visible : 1));
	}
	return true;
}

static bool popup_click(struct app *a, int y, int x)
{
	(void)y;
	(void)x;
	pane_popup_close(a);
	return true;
}

const struct pane_ops pane_popup_ops = {
	.name = "popup",
	.draw = popup_draw,
	.action = popup_action,
	.click = popup_click,
};
