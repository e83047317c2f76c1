/* ui.c: the curses screen: terminal set-up and restore, signals, keys,
 * colour pairs and text drawing that never lets a control sequence out. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "action.h"
#include "ui.h"
#include <term.h> /* after curses.h (ui.h): setupterm() probe */
#include "util.h"

/* The one piece of process-wide state: a signal handler can reach nothing
 * else. It only records the signal; the main loop acts on it. */
static volatile sig_atomic_t ui_signal;

static void on_signal(int sig)
{
	ui_signal = sig;
}

int ui_pending_signal(void)
{
	return (int)ui_signal;
}

static void install_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocked read returns at once */
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Sequences other terminals (tmux, screen, rxvt, the Linux console) send
 * for keys the terminfo entry in TERM may spell differently. */
static void define_alternate_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} alt[] = {
		{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME }, { "\033[H", KEY_HOME },
		{ "\033OH", KEY_HOME },  { "\033[4~", KEY_END },  { "\033[8~", KEY_END },
		{ "\033[F", KEY_END },   { "\033OF", KEY_END },   { "\033[Z", KEY_BTAB },
		{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE }, { "\033[3~", KEY_DC },
		{ "\033[A", KEY_UP },    { "\033[B", KEY_DOWN },  { "\033[C", KEY_RIGHT },
		{ "\033[D", KEY_LEFT },  { "\033OA", KEY_UP },    { "\033OB", KEY_DOWN },
		{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	};
	size_t i;

	for (i = 0; i < sizeof(alt) / sizeof(alt[0]); i++)
		if (key_defined(alt[i].seq) == 0)
			define_key(alt[i].seq, alt[i].key);
}

/* The screen's three windows (a cchar_t per cell each) and the first view
 * take a few hundred KiB of fresh heap, which the kernel hands over one
 * page fault at a time: in some virtual machines a fault costs ~10 us,
 * more than the rest of start-up together. Take that much heap at once,
 * fault it in with one call (util_prefault) each time the heap grows and
 * give it back to malloc: one block kept above it (returned, freed by
 * ui_close) keeps it from being trimmed off the top of the heap, so what
 * curses and the view allocate next is served from pages already there.
 * No malloc settings change.
 * Best effort: without MADV_POPULATE_WRITE (Linux < 5.14), or if the heap
 * is not where expected, the pages come one fault at a time as before. */
static void *prefault_heap(int fd)
{
	enum { BLOCK = 64 * 1024, MAX_BLOCKS = 32 };
	void *blk[MAX_BLOCKS + 1], *plug = NULL;
	size_t n = 0, want, rows = 24, cols = 80;
	struct winsize ws;

	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		rows = ws.ws_row;
		cols = ws.ws_col;
	}
	want = (3 * rows * cols * sizeof(cchar_t) + 192 * 1024) / BLOCK + 1;
	if (want > MAX_BLOCKS)
		return NULL;
	for (n = 0; n < want + 1; n++) {
		void *brk_was = sbrk(0);

		if (!(blk[n] = malloc(BLOCK)))
			break;
		/* Each malloc() writes a header just past its block: fault in
		 * what the heap has just grown by at once, or every block
		 * would fault its page of that header on its own. */
		if (sbrk(0) != brk_was)
			util_prefault(blk[n], (want + 5 - n) * BLOCK);
	}
	if (n == want + 1) {
		/* the last block, taken from the top of the heap like the
		 * others, is kept: freed, it would merge into the top and
		 * the top would be trimmed back */
		plug = blk[--n];
	}
	while (n > 0)
		free(blk[--n]);
	return plug;
}

