/* app_notes.h: notes in the reader: the note editor popup, delete
 * confirmation, highlights, $EDITOR, the notes panel (v) and the list of
 * all notes (A, pane_notes.c). Internal to the UI files. */
#ifndef RESOLUTE_APP_NOTES_H
#define RESOLUTE_APP_NOTES_H

#include <stdbool.h>
#include <stddef.h>

#include "notes.h"
#include "pane.h"

/** Marks of a paragraph (app_notes_marks). */
#define APP_NOTES_MARK_NOTE 1u      /* has a note with text */
#define APP_NOTES_MARK_HIGHLIGHT 2u /* is highlighted */

/** The notes of one open document. */
struct app_notes_doc {
	bool loaded;
	bool readonly;             /* its store file does not parse */
	bool err_shown;            /* the read-only message was shown */
	char err[512];             /* FILE:LINE:COL: what is wrong */
	struct notes_doc nd;
	unsigned char *mark;       /* per paragraph: APP_NOTES_MARK_* */
};

/** What the notes code shows over the reader. */
enum app_notes_mode {
	APP_NOTES_IDLE,
	APP_NOTES_EDIT,            /* the editor popup */
	APP_NOTES_CONFIRM,         /* "Delete the note on op5? y/n" */
	APP_NOTES_LIST,            /* the list of all notes */
};

/** One row of the notes list. */
struct app_notes_row {
	size_t doc, note;          /* into lib.docs[doc].notes[note] */
};

/** Notes state of the reader (a->notes). */
struct app_notes {
	struct notes_store store;
	bool store_pending;        /* not opened yet: the first frame goes out first */
	bool store_ok;
	char store_err[512];
	struct app_notes_doc *docs; /* parallel to a->docs (grown on demand) */
	size_t n_docs;
	enum app_notes_mode mode;
	bool show;                 /* v: the notes panel is on */
	/* editor */
	struct ui_prompt edit;     /* the text: a multi-line ui_prompt */
	char *orig;                /* text when the editor opened */
	size_t edit_doc;
	int edit_para;
	int edit_scroll;           /* first wrapped row shown */
	char edit_title[96];
	/* delete confirmation */
	size_t conf_doc;
	int conf_para;
	/* list */
	struct notes_library lib;
	bool lib_loaded;
	struct app_notes_row *rows; /* filtered rows */
	size_t n_rows, cap_rows;
	struct util_buf filter;
	int sel, top, list_visible;
};

/** Set up the notes state; the store is opened after the first frame
 * (app_notes_start) or when something needs it (app_notes_open_store). */
void app_notes_init(struct app *a);
/** Open the notes store now if it is not open yet (everything that reads or
 * writes notes calls this; the first frame is drawn without it). */
void app_notes_open_store(struct app *a);
/** After the first frame: open the store and load the shown document's
 * notes; true when the screen must be drawn again to show them (marks, a
 * message). */
bool app_notes_start(struct app *a);
/** Free everything (call before the documents are freed). */
void app_notes_free(struct app *a);
/** A key while a notes popup, confirmation or the list is open: consumes
 * it and returns true; false when none is open. */
bool app_notes_key(struct app *a, int key);
/** NOTE_EDIT, NOTE_EDITOR, NOTE_DELETE, HIGHLIGHT, NOTES_LIST, NOTES_SHOW. */
void app_notes_action(struct app *a, enum action act);
/** Draw the editor, the notes panel or the list over the body. */
void app_notes_draw(struct app *a);
/** Save an editor with changed text (on SIGTERM/SIGHUP, before exit). */
void app_notes_save_pending(struct app *a);
/** APP_NOTES_MARK_* of paragraph para of document di (0 when none). */
unsigned app_notes_marks(struct app *a, size_t di, int para);
/** The notes of document di, loaded and anchored on first use. */
struct app_notes_doc *app_notes_doc(struct app *a, size_t di);

/* internal to app_notes.c and app_extedit.c */

/** "op5", or "paragraph 3" when paragraph para of doc has no id. */
void app_notes_para_name(const struct doc *doc, int para, char *out, size_t n);
/** The paragraph at the top of the body, or -1 with a message. */
int app_notes_top_para(struct app *a);
/** The notes of the document shown, writable; NULL with a message. */
struct app_notes_doc *app_notes_writable_doc(struct app *a);
/** Save text as the note of paragraph para of document di; true when
 * saved (a message says what happened). */
bool app_notes_save_note(struct app *a, size_t di, int para, const char *text);
/** E: the note of the paragraph at the top in $VISUAL or $EDITOR
 * (app_extedit.c). */
void app_notes_external_edit(struct app *a);

/* ---- the list of all notes (pane_notes.c) ---------------------------- */

extern const struct pane_ops pane_notes_ops;
/** Open the list (re-reads the store). */
void pane_notes_open(struct app *a);
/** A key while the list is open (typing filters, Enter jumps). */
void pane_notes_key(struct app *a, int key);
/** Free the list's memory. */
void pane_notes_free(struct app_notes *n);
/** Body: mark display line l (the first line of its paragraph), drawn at
 * row of r, when the paragraph has a note (a pencil in the margin) or a
 * highlight (its number or first words in reverse video). */
void pane_notes_mark_line(struct app *a, const struct view *v, const struct view_line *l,
			  const struct layout_rect *r, int row);
/** Outline: mark entry e drawn at row of r (its paragraph, or when folded
 * any paragraph under it, has a note or highlight). */
void pane_notes_mark_entry(struct app *a, int e, const struct layout_rect *r, int row,
			   bool cursor);

#endif
