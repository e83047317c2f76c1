/* app_library.c: the reader's library: which files references resolve
 * against, jumps across documents and the back/forward history, "cited
 * by", the popup of a reference that is not in the library (undocs.org
 * address as an OSC 8 hyperlink, copied with OSC 52, opened with the
 * configured opener), and the jump history popup. The library view itself
 * is pane_library.c. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app_library.h"
#include "userconfig.h"
#include "xref.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

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

static struct history_place here(struct app *a)
{
	struct pane_anchor an = app_anchor(a);

	return place_of(&an);
}

static void go_place(struct app *a, const struct history_place *p)
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
	struct history_place h = here(a), to;

	if (!history_back(&a->lib->hist, &h, &to)) {
		app_msg(a, false, "no earlier place to go back to");
		return;
	}
	go_place(a, &to);
}

static void go_forward(struct app *a)
{
	struct history_place h = here(a), to;

	if (!history_forward(&a->lib->hist, &h, &to)) {
		app_msg(a, false, "nothing to go forward to (F retraces a Backspace)");
		return;
	}
	go_place(a, &to);
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
static int doc_for_entry(struct app *a, const struct library_entry *e, char *err, size_t errlen)
{
	struct stat st;
	size_t k, di = 0, before;

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

bool app_lib_start(struct app *a, const struct app_opts *o, char *err, size_t errlen)
{
	struct app_lib *l = util_xcalloc(1, sizeof(*l));
	struct config cfg;
	char cerr[256];
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
	config_init(&cfg);
	if (config_load(NULL, &cfg, cerr, sizeof(cerr)) == 0) {
		for (i = 0; i < cfg.n_library; i++)
			add_path(l, &l->extra, &l->n_extra, cfg.library[i]);
		if (cfg.opener && cfg.opener[0])
			l->opener = util_arena_strdup(&l->arena, cfg.opener);
	}
	config_free(&cfg);
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

		di = doc_for_entry(a, &l->lib.entries[i], e, sizeof(e));
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
static void jump_to(struct app *a, size_t di, const char *para_id)
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
	di = doc_for_entry(a, &a->lib->lib.entries[e], err, sizeof(err));
	if (di < 0) {
		app_msg(a, true, "%s: %s", a->lib->lib.entries[e].path, err);
		return;
	}
	jump_to(a, (size_t)di, NULL);
}

/* An open document with this symbol, or -1. */
static int open_doc_by_symbol(struct app *a, const char *sym)
{
	size_t i;

	for (i = 0; i < a->n_docs; i++)
		if (a->docs[i].doc->symbol && strcmp(a->docs[i].doc->symbol, sym) == 0)
			return (int)i;
	return -1;
}

/* ---- what a target is, and its address -------------------------------- */

static const char *const kind_text[] = {
	[DOC_REF_GA_RESOLUTION] = "General Assembly resolution",
	[DOC_REF_SC_RESOLUTION] = "Security Council resolution",
	[DOC_REF_HRC_RESOLUTION] = "Human Rights Council resolution",
	[DOC_REF_CHR_RESOLUTION] = "Commission on Human Rights resolution",
	[DOC_REF_ECOSOC_RESOLUTION] = "Economic and Social Council resolution",
	[DOC_REF_DECISION] = "decision",
	[DOC_REF_DOCUMENT] = "document",
	[DOC_REF_PARAGRAPH] = "resolution",
};

/* A paragraph reference names its resolution only by symbol. */
static const struct {
	const char *prefix;
	enum doc_ref_kind kind;
} symbol_kinds[] = {
	{ "A/HRC/RES/", DOC_REF_HRC_RESOLUTION },
	{ "A/RES/", DOC_REF_GA_RESOLUTION },
	{ "S/RES/", DOC_REF_SC_RESOLUTION },
	{ "E/CN.4/RES/", DOC_REF_CHR_RESOLUTION },
	{ "E/RES/", DOC_REF_ECOSOC_RESOLUTION },
};

