/* pane_library.c: the library view: one row per resolution of the library
 * (symbol, body, adoption date, title, file), sorted by a key (s cycles
 * it, S reverses) and filtered as you type (a key that is not a command
 * starts the filter, / edits it, Esc clears it); Enter opens the row's
 * resolution in the reader and L comes back here. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "app_library.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

enum { SORT_SYMBOL, SORT_DATE, SORT_TITLE, SORT_FILE, SORT_COUNT };

static const char *const sort_name[SORT_COUNT] = { "symbol", "date", "title", "file" };

static const char *const body_short[] = {
	[DOC_BODY_UNKNOWN] = "",
	[DOC_BODY_GA] = "GA",
	[DOC_BODY_SC] = "SC",
	[DOC_BODY_HRC] = "HRC",
	[DOC_BODY_CHR] = "CHR",
	[DOC_BODY_ECOSOC] = "ECOSOC",
};

static const char *body_of(const struct library_entry *e)
{
	return (size_t)e->body < N_ELEMS(body_short) ? body_short[e->body] : "";
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Natural order: digit runs compare as numbers (58/178 before 62/152,
 * 9 before 10), letters without case; NULL and "" last. */
static int natural_cmp(const char *x, const char *y)
{
	if (!x || !*x || !y || !*y)
		return (!x || !*x) - (!y || !*y);
	while (*x && *y) {
		if (isdigit((unsigned char)*x) && isdigit((unsigned char)*y)) {
			const char *xs, *ys;
			size_t xn, yn;
			int c;

			while (*x == '0' && isdigit((unsigned char)x[1]))
				x++;
			while (*y == '0' && isdigit((unsigned char)y[1]))
				y++;
			for (xs = x; isdigit((unsigned char)*x); x++)
				;
			for (ys = y; isdigit((unsigned char)*y); y++)
				;
			xn = (size_t)(x - xs);
			yn = (size_t)(y - ys);
			if (xn != yn)
				return xn < yn ? -1 : 1;
			c = strncmp(xs, ys, xn);
			if (c)
				return c;
			continue;
		}
		if (tolower((unsigned char)*x) != tolower((unsigned char)*y))
			return tolower((unsigned char)*x) < tolower((unsigned char)*y) ? -1 : 1;
		x++;
		y++;
	}
	return (*x != 0) - (*y != 0);
}

struct sort_item {
	const char *key;
	const char *symbol;
	size_t entry;
};

static int cmp_item(const void *p, const void *q)
{
	const struct sort_item *x = p, *y = q;
	int c = natural_cmp(x->key, y->key);

	if (!c)
		c = natural_cmp(x->symbol, y->symbol);
	if (!c)
		c = x->entry < y->entry ? -1 : x->entry > y->entry;
	return c;
}

static const char *sort_key(const struct library_entry *e, int sort)
{
	switch (sort) {
	case SORT_DATE:
		return e->adopted;
	case SORT_TITLE:
		return e->title;
	case SORT_FILE:
		return e->path;
	default:
		return e->symbol;
	}
}

/* Does entry e hold every word of the filter? */
static bool matches(const struct library_entry *e, const char *filter)
{
	const char *fields[5];
	char word[128];
	const char *p = filter;
	size_t i;

	fields[0] = e->symbol;
	fields[1] = e->title;
	fields[2] = e->adopted;
	fields[3] = body_of(e);
	fields[4] = e->path;
	while (*p) {
		size_t n = 0, s, l;
		bool found = false;

		while (*p == ' ')
			p++;
		while (*p && *p != ' ' && n + 1 < sizeof(word))
			word[n++] = *p++;
		while (*p && *p != ' ')
			p++;
		word[n] = 0;
		if (!n)
			continue;
		for (i = 0; i < N_ELEMS(fields) && !found; i++)
			found = fields[i] && search_find(fields[i], strlen(fields[i]), 0, word, &s, &l);
		if (!found)
			return false;
	}
	return true;
}

/* Rows: the sorted entries that match the filter; the cursor stays on
 * its entry when it is still shown. */
static void refilter(struct pane_library *v, const struct library *lib)
{
	size_t keep = v->cur >= 0 && (size_t)v->cur < v->n_rows ? v->rows[v->cur] : (size_t)-1;
	size_t i;

	v->n_rows = 0;
	v->cur = 0;
	for (i = 0; i < v->n_all; i++) {
		size_t e = v->all[i];

		if (!v->filter[0] || matches(&lib->entries[e], v->filter)) {
			if (e == keep)
				v->cur = (int)v->n_rows;
			v->rows[v->n_rows++] = e;
		}
	}
}

/* The entries listed: those of the paths given when they are several
 * (a directory, files, the samples), else the whole library a single
 * document resolves against. */
