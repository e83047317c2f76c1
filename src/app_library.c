/* app_library.c: the reader's library: which files references resolve
 * against, jumps across documents and the back/forward history, the keys
 * and mouse of the library's overlays and their drawing. The info popup,
 * OSC 8/52 and the opener are app_links.c, the "cited by" and history
 * popups app_lists.c, the library view itself pane_library.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "app_library.h"
#include "userconfig.h"
#include "xref.h"

/* ---- places ---------------------------------------------------------- */

static struct history_place place_of(const struct pane_anchor *an)
{
	struct history_place p = { an->doc, an->para, an->fn, an->delta, an->line };

	return p;
}

static struct pane_anchor anchor_of_place(const struct history_place *p)
{
	struct pane_anchor an = { p->doc, p->para, p->fn, p->delta, p->line };

	return an;
}

struct history_place app_lib_here(struct app *a)
{
	struct pane_anchor an = app_anchor(a);

	return place_of(&an);
}

void app_lib_go_place(struct app *a, const struct history_place *p)
{
	struct pane_anchor an = anchor_of_place(p);
	size_t before = a->cur;

	app_goto_anchor(a, &an);
	if (a->cur != before)
		app_cur(a)->osel = -1;
	a->lib->reader_seen = true;
}

void app_lib_push(struct app *a, const struct pane_anchor *from)
{
	struct history_place p = place_of(from);

	history_push(&a->lib->hist, &p);
}

void app_lib_back(struct app *a)
{
	struct history_place h = app_lib_here(a), to;

	if (!history_back(&a->lib->hist, &h, &to)) {
		app_msg(a, false, "no earlier place to go back to");
		return;
	}
	app_lib_go_place(a, &to);
}

static void go_forward(struct app *a)
{
	struct history_place h = app_lib_here(a), to;

	if (!history_forward(&a->lib->hist, &h, &to)) {
		app_msg(a, false, "nothing to go forward to (F retraces a Backspace)");
		return;
	}
	app_lib_go_place(a, &to);
}

/* ---- set-up ------------------------------------------------------------ */

static void add_path(struct app_lib *l, const char ***v, size_t *n, const char *path)
{
	size_t i;

	if (!path || !path[0])
		return;
	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], path) == 0)
			return;
	*v = util_xrealloc(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = util_arena_strdup(&l->arena, path);
}

