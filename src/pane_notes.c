/* pane_notes.c: the list of every note in the library (A): document,
 * paragraph, date and first line; typing filters it, Enter jumps to the
 * note's paragraph in the open document. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app_library.h"
#include "app_notes.h"

#define CTRL(c) ((c) & 0x1f)

static const char *doc_label(const struct notes_doc *d)
{
	if (d->symbol)
		return d->symbol;
	return d->title ? d->title : d->key ? d->key : "?";
}

/* Does hay contain needle, ASCII case folded? */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	if (!hay)
		return false;
	for (; *hay; hay++) {
		for (i = 0; i < n && hay[i]; i++) {
			unsigned char x = (unsigned char)hay[i], y = (unsigned char)needle[i];

			if (x >= 'A' && x <= 'Z')
				x = (unsigned char)(x - 'A' + 'a');
			if (y >= 'A' && y <= 'Z')
				y = (unsigned char)(y - 'A' + 'a');
			if (x != y)
				break;
		}
		if (i == n)
			return true;
	}
	return false;
}

static bool row_matches(const struct notes_doc *d, const struct note *n, const char *f)
{
	return !*f || contains(doc_label(d), f) || contains(n->para_id, f) ||
	       contains(n->text, f) || contains(d->title, f) || contains(n->modified, f);
}

static void refilter(struct app_notes *ns)
{
	const char *f = ns->filter.data ? ns->filter.data : "";
	size_t i, j;

	ns->n_rows = 0;
	for (i = 0; i < ns->lib.n; i++)
		for (j = 0; j < ns->lib.docs[i].n; j++) {
			if (!row_matches(&ns->lib.docs[i], &ns->lib.docs[i].notes[j], f))
				continue;
			if (ns->n_rows == ns->cap_rows) {
				ns->cap_rows = ns->cap_rows ? ns->cap_rows * 2 : 32;
				ns->rows = util_xrealloc(ns->rows, ns->cap_rows,
							 sizeof(*ns->rows));
			}
			ns->rows[ns->n_rows].doc = i;
			ns->rows[ns->n_rows].note = j;
			ns->n_rows++;
		}
	if (ns->sel >= (int)ns->n_rows)
		ns->sel = (int)ns->n_rows - 1;
	if (ns->sel < 0)
		ns->sel = 0;
}

void pane_notes_free(struct app_notes *ns)
{
	if (ns->lib_loaded)
		notes_library_free(&ns->lib);
	ns->lib_loaded = false;
	free(ns->rows);
	ns->rows = NULL;
	ns->n_rows = ns->cap_rows = 0;
	util_buf_free(&ns->filter);
}

void pane_notes_open(struct app *a)
{
	struct app_notes *ns = a->notes;
	char err[512];

	app_notes_open_store(a);
	if (!ns->store_ok) {
		app_msg(a, true, "notes unavailable: %s", ns->store_err);
		return;
	}
	pane_notes_free(ns);
	memset(&ns->lib, 0, sizeof(ns->lib));
	if (notes_list_all(&ns->store, &ns->lib, err, sizeof(err)) < 0) {
		app_msg(a, true, "notes: %s", err);
		return;
	}
	ns->lib_loaded = true;
	util_buf_append(&ns->filter, "", 0);
	ns->sel = ns->top = 0;
	refilter(ns);
	ns->mode = APP_NOTES_LIST;
	if (ns->lib.n_errors)
		app_msg(a, true, "notes read-only: %s%s", ns->lib.errors[0],
			ns->lib.n_errors > 1 ? " (and more)" : "");
}

/* The open document whose notes are lib.docs[li], or -1. */
static int open_doc_of(struct app *a, const struct notes_doc *ld)
{
	size_t i;

	app_load_all(a);
	for (i = 0; i < a->n_docs; i++) {
		const struct doc *d = a->docs[i].doc;
		struct app_notes_doc *nd;

		if (ld->symbol) {
			if (d->symbol && strcmp(d->symbol, ld->symbol) == 0)
				return (int)i;
			continue;
		}
		nd = app_notes_doc(a, i);
		if (nd && nd->nd.key && ld->key && strcmp(nd->nd.key, ld->key) == 0)
			return (int)i;
	}
	return -1;
}