static bool listed(const struct library *lib, size_t e, size_t n_primary)
{
	return n_primary < 2 || lib->entries[e].primary;
}

static void resort(struct pane_library *v, const struct library *lib)
{
	struct sort_item *it = util_xcalloc(lib->n_entries ? lib->n_entries : 1, sizeof(*it));
	size_t i, n = 0, n_primary = 0;

	for (i = 0; i < lib->n_entries; i++)
		n_primary += lib->entries[i].primary;
	for (i = 0; i < lib->n_entries; i++) {
		if (!listed(lib, i, n_primary))
			continue;
		it[n].key = sort_key(&lib->entries[i], v->sort);
		it[n].symbol = lib->entries[i].symbol;
		it[n].entry = i;
		n++;
	}
	qsort(it, n, sizeof(*it), cmp_item);
	for (i = 0; i < n; i++)
		v->all[i] = it[v->reverse ? n - 1 - i : i].entry;
	v->n_all = n;
	free(it);
	refilter(v, lib);
}

void pane_library_show(struct app *a)
{
	struct app_lib *l = a->lib;
	struct pane_library *v = &l->view;
	const struct library *lib = &l->lib;
	const char *sym;
	size_t i;

	if (!app_lib_ensure(a))
		return;
	if (v->lib != lib) {
		free(v->all);
		free(v->rows);
		v->all = util_xcalloc(lib->n_entries ? lib->n_entries : 1, sizeof(size_t));
		v->rows = util_xcalloc(lib->n_entries ? lib->n_entries : 1, sizeof(size_t));
		v->lib = lib;
		v->cur = -1;
		resort(v, lib);
	}
	/* the cursor on the document shown, when it is listed */
	sym = a->n_docs ? a->docs[a->cur].doc->symbol : NULL;
	for (i = 0; sym && i < v->n_rows; i++) {
		const char *s = lib->entries[v->rows[i]].symbol;

		if (s && strcmp(s, sym) == 0) {
			v->cur = (int)i;
			break;
		}
	}
	if (lib->n_entries == 0)
		app_msg(a, false, "the library is empty (library: in config.yaml adds directories)");
	l->overlay = APP_LIB_VIEW;
}

void pane_library_filter(struct app *a, const char *text)
{
	struct pane_library *v = &a->lib->view;

	snprintf(v->filter, sizeof(v->filter), "%s", text);
	refilter(v, &a->lib->lib);
}

void pane_library_free(struct pane_library *v)
{
	free(v->all);
	free(v->rows);
	memset(v, 0, sizeof(*v));
}

static void close_view(struct app *a)
{
	a->lib->overlay = APP_LIB_NONE;
	a->lib->reader_seen = true;
}

static void open_row(struct app *a)
{
	struct pane_library *v = &a->lib->view;

	if (v->cur < 0 || (size_t)v->cur >= v->n_rows) {
		app_msg(a, false, "no resolution selected");
		return;
	}
	app_lib_open_entry(a, v->rows[v->cur]);
}

/* ---- drawing ---------------------------------------------------------------- */

struct columns {
	int sym, body, date, title, file; /* widths; 0: not shown */
};

static void columns_for(const struct pane_library *v, const struct library *lib, int w,
			struct columns *c)
{
	size_t i;
	int fixed;

	c->sym = 6;
	c->file = 4;
	for (i = 0; i < v->n_rows; i++) {
		const struct library_entry *e = &lib->entries[v->rows[i]];
		const char *b = base_name(e->path);
		int sw = e->symbol ? ui_width(e->symbol, strlen(e->symbol)) : 1;
		int fw = ui_width(b, strlen(b));

		if (sw > c->sym)
			c->sym = sw;
		if (fw > c->file)
			c->file = fw;
	}
	if (c->sym > 24)
		c->sym = 24;
	if (c->file > w / 4)
		c->file = w / 4;
	c->body = 6;
	c->date = 10;
	fixed = 1 + c->sym + 2 + c->body + 2 + c->date + 2;
	if (w - fixed - 2 - c->file < 20)
		c->file = 0;
	c->title = w - fixed - (c->file ? c->file + 2 : 0);
	if (c->title < 8)
		c->title = 0;
}

/* Draw s at column *x in at most w columns, then two columns of gap. */
static void cell(int y, int *x, int maxx, int w, const char *s, struct ui_style st)
{
	if (w <= 0 || *x >= maxx)
		return;
	if (w > maxx - *x)
		w = maxx - *x;
	if (s)
		ui_draw(y, *x, w, s, strlen(s), st);
	*x += w + 2;
}

