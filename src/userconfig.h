/* userconfig.h: the user's configuration ($XDG_CONFIG_HOME/resolute/config.yaml),
 * XDG base directories and key names.
 *
 * (Not "config.h": that name is autoconf's, included first by every .c
 * file, and a src/config.h would shadow it.)
 *
 *     theme: high-contrast
 *     library: [~/un/resolutions, /srv/res]
 *     opener: xdg-open
 *     keys:
 *       quit: [q, Q]
 *       next-paragraph: "]"
 *
 * Action names are not checked here (the action table belongs to the UI):
 * bindings keep their positions so the UI can report
 * "config.yaml:12:3: unknown action 'foo'" with config_errorf().
 * No curses here: special keys have their own codes (CONFIG_KEY_*). */
#ifndef RESOLUTE_USERCONFIG_H
#define RESOLUTE_USERCONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* ---- keys ----------------------------------------------------------- */

/** A key is an int, with the same values as action.h's ACTION_KEY_* (so a
 * binding's key can go straight into the keymap):
 *   0 .. 0x10FFFF   the code point typed: 'q', ' ' (Space), '\t' (Tab),
 *                   27 (Esc), '\n' (Enter), 127 (Backspace), Ctrl-letter as
 *                   its ASCII control code (C-d = 4, CONFIG_KEY_CTRL('d'))
 *   CONFIG_KEY_*    function keys, above the Unicode range
 *   < 0             no key (CONFIG_KEY_NONE)
 * The UI maps curses' KEY_* and raw terminal bytes to these
 * (config_key_normalize() does the raw bytes). */
#define CONFIG_KEY_NONE (-1)
#define CONFIG_KEY_CTRL(c) ((c) & 0x1f)
#define CONFIG_KEY_TAB '\t'
#define CONFIG_KEY_ENTER '\n'
#define CONFIG_KEY_ESC 27
#define CONFIG_KEY_SPACE ' '
#define CONFIG_KEY_BACKSPACE 127
#define CONFIG_KEY_SPECIAL 0x110000
#define CONFIG_KEY_UP (CONFIG_KEY_SPECIAL + 1)
#define CONFIG_KEY_DOWN (CONFIG_KEY_SPECIAL + 2)
#define CONFIG_KEY_LEFT (CONFIG_KEY_SPECIAL + 3)
#define CONFIG_KEY_RIGHT (CONFIG_KEY_SPECIAL + 4)
#define CONFIG_KEY_PGUP (CONFIG_KEY_SPECIAL + 5)
#define CONFIG_KEY_PGDN (CONFIG_KEY_SPECIAL + 6)
#define CONFIG_KEY_HOME (CONFIG_KEY_SPECIAL + 7)
#define CONFIG_KEY_END (CONFIG_KEY_SPECIAL + 8)
#define CONFIG_KEY_BACKTAB (CONFIG_KEY_SPECIAL + 9) /* Shift-Tab */
#define CONFIG_KEY_DELETE (CONFIG_KEY_SPECIAL + 10)
#define CONFIG_KEY_INSERT (CONFIG_KEY_SPECIAL + 11)
/** F1 .. F12: CONFIG_KEY_F(1) .. CONFIG_KEY_F(CONFIG_KEY_F_MAX). */
#define CONFIG_KEY_F_MAX 12
#define CONFIG_KEY_F(n) (CONFIG_KEY_SPECIAL + 100 + (n))

/** Parse a key name: one character ("q", "G", "]", "é"); Ctrl plus a
 * letter as "C-d" (also "C-D", "Ctrl-d", "^D", "^d"; C-i is Tab, C-m and
 * C-j Enter, C-h Backspace, C-[ Esc, C-Space and C-@ NUL, and C-\, C-],
 * C-^, C-_ are 28 .. 31); or a name, in any case: Enter (Return, RET),
 * Esc (Escape), Tab, S-Tab (BackTab, BTab), Space, Backspace (BS), Up,
 * Down, Left, Right, PgUp (PageUp), PgDn (PageDown), Home, End, Delete
 * (Del), Insert (Ins), F1-F12. Returns the key or CONFIG_KEY_NONE. */
