/* theme.h: colour themes for the reader, loaded from YAML (doc/themes.md).
 *
 * A theme gives each role (a kind of thing on screen) a style: foreground
 * and background colour and attributes. Colours are abstract: -1 is the
 * terminal's default, 0-255 a palette index (0-7 the basic colours, 8-15
 * their bright forms, 16-231 the 6x6x6 cube, 232-255 greys). The UI maps
 * them to curses; nothing here includes curses or writes to the terminal.
 * The default theme is compiled in, so the reader works without any file. */
#ifndef RESOLUTE_THEME_H
#define RESOLUTE_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** The terminal's own foreground or background colour. */
#define THEME_COLOR_DEFAULT (-1)

/** Attributes: X(ID, YAML name). Bits THEME_ATTR_ID. */
#define THEME_ATTRS(X) \
	X(BOLD, "bold") \
	X(ITALIC, "italic") \
	X(UNDERLINE, "underline") \
	X(REVERSE, "reverse") \
	X(DIM, "dim") \
	X(STANDOUT, "standout")

enum theme_attr_index {
#define THEME_X_(id, name) THEME_ATTR_INDEX_##id,
	THEME_ATTRS(THEME_X_)
#undef THEME_X_
	THEME_ATTR_COUNT
};

enum theme_attr {
#define THEME_X_(id, name) THEME_ATTR_##id = 1u << THEME_ATTR_INDEX_##id,
	THEME_ATTRS(THEME_X_)
#undef THEME_X_
};

/* Shorthands for the default styles in THEME_ROLES. */
#define THEME_D_ THEME_COLOR_DEFAULT
#define THEME_A_(x) THEME_ATTR_##x

/** Roles: X(ID, YAML name, default fg, default bg, default attrs, help).
 * The defaults are the compiled-in "default" theme (themes/default.yaml
 * must say the same; a test checks it). Colours: 0 black, 1 red, 2 green,
 * 3 yellow, 4 blue, 5 magenta, 6 cyan, 7 white. */
#define THEME_ROLES(X) \
	X(NORMAL, "normal", THEME_D_, THEME_D_, 0, \
	  "ordinary text") \
	X(OUTLINE, "outline", THEME_D_, THEME_D_, 0, \
	  "entries of the outline pane") \
	X(OUTLINE_CURRENT, "outline_current", 3, THEME_D_, THEME_A_(BOLD), \
	  "outline entry of the paragraph in view") \
	X(SELECTION, "selection", THEME_D_, THEME_D_, THEME_A_(REVERSE), \
	  "the selected line of a list or the outline") \
	X(LEAD, "lead", THEME_D_, THEME_D_, THEME_A_(ITALIC), \
	  "lead phrase of a paragraph (Recalling, Calls upon)") \
	X(NUMBER, "number", 3, THEME_D_, THEME_A_(BOLD), \
	  "paragraph numbers: 5., (a), (ii)") \
	X(MARKER, "marker", 6, THEME_D_, THEME_A_(BOLD), \
	  "footnote markers") \
	X(REFERENCE, "reference", 2, THEME_D_, THEME_A_(UNDERLINE), \
	  "references to other resolutions and documents") \
	X(LINK_FOCUS, "link_focus", 0, 2, THEME_A_(BOLD), \
	  "the reference or footnote selected with Tab") \
	X(NOTE_MARK, "note_mark", 5, THEME_D_, THEME_A_(BOLD), \
	  "mark of a paragraph that has a note") \
	X(POPUP, "popup", THEME_D_, THEME_D_, 0, \
	  "text of pop-up windows (footnotes, help)") \
	X(POPUP_BORDER, "popup_border", 6, THEME_D_, THEME_A_(BOLD), \
	  "border and title of pop-up windows") \
	X(STATUS, "status", THEME_D_, THEME_D_, THEME_A_(REVERSE), \
	  "status line") \
	X(PROMPT, "prompt", THEME_D_, THEME_D_, THEME_A_(BOLD), \
	  "prompt of the command and search line") \
	X(SEARCH_MATCH, "search_match", 0, 3, 0, \
	  "text matching the current search") \
	X(HEADER, "header", 7, 4, THEME_A_(BOLD), \
	  "title bar: symbol and title of the resolution") \
	X(HEADING, "heading", THEME_D_, THEME_D_, THEME_A_(BOLD) | THEME_A_(UNDERLINE), \
	  "headings inside a resolution or an annex") \
	X(ERROR, "error", 1, THEME_D_, THEME_A_(BOLD), \
	  "error messages")

