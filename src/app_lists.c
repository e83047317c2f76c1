/* app_lists.c: the list popups of the library: "cited by" and the jump
 * history, their keys and their drawing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app_library.h"

/* ---- list popups: cited by, history ------------------------------------ */

static void items_clear(struct app_lib *l)
{
	util_buf_clear(&l->items_text);
	l->n_items = 0;
	l->sel = -1;
	l->scroll = 0;
}

static void item_add(struct app_lib *l, const char *s, size_t style, bool selectable,
		     size_t entry, const char *para)
{
	struct app_lib_item *it;

	if (l->n_items == l->cap_items) {
		l->cap_items = l->cap_items ? l->cap_items * 2 : 16;
		l->items = util_xrealloc(l->items, l->cap_items, sizeof(*l->items));
	}
	it = &l->items[l->n_items++];
	it->off = l->items_text.len;
	it->style = (unsigned char)style;
	it->selectable = selectable;
	it->entry = entry;
	it->para = para;
	util_sanitize(&l->items_text, s, strlen(s));
	util_buf_putc(&l->items_text, '\0');
	if (selectable && l->sel < 0)
		l->sel = (int)l->n_items - 1;
}

static const char *item_text(const struct app_lib *l, size_t i)
{
	return l->items_text.data + l->items[i].off;
}

static void add_citations(struct app *a, const char *head, const struct library_citation *c,
			  size_t n)
{
	struct app_lib *l = a->lib;
	struct util_buf b = { 0 };
	size_t i;

	util_buf_printf(&b, "%s (%zu)", head, n);
	item_add(l, b.data, PANE_STYLE(POPUP_BORDER), false, 0, NULL);
	for (i = 0; i < n; i++) {
		const struct library_entry *e = c[i].entry;
		const char *who = e->symbol ? e->symbol : e->path;

		util_buf_clear(&b);
		util_buf_printf(&b, "  %s  %s  \u2018%s\u2019", who,
				c[i].ref->para ? c[i].ref->para : "", c[i].ref->text ? c[i].ref->text : "");
		item_add(l, b.data, PANE_STYLE(POPUP), true, (size_t)(e - a->lib->lib.entries),
			 c[i].ref->para);
	}
	if (n == 0)
		item_add(l, "  nothing in the library cites it", PANE_STYLE(POPUP), false, 0, NULL);
	util_buf_free(&b);
}

void app_lib_cited_by(struct app *a)
{
	struct app_lib *l = a->lib;
	struct library_citation *c = NULL;
	const struct doc *doc;
	const char *sym, *pid = NULL;
	char head[160];
	size_t n;
	int p;

	if (!app_lib_ensure(a))
		return;
	doc = app_cur(a)->doc;
	sym = doc->symbol;
	if (!sym) {
		app_msg(a, false, "this document has no symbol: nothing can cite it");
		return;
	}
	p = pane_body_para(a);
	while (p >= 0 && (size_t)p < doc->n_paras && doc->paras[p].parent >= 0)
		p = doc->paras[p].parent;
	if (p >= 0 && (size_t)p < doc->n_paras)
		pid = doc->paras[p].id;
	items_clear(l);
	n = library_cited_by(&l->lib, sym, NULL, &c);
	snprintf(head, sizeof(head), "cited by \u2014 %s", sym);
	add_citations(a, head, c, n);
	free(c);
	if (pid) {
		c = NULL;
		n = library_cited_by(&l->lib, sym, pid, &c);
		snprintf(head, sizeof(head), "cited by \u2014 %s of %s", pid, sym);
		item_add(l, "", PANE_STYLE(POPUP), false, 0, NULL);
		add_citations(a, head, c, n);
		free(c);
	}
	snprintf(l->list_title, sizeof(l->list_title), " Cited by: Enter jumps, Esc closes ");
	l->overlay = APP_LIB_CITED;
}