static const char *kind_of(enum doc_ref_kind k, const char *target)
{
	size_t i;

	if (k == DOC_REF_PARAGRAPH)
		for (i = 0; i < N_ELEMS(symbol_kinds); i++)
			if (strncmp(target, symbol_kinds[i].prefix, strlen(symbol_kinds[i].prefix)) == 0)
				k = symbol_kinds[i].kind;
	return (size_t)k < N_ELEMS(kind_text) && kind_text[k] ? kind_text[k] : "document";
}

/* The undocs.org address of a canonical symbol into out, or "" when it
 * would hold anything but printable ASCII (nothing may reach the terminal
 * as a control sequence). */
static bool address_of(const char *target, char *out, size_t n)
{
	const char *p;

	xref_url(target, out, n);
	for (p = out; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			break;
	if (*p || !out[0] || strlen(out) + 1 >= n) {
		out[0] = 0;
		return false;
	}
	return true;
}

static void info_popup(struct app *a, const char *target, const char *target_para,
		       enum doc_ref_kind kind)
{
	struct app_lib *l = a->lib;

	snprintf(l->info_target, sizeof(l->info_target), "%s", target);
	snprintf(l->info_para, sizeof(l->info_para), "%s", target_para ? target_para : "");
	snprintf(l->info_kind, sizeof(l->info_kind), "%s", kind_of(kind, target));
	address_of(target, l->info_url, sizeof(l->info_url));
	l->overlay = APP_LIB_INFO;
	l->url_y = -1;
	app_msg(a, false, "%s is not in the library: %s", target,
		l->info_url[0] ? l->info_url : "(no address)");
}

/* Follow a reference of the current document. */
static void follow_ref(struct app *a, const struct doc_ref *ref)
{
	struct app_lib *l = a->lib;
	const char *self = app_cur(a)->doc->symbol;
	char target[128], para[48], err[256] = "";
	int di = -1;

	snprintf(target, sizeof(target), "%s", ref->target ? ref->target : "");
	snprintf(para, sizeof(para), "%s", ref->target_para ? ref->target_para : "");
	if (!target[0] || (self && strcmp(self, target) == 0)) {
		if (!target[0] && !para[0]) {
			app_msg(a, true, "this reference has no target");
			return;
		}
		di = (int)a->cur;
	} else {
		di = open_doc_by_symbol(a, target);
	}
	if (di < 0 && app_lib_ensure(a)) {
		const struct library_entry *e = library_resolve(&l->lib, target);

		if (e) {
			di = doc_for_entry(a, e, err, sizeof(err));
			if (di < 0) {
				app_msg(a, true, "%s: %s", e->path, err);
				return;
			}
		}
	}
	if (di < 0) {
		info_popup(a, target, para, ref->kind);
		return;
	}
	jump_to(a, (size_t)di, para[0] ? para : NULL);
}

/* The selected link of the body when it is on screen, or -1. */
static int selected_link(struct app *a)
{
	struct app_doc *d = app_cur(a);
	size_t n;
	const struct view_link *lk = view_links(d->view, &n);

	if (d->link < 0 || (size_t)d->link >= n)
		return -1;
	if (lk[d->link].end_line < d->top || lk[d->link].line >= d->top + a->lay.body.h)
		return -1;
	return d->link;
}

/* The reference of link li, or NULL (a footnote marker). */
static const struct doc_ref *ref_of_link(struct app *a, int li)
{
	struct app_doc *d = app_cur(a);
	size_t n;
	const struct view_link *lk = view_links(d->view, &n);

	if (li < 0 || (size_t)li >= n || lk[li].kind != VIEW_LINK_REF)
		return NULL;
	if (lk[li].index < 0 || (size_t)lk[li].index >= d->doc->n_refs)
		return NULL;
	return &d->doc->refs[lk[li].index];
}

/* ---- clipboard and opener ------------------------------------------------ */

/* May escape sequences other than curses' own reach this terminal? */
static bool term_takes_osc(struct app *a)
{
	const char *t = getenv("TERM");

	if (!t || !t[0] || strcmp(t, "dumb") == 0 || strncmp(t, "linux", 5) == 0)
		return false;
	return a->ui.out && isatty(fileno(a->ui.out));
}

static void base64(struct util_buf *b, const char *s, size_t n)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		unsigned v = (unsigned)(unsigned char)s[i] << 16 |
			     (unsigned)(unsigned char)s[i + 1] << 8 | (unsigned char)s[i + 2];

		util_buf_putc(b, tab[v >> 18 & 63]);
		util_buf_putc(b, tab[v >> 12 & 63]);
		util_buf_putc(b, tab[v >> 6 & 63]);
		util_buf_putc(b, tab[v & 63]);
	}
	if (i < n) {
		unsigned v = (unsigned)(unsigned char)s[i] << 16;

		if (i + 1 < n)
			v |= (unsigned)(unsigned char)s[i + 1] << 8;
		util_buf_putc(b, tab[v >> 18 & 63]);
		util_buf_putc(b, tab[v >> 12 & 63]);
		util_buf_putc(b, i + 1 < n ? tab[v >> 6 & 63] : '=');
		util_buf_putc(b, '=');
	}
}