bool ui_open(struct ui *u, size_t n_styles, bool want_colour, char *err, size_t errlen)
{
	memset(u, 0, sizeof(*u));
	u->out = stdout;
	u->in = stdin;
	if (!isatty(fileno(stdin))) {
		u->in = fopen("/dev/tty", "r");
		if (!u->in) {
			snprintf(err, errlen, "cannot open /dev/tty for the keyboard: %s",
				 strerror(errno));
			return false;
		}
		u->own_in = true;
	}
	if (!isatty(fileno(stdout))) {
		u->out = fopen("/dev/tty", "w");
		if (!u->out) {
			snprintf(err, errlen, "cannot open /dev/tty: %s", strerror(errno));
			ui_close(u);
			return false;
		}
		u->own_out = true;
	}
	install_signals();
	u->heap_plug = prefault_heap(fileno(u->out));
	/* Esc must act at once: short delay for escape sequences. */
	set_escdelay(25);
	/* Probe the terminal first: newterm() on an unknown TERM leaks its
	 * half-built screen inside ncurses, setupterm() does not. */
	{
		int terr = 0;

		if (setupterm(NULL, fileno(u->out), &terr) == OK)
			del_curterm(cur_term);
		else
			terr = -1;
		u->scr = terr == -1 ? NULL : newterm(NULL, u->out, u->in);
	}
	if (!u->scr) {
		const char *t = getenv("TERM");

		snprintf(err, errlen, "cannot start the terminal (TERM=%s)", t ? t : "unset");
		ui_close(u);
		return false;
	}
	set_term(u->scr);
	u->active = true;
	{
		/* a terminal that cannot place the cursor cannot show a reader */
		const char *cup = tigetstr("cup");

		if (!cup || cup == (char *)-1 || !*cup) {
			const char *t = getenv("TERM");

			snprintf(err, errlen, "the terminal (TERM=%s) cannot move the cursor; "
				 "pipe the output to read the text", t ? t : "unset");
			ui_close(u);
			return false;
		}
	}
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	/* keypad(): at the first ui_getkey(), after the first frame */
	meta(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	{
		const char *sitm = tigetstr("sitm");

		u->has_italic = sitm && sitm != (char *)-1 && *sitm;
	}
	/* ncurses 6 sends its output after every cursor move until the screen
	 * has once been left with endwin() and resumed by a refresh: a frame
	 * went out as one write() per row, each waking the terminal. Leave
	 * and resume once now, before anything is drawn, and every frame goes
	 * out in one write or a few. Before start_color(): a resume with
	 * colours on would also reset the terminal's palette (OSC 104). */
	endwin();
	doupdate();
	/* The first frame clears the screen and paints it whole (stdscr's
	 * clear flag from newterm() is still set). Saying so now spares
	 * use_default_colors() a pass over every cell of the screen to mark
	 * the ones in the default colours for repainting (~0.1 M instructions). */
	clearok(curscr, TRUE);
	if (want_colour && has_colors() && start_color() == OK) {
		u->colour = true;
		u->n_colours = COLORS;
		use_default_colors();
	}
	u->next_pair = 1;
	u->n_styles = n_styles;
	u->styles = util_xcalloc(n_styles ? n_styles : 1, sizeof(*u->styles));
	return true;
}

void ui_close(struct ui *u)
{
	if (u->active) {
		curs_set(1);
		endwin();
		u->active = false;
	}
	if (u->scr) {
		delscreen(u->scr);
		u->scr = NULL;
	}
	if (u->own_in && u->in)
		fclose(u->in);
	if (u->own_out && u->out)
		fclose(u->out);
	u->in = u->out = NULL;
	u->own_in = u->own_out = false;
	free(u->styles);
	u->styles = NULL;
	u->n_styles = 0;
	free(u->heap_plug);
	u->heap_plug = NULL;
}

/* curses function keys -> action.h key codes */
static const struct {
	int curses, key;
} fn_keys[] = {
	{ KEY_UP, ACTION_KEY_UP },         { KEY_DOWN, ACTION_KEY_DOWN },
	{ KEY_LEFT, ACTION_KEY_LEFT },     { KEY_RIGHT, ACTION_KEY_RIGHT },
	{ KEY_PPAGE, ACTION_KEY_PGUP },    { KEY_NPAGE, ACTION_KEY_PGDN },
	{ KEY_HOME, ACTION_KEY_HOME },     { KEY_END, ACTION_KEY_END },
	{ KEY_BTAB, ACTION_KEY_BTAB },     { KEY_DC, ACTION_KEY_DELETE },
	{ KEY_IC, ACTION_KEY_INSERT },     { KEY_ENTER, ACTION_KEY_ENTER },
	{ KEY_BACKSPACE, ACTION_KEY_BACKSPACE }, { KEY_A1, ACTION_KEY_HOME },
	{ KEY_C1, ACTION_KEY_END },        { KEY_A3, ACTION_KEY_PGUP },
	{ KEY_C3, ACTION_KEY_PGDN },       { KEY_FIND, ACTION_KEY_HOME },
	{ KEY_SELECT, ACTION_KEY_END },
};

int ui_getkey(struct ui *u, int timeout_ms)
{
	wint_t wc;
	int r;
	size_t i;

	if (!u->keys_ready) {
		/* function keys are only needed from the first key on: their
		 * decoding tree is built once the first frame is out */
		keypad(stdscr, TRUE);
		define_alternate_keys();
		u->keys_ready = true;
	}
	wtimeout(stdscr, timeout_ms);
	r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return UI_KEY_NONE;
	if (r == KEY_CODE_YES) {
		int k = (int)wc;

		for (i = 0; i < sizeof(fn_keys) / sizeof(fn_keys[0]); i++)
			if (fn_keys[i].curses == k)
				return fn_keys[i].key;
		if (k >= KEY_F(1) && k <= KEY_F(12))
			return ACTION_KEY_F(k - KEY_F(0));
		return UI_KEY_FN + k;
	}
	if (wc == '\r')
		return ACTION_KEY_ENTER;
	if (wc == 8)
		return ACTION_KEY_BACKSPACE;
	return (int)wc;
}

short ui_pair(struct ui *u, short fg, short bg)
{
	short i, f, b;

	if (!u->colour)
		return 0;
	if (fg >= u->n_colours)
		fg = -1;
	if (bg >= u->n_colours)
		bg = -1;
	if (fg < 0 && bg < 0)
		return 0;
	for (i = 1; i < u->next_pair; i++)
		if (pair_content(i, &f, &b) == OK && f == fg && b == bg)
			return i;
	if (u->next_pair >= COLOR_PAIRS || u->next_pair > 255)
		return 0;
	if (init_pair((short)u->next_pair, fg, bg) != OK)
		return 0;
	return (short)u->next_pair++;
}

void ui_set_style(struct ui *u, size_t r, attr_t attr, short pair)
{
	if (r < u->n_styles) {
		u->styles[r].attr = attr;
		u->styles[r].pair = pair;
	}
}

struct ui_style ui_style_of(const struct ui *u, size_t r)
{
	struct ui_style none = { A_NORMAL, 0 };

	return r < u->n_styles ? u->styles[r] : none;
}

/* ---- text ---------------------------------------------------------- */

/* One glyph of text as drawn: up to 6 wide characters (base, combining
 * marks or a visible replacement) in cols columns. */
struct glyph {
	wchar_t w[8];
	int nw;
	int cols;
};

/* Decode the glyph at s[0..n): returns bytes consumed. Combining marks
 * following the base are folded into it. */
static size_t next_glyph(const char *s, size_t n, struct glyph *g)
{
	uint32_t cp;
	size_t l = util_utf8_decode(s, n, &cp), used;
	int w;

	g->nw = 0;
	g->cols = 0;
	if (cp == 0xFFFD && l == 1 && (unsigned char)s[0] >= 0x80) {
		/* invalid byte: <FF> */
		static const char hex[] = "0123456789ABCDEF";
		unsigned char c = (unsigned char)s[0];

		g->w[0] = L'<';
		g->w[1] = (wchar_t)hex[c >> 4];
		g->w[2] = (wchar_t)hex[c & 15];
		g->w[3] = L'>';
		g->nw = 4;
		g->cols = 4;
		return 1;
	}
	if (cp == '\t') {
		g->w[0] = L' ';
		g->nw = g->cols = 1;
		return l;
	}
	if (cp < 0x20 || cp == 0x7F) {
		g->w[0] = L'^';
		g->w[1] = cp == 0x7F ? L'?' : (wchar_t)(cp + 0x40);
		g->nw = g->cols = 2;
		return l;
	}
	if (cp >= 0x80 && cp <= 0x9F) {
		static const char hex[] = "0123456789ABCDEF";

		g->w[0] = L'<';
		g->w[1] = (wchar_t)hex[cp >> 4];
		g->w[2] = (wchar_t)hex[cp & 15];
		g->w[3] = L'>';
		g->nw = g->cols = 4;
		return l;
	}
	w = wcwidth((wchar_t)cp);
	if (w < 0) {
		g->w[0] = (wchar_t)0xFFFD;
		g->nw = g->cols = 1;
		return l;
	}
	if (w == 0) {
		/* a mark with no base here: give it one */
		g->w[g->nw++] = L' ';
		g->cols = 1;
		g->w[g->nw++] = (wchar_t)cp;
	} else {
		g->w[g->nw++] = (wchar_t)cp;
		g->cols = w;
	}
	used = l;
	/* fold the combining marks that follow */
	while (used < n && g->nw < 6) {
		uint32_t c2;
		size_t l2 = util_utf8_decode(s + used, n - used, &c2);

		if (c2 < 0x300 || (c2 == 0xFFFD && l2 == 1) || (c2 >= 0x80 && c2 <= 0x9F))
			break;
		if (wcwidth((wchar_t)c2) != 0)
			break;
		g->w[g->nw++] = (wchar_t)c2;
		used += l2;
	}
	return used;
}

int ui_width(const char *s, size_t n)
{
	size_t i = 0;
	int cols = 0;
	struct glyph g;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7F && !(i + 1 < n && (unsigned char)s[i + 1] >= 0xCC)) {
			cols++;
			i++;
			continue;
		}
		i += next_glyph(s + i, n - i, &g);
		cols += g.cols;
	}
	return cols;
}

