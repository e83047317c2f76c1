/* library.h: a library of resolution files, indexed for cross-reference
 * jumps: which file and document a target symbol is, and who cites it,
 * answered without parsing anything again.
 *
 * A library is the files and directories given (directories recursively:
 * *.txt and *.text files, hidden names skipped, symlinks followed but each
 * directory and file visited once), plus extra directories that only serve
 * to resolve (config.yaml's `library:`, the bundled samples). A compilation
 * file contributes one entry per resolution it holds.
 *
 * The index is cached in $XDG_CACHE_HOME/resolute (cache.h), one file per
 * set of library roots, keyed per file by path, size and mtime (ns): reopening
 * costs a directory walk, one stat() per file and one mapping of the index.
 * Only new or changed files are parsed, in several processes when there are
 * many. A corrupt, stale or foreign index is rebuilt silently; an unusable
 * cache directory only makes every open a cold one.
 *
 * No curses. The library_cmd_* functions are the `--refs` and `--cited-by`
 * commands; they write sanitized lines to the streams they are given. */
#ifndef RESOLUTE_LIBRARY_H
#define RESOLUTE_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cache.h"
#include "doc.h"
#include "util.h"

/** An outgoing reference of a library entry. */
struct library_ref {
	enum doc_ref_kind kind;
	const char *target;      /* canonical symbol (A/RES/58/178); "" if the parser gave none */
	const char *target_para; /* paragraph id in the target (op5, op1.a) or NULL */
	const char *para;        /* where: paragraph id (pp3, op5.a) or footnote id (fn2) */
	const char *text;        /* the reference as written */
	size_t entry;            /* index of the citing entry in library.entries */
};

/** One resolution of the library. */
struct library_entry {
	const char *symbol;  /* canonical symbol, or NULL */
	const char *title;   /* or NULL */
	const char *adopted; /* ISO date, or NULL */
	enum doc_body body;
	const char *path;    /* its file, as found: the argument plus the path below it */
	int doc_index;       /* index of the document within the file (compilations) */
	size_t file;         /* index into library.files */
	bool primary;        /* from the paths given, not from an extra directory */
	const struct library_ref *refs; /* its references, in document order */
	size_t n_refs;
	size_t first_ref;    /* internal: index of refs[0] in library.refs */
};

/** A file of the library. */
struct library_file {
	const char *path;  /* as found: "dir/sub/x.txt"; "-" for standard input */
	const char *error; /* why it gave no entries ("empty file", ...), or NULL */
	bool primary;      /* under a path given (not an extra directory) */
	bool explicit_arg; /* named itself on the command line, not found in a directory */
	size_t first_entry, n_entries;
	/* internal */
	const char *key;   /* absolute path: the cache key */
	bool unstated;     /* size and mtime not known yet: taken when parsed */
	uint64_t size;
	int64_t mtime_s;
	long mtime_ns;
	const unsigned char *rec; /* its encoded record, or NULL */
	size_t rec_len;
	bool rec_cached;   /* rec came from the index file */
};

/** A path that could not be read, or a file that holds no resolution. */
struct library_error {
	const char *path;
	const char *msg;
	bool fatal; /* a path given, or a file named, on the command line: exit status 1 */
};

/** What an open cost, for tests and the benchmark. */
struct library_stats {
	size_t n_files;       /* files in the library */
	size_t n_from_cache;  /* files whose entries came from the index */
	size_t n_parsed;      /* files parsed */
	int jobs;             /* processes that parsed (1: this one only) */
	bool cache_loaded;    /* a valid index was read */
	bool cache_written;   /* the index was (re)written */
};

/** How to open a library. A zeroed struct is the default. */
struct library_opts {
	const char *const *extra_dirs; /* resolved against, not "given" (config, samples) */
	size_t n_extra;
	const char *cache_dir;   /* NULL: cache_default_dir() */
	bool no_cache;           /* neither read nor write an index */
	bool cache_small;        /* write an index even for a library of few files */
	int jobs;                /* parse processes: 0 automatic (online CPUs, at most 8) */
};

/** Internal: a slot of the symbol hash table. */
struct library_slot {
	uint64_t hash;
	uint32_t entry; /* entry index + 1; 0: empty */
	char key[20];   /* the symbol's first 20 bytes, NUL-padded */
};