static void copy_url(struct app *a, const char *url)
{
	struct app_lib *l = a->lib;

	if (!url || !url[0]) {
		app_msg(a, true, "no address to copy");
		return;
	}
	if (!term_takes_osc(a)) {
		app_msg(a, true, "this terminal cannot take a clipboard write: %s", url);
		return;
	}
	util_buf_puts(&l->pending, "\033]52;c;");
	base64(&l->pending, url, strlen(url));
	util_buf_puts(&l->pending, "\a");
	app_msg(a, false, "copied %s", url);
}

/* Run the opener on url without a shell, detached, its output to
 * /dev/null; exec failures come back through a close-on-exec pipe. */
static void open_url(struct app *a, const char *url)
{
	struct app_lib *l = a->lib;
	const char *opener = l->opener ? l->opener : "xdg-open";
	int fds[2], e = 0;
	ssize_t r;
	pid_t pid;

	if (!url || !url[0]) {
		app_msg(a, true, "no address to open");
		return;
	}
	if (pipe(fds) < 0) {
		app_msg(a, true, "cannot run %s: %s", opener, strerror(errno));
		return;
	}
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	pid = fork();
	if (pid == 0) {
		char *argv[3];
		sigset_t all;
		int fd, nul = open("/dev/null", O_RDWR);

		if (nul >= 0) {
			dup2(nul, 0);
			dup2(nul, 1);
			dup2(nul, 2);
		}
		for (fd = 3; fd < 256; fd++)
			if (fd != fds[1])
				close(fd);
		setsid();
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		signal(SIGWINCH, SIG_DFL);
		sigemptyset(&all);
		sigprocmask(SIG_SETMASK, &all, NULL);
		argv[0] = (char *)opener;
		argv[1] = (char *)url;
		argv[2] = NULL;
		execvp(opener, argv);
		e = errno;
		if (write(fds[1], &e, sizeof(e)) < 0)
			_exit(126);
		_exit(127);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		app_msg(a, true, "cannot run %s: %s", opener, strerror(errno));
		return;
	}
	do
		r = read(fds[0], &e, sizeof(e));
	while (r < 0 && errno == EINTR);
	close(fds[0]);
	if (r == (ssize_t)sizeof(e)) {
		waitpid(pid, NULL, 0);
		app_msg(a, true, "cannot run the opener %s: %s (opener: in config.yaml)", opener,
			strerror(e));
		return;
	}
	if (l->n_kids == l->cap_kids) {
		l->cap_kids = l->cap_kids ? l->cap_kids * 2 : 4;
		l->kids = util_xrealloc(l->kids, l->cap_kids, sizeof(*l->kids));
	}
	l->kids[l->n_kids++] = pid;
	app_msg(a, false, "opening %s with %s", url, opener);
}

