/* app_library.h: the reader's library (UI-internal, app_library.c and
 * pane_library.c): the library its references resolve against, jumps
 * across documents with a back/forward history, "cited by", the popup of a
 * reference that is not in the library (its undocs.org address, copied
 * with OSC 52 or opened with the configured opener), and the library view
 * (one row per resolution, sorted and filtered as you type).
 *
 * app.c calls in through a few hooks: app_lib_start (loading),
 * app_lib_key / app_lib_mouse (before its own dispatch), app_lib_draw and
 * app_lib_after_draw (after its drawing), app_lib_push / app_lib_back (its
 * jump stack is this history) and app_lib_free. */
#ifndef RESOLUTE_APP_LIBRARY_H
#define RESOLUTE_APP_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "history.h"
#include "library.h"
#include "pane.h"
#include "userconfig.h"

/** What the library UI shows over the reader. */
enum app_lib_overlay {
	APP_LIB_NONE,
	APP_LIB_INFO,    /* a reference that is not in the library */
	APP_LIB_CITED,   /* cited by */
	APP_LIB_HISTORY, /* the jump history */
	APP_LIB_VIEW,    /* the library view (whole screen) */
};

/** A line of a list popup (cited by, history). */
struct app_lib_item {
	size_t off;          /* text in app_lib.items_text */
	unsigned char style; /* style index */
	bool selectable;
	size_t entry;        /* cited by: citing library entry; history: entry index */
	const char *para;    /* cited by: paragraph or footnote id in the citing entry */
};

/** The library view's state (pane_library.c). */
struct pane_library {
	size_t *rows;        /* entry indices shown, in order */
	size_t n_rows;
	size_t *all;         /* every entry, sorted */
	size_t n_all;
	int sort;            /* sort key index */
	bool reverse;
	char filter[128];
	bool editing;        /* keys type into the filter */
	int cur, top;        /* cursor row and first row shown */
	int page;            /* rows shown at the last draw */
	const struct library *lib; /* rows were built for it */
};

/** The reader's library state (a->lib). */
struct app_lib {
	const char **primary;  /* library roots given on the command line */
	size_t n_primary;
	const char **extra;    /* directories of files, config.yaml's library:, samples */
	size_t n_extra;
	const char *opener;    /* config.yaml opener: or NULL (xdg-open) */
	bool built;            /* lib is open */
	struct library lib;
	struct history hist;
	bool reader_seen;      /* a document was shown (not only the view) */

	/* identity of each open file (a->sets[i]), looked up lazily */
	struct app_lib_file {
		bool known, ok;
		dev_t dev;
		ino_t ino;
	} *files;
	size_t n_files;

	enum app_lib_overlay overlay;
	/* the info popup */
	char info_target[128];
	char info_kind[96];
	char info_url[192];   /* validated printable ASCII, or "" */
	char info_para[48];
	int url_y, url_x;     /* where the URL was drawn whole, or -1 */
	/* list popups */
	char list_title[96];
	struct util_buf items_text;
	struct app_lib_item *items;
	size_t n_items, cap_items;
	int sel, scroll;
	int visible, visible_y, visible_x, visible_w; /* content area at the last draw */

	/* paragraph highlighted after a jump, until the next key */
	bool hl;
	int hl_doc, hl_para;

	/* terminal output after the next screen update */
	struct util_buf pending;
	bool hyperlinks;      /* the terminal may take OSC 8 / OSC 52 */

	pid_t *kids;          /* openers not yet reaped */
	size_t n_kids, cap_kids;

	struct pane_library view;
	struct util_arena arena;
};

/* ---- app_library.c --------------------------------------------------- */

/** Set up a->lib from the options and config.yaml's library: and opener:
 * (cfg NULL: no usable config.yaml).
 * True when the arguments ask for the library view (a directory, or
 * several files): the library is then built, its first resolution loaded
 * (a->n_docs stays 0 on failure, with the reason in err) and the view
 * shown; app.c then loads nothing itself. */
bool app_lib_start(struct app *a, const struct app_opts *o, const struct config *cfg,
		   char *err, size_t errlen);
/** Free a->lib (also reaps finished openers). */
void app_lib_free(struct app *a);

