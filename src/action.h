/* action.h: what the reader can do, the keys that do it, and the help
 * screen and man page key list generated from the same table.
 *
 * No curses. Keys are plain ints (see "Key codes" below); the UI
 * translates curses' KEY_* values into them.
 */
#ifndef RESOLUTE_ACTION_H
#define RESOLUTE_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "userconfig.h"
#include "util.h"

/** Every action: ACTION(ENUM, "name", "help text"). The name is what
 * config.yaml's `keys:` section and the man page use. */
#define ACTIONS(ACTION) \
	ACTION(QUIT, "quit", "Quit the reader") \
	ACTION(HELP, "help", "Show this help") \
	ACTION(LINE_DOWN, "line-down", "Scroll down one line") \
	ACTION(LINE_UP, "line-up", "Scroll up one line") \
	ACTION(PAGE_DOWN, "page-down", "Scroll down one page") \
	ACTION(PAGE_UP, "page-up", "Scroll up one page") \
	ACTION(TOP, "top", "Go to the top of the document") \
	ACTION(BOTTOM, "bottom", "Go to the end of the document") \
	ACTION(NEXT_PARAGRAPH, "next-paragraph", "Go to the next paragraph") \
	ACTION(PREV_PARAGRAPH, "prev-paragraph", "Go to the previous paragraph") \
	ACTION(NEXT_PART, "next-part", "Go to the next part (operative part, annex, footnotes)") \
	ACTION(PREV_PART, "prev-part", "Go to the start of this or the previous part") \
	ACTION(GOTO, "goto", "Go to a paragraph by number or id (12, 5(c), pp3, fn2)") \
	ACTION(FOCUS_OUTLINE, "focus-outline", "Move the focus between the outline and the text") \
	ACTION(NEXT_LINK, "next-link", "Select the next footnote marker or reference") \
	ACTION(PREV_LINK, "prev-link", "Select the previous footnote marker or reference") \
	ACTION(FOLLOW_LINK, "follow-link", "Follow the selected link or open the outline entry") \
	ACTION(FOOTNOTES, "footnotes", "Show the footnotes of the paragraph in view") \
	ACTION(SEARCH, "search", "Search the text (case and dash insensitive)") \
	ACTION(SEARCH_NEXT, "search-next", "Go to the next match") \
	ACTION(SEARCH_PREV, "search-prev", "Go to the previous match") \
	ACTION(BACK, "back", "Go back to where the last jump started") \
	ACTION(TOGGLE_OUTLINE, "toggle-outline", "Show or hide the outline") \
	ACTION(FOLD, "fold", "Fold the outline entry under the cursor") \
	ACTION(UNFOLD, "unfold", "Unfold the outline entry under the cursor") \
	ACTION(NEXT_DOC, "next-doc", "Show the next document of the set") \
	ACTION(PREV_DOC, "prev-doc", "Show the previous document of the set") \
	ACTION(REDRAW, "redraw", "Redraw the screen") \
	ACTION(FORWARD, "forward", "Go forward again after going back") \
	ACTION(HISTORY, "history", "Show the jump history (Enter jumps)") \
	ACTION(CITED_BY, "cited-by", "Show who in the library cites this document or paragraph") \
	ACTION(LIBRARY, "library", "Show the library: every resolution, filter as you type") \
	ACTION(OPEN_URL, "open-url", "Open the selected reference's undocs.org address") \
	ACTION(COPY_URL, "copy-url", "Copy the selected reference's address to the clipboard") \
	ACTION(NOTE_EDIT, "note-edit", "Add or edit the note of the paragraph at the top (Enter saves, Esc cancels)") \
	ACTION(NOTE_EDITOR, "note-editor", "Edit that note in $VISUAL or $EDITOR") \
	ACTION(NOTE_DELETE, "note-delete", "Delete the note of the paragraph at the top") \
	ACTION(HIGHLIGHT, "highlight", "Highlight the paragraph at the top, or remove it") \
	ACTION(NOTES_LIST, "notes-list", "List all notes in the library (Enter jumps)") \
	ACTION(NOTES_SHOW, "notes-show", "Show or hide the panel with the note of the paragraph at the top")

/** Actions; ACTION_NONE (-1) means "no action bound". */
enum action {
	ACTION_NONE = -1,
#define ACTION_ENUM_(e, n, h) ACTION_##e,
	ACTIONS(ACTION_ENUM_)
#undef ACTION_ENUM_
	ACTION_COUNT
};

/* ---- key codes ------------------------------------------------------
 * A key is an int with the values of userconfig.h's CONFIG_KEY_* (described
 * there; the UI maps curses' KEY_* to them): the Unicode code point typed,
 * Ctrl-letter as its ASCII control code, Enter '\n', Backspace 127, function
 * keys above the Unicode range, < 0 for no key. Key names are
 * config_key_name() and config_key_parse(). */