size_t ui_fit(const char *s, size_t n, int maxcols)
{
	size_t i = 0;
	int cols = 0;
	struct glyph g;

	while (i < n) {
		size_t l = next_glyph(s + i, n - i, &g);

		if (cols + g.cols > maxcols)
			break;
		cols += g.cols;
		i += l;
	}
	return i;
}

/* Cells of printable ASCII waiting to be put on the screen in one go. */
struct ascii_run {
	chtype c[256];
	int n, x; /* cells, and the column of the first */
};

static void run_flush(struct ascii_run *r, int y)
{
	if (r->n)
		mvwaddchnstr(stdscr, y, r->x, r->c, r->n);
	r->x += r->n;
	r->n = 0;
}

int ui_draw(int y, int x, int maxcols, const char *s, size_t n, struct ui_style st)
{
	struct ascii_run run;
	wchar_t buf[256];
	int nb = 0, cols = 0;
	size_t i = 0;
	struct glyph g;
	/* Printable ASCII is copied into the window's cells (waddchnstr), not
	 * added one character at a time with width look-ups and wrapping
	 * (wadd_wch): most of the text of a resolution, and most of the cost
	 * of a frame. That needs the colour pair in a chtype. */
	bool fast = st.pair >= 0 && st.pair < 256 && (st.attr & A_CHARTEXT) == 0;
	chtype attr = fast ? (chtype)(st.attr | COLOR_PAIR(st.pair)) : 0;

	if (maxcols <= 0 || y < 0 || x < 0 || y >= LINES || x >= COLS)
		return 0;
	if (maxcols > COLS - x)
		maxcols = COLS - x;
	run.n = 0;
	run.x = x;
	wattr_set(stdscr, st.attr, st.pair, NULL);
	wmove(stdscr, y, x);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t l;

		if (c >= 0x20 && c < 0x7F && !(i + 1 < n && (unsigned char)s[i + 1] >= 0xCC)) {
			/* printable ASCII not followed by a possible combining mark */
			if (cols + 1 > maxcols)
				break;
			if (fast) {
				if (run.n == (int)(sizeof(run.c) / sizeof(run.c[0])))
					run_flush(&run, y);
				run.c[run.n++] = (chtype)c | attr;
			} else {
				if (nb + 1 > (int)(sizeof(buf) / sizeof(buf[0])) - 1) {
					waddnwstr(stdscr, buf, nb);
					nb = 0;
				}
				buf[nb++] = (wchar_t)c;
			}
			cols++;
			i++;
			continue;
		}
		l = next_glyph(s + i, n - i, &g);
		if (cols + g.cols > maxcols)
			break;
		if (fast) {
			/* the cells so far, then this glyph where they end */
			run_flush(&run, y);
			wmove(stdscr, y, x + cols);
			waddnwstr(stdscr, g.w, g.nw);
			run.x = x + cols + g.cols;
		} else {
			if (nb + g.nw > (int)(sizeof(buf) / sizeof(buf[0])) - 1) {
				waddnwstr(stdscr, buf, nb);
				nb = 0;
			}
			memcpy(buf + nb, g.w, (size_t)g.nw * sizeof(wchar_t));
			nb += g.nw;
		}
		cols += g.cols;
		i += l;
	}
	if (nb)
		waddnwstr(stdscr, buf, nb);
	run_flush(&run, y);
	/* a wide character that did not fit: blank its column */
	if (i < n && cols < maxcols) {
		mvwaddch(stdscr, y, x + cols, ' ');
		cols++;
	}
	wattr_set(stdscr, A_NORMAL, 0, NULL);
	return cols;
}