/* "A/RES/58/178  op5" for a place. */
static void place_label(struct app *a, const struct history_place *p, struct util_buf *b)
{
	const struct app_doc *d;

	if (p->doc < 0 || (size_t)p->doc >= a->n_docs) {
		util_buf_puts(b, "?");
		return;
	}
	d = &a->docs[p->doc];
	util_buf_puts(b, d->doc->symbol ? d->doc->symbol : d->file);
	if (p->fn >= 0 && (size_t)p->fn < d->doc->n_footnotes)
		util_buf_printf(b, "  %s", d->doc->footnotes[p->fn].id ? d->doc->footnotes[p->fn].id
								       : "footnote");
	else if (p->para >= 0 && p->delta >= 0 && (size_t)p->para < d->doc->n_paras &&
		 d->doc->paras[p->para].id)
		util_buf_printf(b, "  %s", d->doc->paras[p->para].id);
	else
		util_buf_puts(b, "  top");
}

void app_lib_show_history(struct app *a)
{
	struct app_lib *l = a->lib;
	struct history_place h = app_lib_here(a);
	struct util_buf b = { 0 };
	size_t i, n = history_count(&l->hist);

	if (n == 0) {
		app_msg(a, false, "no jumps yet");
		return;
	}
	history_update(&l->hist, &h);
	items_clear(l);
	for (i = 0; i < n; i++) {
		util_buf_clear(&b);
		util_buf_puts(&b, i == history_pos(&l->hist) ? "\u25b8 " : "  ");
		place_label(a, history_at(&l->hist, i), &b);
		item_add(l, b.data, PANE_STYLE(POPUP), true, i, NULL);
	}
	util_buf_free(&b);
	l->sel = (int)history_pos(&l->hist);
	snprintf(l->list_title, sizeof(l->list_title), " History: Enter jumps, Esc closes ");
	l->overlay = APP_LIB_HISTORY;
}

void app_lib_list_activate(struct app *a)
{
	struct app_lib *l = a->lib;
	enum app_lib_overlay kind = l->overlay;
	const struct app_lib_item *it;
	char err[256] = "";
	int di;

	if (l->sel < 0 || (size_t)l->sel >= l->n_items || !l->items[l->sel].selectable)
		return;
	it = &l->items[l->sel];
	l->overlay = APP_LIB_NONE;
	if (kind == APP_LIB_HISTORY) {
		struct history_place h = app_lib_here(a), to;

		if (history_go(&l->hist, it->entry, &h, &to))
			app_lib_go_place(a, &to);
		return;
	}
	di = app_lib_doc_for_entry(a, &l->lib.entries[it->entry], err, sizeof(err));
	if (di < 0) {
		app_msg(a, true, "%s: %s", l->lib.entries[it->entry].path, err);
		return;
	}
	app_lib_jump_to(a, (size_t)di, it->para);
}

void app_lib_list_move(struct app_lib *l, int delta)
{
	int i = l->sel, step = delta > 0 ? 1 : -1, left = delta > 0 ? delta : -delta, last = -1;

	if (l->n_items == 0)
		return;
	if (i < 0)
		i = 0;
	while (left > 0) {
		i += step;
		if (i < 0 || (size_t)i >= l->n_items)
			break;
		if (l->items[i].selectable) {
			last = i;
			left--;
		}
	}
	if (last >= 0)
		l->sel = last;
}