static void jump_to_row(struct app *a)
{
	struct app_notes *ns = a->notes;
	const struct app_notes_row *r;
	const struct notes_doc *ld;
	const struct note *ln;
	struct app_notes_doc *nd;
	int di, para = -1;
	bool pushed = false;
	size_t i;

	if (ns->n_rows == 0 || ns->sel < 0 || (size_t)ns->sel >= ns->n_rows)
		return;
	r = &ns->rows[ns->sel];
	ld = &ns->lib.docs[r->doc];
	ln = &ld->notes[r->note];
	di = open_doc_of(a, ld);
	if (di < 0 && ld->symbol && a->lib && app_lib_ensure(a)) {
		/* not open: open it from the library (app_library.c) */
		const struct library_entry *le = library_resolve(&a->lib->lib, ld->symbol);

		if (le) {
			app_lib_open_entry(a, (size_t)(le - a->lib->lib.entries));
			di = open_doc_of(a, ld);
			pushed = di >= 0;
		}
	}
	if (di < 0) {
		app_msg(a, true, "%s %s: not open, not in the library",
			doc_label(ld), ln->para_id ? ln->para_id : "");
		return;
	}
	nd = app_notes_doc(a, (size_t)di);
	/* the same note as anchored to the open text */
	for (i = 0; nd && i < nd->nd.n; i++) {
		const struct note *n = &nd->nd.notes[i];

		if (strcmp(n->created, ln->created) == 0 && n->para_id && ln->para_id &&
		    strcmp(n->para_id, ln->para_id) == 0 && strcmp(n->hash, ln->hash) == 0) {
			para = n->para;
			break;
		}
	}
	if (para < 0) {
		app_msg(a, true, "%s %s: the note found no paragraph in this text (orphan)",
			doc_label(ld), ln->para_id ? ln->para_id : "");
		return;
	}
	ns->mode = APP_NOTES_IDLE;
	if (!pushed)
		app_push_jump(a);
	a->cur = (size_t)di;
	app_set_top(a, view_line_of_para(app_cur(a)->view, para));
	app_msg(a, false, "%s %s", doc_label(ld), a->docs[di].doc->paras[para].id ?
							 a->docs[di].doc->paras[para].id : "");
}

static void filter_key(struct app_notes *ns, int key)
{
	if (key == ACTION_KEY_BACKSPACE || key == CTRL('h')) {
		size_t i = ns->filter.len;

		if (i == 0)
			return;
		i--;
		while (i > 0 && ((unsigned char)ns->filter.data[i] & 0xC0) == 0x80)
			i--;
		ns->filter.len = i;
		ns->filter.data[i] = 0;
	} else if (key == CTRL('u')) {
		util_buf_clear(&ns->filter);
		util_buf_append(&ns->filter, "", 0);
	} else if (key >= 0x20 && key < ACTION_KEY_SPECIAL && key != 0x7F &&
		   !(key >= 0x80 && key < 0xA0) && !(key >= 0xD800 && key < 0xE000)) {
		char b[4];
		size_t l = util_utf8_encode((uint32_t)key, b);

		if (ns->filter.len + l < 256) {
			util_buf_append(&ns->filter, b, l);
		}
	} else {
		return;
	}
	ns->sel = 0;
	ns->top = 0;
	refilter(ns);
}

static bool list_action(struct app *a, enum action act)
{
	struct app_notes *ns = a->notes;
	int page = ns->list_visible > 1 ? ns->list_visible - 1 : 1;

	switch (act) {
	case ACTION_FOLLOW_LINK:
		jump_to_row(a);
		return true;
	case ACTION_QUIT:
		ns->mode = APP_NOTES_IDLE;
		return true;
	default:
		return ui_list_move(&ns->sel, act, page, (int)ns->n_rows - 1);
	}
}

void pane_notes_key(struct app *a, int key)
{
	struct app_notes *ns = a->notes;

	switch (key) {
	case ACTION_KEY_ESC:
	case CTRL('g'):
		ns->mode = APP_NOTES_IDLE;
		return;
	case ACTION_KEY_ENTER:
		list_action(a, ACTION_FOLLOW_LINK);
		return;
	case ACTION_KEY_DOWN:
	case CTRL('n'):
		list_action(a, ACTION_LINE_DOWN);
		return;
	case ACTION_KEY_UP:
	case CTRL('p'):
		list_action(a, ACTION_LINE_UP);
		return;
	case ACTION_KEY_PGDN:
		list_action(a, ACTION_PAGE_DOWN);
		return;
	case ACTION_KEY_PGUP:
		list_action(a, ACTION_PAGE_UP);
		return;
	case ACTION_KEY_HOME:
		list_action(a, ACTION_TOP);
		return;
	case ACTION_KEY_END:
		list_action(a, ACTION_BOTTOM);
		return;
	case CTRL('l'):
		clearok(curscr, TRUE);
		return;
	default:
		filter_key(ns, key);
		return;
	}
}

