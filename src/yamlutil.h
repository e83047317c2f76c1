/* yamlutil.h: safe loading and table-driven walking of small YAML files
 * (themes, config.yaml, notes files) with libyaml's document API.
 *
 * Loading refuses what a settings file never needs and an attacker would
 * love: aliases and anchors, nesting deeper than YAMLUTIL_MAX_DEPTH,
 * scalars over YAMLUTIL_MAX_SCALAR bytes, files over YAMLUTIL_MAX_FILE
 * bytes (other limits: yamlutil_load_limits()), more than one document.
 * Every error is one line,
 * "PATH:LINE:COL: what is wrong" (1-based), sanitized for the terminal.
 *
 * Mappings are walked with handler tables, one {key, type, handler, arg}
 * row per accepted key: the walker checks key types, duplicates, unknown
 * keys (listing the expected ones) and value types before calling the
 * handler. No curses, no terminal output. */
#ifndef RESOLUTE_YAMLUTIL_H
#define RESOLUTE_YAMLUTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <yaml.h>

/** Largest file accepted, in bytes. */
#define YAMLUTIL_MAX_FILE ((size_t)1 << 20)
/** Deepest nesting of mappings and sequences accepted. */
#define YAMLUTIL_MAX_DEPTH 32
/** Longest scalar accepted, in bytes. */
#define YAMLUTIL_MAX_SCALAR 4096

/** A loaded document and where errors go. */
struct yamlutil_ctx {
	yaml_document_t doc;
	bool loaded;      /* doc must be deleted by yamlutil_free */
	const char *path; /* file name used in messages (not copied) */
	char *err;        /* first error, "PATH:LINE:COL: message" */
	size_t errlen;
};

/** yamlutil_load() flag: a file with no document (empty, or only
 * comments) is fine and yamlutil_root() returns NULL. */
#define YAMLUTIL_ALLOW_EMPTY 1u

/** What a load accepts. Sizes in messages use the largest unit giving a
 * whole number of at least 16: "4096 bytes", "64 KiB", "1024 KiB", "16 MiB". */
struct yamlutil_limits {
	size_t max_file;   /* largest input, in bytes */
	size_t max_scalar; /* longest scalar, in bytes */
	int max_depth;     /* deepest nesting of mappings and sequences */
};

/** Parse data[0..len) as a single YAML document named PATH in messages,
 * refusing what breaks `lim` (and aliases, anchors, several documents).
 * Returns 0 with the root available from yamlutil_root(), or -1 with the
 * message in err. An empty document (nothing but comments) is an error
 * at 1:1 unless flags has YAMLUTIL_ALLOW_EMPTY. Call yamlutil_free() in
 * both cases. */
int yamlutil_load_limits(struct yamlutil_ctx *c, const char *path, const char *data, size_t len,
			 const struct yamlutil_limits *lim, unsigned flags, char *err,
			 size_t errlen);

/** yamlutil_load_limits() with the limits of settings files:
 * YAMLUTIL_MAX_FILE, YAMLUTIL_MAX_SCALAR, YAMLUTIL_MAX_DEPTH. */
int yamlutil_load(struct yamlutil_ctx *c, const char *path, const char *data, size_t len,
		  unsigned flags, char *err, size_t errlen);

/** Read PATH: at most YAMLUTIL_MAX_FILE bytes, and one more if the file
 * is larger (which yamlutil_load() then refuses). Returns 0 with the bytes
 * in *data (malloc()ed, NUL-terminated, for the caller to free) and their
 * number in *len; or -1, or -2 when the file does not exist (errno ENOENT),
 * with the message in err and *data NULL. c is started afresh and holds
 * no document after it. */
int yamlutil_read_file(struct yamlutil_ctx *c, const char *path, char **data, size_t *len,
		       char *err, size_t errlen);

/** Read PATH (at most YAMLUTIL_MAX_FILE bytes) and yamlutil_load() it.
 * If the file does not exist, returns -2 (errno ENOENT) with a message. */
int yamlutil_load_file(struct yamlutil_ctx *c, const char *path, unsigned flags, char *err,
		       size_t errlen);

/** Release the document. Safe on a failed or never-loaded context (zeroed). */
void yamlutil_free(struct yamlutil_ctx *c);

/** The root node of a loaded document (NULL only for an allowed empty one). */
yaml_node_t *yamlutil_root(struct yamlutil_ctx *c);

/** "mapping", "sequence", "scalar" or "null" (a plain empty, ~ or null scalar). */
const char *yamlutil_node_type_name(const yaml_node_t *n);

/** True for a plain scalar that YAML reads as null: empty, "~", "null". */
bool yamlutil_is_null(const yaml_node_t *n);

/** Format "PATH:LINE:COL: message" at node n (the file start if n is NULL)
 * into c->err unless an error is already recorded; control characters are
 * made visible. Always returns -1, so handlers can `return yamlutil_error(...)`. */
int yamlutil_error(struct yamlutil_ctx *c, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int yamlutil_verror(struct yamlutil_ctx *c, const yaml_node_t *n, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/** 1-based line and column of a node. */
unsigned yamlutil_line(const yaml_node_t *n);
unsigned yamlutil_col(const yaml_node_t *n);

/** A scalar's bytes (NUL-terminated by libyaml) or NULL if n is not a scalar. */
const char *yamlutil_scalar(const yaml_node_t *n);

/** Check that n is a non-null scalar of at most maxlen bytes without control
 * characters (C0, DEL, C1, embedded NUL); `what` names it in messages
 * ("'name'"). Returns the string or NULL after recording an error. */
const char *yamlutil_string(struct yamlutil_ctx *c, const yaml_node_t *n, const char *what,
			    size_t maxlen);

/** Handler for one key of a mapping. `key` is the scalar key node, `value`
 * has the type the table asked for; `arg` is the table row's arg and `data`
 * what the walker was given. Return 0, or -1 after yamlutil_error(). */
typedef int (*yamlutil_handler)(struct yamlutil_ctx *c, const yaml_node_t *key,
				yaml_node_t *value, const void *arg, void *data);

/** Handler table row; a row with key NULL ends the table. */
struct yamlutil_entry {
	const char *key;
	yaml_node_type_t type;    /* required value type; YAML_NO_NODE: any */
	yamlutil_handler handler;
	const void *arg;
};

/** Walk mapping `map` with a handler table. `what` names the mapping in
 * messages: "unknown key 'colour' in style 'lead' (expected fg, bg, attrs)".
 * A null value where a mapping or a sequence is required counts as empty
 * (the handler is not called). Keys must be scalars and unique.
 * Returns 0 or -1 (first error in c->err). */
int yamlutil_walk(struct yamlutil_ctx *c, yaml_node_t *map, const struct yamlutil_entry *table,
		  const char *what, void *data);

/** Walk every pair of mapping `map` (keys checked as in yamlutil_walk) with
 * one handler, for mappings whose keys are data (role names, actions). */
int yamlutil_each_pair(struct yamlutil_ctx *c, yaml_node_t *map, const char *what,
		       yamlutil_handler fn, const void *arg, void *data);

/** Node i of a sequence (no bounds check beyond returning NULL). */
yaml_node_t *yamlutil_seq_item(struct yamlutil_ctx *c, const yaml_node_t *seq, size_t i);
/** Number of items of a sequence (0 if n is not one). */
size_t yamlutil_seq_len(const yaml_node_t *seq);

#endif
