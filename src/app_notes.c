/* app_notes.c: notes in the reader: the editor popup (a), $VISUAL or
 * $EDITOR (E), delete with confirmation (d), highlights (m), the marks the
 * panes draw, the notes panel (v) and saving an open editor on SIGTERM. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app_notes.h"

#define CTRL(c) ((c) & 0x1f)

/* ---- per document ---------------------------------------------------- */

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static void compute_marks(struct app *a, size_t di)
{
	struct app_notes_doc *nd = &a->notes->docs[di];
	const struct doc *doc = a->docs[di].doc;
	size_t i;

	free(nd->mark);
	nd->mark = util_xcalloc(doc->n_paras ? doc->n_paras : 1, 1);
	for (i = 0; i < nd->nd.n; i++) {
		const struct note *n = &nd->nd.notes[i];

		if (n->para < 0 || (size_t)n->para >= doc->n_paras)
			continue;
		if (!blank(n->text))
			nd->mark[n->para] |= APP_NOTES_MARK_NOTE;
		if (n->highlight)
			nd->mark[n->para] |= APP_NOTES_MARK_HIGHLIGHT;
	}
}

void app_notes_open_store(struct app *a)
{
	struct app_notes *ns = a->notes;

	if (!ns || !ns->store_pending)
		return;
	ns->store_pending = false;
	ns->store_ok = notes_store_open(&ns->store, NULL, ns->store_err,
					sizeof(ns->store_err)) == 0;
	if (!ns->store_ok)
		app_msg(a, true, "notes unavailable: %s", ns->store_err);
}

bool app_notes_start(struct app *a)
{
	struct app_notes_doc *nd;

	if (!a->notes || !a->notes->store_pending)
		return false;
	app_notes_open_store(a);
	nd = app_notes_doc(a, a->cur);
	/* draw again only if there is something to show */
	return !a->notes->store_ok || (nd && (nd->nd.n > 0 || nd->readonly));
}

struct app_notes_doc *app_notes_doc(struct app *a, size_t di)
{
	struct app_notes *ns = a->notes;
	struct app_notes_doc *nd;

	if (!ns || di >= a->n_docs)
		return NULL;
	app_notes_open_store(a);
	if (di >= ns->n_docs) {
		size_t n = a->n_docs;

		ns->docs = util_xrealloc(ns->docs, n, sizeof(*ns->docs));
		memset(ns->docs + ns->n_docs, 0, (n - ns->n_docs) * sizeof(*ns->docs));
		ns->n_docs = n;
	}
	nd = &ns->docs[di];
	if (nd->loaded)
		return nd;
	nd->loaded = true;
	if (!ns->store_ok) {
		notes_doc_init(&nd->nd, a->docs[di].doc);
		nd->readonly = true;
		snprintf(nd->err, sizeof(nd->err), "%s", ns->store_err);
	} else if (notes_load(&ns->store, a->docs[di].doc, &nd->nd, nd->err,
			      sizeof(nd->err)) < 0) {
		nd->readonly = true;
	} else {
		notes_anchor(&nd->nd, a->docs[di].doc);
	}
	compute_marks(a, di);
	return nd;
}

/* Once per document, when the status line is free: a store file that does
 * not parse, or notes that found no paragraph in this text. */
static void doc_message(struct app *a)
{
	struct app_notes_doc *nd;
	size_t i, orphans = 0;

	if (a->notes->store_pending)
		return;
	nd = app_notes_doc(a, a->cur);
	if (!nd || nd->err_shown || a->msg[0])
		return;
	nd->err_shown = true;
	if (nd->readonly) {
		if (a->notes->store_ok)
			app_msg(a, true, "notes read-only: %s", nd->err);
		return;
	}
	for (i = 0; i < nd->nd.n; i++)
		if (nd->nd.notes[i].para < 0)
			orphans++;
	if (orphans)
		app_msg(a, false, "%zu note%s found no paragraph in this text (A lists %s)",
			orphans, orphans == 1 ? "" : "s", orphans == 1 ? "it" : "them");
}