static void draw_status_line(struct app *a)
{
	struct pane_library *v = &a->lib->view;
	const struct layout_rect *r = &a->lay.status;
	struct ui_style st = app_style(a, PANE_STYLE(STATUS));
	char left[160];
	int x;

	if (r->h <= 0 || r->w <= 0)
		return;
	ui_fill(r->y, r->x, r->w, st);
	snprintf(left, sizeof(left), " library  %d/%zu ", v->n_rows ? v->cur + 1 : 0, v->n_rows);
	x = ui_draw(r->y, r->x, r->w, left, strlen(left), st);
	if (a->msg[0] && x < r->w) {
		struct ui_style ms = a->msg_error ? app_style(a, PANE_STYLE(STATUS_ERROR)) : st;

		x += ui_draw(r->y, r->x + x, r->w - x, " ", 1, st);
		ui_draw(r->y, r->x + x, r->w - x, a->msg, strlen(a->msg), ms);
	} else {
		static const char hint[] = "Enter opens  type filters  s sorts  L reader  q quit ";
		int hw = (int)sizeof(hint) - 1;

		if (r->w - x > hw)
			ui_draw(r->y, r->x + r->w - hw, hw, hint, (size_t)hw, st);
	}
}

static void view_draw(struct app *a, const struct layout_rect *r)
{
	struct pane_library *v = &a->lib->view;
	const struct library *lib = &a->lib->lib;
	struct ui_style text = app_style(a, VIEW_ROLE_TEXT);
	struct ui_style head = app_style(a, VIEW_ROLE_HEADING);
	struct ui_style cur = app_style(a, PANE_STYLE(OUTLINE_CURSOR));
	struct ui_style sym = app_style(a, VIEW_ROLE_SYMBOL);
	struct ui_style dim = app_style(a, PANE_STYLE(OUTLINE));
	struct util_buf b = { 0 };
	struct columns c;
	int row, y, x, list_h, maxx = r->x + r->w;

	if (r->h <= 0 || r->w <= 0)
		return;
	for (row = 0; row < r->h; row++)
		ui_fill(r->y + row, r->x, r->w, text);
	util_buf_printf(&b, " Library: %zu resolution%s   sort: %s%s", v->n_all,
			v->n_all == 1 ? "" : "s", sort_name[v->sort], v->reverse ? " (reversed)" : "");
	if (v->filter[0] || v->editing)
		util_buf_printf(&b, "   filter: %s%s", v->filter, v->editing ? "_" : "");
	ui_draw(r->y, r->x, r->w, b.data, b.len, head);
	util_buf_free(&b);
	draw_status_line(a);
	if (r->h < 3)
		return;
	columns_for(v, lib, r->w, &c);
	x = r->x + 1;
	cell(r->y + 1, &x, maxx, c.sym, "Symbol", dim);
	cell(r->y + 1, &x, maxx, c.body, "Body", dim);
	cell(r->y + 1, &x, maxx, c.date, "Adopted", dim);
	cell(r->y + 1, &x, maxx, c.title, "Title", dim);
	cell(r->y + 1, &x, maxx, c.file, "File", dim);
	list_h = r->h - 2;
	v->page = list_h;
	if (v->n_rows == 0) {
		static const char none[] = " no resolution matches the filter (Esc clears it)";

		if (v->filter[0])
			ui_draw(r->y + 2, r->x, r->w, none, sizeof(none) - 1, text);
		return;
	}
	if (v->cur >= (int)v->n_rows)
		v->cur = (int)v->n_rows - 1;
	if (v->cur < 0)
		v->cur = 0;
	if (v->cur < v->top)
		v->top = v->cur;
	if (v->cur >= v->top + list_h)
		v->top = v->cur - list_h + 1;
	if (v->top > (int)v->n_rows - list_h)
		v->top = (int)v->n_rows - list_h;
	if (v->top < 0)
		v->top = 0;
	for (row = 0; row < list_h && (size_t)(v->top + row) < v->n_rows; row++) {
		const struct library_entry *e = &lib->entries[v->rows[v->top + row]];
		bool is_cur = v->top + row == v->cur;
		struct ui_style st = is_cur ? cur : text;

		y = r->y + 2 + row;
		if (is_cur)
			ui_fill(y, r->x, r->w, cur);
		x = r->x + 1;
		cell(y, &x, maxx, c.sym, e->symbol ? e->symbol : "-", is_cur ? cur : sym);
		cell(y, &x, maxx, c.body, body_of(e), st);
		cell(y, &x, maxx, c.date, e->adopted ? e->adopted : "", st);
		cell(y, &x, maxx, c.title, e->title ? e->title : "", st);
		cell(y, &x, maxx, c.file, base_name(e->path), is_cur ? cur : dim);
	}
}

/* ---- keys ------------------------------------------------------------------- */

