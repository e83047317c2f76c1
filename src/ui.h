/* ui.h: the curses screen of the reader: start and restore the terminal,
 * signals, keys, colour pairs and safe text drawing.
 *
 * Only the UI files (app.c, ui*.c, pane*.c) include this header, since it
 * brings in curses. Everything is drawn on stdscr inside rectangles the
 * caller clips to, so no curses window ever has to exist at a size the
 * terminal cannot give (1x1 included). */
#ifndef RESOLUTE_UI_H
#define RESOLUTE_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "action.h"
#include "layout.h"
#include "util.h"

/** Keys as ui_getkey() returns them: action.h key codes (a code point,
 * '\n' for Enter, 127 for Backspace, ACTION_KEY_UP...), or another curses
 * function key offset by UI_KEY_FN, or one of the UI_KEY_* codes. */
#define UI_KEY_FN 0x200000
#define UI_KEY_NONE (-1)          /* timeout or interrupted read */
#define UI_KEY_RESIZE (UI_KEY_FN + KEY_RESIZE)
#define UI_KEY_MOUSE (UI_KEY_FN + KEY_MOUSE)

/** A drawing style: curses attributes and colour pair. */
struct ui_style {
	attr_t attr;
	short pair;
};

/** The terminal as the reader holds it. */
struct ui {
	SCREEN *scr;
	FILE *in, *out;      /* the terminal streams (from /dev/tty when stdin is data) */
	bool own_in, own_out; /* opened by us: close on ui_close */
	bool active;         /* curses mode is on */
	bool colour;         /* colour pairs in use */
	bool has_italic;     /* terminal has sitm (WA_ITALIC works) */
	bool keys_ready;     /* keypad() done (by the first ui_getkey) */
	int n_colours;       /* COLORS, 0 when mono */
	int next_pair;       /* next free colour pair number */
	struct ui_style *styles; /* per theme role, filled by ui_set_style */
	size_t n_styles;
	void *heap_plug;     /* keeps the heap prefault_heap() faulted in */
};

/** Start curses on the terminal. When standard input is not a terminal
 * (`resolute -`), the keyboard is read from /dev/tty. Installs the
 * handlers of SIGINT, SIGTERM and SIGHUP (they only set a flag: see
 * ui_pending_signal()). Returns false with a one-line reason in err. */
bool ui_open(struct ui *u, size_t n_styles, bool want_colour, char *err, size_t errlen);
/** Leave curses and restore the terminal. Safe to call twice. */
void ui_close(struct ui *u);
/** The terminating signal received (SIGINT, SIGTERM, SIGHUP), or 0. */
int ui_pending_signal(void);

/** Wait for a key (at most timeout_ms; -1 forever) and return it decoded.
 * UI_KEY_NONE on timeout or when a signal interrupted the wait. */
int ui_getkey(struct ui *u, int timeout_ms);
/** Colour pair for abstract curses colours fg and bg (-1: terminal
 * default). Shares pairs between equal combinations; 0 when out of pairs
 * or mono. */
short ui_pair(struct ui *u, short fg, short bg);
/** Set the style of role index r. */
void ui_set_style(struct ui *u, size_t r, attr_t attr, short pair);
/** Style of role r (A_NORMAL if out of range). */
struct ui_style ui_style_of(const struct ui *u, size_t r);

/** Draw s[0..n) (UTF-8) at (y, x) in at most maxcols terminal columns with
 * style st. Control characters, C1 controls and invalid bytes are shown
 * as visible replacements (never sent to the terminal); wide characters
 * are never split; combining marks stay on their base. Returns the
 * columns used. */
int ui_draw(int y, int x, int maxcols, const char *s, size_t n, struct ui_style st);
/** Fill cols columns at (y, x) with spaces in style st. */
void ui_fill(int y, int x, int cols, struct ui_style st);
/** Terminal columns of s[0..n) as ui_draw would draw it. */
int ui_width(const char *s, size_t n);
/** Byte length of the longest prefix of s[0..n) fitting in cols columns. */
size_t ui_fit(const char *s, size_t n, int cols);
/** Draw a box border of h x w at (y, x) in style st (needs h, w >= 2). */
void ui_box(int y, int x, int h, int w, struct ui_style st);
/** Draw a popup frame of h x w at (y, x): filled with st, a border in
 * bst, title (may be NULL) on the top border and foot (may be NULL) at the
 * right of the bottom border when they fit. */
void ui_frame(int y, int x, int h, int w, const char *title, const char *foot,
	      struct ui_style st, struct ui_style bst);
/** The whole screen above the status line status (all of it when status
 * is empty); fallback when that is empty. */
struct layout_rect ui_above_status(const struct layout_rect *status,
				   const struct layout_rect *fallback);
/** Move *pos, the first row shown or the selected row of a list, by act
 * (ACTION_LINE_DOWN/UP, PAGE_DOWN/UP by page rows, TOP, BOTTOM) and clamp
 * it to 0..last. False, *pos unchanged, when act is no such motion. */
bool ui_list_move(int *pos, enum action act, int page, int last);

/** A line editor: the one-line prompt (`:` go to, `/` search) with
 * editing and history: Left/Right, Home/End (C-a/C-e), Backspace, Delete,
 * C-u, C-k, C-w, Up/Down through history, Enter accepts, Esc or C-g
 * cancels. With multiline set (the note editor), C-o inserts a new line,
 * Home/End/C-u/C-k work on the current line (C-k at its end joins the
 * next), Backspace on an empty text does not cancel, there is no history
 * and Up/Down are left to the caller. */
struct ui_prompt {
	char lead[8];         /* what is shown before the text: ":" or "/" */
	struct util_buf text; /* UTF-8, NUL-terminated */
	size_t cur;           /* cursor as a byte offset into text */
	char **hist;          /* accepted lines, oldest first */
	size_t n_hist, hist_pos;
	bool active;
	bool multiline;       /* set after ui_prompt_start for a multi-line editor */
	size_t max;           /* text stays shorter than this in bytes (0: 1024) */
};

/** Outcome of a key given to the prompt. */
enum ui_prompt_status {
	UI_PROMPT_EDITING, /* still editing */
	UI_PROMPT_ACCEPT,  /* Enter: the text is in p->text */
	UI_PROMPT_CANCEL,  /* Esc, C-g, or Backspace on an empty line */
};

/** Start editing an empty line shown after lead. */
void ui_prompt_start(struct ui_prompt *p, const char *lead);
/** Replace the text by s (UTF-8), the cursor at its end. */
void ui_prompt_set(struct ui_prompt *p, const char *s);
/** Byte offset of the character after the one at s[i] (len at the end). */
size_t ui_prompt_next_char(const char *s, size_t len, size_t i);
/** Feed one key (as from ui_getkey()). */
enum ui_prompt_status ui_prompt_key(struct ui_prompt *p, int key);
/** Draw the prompt in w columns at (y, x), the cursor cell in reverse. */
void ui_prompt_draw(const struct ui_prompt *p, int y, int x, int w, struct ui_style st);
/** Free the text and history. */
void ui_prompt_free(struct ui_prompt *p);

#endif
