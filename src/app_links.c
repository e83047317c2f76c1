/* app_links.c: where a reference leads when it is not a jump in the
 * library: its kind and undocs.org address, the info popup of a reference
 * that is not in the library (the address as an OSC 8 hyperlink), copying
 * with OSC 52 and opening with the configured opener. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app_library.h"
#include "userconfig.h"
#include "xref.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

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
void app_lib_follow_ref(struct app *a, const struct doc_ref *ref)
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
		di = app_lib_open_symbol(a, target);
	}
	if (di < 0 && app_lib_ensure(a)) {
		const struct library_entry *e = library_resolve(&l->lib, target);

		if (e) {
			di = app_lib_doc_for_entry(a, e, err, sizeof(err));
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
	app_lib_jump_to(a, (size_t)di, para[0] ? para : NULL);
}

/* The selected link of the body when it is on screen, or -1. */
int app_lib_selected_link(struct app *a)
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
const struct doc_ref *app_lib_ref_of_link(struct app *a, int li)
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
bool app_lib_term_takes_osc(struct app *a)
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

void app_lib_copy_url(struct app *a, const char *url)
{
	struct app_lib *l = a->lib;

	if (!url || !url[0]) {
		app_msg(a, true, "no address to copy");
		return;
	}
	if (!app_lib_term_takes_osc(a)) {
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
void app_lib_open_url(struct app *a, const char *url)
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
bool app_lib_reader_address(struct app *a, char *out, size_t n)
{
	const struct doc_ref *ref = app_lib_ref_of_link(a, app_lib_selected_link(a));
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

void app_lib_draw_info(struct app *a)
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
	in = app_lib_frame_popup(a, &a->lay.body, 5, w, " Not in the library ", NULL);
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