static void move_cursor(struct pane_library *v, int delta)
{
	long c = (long)v->cur + delta;

	if (c >= (long)v->n_rows)
		c = (long)v->n_rows - 1;
	if (c < 0)
		c = 0;
	v->cur = (int)c;
}

static bool view_action(struct app *a, enum action act)
{
	struct pane_library *v = &a->lib->view;
	int page = v->page > 1 ? v->page - 1 : 1;

	switch (act) {
	case ACTION_LINE_DOWN:
		move_cursor(v, 1);
		return true;
	case ACTION_LINE_UP:
		move_cursor(v, -1);
		return true;
	case ACTION_PAGE_DOWN:
		move_cursor(v, page);
		return true;
	case ACTION_PAGE_UP:
		move_cursor(v, -page);
		return true;
	case ACTION_TOP:
		v->cur = 0;
		return true;
	case ACTION_BOTTOM:
		move_cursor(v, (int)v->n_rows);
		return true;
	case ACTION_FOLLOW_LINK:
		open_row(a);
		return true;
	case ACTION_LIBRARY:
		close_view(a);
		return true;
	case ACTION_QUIT:
		a->quit = true;
		return true;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		return true;
	case ACTION_HELP:
		app_msg(a, false, "type to filter (/ edits it), s sorts, S reverses, Enter opens, "
			"L or Esc returns");
		return true;
	default:
		return false;
	}
}

/* A key that types into the filter: printable, not a function key. */
static bool printable(int key)
{
	return key >= 0x20 && key != 0x7f && key < ACTION_KEY_SPECIAL &&
	       !(key >= 0x80 && key < 0xa0);
}

static void filter_key(struct app *a, int key)
{
	struct pane_library *v = &a->lib->view;
	size_t n = strlen(v->filter);

	if (key == ACTION_KEY_BACKSPACE) {
		if (n == 0) {
			v->editing = false;
			return;
		}
		/* drop the last UTF-8 character */
		while (n > 0 && ((unsigned char)v->filter[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0)
			n--;
		v->filter[n] = 0;
	} else if (key == ACTION_KEY_CTRL('u')) {
		v->filter[0] = 0;
	} else {
		char enc[4];
		size_t k = util_utf8_encode((uint32_t)key, enc);

		if (n + k + 1 > sizeof(v->filter))
			return;
		memcpy(v->filter + n, enc, k);
		v->filter[n + k] = 0;
	}
	refilter(v, &a->lib->lib);
}

void pane_library_key(struct app *a, int key, enum action act)
{
	struct pane_library *v = &a->lib->view;
	char name[32];

	if (v->editing) {
		switch (key) {
		case ACTION_KEY_ESC:
			v->editing = false;
			pane_library_filter(a, "");
			return;
		case ACTION_KEY_ENTER:
			v->editing = false;
			open_row(a);
			return;
		case ACTION_KEY_UP:
			move_cursor(v, -1);
			return;
		case ACTION_KEY_DOWN:
			move_cursor(v, 1);
			return;
		case ACTION_KEY_PGUP:
			move_cursor(v, -(v->page > 1 ? v->page - 1 : 1));
			return;
		case ACTION_KEY_PGDN:
			move_cursor(v, v->page > 1 ? v->page - 1 : 1);
			return;
		default:
			break;
		}
		if (printable(key) || key == ACTION_KEY_BACKSPACE || key == ACTION_KEY_CTRL('u'))
			filter_key(a, key);
		return;
	}
	if (key == ACTION_KEY_ESC) {
		if (v->filter[0])
			pane_library_filter(a, "");
		else
			close_view(a);
		return;
	}
	if (key == '/') {
		v->editing = true;
		return;
	}
	if (key == 's' || key == 'S') {
		if (key == 's')
			v->sort = (v->sort + 1) % SORT_COUNT;
		else
			v->reverse = !v->reverse;
		resort(v, &a->lib->lib);
		app_msg(a, false, "sorted by %s%s", sort_name[v->sort],
			v->reverse ? ", reversed" : "");
		return;
	}
	if (view_action(a, act))
		return;
	if (act == ACTION_NONE && printable(key) && key != ' ') {
		v->editing = true;
		filter_key(a, key);
		return;
	}
	action_key_name(key, name, sizeof(name));
	app_msg(a, false, "%s does nothing in the library (/ filters, Enter opens)", name);
}

static bool view_click(struct app *a, int y, int x)
{
	struct pane_library *v = &a->lib->view;
	int row = y - 2;

	(void)x;
	if (row < 0 || v->top + row >= (int)v->n_rows)
		return false;
	v->cur = v->top + row;
	open_row(a);
	return true;
}

const struct pane_ops pane_library_ops = {
	.name = "library",
	.draw = view_draw,
	.action = view_action,
	.click = view_click,
};