/* The frame of the list: the whole screen above the status line. */
static struct layout_rect list_frame(struct app *a)
{
	return ui_above_status(&a->lay.status, &a->lay.body);
}

static void list_draw(struct app *a, const struct layout_rect *unused)
{
	struct app_notes *ns = a->notes;
	struct layout_rect frame = list_frame(a), inner;
	struct ui_style st = app_style(a, PANE_STYLE(POPUP));
	struct ui_style bst = app_style(a, PANE_STYLE(POPUP_BORDER));
	struct ui_style cst = app_style(a, PANE_STYLE(OUTLINE_CURSOR));
	struct ui_style mst = app_style(a, PANE_STYLE(NOTE_MARK));
	struct util_buf line = { 0 }, san = { 0 };
	char title[96], first[256];
	int row, symw = 6, paraw = 4, vis;
	size_t i, total;

	(void)unused;
	if (frame.h < 4 || frame.w < 12)
		return;
	for (i = 0, total = 0; i < ns->lib.n; i++)
		total += ns->lib.docs[i].n;
	snprintf(title, sizeof(title), " Notes: %zu of %zu  (type to filter, Enter jumps, Esc) ",
		 ns->n_rows, total);
	ui_frame(frame.y, frame.x, frame.h, frame.w, title, NULL, st, bst);
	layout_popup_inner(&frame, &inner);
	if (inner.h < 2)
		return;
	/* the filter line */
	util_sanitize(&san, ns->filter.data ? ns->filter.data : "", ns->filter.len);
	util_buf_printf(&line, "Filter: %.*s", (int)san.len, san.data ? san.data : "");
	row = ui_draw(inner.y, inner.x, inner.w, line.data, line.len, st);
	if (row < inner.w) {
		struct ui_style rev = st;

		rev.attr |= A_REVERSE;
		ui_draw(inner.y, inner.x + row, 1, " ", 1, rev);
	}
	vis = inner.h - 2;
	ns->list_visible = vis;
	if (ns->n_rows == 0) {
		const char *msg = ns->lib.n ? "(no note matches)" : "(no notes yet: a adds one)";

		ui_draw(inner.y + 2, inner.x, inner.w, msg, strlen(msg), st);
		util_buf_free(&line);
		util_buf_free(&san);
		return;
	}
	for (i = 0; i < ns->n_rows; i++) {
		const struct notes_doc *d = &ns->lib.docs[ns->rows[i].doc];
		const struct note *n = &d->notes[ns->rows[i].note];
		int w = ui_width(doc_label(d), strlen(doc_label(d)));
		int pw = n->para_id ? (int)strlen(n->para_id) : 1;

		if (w > symw)
			symw = w;
		if (pw > paraw)
			paraw = pw;
	}
	if (symw > 24)
		symw = 24;
	if (paraw > 12)
		paraw = 12;
	if (ns->sel < ns->top)
		ns->top = ns->sel;
	if (ns->sel >= ns->top + vis)
		ns->top = ns->sel - vis + 1;
	if (ns->top < 0)
		ns->top = 0;
	for (row = 0; row < vis && (size_t)(ns->top + row) < ns->n_rows; row++) {
		size_t ri = (size_t)(ns->top + row);
		const struct notes_doc *d = &ns->lib.docs[ns->rows[ri].doc];
		const struct note *n = &d->notes[ns->rows[ri].note];
		struct ui_style rs = (int)ri == ns->sel ? cst : st;
		int y = inner.y + 2 + row, x = 0;
		const char *lab = doc_label(d), *pid;
		char date[11];

		if ((int)ri == ns->sel)
			ui_fill(y, inner.x, inner.w, rs);
		util_buf_clear(&san);
		util_sanitize(&san, lab, strlen(lab));
		ui_draw(y, inner.x + x, symw < inner.w ? symw : inner.w, san.data, san.len, rs);
		x += symw + 2;
		if (x >= inner.w)
			continue;
		util_buf_clear(&san);
		pid = n->para_id ? n->para_id : "?";
		util_sanitize(&san, pid, strlen(pid));
		ui_draw(y, inner.x + x, inner.w - x < paraw ? inner.w - x : paraw, san.data,
			san.len, rs);
		x += paraw + 1;
		if (x + 2 >= inner.w)
			continue;
		ui_draw(y, inner.x + x, 1, n->highlight ? "*" : " ", 1,
			(int)ri == ns->sel ? rs : mst);
		x += 2;
		snprintf(date, sizeof(date), "%.10s", n->modified);
		if (x + 10 < inner.w) {
			ui_draw(y, inner.x + x, 10, date, strlen(date), rs);
			x += 12;
		}
		if (x >= inner.w)
			continue;
		notes_first_line(n, first, sizeof(first));
		util_buf_clear(&san);
		util_sanitize(&san, first, strlen(first));
		ui_draw(y, inner.x + x, inner.w - x, san.data ? san.data : "", san.len, rs);
	}
	util_buf_free(&line);
	util_buf_free(&san);
}