/* A buffer of records: mapped (map_len > 0) or from malloc. */
struct library_blob {
	void *mem;
	size_t map_len;
};

/** An open library. Everything lives until library_close(). */
struct library {
	struct library_file *files;
	size_t n_files;
	struct library_entry *entries; /* by file, then by document within the file */
	size_t n_entries;
	struct library_ref *refs; /* every reference; entries[i].refs points in here */
	size_t n_refs;
	struct library_error *errors;
	size_t n_errors;
	struct library_stats stats;
	const char *cache_path; /* index file used, or NULL (no usable cache) */
	/* internal */
	struct library_slot *sym_slots; /* symbol hash table */
	size_t sym_cap;
	struct cache_blob index; /* the index file read, where its records live */
	struct library_blob *blobs; /* buffers the other records (and strings) live in */
	size_t n_blobs;
	size_t cap_files, cap_entries, cap_refs, cap_errors, cap_blobs;
	bool lazy_refs; /* refs left in the records (the commands): entries' refs NULL */
	struct util_arena arena;
};

/** Open the library of PATHS[0..n) (files or directories; "-" is standard
 * input, parsed but never cached) plus o->extra_dirs. Never fails as a
 * whole: unreadable paths and files without a resolution become
 * lib->errors. o may be NULL. Always library_close() afterwards. */
void library_open(struct library *lib, const char *const *paths, size_t n,
		  const struct library_opts *o);

/** Release everything. */
void library_close(struct library *lib);

/** The entry of the resolution with this symbol: canonical ("A/RES/58/178")
 * or as a user writes it ("58/178", "S/RES/1325 (2000)"), or NULL if the
 * library does not hold it. With several copies (a flowed and a layout
 * text), the first in library order: paths given before extra directories. */
const struct library_entry *library_resolve(const struct library *lib, const char *symbol);

/** Where a reference leads: its target's entry, or NULL if it is not in the
 * library. A reference without a target (a paragraph reference in a
 * document without symbol) and one to the citing document's own symbol
 * lead to the citing entry itself. */
const struct library_entry *library_ref_target(const struct library *lib,
					       const struct library_ref *r);

/** One citation found by library_cited_by(). */
struct library_citation {
	const struct library_entry *entry; /* the citing resolution */
	const struct library_ref *ref;     /* the reference (its para, text, target_para) */
};

/** Every reference in the library to SYMBOL (canonical or as a user writes
 * it), or, with PARA (an id like op5 or what a reader types, "5 (c)"), to
 * that paragraph or one below it (op5.c). A resolution's references to
 * itself are left out. Stores a malloc()ed array in *out (free() it; NULL
 * when none) and returns its length, in library order. */
size_t library_cited_by(const struct library *lib, const char *symbol, const char *para,
			struct library_citation **out);

/** `resolute --refs PATH...`: one line per reference of the documents in
 * PATHS, tab-separated: document symbol ("-" if none), paragraph id,
 * reference text, canonical target (with "#op5" when it names a paragraph;
 * "-" if none), and where it leads: the file in the library (with "#op5"),
 * else its https://undocs.org/ address. Errors on err as "resolute: FILE:
 * reason". Returns 0, 1 if a path given could not be read or output failed,
 * 2 if no path was given. Every field is sanitized (util_sanitize). */
int library_cmd_refs(const char *const *paths, size_t n, FILE *out, FILE *err);

/** `resolute --cited-by SYMBOL PATH...`: one line per citation of SYMBOL
 * (optionally "SYMBOL#PARA", e.g. "58/178#op5") in the library of PATHS:
 * citing symbol, paragraph id, reference text, file. Returns as
 * library_cmd_refs(); 2 also for a SYMBOL that is not a symbol. */
int library_cmd_cited_by(const char *symbol, const char *const *paths, size_t n, FILE *out,
			 FILE *err);

/** The two commands with library options (extra directories: config.yaml's
 * `library:` and the bundled samples; cache directory). o may be NULL. */
int library_cmd_refs_opts(const struct library_opts *o, const char *const *paths, size_t n,
			  FILE *out, FILE *err);
int library_cmd_cited_by_opts(const struct library_opts *o, const char *symbol,
			      const char *const *paths, size_t n, FILE *out, FILE *err);

#endif
