/* pane.h: the reader's state and its panes (outline, body, popup), each
 * a table of operations as in tig's view.h. Internal to the UI files. */
#ifndef RESOLUTE_PANE_H
#define RESOLUTE_PANE_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"
#include "app.h"
#include "doc.h"
#include "layout.h"
#include "parse.h"
#include "search.h"
#include "ui.h"
#include "util.h"
#include "view.h"

/** Styles beyond the view's roles: index VIEW_ROLE_COUNT + PANE_STYLE_x. */
#define PANE_STYLES(X) \
	X(STATUS, "status")               /* the status line */ \
	X(STATUS_ERROR, "status-error")   /* an error message in it */ \
	X(OUTLINE, "outline")             /* outline entries */ \
	X(OUTLINE_CURRENT, "outline-current") /* entry of the paragraph in view */ \
	X(OUTLINE_CURSOR, "outline-cursor")   /* the outline's cursor when it has the focus */ \
	X(SEPARATOR, "separator")         /* the column between outline and body */ \
	X(SEARCH, "search")               /* search matches */ \
	X(SEARCH_CURRENT, "search-current") /* the current match */ \
	X(LINK_SELECTED, "link-selected") /* the selected link */ \
	X(POPUP, "popup")                 /* popup text */ \
	X(POPUP_BORDER, "popup-border")   /* popup frame and title */ \
	X(PROMPT, "prompt")               /* the : and / line */ \
	X(NOTE_MARK, "note-mark")         /* mark of a paragraph with a note or highlight */

enum pane_style {
#define PANE_STYLE_ENUM_(e, n) PANE_STYLE_##e,
	PANE_STYLES(PANE_STYLE_ENUM_)
#undef PANE_STYLE_ENUM_
	PANE_STYLE_COUNT
};

/** Style index of a pane style (after the view roles). */
#define PANE_STYLE(s) ((size_t)VIEW_ROLE_COUNT + (size_t)PANE_STYLE_##s)
/** Number of styles the UI uses. */
#define PANE_N_STYLES ((size_t)VIEW_ROLE_COUNT + (size_t)PANE_STYLE_COUNT)

/** A place in a document that survives re-wrapping: a paragraph (or
 * footnote) and a line offset inside it. */
struct pane_anchor {
	int doc;      /* index into app.docs */
	int para;     /* paragraph index, or -1 */
	int fn;       /* footnote index (footnotes part), or -1 */
	int delta;    /* display lines below that block's first line */
	int line;     /* raw line when neither (header) */
};

/** One open document and where the reader is in it. */
struct app_doc {
	struct doc *doc;           /* owned by a doc_set in app.sets */
	const char *file;          /* file it came from */
	struct view *view;         /* NULL until first shown */
	struct view_outline *outline;
	int *ordinal;              /* per paragraph: 1-based rank of its top-level
				      ancestor in its part (for "op 12/17") */
	int n_pp, n_op;            /* top-level preambular / operative counts */
	int top;                   /* first display line shown in the body */
	int link;                  /* selected link, or -1 */
	int osel;                  /* outline cursor (entry index) */
	int otop;                  /* first visible outline entry shown (visible index) */
	struct search_result found;
	int match_hit;             /* hit index of the current match, or -1 */
	bool found_valid;          /* found matches app.needle at this width */
};

/** What covers the body. */
enum pane_popup_kind {
	PANE_POPUP_NONE,
	PANE_POPUP_FOOTNOTE,
	PANE_POPUP_HELP,
};

/** Focus of the keyboard. */
enum pane_focus {
	PANE_FOCUS_BODY,
	PANE_FOCUS_OUTLINE,
};

/** The popup's content: lines of sanitized UTF-8 and their roles. */
struct pane_popup {
	enum pane_popup_kind kind;
	char title[64];
	struct util_buf text;      /* all lines, NUL-separated */
	size_t *off;               /* line starts in text */
	unsigned char *role;       /* per line: a style index */
	size_t n, cap;
	int width;                 /* widest line */
	int scroll;                /* first content line shown */
	int anchor_para;           /* footnote popups: paragraph with the marker */
	size_t anchor_off;         /* marker offset in that paragraph */
	int anchor_line;           /* display line of the marker, -1 none */
	int wrapped_at;            /* width the content was wrapped to */
	int fn[16];                /* footnotes shown (to rewrap on resize) */
	int n_fn;
	int visible;               /* content lines visible last draw */
};

/** What the outline showed in the last frame: when a key only scrolled
 * the body and this is unchanged, the outline is not drawn again. */