int config_key_parse(const char *name);

/** Canonical name of a key ("q", "C-d", "PgDn", "Space", "F5") into buf
 * (truncated to n); returns buf ("?" for an invalid key). */
const char *config_key_name(int key, char *buf, size_t n);

/** Map a character read from the terminal to a key: '\r' becomes Enter
 * ('\n'), 8 becomes Backspace (127); other control characters and
 * printable code points are kept; C1 controls, surrogates and values
 * beyond Unicode give CONFIG_KEY_NONE. */
int config_key_normalize(uint32_t ch);

/* ---- XDG base directories ------------------------------------------ */

enum config_xdg {
	CONFIG_XDG_CONFIG, /* $XDG_CONFIG_HOME or ~/.config */
	CONFIG_XDG_DATA,   /* $XDG_DATA_HOME or ~/.local/share */
	CONFIG_XDG_CACHE,  /* $XDG_CACHE_HOME or ~/.cache */
};

/** resolute's directory under an XDG base directory ("/home/u/.config/resolute")
 * into buf. The XDG variable is used only if it is an absolute path (the
 * spec says to ignore relative ones); otherwise $HOME (absolute) plus the
 * spec's default. Returns 0, or -1 if neither is usable or buf is too small. */
int config_xdg_dir(enum config_xdg which, char *buf, size_t n);

/** Path of config.yaml into buf; returns 0 or -1 (see config_xdg_dir). */
int config_path(char *buf, size_t n);

/* ---- config.yaml ---------------------------------------------------- */

/** One key binding: pressing `key` runs `action`. A `keys:` entry with an
 * empty list yields one binding with key CONFIG_KEY_NONE: the action is
 * unbound. Lines and columns are 1-based. */
struct config_binding {
	const char *action;
	int key;
	unsigned action_line, action_col; /* the action name in the file */
	unsigned key_line, key_col;       /* the key in the file */
};

/** The most key bindings a config.yaml may hold. */
#define CONFIG_MAX_BINDINGS 512
/** The most library directories. */
#define CONFIG_MAX_LIBRARY 64

/** Parsed configuration; strings live in `arena`. */
struct config {
	const char *path;    /* file read, for messages (NULL if none) */
	bool found;          /* the file existed */
	const char *theme;   /* theme name or path, or NULL */
	unsigned theme_line, theme_col;
	const char **library; /* directories, ~ expanded */
	size_t n_library;
	const char *opener;  /* command opening URLs/files, or NULL */
	struct config_binding *bindings; /* in file order */
	size_t n_bindings;
	struct util_arena arena;
};

/** An empty configuration (no file). */
void config_init(struct config *cfg);

/** Read config.yaml from PATH (NULL: config_path()). A missing file is not
 * an error: returns 0 with cfg->found false. Returns -1 with one line,
 * "PATH:LINE:COL: what is wrong", in err on a bad file (cfg is then empty
 * but valid). Always config_free() afterwards. */
int config_load(const char *path, struct config *cfg, char *err, size_t errlen);

/** Parse config.yaml text data[0..len), `path` naming it in messages. */
int config_load_buffer(const char *data, size_t len, const char *path, struct config *cfg,
		       char *err, size_t errlen);

/** Release everything. */
void config_free(struct config *cfg);

/** Expand a leading "~" or "~/" with $HOME into the arena; other paths are
 * copied. Returns NULL for "~user" forms or when HOME is unusable. */
const char *config_expand_home(struct util_arena *a, const char *path);

/** Format "PATH:LINE:COL: message" (sanitized) into err, for problems the
 * UI finds in the config, e.g. an unknown action of a binding. */
void config_errorf(const struct config *cfg, unsigned line, unsigned col, char *err,
		   size_t errlen, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