/* The directory a file lies in ("." for a bare name). */
static const char *dir_of(struct app_lib *l, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return ".";
	if (slash == path)
		return "/";
	return util_arena_strndup(&l->arena, path, (size_t)(slash - path));
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The document for entry e among a->docs[first, first + n): its index in
 * the file, checked against its symbol (the file may have changed). */
static size_t pick_doc(struct app *a, size_t first, size_t n, const struct library_entry *e)
{
	size_t i, idx = e->doc_index >= 0 && (size_t)e->doc_index < n ? (size_t)e->doc_index : 0;
	const struct doc *d = a->docs[first + idx].doc;

	if (!e->symbol || (d->symbol && strcmp(d->symbol, e->symbol) == 0))
		return first + idx;
	for (i = 0; i < n; i++) {
		d = a->docs[first + i].doc;
		if (d->symbol && strcmp(d->symbol, e->symbol) == 0)
			return first + i;
	}
	return first + idx;
}

/* Identity of open file k (a->sets[k]), whose first document is docs[di]. */
static const struct app_lib_file *file_ident(struct app *a, size_t k, size_t di)
{
	struct app_lib *l = a->lib;
	struct app_lib_file *f;
	struct stat st;

	if (k >= l->n_files) {
		l->files = util_xrealloc(l->files, a->n_sets, sizeof(*l->files));
		memset(l->files + l->n_files, 0, (a->n_sets - l->n_files) * sizeof(*l->files));
		l->n_files = a->n_sets;
	}
	f = &l->files[k];
	if (!f->known) {
		f->known = true;
		if (strcmp(a->docs[di].file, "-") != 0 && stat(a->docs[di].file, &st) == 0) {
			f->ok = true;
			f->dev = st.st_dev;
			f->ino = st.st_ino;
		}
	}
	return f;
}

/* The open document of library entry e, opening its file if needed;
 * -1 with the reason in err. */
int app_lib_doc_for_entry(struct app *a, const struct library_entry *e, char *err, size_t errlen)
{
	struct stat st;
	size_t k, di = 0, before;

	app_load_all(a);
	if (stat(e->path, &st) == 0) {
		for (k = 0; k < a->n_sets; di += a->sets[k].n, k++) {
			const struct app_lib_file *f = file_ident(a, k, di);

			if (f->ok && f->dev == st.st_dev && f->ino == st.st_ino)
				return (int)pick_doc(a, di, a->sets[k].n, e);
		}
	}
	before = a->n_docs;
	if (app_open_file(a, e->path, err, errlen) < 0 || a->n_docs == before) {
		if (!err[0])
			snprintf(err, errlen, "no text");
		return -1;
	}
	return (int)pick_doc(a, before, a->n_docs - before, e);
}

/* "PATH: reason" into err, sanitized: app.c prints it on standard error
 * when nothing could be shown. */
static void set_err(char *err, size_t errlen, const char *path, const char *msg)
{
	struct util_buf b = { 0 };

	util_sanitize(&b, path, strlen(path));
	util_buf_puts(&b, ": ");
	util_sanitize(&b, msg, strlen(msg));
	snprintf(err, errlen, "%s", b.data ? b.data : "");
	util_buf_free(&b);
}

bool app_lib_start(struct app *a, const struct app_opts *o, const struct config *cfg,
		   char *err, size_t errlen)
{
	struct app_lib *l = util_xcalloc(1, sizeof(*l));
	bool has_stdin = false, view;
	size_t i;
	int di;

	a->lib = l;
	history_init(&l->hist, 0);
	l->hl_doc = -1;
	l->url_y = -1;
	for (i = 0; i < o->n_paths; i++) {
		if (strcmp(o->paths[i], "-") == 0) {
			has_stdin = true;
			continue;
		}
		add_path(l, &l->primary, &l->n_primary, o->paths[i]);
		if (!is_dir(o->paths[i]))
			add_path(l, &l->extra, &l->n_extra, dir_of(l, o->paths[i]));
	}
	if (o->n_paths == 0)
		add_path(l, &l->primary, &l->n_primary, o->samples_dir);
	/* config.yaml's library: and opener: (app.c reports a bad file) */
	if (cfg) {
		for (i = 0; i < cfg->n_library; i++)
			add_path(l, &l->extra, &l->n_extra, cfg->library[i]);
		if (cfg->opener && cfg->opener[0])
			l->opener = util_arena_strdup(&l->arena, cfg->opener);
	}
	if (o->n_paths > 0)
		add_path(l, &l->extra, &l->n_extra, o->samples_dir);

	view = !has_stdin && (o->n_paths > 1 || (o->n_paths == 1 && is_dir(o->paths[0])));
	if (!view) {
		l->reader_seen = true;
		return false;
	}
	app_lib_ensure(a);
	if (l->lib.n_errors)
		set_err(err, errlen, l->lib.errors[0].path, l->lib.errors[0].msg);
	for (i = 0; i < l->lib.n_entries && l->lib.entries[i].primary; i++) {
		char e[256] = "";

		di = app_lib_doc_for_entry(a, &l->lib.entries[i], e, sizeof(e));
		if (di >= 0) {
			a->cur = (size_t)di;
			break;
		}
		if (!err[0])
			set_err(err, errlen, l->lib.entries[i].path, e);
	}
	if (a->n_docs == 0 && !err[0])
		set_err(err, errlen, o->paths[0], "no resolution found");
	if (a->n_docs > 0) {
		pane_library_show(a);
		if (l->lib.n_errors == 0)
			err[0] = 0;
	}
	return true;
}

static void reap(struct app_lib *l)
{
	size_t i = 0;

	while (i < l->n_kids) {
		if (waitpid(l->kids[i], NULL, WNOHANG) != 0)
			l->kids[i] = l->kids[--l->n_kids];
		else
			i++;
	}
}

void app_lib_free(struct app *a)
{
	struct app_lib *l = a->lib;

	if (!l)
		return;
	reap(l);
	free(l->kids);
	if (l->built)
		library_close(&l->lib);
	history_free(&l->hist);
	free(l->primary);
	free(l->extra);
	free(l->files);
	free(l->items);
	util_buf_free(&l->items_text);
	util_buf_free(&l->pending);
	pane_library_free(&l->view);
	util_arena_free(&l->arena);
	free(l);
	a->lib = NULL;
}

/* Write a message on the status line now (before a slow step). */
static void status_now(struct app *a, const char *msg)
{
	struct ui_style st = app_style(a, PANE_STYLE(STATUS));
	const struct layout_rect *r = &a->lay.status;

	if (!a->ui.active || r->h <= 0 || r->w <= 0)
		return;
	ui_fill(r->y, r->x, r->w, st);
	ui_draw(r->y, r->x, r->w, msg, strlen(msg), st);
	wnoutrefresh(stdscr);
	doupdate();
}

bool app_lib_ensure(struct app *a)
{
	struct app_lib *l = a->lib;
	struct library_opts o = { 0 };

	if (l->built)
		return true;
	status_now(a, " indexing the library\u2026");
	o.extra_dirs = l->extra;
	o.n_extra = l->n_extra;
	library_open(&l->lib, l->primary, l->n_primary, &o);
	l->built = true;
	return true;
}

/* ---- jumps ---------------------------------------------------------------- */

/* Does paragraph q lie in p's subtree? */
static bool in_subtree(const struct doc *doc, int q, int p)
{
	int depth = 0;

	while (q >= 0 && (size_t)q < doc->n_paras && depth++ < 64) {
		if (q == p)
			return true;
		q = doc->paras[q].parent;
	}
	return false;
}

/* Show document di at paragraph (or footnote) para_id, or at its top;
 * remembers where the reader was, highlights the paragraph. */
void app_lib_jump_to(struct app *a, size_t di, const char *para_id)
{
	struct app_lib *l = a->lib;
	struct app_doc *d;
	const char *sym;
	int pi = -1, fi = -1, line = 0;

	if (l->reader_seen)
		app_push_jump(a);
	l->reader_seen = true;
	l->overlay = APP_LIB_NONE;
	if (a->cur != di) {
		a->cur = di;
		app_cur(a)->osel = -1;
	}
	d = app_cur(a);
	sym = d->doc->symbol ? d->doc->symbol : d->file;
	if (para_id && para_id[0]) {
		if (strncmp(para_id, "fn", 2) == 0)
			fi = doc_find_footnote(d->doc, para_id);
		if (fi >= 0)
			line = view_line_of_footnote(d->view, fi);
		else if ((pi = doc_find_para(d->doc, para_id)) >= 0)
			line = view_line_of_para(d->view, pi);
	}
	app_set_top(a, line > 0 ? line : 0);
	if (pi >= 0) {
		l->hl = true;
		l->hl_doc = (int)di;
		l->hl_para = pi;
		app_msg(a, false, "\u2192 %s of %s", para_id, sym);
	} else if (fi >= 0) {
		app_msg(a, false, "\u2192 %s of %s", para_id, sym);
	} else if (para_id && para_id[0]) {
		app_msg(a, true, "%s has no paragraph %s", sym, para_id);
	} else {
		app_msg(a, false, "\u2192 %s", sym);
	}
}

void app_lib_open_entry(struct app *a, size_t e)
{
	char err[256] = "";
	int di;

	if (!a->lib->built || e >= a->lib->lib.n_entries)
		return;
	di = app_lib_doc_for_entry(a, &a->lib->lib.entries[e], err, sizeof(err));
	if (di < 0) {
		app_msg(a, true, "%s: %s", a->lib->lib.entries[e].path, err);
		return;
	}
	app_lib_jump_to(a, (size_t)di, NULL);
}

/* An open document with this symbol, or -1. */
int app_lib_open_symbol(struct app *a, const char *sym)
{
	size_t i;

	app_load_all(a);
	for (i = 0; i < a->n_docs; i++)
		if (a->docs[i].doc->symbol && strcmp(a->docs[i].doc->symbol, sym) == 0)
			return (int)i;
	return -1;
}

/* ---- hooks ---------------------------------------------------------------- */

bool app_lib_key(struct app *a, int key, enum action act)
{
	struct app_lib *l = a->lib;
	char url[192];

	reap(l);
	l->hl = false;
	if (l->overlay == APP_LIB_VIEW) {
		pane_library_key(a, key, act);
		return true;
	}
	if (l->overlay != APP_LIB_NONE)
		return app_lib_overlay_key(a, key, act);
	if (a->popup.kind != PANE_POPUP_NONE)
		return false;
	switch (act) {
	case ACTION_FOLLOW_LINK: {
		const struct doc_ref *ref;

		if (a->focus != PANE_FOCUS_BODY)
			return false;
		ref = app_lib_ref_of_link(a, app_lib_selected_link(a));
		if (!ref)
			return false;
		app_lib_follow_ref(a, ref);
		return true;
	}
	case ACTION_FORWARD:
		go_forward(a);
		return true;
	case ACTION_HISTORY:
		app_lib_show_history(a);
		return true;
	case ACTION_CITED_BY:
		app_lib_cited_by(a);
		return true;
	case ACTION_LIBRARY:
		pane_library_show(a);
		return true;
	case ACTION_COPY_URL:
		if (app_lib_reader_address(a, url, sizeof(url)))
			app_lib_copy_url(a, url);
		return true;
	case ACTION_OPEN_URL:
		if (app_lib_reader_address(a, url, sizeof(url)))
			app_lib_open_url(a, url);
		return true;
	default:
		return false;
	}
}

bool app_lib_mouse(struct app *a, const MEVENT *ev)
{
	struct app_lib *l = a->lib;
	bool wheel_up = (ev->bstate & BUTTON4_PRESSED) != 0, wheel_down = false;
	bool click = (ev->bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) != 0;

#ifdef BUTTON5_PRESSED
	wheel_down = (ev->bstate & BUTTON5_PRESSED) != 0;
#endif
	l->hl = false;
	if (l->overlay == APP_LIB_VIEW) {
		if (wheel_up || wheel_down)
			pane_library_ops.action(a, wheel_up ? ACTION_LINE_UP : ACTION_LINE_DOWN);
		else if (click)
			pane_library_ops.click(a, ev->y, ev->x);
		return true;
	}
	if (l->overlay != APP_LIB_NONE) {
		if (wheel_up || wheel_down) {
			app_lib_list_move(l, wheel_up ? -3 : 3);
		} else if (click) {
			if (l->overlay == APP_LIB_INFO ||
			    ev->y < l->visible_y || ev->y >= l->visible_y + l->visible ||
			    ev->x < l->visible_x || ev->x >= l->visible_x + l->visible_w) {
				l->overlay = APP_LIB_NONE;
			} else {
				int i = l->scroll + (ev->y - l->visible_y);

				if (i >= 0 && (size_t)i < l->n_items && l->items[i].selectable) {
					l->sel = i;
					app_lib_list_activate(a);
				}
			}
		}
		return true;
	}
	if (click && a->popup.kind == PANE_POPUP_NONE &&
	    layout_rect_contains(&a->lay.body, ev->y, ev->x)) {
		struct app_doc *d = app_cur(a);
		int li = view_link_at(d->view, d->top + (ev->y - a->lay.body.y),
				      ev->x - a->lay.body.x);
		const struct doc_ref *ref = app_lib_ref_of_link(a, li);

		if (ref) {
			d->link = li;
			app_lib_follow_ref(a, ref);
			return true;
		}
	}
	return false;
}

/* ---- drawing ------------------------------------------------------------------ */

static void draw_highlight(struct app *a)
{
	struct app_lib *l = a->lib;
	struct app_doc *d;
	const struct view *v;
	const struct layout_rect *r = &a->lay.body;
	struct ui_style st = app_style(a, PANE_STYLE(SEARCH));
	int line, start, bottom;

	if (!l->hl || l->hl_doc != (int)a->cur || a->popup.kind != PANE_POPUP_NONE ||
	    r->h <= 0 || r->w <= 0)
		return;
	d = app_cur(a);
	v = d->view;
	start = view_line_of_para(v, l->hl_para);
	if (start < 0)
		return;
	bottom = d->top + r->h;
	for (line = start; line < bottom; line++) {
		const struct view_line *vl = view_line(v, (size_t)line);
		unsigned j;

		if (!vl || vl->part == VIEW_PART_FOOTNOTES)
			break;
		if (line > start && vl->n_segs > 0 &&
		    (vl->para < 0 || !in_subtree(d->doc, vl->para, l->hl_para)))
			break;
		if (line < d->top)
			continue;
		for (j = 0; j < vl->n_segs; j++) {
			const struct view_seg *s = view_line_seg(v, vl, j);

			if (s->col >= r->w)
				break;
			ui_draw(r->y + line - d->top, r->x + s->col, r->w - s->col, s->text, s->len,
				st);
		}
	}
}

void app_lib_draw(struct app *a)
{
	struct app_lib *l = a->lib;

	if (!l)
		return;
	draw_highlight(a);
	switch (l->overlay) {
	case APP_LIB_INFO:
		app_lib_draw_info(a);
		break;
	case APP_LIB_CITED:
	case APP_LIB_HISTORY:
		app_lib_draw_list(a);
		break;
	case APP_LIB_VIEW: {
		struct layout_rect r = { 0, 0, a->lay.status.h > 0 ? a->lay.status.y : LINES,
					 COLS };

		pane_library_ops.draw(a, &r);
		break;
	}
	default:
		break;
	}
}

void app_lib_after_draw(struct app *a)
{
	struct app_lib *l = a->lib;
	bool any = false;

	if (!l || !a->ui.active || !a->ui.out)
		return;
	if (l->overlay == APP_LIB_INFO && l->url_y >= 0 && l->info_url[0] &&
	    app_lib_term_takes_osc(a)) {
		/* the URL drawn again inside an OSC 8 hyperlink, cursor and
		 * attributes saved and restored around it (DECSC/DECRC) */
		fprintf(a->ui.out, "\0337\033[%d;%dH\033]8;;%s\033\\\033[0;4m%s\033[0m\033]8;;\033\\\0338",
			l->url_y + 1, l->url_x + 1, l->info_url, l->info_url);
		any = true;
	}
	if (l->pending.len) {
		fwrite(l->pending.data, 1, l->pending.len, a->ui.out);
		util_buf_clear(&l->pending);
		any = true;
	}
	if (any)
		fflush(a->ui.out);
}