unsigned app_notes_marks(struct app *a, size_t di, int para)
{
	struct app_notes_doc *nd;

	if (a->notes && a->notes->store_pending)
		return 0; /* the first frame: marks come with the next */
	nd = app_notes_doc(a, di);

	if (!nd || para < 0 || (size_t)para >= a->docs[di].doc->n_paras)
		return 0;
	return nd->mark[para];
}

void app_notes_init(struct app *a)
{
	struct app_notes *ns = util_xcalloc(1, sizeof(*ns));

	a->notes = ns;
	ns->store.dirfd = -1;
	/* opened by app_notes_start() once the first frame is out (or by
	 * whatever needs it first) */
	ns->store_pending = true;
}

void app_notes_free(struct app *a)
{
	struct app_notes *ns = a->notes;
	size_t i;

	if (!ns)
		return;
	for (i = 0; i < ns->n_docs; i++) {
		if (ns->docs[i].loaded)
			notes_doc_free(&ns->docs[i].nd);
		free(ns->docs[i].mark);
	}
	free(ns->docs);
	ui_prompt_free(&ns->edit);
	free(ns->orig);
	pane_notes_free(ns);
	if (ns->store_ok)
		notes_store_close(&ns->store);
	free(ns);
	a->notes = NULL;
}

/* ---- the paragraph at the top ----------------------------------------- */

/* "op5", or "paragraph 3" when it has no id. */
void app_notes_para_name(const struct doc *doc, int para, char *out, size_t n)
{
	const char *id = para >= 0 ? doc->paras[para].id : NULL;

	if (id)
		snprintf(out, n, "%s", id);
	else
		snprintf(out, n, "paragraph %d", para + 1);
}

/* The paragraph at the top of the body, or -1 with a message. */
int app_notes_top_para(struct app *a)
{
	struct app_doc *d = app_cur(a);
	enum view_part part = view_part_at_line(d->view, d->top);
	int p = pane_body_para(a);

	if (part == VIEW_PART_FOOTNOTES || p < 0) {
		app_msg(a, false, "no paragraph at the top of the text to put a note on");
		return -1;
	}
	if (part == VIEW_PART_HEADER) {
		/* the first paragraph below the header */
		int line = view_next_para_line(d->view, d->top);

		p = line >= 0 ? view_para_at_line(d->view, line) : -1;
		if (p < 0) {
			app_msg(a, false, "no paragraph at the top of the text to put a note on");
			return -1;
		}
	}
	return p;
}

/* The notes of the document shown, writable; NULL with a message. */
struct app_notes_doc *app_notes_writable_doc(struct app *a)
{
	struct app_notes_doc *nd = app_notes_doc(a, a->cur);

	if (!nd)
		return NULL;
	if (nd->readonly) {
		app_msg(a, true, "notes read-only: %s", nd->err);
		return NULL;
	}
	return nd;
}

/* ---- the editor popup -------------------------------------------------- */

static void edit_open(struct app *a, size_t di, int para, const char *text)
{
	struct app_notes *ns = a->notes;
	char name[64];

	ui_prompt_start(&ns->edit, "");
	ns->edit.multiline = true;
	ns->edit.max = NOTES_MAX_SCALAR;
	ui_prompt_set(&ns->edit, text);
	free(ns->orig);
	ns->orig = util_xstrdup(text);
	ns->edit_doc = di;
	ns->edit_para = para;
	ns->edit_scroll = 0;
	app_notes_para_name(a->docs[di].doc, para, name, sizeof(name));
	snprintf(ns->edit_title, sizeof(ns->edit_title), " Note on %s ", name);
	ns->mode = APP_NOTES_EDIT;
}

static const char *edit_text(struct app_notes *ns)
{
	return ns->edit.text.data ? ns->edit.text.data : "";
}

static bool edit_changed(struct app_notes *ns)
{
	return strcmp(edit_text(ns), ns->orig ? ns->orig : "") != 0;
}