/** Remember `from` before a jump (app_push_jump). */
void app_lib_push(struct app *a, const struct pane_anchor *from);
/** Backspace: back to where the last jump started. */
void app_lib_back(struct app *a);

/** A key, before app.c's own dispatch: the overlays, Enter on a reference,
 * and the library actions. True when it was handled. */
bool app_lib_key(struct app *a, int key, enum action act);
/** A mouse event (after getmouse()); true when handled. */
bool app_lib_mouse(struct app *a, const MEVENT *ev);
/** Draw the highlight, the overlay and its status line (after app.c drew
 * the reader). */
void app_lib_draw(struct app *a);
/** After the screen update: the hyperlink of the info popup and pending
 * clipboard writes, straight to the terminal. */
void app_lib_after_draw(struct app *a);

/** Make sure the library is open (indexing it now if needed). */
bool app_lib_ensure(struct app *a);
/** Show library entry e in the reader (opening its file if needed). */
void app_lib_open_entry(struct app *a, size_t e);

/* internal to app_library.c, app_links.c and app_lists.c */

/** The place shown now (for the history). */
struct history_place app_lib_here(struct app *a);
/** Show place p (its document opened when needed). */
void app_lib_go_place(struct app *a, const struct history_place *p);
/** Index in a->docs of library entry e, opened when needed; -1 with a
 * reason in err. */
int app_lib_doc_for_entry(struct app *a, const struct library_entry *e, char *err,
			  size_t errlen);
/** Show document di at paragraph (or footnote) para_id, or at its top
 * (NULL); remembers where the reader was, highlights the paragraph. */
void app_lib_jump_to(struct app *a, size_t di, const char *para_id);
/** An open document with symbol sym (index in a->docs), or -1. */
int app_lib_open_symbol(struct app *a, const char *sym);

/* ---- app_links.c ----------------------------------------------------- */

/** Follow a reference of the current document: jump to it when it is open
 * or in the library, else show the info popup. */
void app_lib_follow_ref(struct app *a, const struct doc_ref *ref);
/** The selected link of the body when it is on screen, or -1. */
int app_lib_selected_link(struct app *a);
/** The reference of link li, or NULL (a footnote marker). */
const struct doc_ref *app_lib_ref_of_link(struct app *a, int li);
/** The terminal may take OSC 8 / OSC 52. */
bool app_lib_term_takes_osc(struct app *a);
/** Copy url to the clipboard with OSC 52 (sent after the next update). */
void app_lib_copy_url(struct app *a, const char *url);
/** Open url with the configured opener (xdg-open). */
void app_lib_open_url(struct app *a, const char *url);
/** The address y and O act on in the reader: the selected reference's
 * target, else the document's own; false when there is none. */
bool app_lib_reader_address(struct app *a, char *out, size_t n);
/** Draw the info popup. */
void app_lib_draw_info(struct app *a);

/* ---- app_lists.c ----------------------------------------------------- */

/** Open the "cited by" popup of the current document or paragraph. */
void app_lib_cited_by(struct app *a);
/** Open the jump history popup. */
void app_lib_show_history(struct app *a);
/** Enter on the selected item of a list popup. */
void app_lib_list_activate(struct app *a);
/** Move the selection of a list popup by delta selectable items. */
void app_lib_list_move(struct app_lib *l, int delta);
/** Keys of the list popups and the info popup (true: consumed). */
bool app_lib_overlay_key(struct app *a, int key, enum action act);
/** Frame a popup of n lines of at most w columns over area; returns the
 * content rectangle (empty when nothing fits). */
struct layout_rect app_lib_frame_popup(struct app *a, const struct layout_rect *area,
				       int n, int w, const char *title, const char *foot);
/** Draw the list popup. */
void app_lib_draw_list(struct app *a);

/* ---- pane_library.c -------------------------------------------------- */

/** Show the library view (rebuilding its rows if the library changed). */
void pane_library_show(struct app *a);
/** A key in the view; always handled. */
void pane_library_key(struct app *a, int key, enum action act);
/** Free the view's memory. */
void pane_library_free(struct pane_library *v);
/** "62" filters the rows to entries matching every word (case and dash
 * blind) of symbol, body, date, title or file; sets the filter. */
void pane_library_filter(struct app *a, const char *text);

extern const struct pane_ops pane_library_ops;

#endif