/* Keys of the list popups and the info popup. */
bool app_lib_overlay_key(struct app *a, int key, enum action act)
{
	struct app_lib *l = a->lib;
	enum app_lib_overlay kind = l->overlay;
	int page = l->visible > 1 ? l->visible - 1 : 1;

	if (kind == APP_LIB_INFO) {
		if (act == ACTION_COPY_URL) {
			app_lib_copy_url(a, l->info_url);
			return true;
		}
		if (act == ACTION_OPEN_URL) {
			app_lib_open_url(a, l->info_url);
			return true;
		}
		l->overlay = APP_LIB_NONE;
		/* Esc, q and Enter only close; any other key also acts */
		return key == ACTION_KEY_ESC || act == ACTION_QUIT || act == ACTION_FOLLOW_LINK;
	}
	if (key == ACTION_KEY_ESC || act == ACTION_QUIT ||
	    (kind == APP_LIB_CITED && act == ACTION_CITED_BY) ||
	    (kind == APP_LIB_HISTORY && act == ACTION_HISTORY)) {
		l->overlay = APP_LIB_NONE;
		return true;
	}
	switch (act) {
	case ACTION_LINE_DOWN:
	case ACTION_NEXT_LINK:
		app_lib_list_move(l, 1);
		break;
	case ACTION_LINE_UP:
	case ACTION_PREV_LINK:
		app_lib_list_move(l, -1);
		break;
	case ACTION_PAGE_DOWN:
		app_lib_list_move(l, page);
		break;
	case ACTION_PAGE_UP:
		app_lib_list_move(l, -page);
		break;
	case ACTION_TOP:
		app_lib_list_move(l, -(int)l->n_items);
		break;
	case ACTION_BOTTOM:
		app_lib_list_move(l, (int)l->n_items);
		break;
	case ACTION_FOLLOW_LINK:
		app_lib_list_activate(a);
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
	return true;
}

/* Frame a popup of n lines of at most w columns over area; returns the
 * content rectangle (empty when nothing fits). */
struct layout_rect app_lib_frame_popup(struct app *a, const struct layout_rect *area,
				       int n, int w, const char *title, const char *foot)
{
	struct ui_style st = app_style(a, PANE_STYLE(POPUP));
	struct ui_style bst = app_style(a, PANE_STYLE(POPUP_BORDER));
	struct layout_rect frame, inner = { 0, 0, 0, 0 };
	int maxw = layout_popup_max_width(area);

	if (w > maxw)
		w = maxw;
	if (w < 1 || layout_popup(area, n, w, -1, &frame) <= 0)
		return inner;
	ui_frame(frame.y, frame.x, frame.h, frame.w, title, foot, st, bst);
	layout_popup_inner(&frame, &inner);
	return inner;
}

void app_lib_draw_list(struct app *a)
{
	struct app_lib *l = a->lib;
	struct layout_rect area = { 0, 0, a->lay.status.h > 0 ? a->lay.status.y : LINES, COLS };
	struct layout_rect in;
	struct ui_style cur = app_style(a, PANE_STYLE(OUTLINE_CURSOR));
	size_t i;
	int w = 0, row;

	if (area.h <= 0 || area.w <= 0)
		area = a->lay.body;
	for (i = 0; i < l->n_items; i++) {
		const char *s = item_text(l, i);
		int lw = ui_width(s, strlen(s));

		if (lw > w)
			w = lw;
	}
	in = app_lib_frame_popup(a, &area, (int)l->n_items, w, l->list_title, NULL);
	l->visible = in.h;
	l->visible_y = in.y;
	l->visible_x = in.x;
	l->visible_w = in.w;
	if (in.h <= 0)
		return;
	if (l->sel >= 0 && l->sel < l->scroll)
		l->scroll = l->sel;
	if (l->sel >= 0 && l->sel >= l->scroll + in.h)
		l->scroll = l->sel - in.h + 1;
	if (l->scroll > (int)l->n_items - in.h)
		l->scroll = (int)l->n_items - in.h;
	if (l->scroll < 0)
		l->scroll = 0;
	for (row = 0; row < in.h && (size_t)(l->scroll + row) < l->n_items; row++) {
		size_t k = (size_t)(l->scroll + row);
		const char *s = item_text(l, k);
		struct ui_style st = app_style(a, l->items[k].style);

		if ((int)k == l->sel) {
			st = cur;
			ui_fill(in.y + row, in.x, in.w, st);
		}
		ui_draw(in.y + row, in.x, in.w, s, strlen(s), st);
	}
}