void ui_fill(int y, int x, int cols, struct ui_style st)
{
	if (y < 0 || x < 0 || y >= LINES || x >= COLS || cols <= 0)
		return;
	if (cols > COLS - x)
		cols = COLS - x;
	wattr_set(stdscr, st.attr, st.pair, NULL);
	mvwhline(stdscr, y, x, ' ', cols);
	wattr_set(stdscr, A_NORMAL, 0, NULL);
}

void ui_box(int y, int x, int h, int w, struct ui_style st)
{
	int i;

	if (h < 2 || w < 2)
		return;
	wattr_set(stdscr, st.attr, st.pair, NULL);
	for (i = 1; i < w - 1; i++) {
		if (y >= 0 && y < LINES && x + i < COLS)
			mvwadd_wch(stdscr, y, x + i, WACS_HLINE);
		if (y + h - 1 < LINES && x + i < COLS)
			mvwadd_wch(stdscr, y + h - 1, x + i, WACS_HLINE);
	}
	for (i = 1; i < h - 1; i++) {
		if (y + i < LINES && x < COLS)
			mvwadd_wch(stdscr, y + i, x, WACS_VLINE);
		if (y + i < LINES && x + w - 1 < COLS)
			mvwadd_wch(stdscr, y + i, x + w - 1, WACS_VLINE);
	}
	if (y < LINES && x < COLS)
		mvwadd_wch(stdscr, y, x, WACS_ULCORNER);
	if (y < LINES && x + w - 1 < COLS)
		mvwadd_wch(stdscr, y, x + w - 1, WACS_URCORNER);
	if (y + h - 1 < LINES && x < COLS)
		mvwadd_wch(stdscr, y + h - 1, x, WACS_LLCORNER);
	if (y + h - 1 < LINES && x + w - 1 < COLS)
		mvwadd_wch(stdscr, y + h - 1, x + w - 1, WACS_LRCORNER);
	wattr_set(stdscr, A_NORMAL, 0, NULL);
}