/* Save text as the note of (di, para); true when saved. */
bool app_notes_save_note(struct app *a, size_t di, int para, const char *text)
{
	struct app_notes *ns = a->notes;
	struct app_notes_doc *nd = app_notes_doc(a, di);
	char err[512], name[64];

	if (!nd)
		return false;
	if (nd->readonly) {
		app_msg(a, true, "notes read-only: %s", nd->err);
		return false;
	}
	if (notes_set(&ns->store, &nd->nd, a->docs[di].doc, para, text, err, sizeof(err)) < 0) {
		app_msg(a, true, "note not saved: %s", err);
		return false;
	}
	compute_marks(a, di);
	app_notes_para_name(a->docs[di].doc, para, name, sizeof(name));
	if (blank(text))
		app_msg(a, false, "note on %s removed", name);
	else
		app_msg(a, false, "note on %s saved", name);
	return true;
}

/* Display width of one character at s[i..j) as drawn (sanitized): no
 * allocation but for control characters and invalid bytes. */
static int char_width(const char *s, size_t i, size_t j)
{
	struct util_buf b = { 0 };
	unsigned char c = (unsigned char)s[i];
	uint32_t cp;
	int w;

	if (c >= 0x20 && c < 0x7F)
		return 1;
	if (c >= 0x80 && util_utf8_decode(s + i, j - i, &cp) == j - i && cp >= 0xA0 &&
	    !(cp == 0xFFFD && j - i != 3))
		return ui_width(s + i, j - i);
	util_sanitize(&b, s + i, j - i);
	w = b.len ? ui_width(b.data, b.len) : 0;
	util_buf_free(&b);
	return w;
}

/* A wrapped row of the editor: text[start..end). */
struct edit_row {
	size_t start, end;
};

/* Wrap the editor text at width columns; the cursor's row and column. */
static struct edit_row *edit_layout(struct app_notes *ns, int width, size_t *n_rows, int *crow,
				    int *ccol)
{
	const char *s = edit_text(ns);
	size_t len = ns->edit.text.len, i = 0, n = 0, cap = 16;
	struct edit_row *rows = util_xcalloc(cap, sizeof(*rows));
	int col = 0;

	if (width < 2)
		width = 2;
	*crow = 0;
	*ccol = 0;
	rows[0].start = 0;
	for (;;) {
		size_t j;
		int w;

		if (i == ns->edit.cur) {
			*crow = (int)n;
			*ccol = col;
		}
		if (i >= len)
			break;
		if (s[i] == '\n') {
			rows[n].end = i;
			if (++n == cap) {
				cap *= 2;
				rows = util_xrealloc(rows, cap, sizeof(*rows));
			}
			rows[n].start = i + 1;
			col = 0;
			i++;
			continue;
		}
		j = ui_prompt_next_char(s, len, i);
		w = char_width(s, i, j);
		/* keep a cell for the cursor at the end of a full row */
		if (col + w > width - 1 && col > 0) {
			rows[n].end = i;
			if (++n == cap) {
				cap *= 2;
				rows = util_xrealloc(rows, cap, sizeof(*rows));
			}
			rows[n].start = i;
			col = 0;
			if (i == ns->edit.cur) {
				*crow = (int)n;
				*ccol = 0;
			}
		}
		col += w;
		i = j;
	}
	rows[n].end = len;
	*n_rows = n + 1;
	return rows;
}

/* Byte offset in row r closest to column col. */
static size_t row_offset(struct app_notes *ns, const struct edit_row *r, int col)
{
	const char *s = edit_text(ns);
	size_t i = r->start;
	int c = 0;

	while (i < r->end) {
		size_t j = ui_prompt_next_char(s, r->end, i);
		int w = char_width(s, i, j);

		if (c + w > col)
			break;
		c += w;
		i = j;
	}
	return i;
}

static int edit_width(struct app *a)
{
	int w = layout_popup_max_width(&a->lay.body);

	return w > 72 ? 72 : w;
}

static void edit_vertical(struct app *a, int delta)
{
	struct app_notes *ns = a->notes;
	size_t n;
	int crow, ccol;
	struct edit_row *rows = edit_layout(ns, edit_width(a), &n, &crow, &ccol);
	int r = crow + delta;

	if (r >= 0 && (size_t)r < n)
		ns->edit.cur = row_offset(ns, &rows[r], ccol);
	free(rows);
}

static void edit_close(struct app *a)
{
	a->notes->mode = APP_NOTES_IDLE;
}