/* The address y and O act on in the reader: the selected reference's
 * target, else the document's own. */
static bool reader_address(struct app *a, char *out, size_t n)
{
	const struct doc_ref *ref = ref_of_link(a, selected_link(a));
	const char *sym = ref && ref->target && ref->target[0] ? ref->target
							       : app_cur(a)->doc->symbol;

	out[0] = 0;
	if (!sym) {
		app_msg(a, true, "no reference selected (Tab selects one) and no symbol");
		return false;
	}
	if (!address_of(sym, out, n)) {
		app_msg(a, true, "%s has no usable address", sym);
		return false;
	}
	return true;
}

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

static void cited_by(struct app *a)
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

static void show_history(struct app *a)
{
	struct app_lib *l = a->lib;
	struct history_place h = here(a);
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

static void list_activate(struct app *a)
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
		struct history_place h = here(a), to;

		if (history_go(&l->hist, it->entry, &h, &to))
			go_place(a, &to);
		return;
	}
	di = doc_for_entry(a, &l->lib.entries[it->entry], err, sizeof(err));
	if (di < 0) {
		app_msg(a, true, "%s: %s", l->lib.entries[it->entry].path, err);
		return;
	}
	jump_to(a, (size_t)di, it->para);
}

static void list_move(struct app_lib *l, int delta)
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
static bool overlay_key(struct app *a, int key, enum action act)
{
	struct app_lib *l = a->lib;
	enum app_lib_overlay kind = l->overlay;
	int page = l->visible > 1 ? l->visible - 1 : 1;

	if (kind == APP_LIB_INFO) {
		if (act == ACTION_COPY_URL) {
			copy_url(a, l->info_url);
			return true;
		}
		if (act == ACTION_OPEN_URL) {
			open_url(a, l->info_url);
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
		list_move(l, 1);
		break;
	case ACTION_LINE_UP:
	case ACTION_PREV_LINK:
		list_move(l, -1);
		break;
	case ACTION_PAGE_DOWN:
		list_move(l, page);
		break;
	case ACTION_PAGE_UP:
		list_move(l, -page);
		break;
	case ACTION_TOP:
		list_move(l, -(int)l->n_items);
		break;
	case ACTION_BOTTOM:
		list_move(l, (int)l->n_items);
		break;
	case ACTION_FOLLOW_LINK:
		list_activate(a);
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
	return true;
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
		return overlay_key(a, key, act);
	if (a->popup.kind != PANE_POPUP_NONE)
		return false;
	switch (act) {
	case ACTION_FOLLOW_LINK: {
		const struct doc_ref *ref;

		if (a->focus != PANE_FOCUS_BODY)
			return false;
		ref = ref_of_link(a, selected_link(a));
		if (!ref)
			return false;
		follow_ref(a, ref);
		return true;
	}
	case ACTION_FORWARD:
		go_forward(a);
		return true;
	case ACTION_HISTORY:
		show_history(a);
		return true;
	case ACTION_CITED_BY:
		cited_by(a);
		return true;
	case ACTION_LIBRARY:
		pane_library_show(a);
		return true;
	case ACTION_COPY_URL:
		if (reader_address(a, url, sizeof(url)))
			copy_url(a, url);
		return true;
	case ACTION_OPEN_URL:
		if (reader_address(a, url, sizeof(url)))
			open_url(a, url);
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
			list_move(l, wheel_up ? -3 : 3);
		} else if (click) {
			if (l->overlay == APP_LIB_INFO ||
			    ev->y < l->visible_y || ev->y >= l->visible_y + l->visible ||
			    ev->x < l->visible_x || ev->x >= l->visible_x + l->visible_w) {
				l->overlay = APP_LIB_NONE;
			} else {
				int i = l->scroll + (ev->y - l->visible_y);

				if (i >= 0 && (size_t)i < l->n_items && l->items[i].selectable) {
					l->sel = i;
					list_activate(a);
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
		const struct doc_ref *ref = ref_of_link(a, li);

		if (ref) {
			d->link = li;
			follow_ref(a, ref);
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

/* Frame a popup of n lines of at most w columns over area; returns the
 * content rectangle (empty when nothing fits). */
static struct layout_rect frame_popup(struct app *a, const struct layout_rect *area, int n,
				      int w, const char *title, const char *foot)
{
	struct ui_style st = app_style(a, PANE_STYLE(POPUP));
	struct ui_style bst = app_style(a, PANE_STYLE(POPUP_BORDER));
	struct layout_rect frame, inner = { 0, 0, 0, 0 };
	int maxw = layout_popup_max_width(area), row;

	if (w > maxw)
		w = maxw;
	if (w < 1 || layout_popup(area, n, w, -1, &frame) <= 0)
		return inner;
	for (row = 0; row < frame.h; row++)
		ui_fill(frame.y + row, frame.x, frame.w, st);
	ui_box(frame.y, frame.x, frame.h, frame.w, bst);
	if (frame.w > 4)
		ui_draw(frame.y, frame.x + 2, frame.w - 4, title, strlen(title), bst);
	if (foot && frame.w > 4 && frame.h > 2) {
		int fw = ui_width(foot, strlen(foot));

		if (fw < frame.w - 4)
			ui_draw(frame.y + frame.h - 1, frame.x + frame.w - 2 - fw, fw, foot,
				strlen(foot), bst);
	}
	layout_popup_inner(&frame, &inner);
	return inner;
}

static void draw_info(struct app *a)
{
	struct app_lib *l = a->lib;
	struct ui_style st = app_style(a, PANE_STYLE(POPUP));
	struct util_buf line[5] = { { 0 } };
	size_t styles[5] = { VIEW_ROLE_SYMBOL, PANE_STYLE(POPUP), VIEW_ROLE_REFERENCE,
			     PANE_STYLE(POPUP), PANE_STYLE(POPUP) };
	struct layout_rect in;
	int i, w = 0;

	util_buf_puts(&line[0], l->info_target);
	if (l->info_para[0])
		util_buf_printf(&line[0], "  %s", l->info_para);
	util_buf_printf(&line[1], "%s, not in the library", l->info_kind);
	util_buf_puts(&line[2], l->info_url[0] ? l->info_url : "(no address)");
	util_buf_puts(&line[3], "");
	util_buf_puts(&line[4], "y copies the address, O opens it, Esc closes");
	for (i = 0; i < 5; i++) {
		int lw = ui_width(line[i].data ? line[i].data : "", line[i].len);

		if (lw > w)
			w = lw;
	}
	in = frame_popup(a, &a->lay.body, 5, w, " Not in the library ", NULL);
	l->url_y = -1;
	for (i = 0; i < 5 && i < in.h; i++) {
		const char *s = line[i].data ? line[i].data : "";

		ui_draw(in.y + i, in.x, in.w, s, line[i].len,
			i == 1 || i >= 3 ? st : app_style(a, styles[i]));
		if (i == 2 && l->info_url[0] && ui_width(s, line[i].len) <= in.w) {
			l->url_y = in.y + i;
			l->url_x = in.x;
		}
	}
	for (i = 0; i < 5; i++)
		util_buf_free(&line[i]);
}

static void draw_list(struct app *a)
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
	in = frame_popup(a, &area, (int)l->n_items, w, l->list_title, NULL);
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

void app_lib_draw(struct app *a)
{
	struct app_lib *l = a->lib;

	if (!l)
		return;
	draw_highlight(a);
	switch (l->overlay) {
	case APP_LIB_INFO:
		draw_info(a);
		break;
	case APP_LIB_CITED:
	case APP_LIB_HISTORY:
		draw_list(a);
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
	if (l->overlay == APP_LIB_INFO && l->url_y >= 0 && l->info_url[0] && term_takes_osc(a)) {
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