static bool list_click(struct app *a, int y, int x)
{
	struct app_notes *ns = a->notes;
	struct layout_rect frame = list_frame(a), inner;
	int r;

	(void)x;
	layout_popup_inner(&frame, &inner);
	r = y - (inner.y + 2);
	if (r < 0 || ns->top + r >= (int)ns->n_rows)
		return false;
	ns->sel = ns->top + r;
	jump_to_row(a);
	return true;
}

/* ---- marks in the body and the outline ---------------------------------- */

/* "✎" a note, "*" only a highlight. */
static const char mark_note[] = "\u270e", mark_hl[] = "*";

void pane_notes_mark_line(struct app *a, const struct view *v, const struct view_line *l,
			  const struct layout_rect *r, int row)
{
	unsigned m = app_notes_marks(a, a->cur, l->para);
	const struct view_seg *s0 = view_line_seg(v, l, 0);
	struct ui_style st = app_style(a, PANE_STYLE(NOTE_MARK));
	const char *mk;
	int col;

	if (!m)
		return;
	if (m & APP_NOTES_MARK_HIGHLIGHT) {
		struct ui_style hs = st;

		hs.attr |= A_REVERSE;
		if (s0->col < r->w)
			ui_draw(r->y + row, r->x + s0->col, r->w - s0->col, s0->text, s0->len, hs);
	}
	mk = (m & APP_NOTES_MARK_NOTE) ? mark_note : mark_hl;
	/* in the margin left of the paragraph, else at the right edge */
	if (s0->col >= 2)
		col = s0->col - 2;
	else if (l->width < r->w - 1)
		col = r->w - 1;
	else
		return;
	ui_draw(r->y + row, r->x + col, 1, mk, strlen(mk), st);
}

void pane_notes_mark_entry(struct app *a, int e, const struct layout_rect *r, int row,
			   bool cursor)
{
	struct app_doc *d = app_cur(a);
	const struct view_outline *o = d->outline;
	const struct view_outline_entry *en = &o->entries[e];
	struct ui_style st = app_style(a, PANE_STYLE(NOTE_MARK));
	unsigned m = 0;
	const char *mk;
	int i;

	if (r->w < 4)
		return;
	if (en->kind == VIEW_OUTLINE_PARA)
		m = app_notes_marks(a, a->cur, en->para);
	if (en->foldable && en->folded)
		for (i = e + 1; i < en->end && (size_t)i < o->n; i++)
			if (o->entries[i].kind == VIEW_OUTLINE_PARA)
				m |= app_notes_marks(a, a->cur, o->entries[i].para);
	if (!m)
		return;
	if (cursor)
		st = app_style(a, PANE_STYLE(OUTLINE_CURSOR));
	mk = (m & APP_NOTES_MARK_NOTE) ? mark_note : mark_hl;
	ui_draw(r->y + row, r->x + r->w - 2, 1, " ", 1, st);
	ui_draw(r->y + row, r->x + r->w - 1, 1, mk, strlen(mk), st);
}

const struct pane_ops pane_notes_ops = {
	.name = "notes",
	.draw = list_draw,
	.action = list_action,
	.click = list_click,
};