struct pane_outline_shown {
	bool valid;
	const struct view_outline *outline;
	struct layout_rect r;
	int cur, sel, otop;
	bool focused;
};

/** The reader. */
struct app {
	struct ui ui;
	struct doc_set *sets;      /* one per file opened */
	size_t n_sets;
	struct app_doc *docs;      /* every document of every set */
	size_t n_docs;
	size_t cur;                /* document shown */
	struct layout lay;
	struct layout_opts lopts;
	enum pane_focus focus;
	struct pane_popup popup;
	struct ui_prompt prompt_goto, prompt_search;
	struct ui_prompt *prompt;  /* the active prompt, or NULL */
	char needle[1024];         /* the last search */
	char msg[512];             /* status message */
	bool msg_error;
	struct app_lib *lib;       /* library, jump history (app_library.c) */
	struct action_keymap keys;
	struct util_arena arena;   /* file names, help lines */
	const char **help;         /* help lines, made when ? is first pressed */
	size_t n_help;
	bool quit;
	bool mouse;
	struct app_notes *notes;   /* notes state (app_notes.c) */
	bool frame_full;           /* the next frame draws every pane (not only what scrolled) */
	struct pane_outline_shown outline_shown;
	struct parse_stream *loading; /* the rest of a file still being parsed, or NULL */
	size_t loading_set;        /* ... into sets[loading_set] */
	const char *loading_file;
};

/** A pane's operations. */
struct pane_ops {
	const char *name;
	/** Draw into rectangle r of the screen. */
	void (*draw)(struct app *a, const struct layout_rect *r);
	/** Act on an action; false when it is not the pane's. */
	bool (*action)(struct app *a, enum action act);
	/** A mouse click at screen cell (y, x) inside the pane; false if ignored. */
	bool (*click)(struct app *a, int y, int x);
};

extern const struct pane_ops pane_body_ops;
extern const struct pane_ops pane_outline_ops;
extern const struct pane_ops pane_popup_ops;

/* ---- shared helpers (app.c) ------------------------------------------ */

/** The document shown. */
struct app_doc *app_cur(struct app *a);
/** Set a status message (printf). */
void app_msg(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** Scroll the body so that display line `line` is at the top (clamped). */
void app_set_top(struct app *a, int line);
/** Lines the body can scroll to at most with ordinary scrolling. */
int app_max_top(struct app *a);
/** Remember the current place on the jump stack (before a jump). */
void app_push_jump(struct app *a);
/** Go to paragraph para (jump, pushes the current place). */
void app_jump_para(struct app *a, int para);
/** The place shown now. */
struct pane_anchor app_anchor(struct app *a);
/** Show place an (switching documents when it is in another one). */
void app_goto_anchor(struct app *a, const struct pane_anchor *an);
/** Open one more file: its documents are appended to a->docs (which may
 * move). Returns < 0 with the reason in err. */
int app_open_file(struct app *a, const char *path, char *err, size_t errlen);
/** Parse up to `max` more documents of a file still being read (the
 * reader shows the first resolution of a compilation before the rest is
 * parsed). Returns the number added to a->docs (which may move). */
size_t app_load_more(struct app *a, size_t max);
/** Parse the rest of the file being read, for anything that needs every
 * open document (document switching, finding a symbol, the notes list). */
void app_load_all(struct app *a);
/** Blank rectangle r of the screen. */
void app_erase(const struct layout_rect *r);
/** Style of index s. */
struct ui_style app_style(const struct app *a, size_t s);

/* ---- body (pane_body.c) ---------------------------------------------- */

/** Paragraph at the top of the body, or -1. */
int pane_body_para(struct app *a);
/** Follow link li of the current document. */
void pane_body_follow(struct app *a, int li);

/* ---- popup (pane_popup.c) -------------------------------------------- */

/** Open a popup with the footnotes fns[0..n) anchored at display line
 * anchor_line (-1 none). */
void pane_popup_footnotes(struct app *a, const int *fns, int n, int anchor_line);
/** Open the help overlay. */
void pane_popup_help(struct app *a);
/** Close the popup. */
void pane_popup_close(struct app *a);
/** Re-wrap the popup after a resize. */
void pane_popup_relayout(struct app *a);
/** Free the popup's memory. */
void pane_popup_free(struct app *a);

/* ---- outline (pane_outline.c) ---------------------------------------- */

/** Put the outline cursor on the entry of the paragraph in view. */
void pane_outline_sync(struct app *a);

#endif