#define ACTION_KEY_NONE CONFIG_KEY_NONE
#define ACTION_KEY_CTRL(c) CONFIG_KEY_CTRL(c)
#define ACTION_KEY_TAB CONFIG_KEY_TAB
#define ACTION_KEY_ENTER CONFIG_KEY_ENTER
#define ACTION_KEY_ESC CONFIG_KEY_ESC
#define ACTION_KEY_SPACE CONFIG_KEY_SPACE
#define ACTION_KEY_BACKSPACE CONFIG_KEY_BACKSPACE
#define ACTION_KEY_SPECIAL CONFIG_KEY_SPECIAL
#define ACTION_KEY_UP CONFIG_KEY_UP
#define ACTION_KEY_DOWN CONFIG_KEY_DOWN
#define ACTION_KEY_LEFT CONFIG_KEY_LEFT
#define ACTION_KEY_RIGHT CONFIG_KEY_RIGHT
#define ACTION_KEY_PGUP CONFIG_KEY_PGUP
#define ACTION_KEY_PGDN CONFIG_KEY_PGDN
#define ACTION_KEY_HOME CONFIG_KEY_HOME
#define ACTION_KEY_END CONFIG_KEY_END
#define ACTION_KEY_BTAB CONFIG_KEY_BACKTAB /* Shift-Tab */
#define ACTION_KEY_DELETE CONFIG_KEY_DELETE
#define ACTION_KEY_INSERT CONFIG_KEY_INSERT
#define ACTION_KEY_F(n) CONFIG_KEY_F(n) /* F1 .. F12 */

/** config_key_name(), for UI code: "j", "Space", "S-Tab", "C-l", "PgDn", "F5". */
const char *action_key_name(int key, char *out, size_t outlen);

/** config_key_parse(), for UI code: "j", "C-l", "^L", "Ctrl-l", "Return",
 * "Escape", "PageDown" ...; ACTION_KEY_NONE for an unknown name. */
int action_key_parse(const char *name);

/* ---- actions --------------------------------------------------------*/

/** "line-down" for ACTION_LINE_DOWN; NULL out of range. */
const char *action_name(enum action a);
/** Help text of an action; NULL out of range. */
const char *action_help(enum action a);
/** Action by name (exact, case-sensitive), or ACTION_NONE. */
enum action action_find(const char *name);

/** A default binding. */
struct action_binding {
	int key;
	enum action action;
};

/** The built-in bindings, in help order; *n receives the count. Exactly:
 * q quit, ? help, j/Down line-down, k/Up line-up, Space/PgDn page-down,
 * b/PgUp page-up, g/Home top, G/End bottom, ] [ next/prev-paragraph,
 * } { next/prev-part, : goto, t focus-outline, Tab next-link, S-Tab
 * prev-link, Enter follow-link, f footnotes, / search, n N search-next/prev,
 * Backspace back, o toggle-outline; extras: Left and '-' fold, Right and
 * '+' unfold, > next-doc, < prev-doc, C-l redraw. */
const struct action_binding *action_default_bindings(size_t *n);

/** A keymap: key -> action. */
struct action_keymap {
	struct action_binding *b;
	size_t n, cap;
};

/** Initialise km with the default bindings (km need not be zeroed). */
void action_keymap_init(struct action_keymap *km);
/** Free km's memory. */
void action_keymap_free(struct action_keymap *km);

/** Rebind: the action named `name` gets exactly keys[0..n) instead of its
 * current keys (n == 0 unbinds it); each of these keys is taken away from
 * any other action. Returns false with "unknown action 'foo'" (or
 * "invalid key for 'quit'") in err when name is not an action or a key is
 * ACTION_KEY_NONE; km is then unchanged. */
bool action_keymap_bind(struct action_keymap *km, const char *name, const int *keys, size_t n,
			char *err, size_t errlen);
/** Same, keys given by name (config_key_parse); err names a bad key:
 * "unknown key 'Foo' for 'quit'". */
bool action_keymap_bind_names(struct action_keymap *km, const char *name,
			      const char *const *keys, size_t n, char *err, size_t errlen);

/** Action bound to key, or ACTION_NONE. */
enum action action_lookup(const struct action_keymap *km, int key);

/** Keys of an action, comma separated, in binding order: "j, Down"; ""
 * if unbound. Writes into out; returns out. */
const char *action_keys_string(const struct action_keymap *km, enum action a, char *out,
			       size_t outlen);

/** The help screen: one line per action in table order, "  KEYS  name  help"
 * with the key column padded, preceded by a title line and a blank line.
 * Lines are allocated in arena; *n receives the count. Actions without
 * keys are listed with "(unbound)". */
const char **action_help_lines(const struct action_keymap *km, struct util_arena *arena,
			       size_t *n);

/** Write the man page key list: one ".TP" / ".B keys" / "help (name)"
 * entry per action, roff-escaped. */
void action_write_man(FILE *f, const struct action_keymap *km);

#endif