void ui_frame(int y, int x, int h, int w, const char *title, const char *foot,
	      struct ui_style st, struct ui_style bst)
{
	int row;

	for (row = 0; row < h; row++)
		ui_fill(y + row, x, w, st);
	ui_box(y, x, h, w, bst);
	if (title && w > 4)
		ui_draw(y, x + 2, w - 4, title, strlen(title), bst);
	if (foot && w > 4 && h > 2) {
		int fw = ui_width(foot, strlen(foot));

		if (fw < w - 4)
			ui_draw(y + h - 1, x + w - 2 - fw, fw, foot, strlen(foot), bst);
	}
}

bool ui_list_move(int *pos, enum action act, int page, int last)
{
	int p = *pos;

	switch (act) {
	case ACTION_LINE_DOWN:
		p++;
		break;
	case ACTION_LINE_UP:
		p--;
		break;
	case ACTION_PAGE_DOWN:
		p += page;
		break;
	case ACTION_PAGE_UP:
		p -= page;
		break;
	case ACTION_TOP:
		p = 0;
		break;
	case ACTION_BOTTOM:
		p = last;
		break;
	default:
		return false;
	}
	if (p > last)
		p = last;
	if (p < 0)
		p = 0;
	*pos = p;
	return true;
}

struct layout_rect ui_above_status(const struct layout_rect *status,
				   const struct layout_rect *fallback)
{
	struct layout_rect r;

	r.y = 0;
	r.x = 0;
	r.w = COLS;
	r.h = status->h > 0 ? status->y : LINES;
	if (r.h <= 0 || r.w <= 0)
		r = *fallback;
	return r;
}