static void edit_key(struct app *a, int key)
{
	struct app_notes *ns = a->notes;

	switch (key) {
	case CTRL('p'):
	case ACTION_KEY_UP:
		edit_vertical(a, -1);
		return;
	case CTRL('n'):
	case ACTION_KEY_DOWN:
		edit_vertical(a, 1);
		return;
	}
	switch (ui_prompt_key(&ns->edit, key)) {
	case UI_PROMPT_ACCEPT:
		if (!edit_changed(ns)) {
			app_msg(a, false, "note unchanged");
			edit_close(a);
		} else if (app_notes_save_note(a, ns->edit_doc, ns->edit_para, edit_text(ns))) {
			edit_close(a);
		}
		break;
	case UI_PROMPT_CANCEL:
		edit_close(a);
		app_msg(a, false, edit_changed(ns) ? "note not changed (Esc)" : "note unchanged");
		break;
	case UI_PROMPT_EDITING:
		break;
	}
}

/* Draw s[0..n) sanitized at (y, x) in at most w columns; returns columns. */
static int draw_sanitized(int y, int x, int w, const char *s, size_t n, struct ui_style st)
{
	struct util_buf b = { 0 };
	int used;

	if (w <= 0)
		return 0;
	util_sanitize(&b, s, n);
	used = ui_draw(y, x, w, b.data ? b.data : "", b.len, st);
	util_buf_free(&b);
	return used;
}

static void edit_draw(struct app *a)
{
	struct app_notes *ns = a->notes;
	static const char hint[] = "Enter saves  Esc cancels  C-o new line";
	struct ui_style st = app_style(a, PANE_STYLE(POPUP));
	struct ui_style bst = app_style(a, PANE_STYLE(POPUP_BORDER));
	struct ui_style rev = st;
	struct layout_rect frame, inner;
	int width = edit_width(a), crow, ccol, vis, rows_vis, row, content;
	size_t n, r;
	struct edit_row *rows;

	if (width < 4)
		return;
	rows = edit_layout(ns, width, &n, &crow, &ccol);
	content = (int)n < 3 ? 3 : (int)n;
	vis = layout_popup(&a->lay.body, content + 2, width, -1, &frame);
	if (vis < 3) {
		/* too small for the hint: the text alone */
		vis = layout_popup(&a->lay.body, content, width, -1, &frame);
		if (vis <= 0) {
			free(rows);
			return;
		}
		rows_vis = vis;
	} else {
		rows_vis = vis - 2;
	}
	if (crow < ns->edit_scroll)
		ns->edit_scroll = crow;
	if (crow >= ns->edit_scroll + rows_vis)
		ns->edit_scroll = crow - rows_vis + 1;
	ui_frame(frame.y, frame.x, frame.h, frame.w, ns->edit_title, NULL, st, bst);
	layout_popup_inner(&frame, &inner);
	rev.attr |= A_REVERSE;
	for (row = 0; row < rows_vis && row < inner.h; row++) {
		r = (size_t)(ns->edit_scroll + row);
		if (r >= n)
			break;
		draw_sanitized(inner.y + row, inner.x, inner.w, edit_text(ns) + rows[r].start,
			       rows[r].end - rows[r].start, st);
		if ((int)r == crow && ccol < inner.w) {
			const char *s = edit_text(ns);
			size_t c = ns->edit.cur, len = ns->edit.text.len;

			if (c < rows[r].end)
				draw_sanitized(inner.y + row, inner.x + ccol, inner.w - ccol,
					       s + c, ui_prompt_next_char(s, len, c) - c, rev);
			else
				ui_draw(inner.y + row, inner.x + ccol, 1, " ", 1, rev);
		}
	}
	if (rows_vis < vis && inner.h >= vis) {
		struct ui_style hs = st;

		hs.attr |= A_DIM;
		ui_draw(inner.y + vis - 1, inner.x, inner.w, hint, sizeof(hint) - 1, hs);
	}
	free(rows);
}

void app_notes_save_pending(struct app *a)
{
	struct app_notes *ns = a->notes;

	if (!ns || ns->mode != APP_NOTES_EDIT || !edit_changed(ns))
		return;
	if (app_notes_save_note(a, ns->edit_doc, ns->edit_para, edit_text(ns)))
		ns->mode = APP_NOTES_IDLE;
}