enum theme_role {
#define THEME_X_(id, name, fg, bg, attrs, help) THEME_ROLE_##id,
	THEME_ROLES(THEME_X_)
#undef THEME_X_
	THEME_ROLE_COUNT
};

/** How one role looks. */
struct theme_style {
	int16_t fg, bg;  /* THEME_COLOR_DEFAULT or 0-255 */
	uint16_t attrs;  /* THEME_ATTR_* bits */
};

#define THEME_NAME_MAX 64         /* bytes, with the NUL */
#define THEME_DESCRIPTION_MAX 256 /* bytes, with the NUL */

/** A theme. name and description are free of control characters. */
struct theme {
	char name[THEME_NAME_MAX];
	char description[THEME_DESCRIPTION_MAX];
	struct theme_style style[THEME_ROLE_COUNT];
	uint32_t defined; /* bit (1 << role) for every role the file set */
};

/** YAML name of a role ("outline_current"); NULL if out of range. */
const char *theme_role_name(enum theme_role r);
/** One-line description of a role, for help screens. */
const char *theme_role_help(enum theme_role r);
/** Role for a YAML name, or -1. */
int theme_role_from_name(const char *name);
/** YAML name of attribute bit `attr` (one THEME_ATTR_* value); NULL if none. */
const char *theme_attr_name(unsigned attr);

/** Parse a colour: a name (default, black, red, green, yellow, blue,
 * magenta, cyan, white, bright-black ... bright-white), a number 0-255 or
 * "#rrggbb" (nearest index of the 256-colour palette). Returns 0 and sets
 * *out, or -1. */
int theme_color_parse(const char *s, int *out);
/** Nearest index in 16-255 (colour cube and greys) to an RGB colour. */
int theme_color_from_rgb(unsigned r, unsigned g, unsigned b);
/** Canonical text of a colour: "default", "red", "bright-cyan", "208". */
const char *theme_color_name(int color, char *buf, size_t n);

/** Fill *out with the compiled-in default theme. */
void theme_default(struct theme *out);

/** Load a theme. NAME_OR_PATH containing '/' is a file; otherwise a name
 * (letters, digits, '-', '_', '.') looked up as NAME.yaml in the
 * NULL-terminated search_dirs, first match wins; "default" falls back to
 * the compiled-in theme when no file is found. Roles the file does not
 * mention keep their default style. Returns 0, or -1 with a one-line
 * message ("PATH:LINE:COL: ...") in err and the default theme in *out. */
int theme_load(const char *name_or_path, const char *const *search_dirs, struct theme *out,
	       char *err, size_t errlen);

/** Load a theme from data[0..len); `path` names it in messages and gives
 * the theme its name when the file has no name key. Same results as
 * theme_load(). */
int theme_load_buffer(const char *data, size_t len, const char *path, struct theme *out,
		      char *err, size_t errlen);

/** True if data[0..len) is themes/default.yaml as shipped, whose theme is
 * theme_default() with every role defined: loading such a file skips
 * parsing it. */
bool theme_is_default_file(const char *data, size_t len);

/** NO_COLOR: drop every colour and keep the attributes; a role whose
 * background differs from normal's (a bar, a highlight) also gets reverse
 * so that it stays visible. */
void theme_apply_no_color(struct theme *t);

/** True if the NO_COLOR environment variable is set to a non-empty value
 * (https://no-color.org). */
bool theme_no_color_requested(void);

/** The usual search directories: $XDG_CONFIG_HOME/resolute/themes (or
 * ~/.config/...), PKGDATADIR/themes, then `extra` (e.g. the source tree's
 * themes/, or NULL). dirs is NULL-terminated and points into the struct. */
struct theme_dirs {
	char user[4096];
	char extra[4096];
	const char *dirs[4];
};
void theme_dirs_init(struct theme_dirs *d, const char *extra);

/** Names of the themes in search_dirs (files NAME.yaml), sorted, without
 * duplicates, plus "default". Writes up to max names of THEME_NAME_MAX
 * bytes into names; returns how many there are (may exceed max). */
size_t theme_list(const char *const *search_dirs, char (*names)[THEME_NAME_MAX], size_t max);

#endif