/* ---- delete, highlight --------------------------------------------------- */

static void ask_delete(struct app *a)
{
	struct app_notes *ns = a->notes;
	struct app_notes_doc *nd = app_notes_writable_doc(a);
	char name[64];
	int p;

	if (!nd || (p = app_notes_top_para(a)) < 0)
		return;
	app_notes_para_name(app_cur(a)->doc, p, name, sizeof(name));
	if (notes_find(&nd->nd, p) < 0) {
		app_msg(a, false, "no note on %s", name);
		return;
	}
	ns->conf_doc = a->cur;
	ns->conf_para = p;
	ns->mode = APP_NOTES_CONFIRM;
	app_msg(a, false, "Delete the note on %s? y/n", name);
}

static void confirm_key(struct app *a, int key)
{
	struct app_notes *ns = a->notes;
	struct app_notes_doc *nd = app_notes_doc(a, ns->conf_doc);
	char err[512], name[64];

	ns->mode = APP_NOTES_IDLE;
	if (!nd)
		return;
	app_notes_para_name(a->docs[ns->conf_doc].doc, ns->conf_para, name, sizeof(name));
	if (key != 'y' && key != 'Y') {
		app_msg(a, false, "note on %s kept", name);
		return;
	}
	if (notes_delete(&ns->store, &nd->nd, a->docs[ns->conf_doc].doc, ns->conf_para, err,
			 sizeof(err)) < 0) {
		app_msg(a, true, "note not deleted: %s", err);
		return;
	}
	compute_marks(a, ns->conf_doc);
	app_msg(a, false, "note on %s deleted", name);
}

static void toggle_highlight(struct app *a)
{
	struct app_notes *ns = a->notes;
	struct app_notes_doc *nd = app_notes_writable_doc(a);
	char err[512], name[64];
	int p;

	if (!nd || (p = app_notes_top_para(a)) < 0)
		return;
	app_notes_para_name(app_cur(a)->doc, p, name, sizeof(name));
	if (notes_toggle_highlight(&ns->store, &nd->nd, app_cur(a)->doc, p, err,
				   sizeof(err)) < 0) {
		app_msg(a, true, "highlight not changed: %s", err);
		return;
	}
	compute_marks(a, a->cur);
	app_msg(a, false, (nd->mark[p] & APP_NOTES_MARK_HIGHLIGHT) ? "%s highlighted"
								   : "highlight of %s removed",
		name);
}

/* ---- the notes panel (v) -------------------------------------------------- */

struct panel_lines {
	struct util_buf text;  /* NUL-separated lines */
	size_t off[64];
	int n;
};

static void panel_cb(const char *line, size_t len, int width, void *user)
{
	struct panel_lines *pl = user;

	(void)width;
	if (pl->n >= 64)
		return;
	pl->off[pl->n++] = pl->text.len;
	util_buf_append(&pl->text, line, len);
	util_buf_putc(&pl->text, '\0');
}

static void panel_draw(struct app *a)
{
	struct app_doc *d = app_cur(a);
	struct app_notes_doc *nd = app_notes_doc(a, a->cur);
	struct layout_rect body = a->lay.body, frame, inner;
	struct ui_style st = app_style(a, PANE_STYLE(POPUP));
	struct ui_style bst = app_style(a, PANE_STYLE(POPUP_BORDER));
	struct panel_lines pl;
	enum view_part part = view_part_at_line(d->view, d->top);
	int p = pane_body_para(a), width, maxh, row, k;
	char title[96], name[64];
	size_t i;

	if (!nd || p < 0 || part == VIEW_PART_FOOTNOTES || part == VIEW_PART_HEADER)
		return;
	if (!nd->mark[p])
		return;
	width = layout_popup_max_width(&body);
	if (width < 8)
		return;
	memset(&pl, 0, sizeof(pl));
	for (i = 0; i < nd->nd.n; i++) {
		const struct note *n = &nd->nd.notes[i];
		const char *t = n->text ? n->text : "";

		if (n->para != p)
			continue;
		if (pl.n > 0)
			panel_cb("", 0, 0, &pl);
		if (blank(t))
			panel_cb("(highlight, no text)", 20, 0, &pl);
		while (*t) {
			size_t l = strcspn(t, "\n");

			if (l == 0)
				panel_cb("", 0, 0, &pl);
			else
				view_wrap_plain(t, l, width, panel_cb, &pl);
			t += l;
			if (*t == '\n')
				t++;
		}
	}
	if (pl.n == 0) {
		util_buf_free(&pl.text);
		return;
	}
	/* at the bottom of the body, at most a third of it */
	maxh = body.h / 3;
	if (maxh < 3)
		maxh = 3;
	k = pl.n + 2 < maxh ? pl.n + 2 : maxh;
	if (k > body.h)
		k = body.h;
	frame.x = body.x;
	frame.w = body.w;
	frame.h = k;
	frame.y = body.y + body.h - k;
	if (frame.h < 3 || frame.w < 6) {
		util_buf_free(&pl.text);
		return;
	}
	app_notes_para_name(d->doc, p, name, sizeof(name));
	snprintf(title, sizeof(title), " Note on %s (v hides) ", name);
	ui_frame(frame.y, frame.x, frame.h, frame.w, title, NULL, st, bst);
	layout_popup_inner(&frame, &inner);
	for (row = 0; row < inner.h && row < pl.n; row++) {
		const char *s = pl.text.data + pl.off[row];

		/* view_wrap_plain gave sanitized lines; sanitize again anyway */
		draw_sanitized(inner.y + row, inner.x, inner.w, s, strlen(s), st);
	}
	util_buf_free(&pl.text);
}

/* ---- hooks ------------------------------------------------------------- */

void app_notes_action(struct app *a, enum action act)
{
	struct app_notes *ns = a->notes;
	struct app_notes_doc *nd;
	int p, i;

	if (!ns)
		return;
	switch (act) {
	case ACTION_NOTE_EDIT:
		if (!(nd = app_notes_writable_doc(a)) || (p = app_notes_top_para(a)) < 0)
			return;
		i = notes_find(&nd->nd, p);
		edit_open(a, a->cur, p,
			  i >= 0 && nd->nd.notes[i].text ? nd->nd.notes[i].text : "");
		break;
	case ACTION_NOTE_EDITOR:
		app_notes_external_edit(a);
		break;
	case ACTION_NOTE_DELETE:
		ask_delete(a);
		break;
	case ACTION_HIGHLIGHT:
		toggle_highlight(a);
		break;
	case ACTION_NOTES_LIST:
		pane_notes_open(a);
		break;
	case ACTION_NOTES_SHOW:
		ns->show = !ns->show;
		app_msg(a, false, ns->show ? "notes panel on: the note of the paragraph at the top"
					     " shows below (v hides it)"
					   : "notes panel off");
		break;
	default:
		break;
	}
}

bool app_notes_key(struct app *a, int key)
{
	struct app_notes *ns = a->notes;

	if (!ns || ns->mode == APP_NOTES_IDLE)
		return false;
	if (key == UI_KEY_RESIZE)
		return false;
	if (key == UI_KEY_MOUSE) {
		MEVENT ev;

		if (getmouse(&ev) == OK && ns->mode == APP_NOTES_LIST &&
		    (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
			pane_notes_ops.click(a, ev.y, ev.x);
		return true;
	}
	switch (ns->mode) {
	case APP_NOTES_EDIT:
		a->msg[0] = 0;
		edit_key(a, key);
		break;
	case APP_NOTES_CONFIRM:
		confirm_key(a, key);
		break;
	case APP_NOTES_LIST:
		a->msg[0] = 0;
		pane_notes_key(a, key);
		break;
	default:
		break;
	}
	return true;
}

void app_notes_draw(struct app *a)
{
	struct app_notes *ns = a->notes;

	if (!ns || a->lay.body.h <= 0 || a->lay.body.w <= 0)
		return;
	doc_message(a);
	if (ns->mode == APP_NOTES_LIST) {
		pane_notes_ops.draw(a, &a->lay.body);
		return;
	}
	if (ns->show && a->popup.kind == PANE_POPUP_NONE && ns->mode != APP_NOTES_EDIT)
		panel_draw(a);
	if (ns->mode == APP_NOTES_EDIT)
		edit_draw(a);
}
