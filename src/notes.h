/* notes.h: the reader's own notes on paragraphs, stored as YAML and
 * re-anchored to new versions of a text.
 *
 * One human-readable file per document under $XDG_DATA_HOME/resolute
 * (layout: doc/notes.md), named after the document's canonical symbol, or
 * after a hash of its text when it has none. A note is anchored to a
 * paragraph by {paragraph id, hash of the paragraph's normalized text, a
 * short quote of its opening with prefix/suffix context} like the W3C
 * TextQuoteSelector, so it finds its paragraph again after renumbering or
 * rewording; a note that finds none is an orphan, kept and listed, never
 * dropped.
 *
 * Notes are the user's data: every change is made under an advisory lock
 * on the directory by re-reading the file, applying that one change and
 * replacing the file atomically and durably, so concurrent readers never
 * lose each other's notes and a crash leaves the old or the new file. A
 * file that does not parse is never overwritten: changes to that document
 * fail with its "FILE:LINE:COL: what is wrong" until it is repaired.
 * No curses, no terminal output except in the notes_cmd_* functions. */
#ifndef RESOLUTE_NOTES_H
#define RESOLUTE_NOTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "doc.h"
#include "util.h"

/** Largest store file read, in bytes. */
#define NOTES_MAX_FILE ((size_t)16 << 20)
/** Longest scalar (note text, quote ...) read, in bytes. */
#define NOTES_MAX_SCALAR ((size_t)64 << 10)
/** Deepest YAML nesting read. */
#define NOTES_MAX_DEPTH 32
/** Stored quote and context lengths, in characters (cut at a word). */
#define NOTES_QUOTE_CHARS 60
#define NOTES_CONTEXT_CHARS 30
/** Paragraph hash: 16 lowercase hex digits. */
#define NOTES_HASH_LEN 16

/** How a note found its paragraph in a given text. */
enum notes_match {
	NOTES_UNANCHORED, /* notes_anchor() not called yet */
	NOTES_EXACT,      /* same paragraph id, same text */
	NOTES_MOVED,      /* same text under another id (renumbered) */
	NOTES_FUZZY,      /* text changed; best quote match above the threshold */
	NOTES_ORPHAN,     /* no paragraph matches: kept, listed, never dropped */
};

/** One note. Strings are malloc'd and owned by the note. */
struct note {
	char *para_id;   /* paragraph id when the note was last saved: op5 */
	char hash[NOTES_HASH_LEN + 1]; /* hash of that paragraph's normalized text */
	char *quote;     /* opening of the paragraph, about NOTES_QUOTE_CHARS */
	char *prefix;    /* end of the previous paragraph, about NOTES_CONTEXT_CHARS */
	char *suffix;    /* text right after the quote, about NOTES_CONTEXT_CHARS */
	char *text;      /* the note itself, UTF-8, may span lines, may be empty */
	bool highlight;
	char created[21];  /* 2026-11-22T12:00:00Z */
	char modified[21];
	int line;        /* line of this note in the file (0 if not from a file) */
	/* Set by notes_anchor(): */
	int para;               /* paragraph index in the anchored doc, -1 if orphan */
	enum notes_match match;
	double score;           /* 1 for exact and moved, similarity for fuzzy */
};

/** The notes of one document. */
struct notes_doc {
	char *key;       /* symbol (A/RES/58/178) or "text:" + hash of the whole text */
	char *symbol;    /* canonical symbol or NULL */
	char *doc_hash;  /* hash of the whole text when there is no symbol, else NULL */
	char *title;     /* document title (for listings) or NULL */
	char *file;      /* file name inside the store directory */
	struct note *notes;
	size_t n, cap;
};

/** An open store: a private directory. */
struct notes_store {
	int dirfd;
	char *dir;       /* its path, for messages */
	time_t now;      /* if non-zero, the clock used for timestamps (tests) */
};

/** Open (creating it 0700) the store in DIR, or in the default data
 * directory ($XDG_DATA_HOME/resolute, ~/.local/share/resolute) when DIR is
 * NULL. Removes temporary files a killed writer left. Returns 0 or -1 with
 * a one-line message. */
int notes_store_open(struct notes_store *s, const char *dir, char *err, size_t errlen);
void notes_store_close(struct notes_store *s);

/** The key and file name of a document: its canonical symbol when it has
 * one, else a hash of its text. The file name never leaves the directory:
 * [A-Za-z0-9.] are kept, '/' becomes '-', any other byte (and a leading
 * '.') becomes _XX (hex); over NOTES_NAME_MAX bytes it is cut and ends in
 * '+' and a hash of the whole symbol. Then ".yaml". */
#define NOTES_NAME_MAX 120
void notes_file_name(const char *symbol, char *out, size_t outlen);
/** Reverse notes_file_name() for a name that was not cut: writes the
 * symbol and returns true, or returns false. */
bool notes_file_symbol(const char *name, char *out, size_t outlen);

/** Start an empty notes_doc for document d (key, symbol, title, file). */
void notes_doc_init(struct notes_doc *nd, const struct doc *d);
void notes_doc_free(struct notes_doc *nd);

/** Load the notes of document d (an absent file is an empty list).
 * Returns 0, or -1 with "FILE:LINE:COL: what is wrong" in err; nd is then
 * empty, the file is left alone and every change to it fails until it is
 * repaired. */
int notes_load(struct notes_store *s, const struct doc *d, struct notes_doc *nd, char *err,
	       size_t errlen);

/** Parse a store file's bytes (PATH names it in messages). Exposed for
 * tests and tools. Returns 0 or -1 with the message. */
int notes_parse(const char *path, const char *data, size_t len, struct notes_doc *nd, char *err,
		size_t errlen);
/** Serialize nd as a store file into b (appended). */
void notes_serialize(const struct notes_doc *nd, struct util_buf *b);

/** Attach every note of nd to a paragraph of d (which may be another
 * version of the text): same id and hash, else the same hash anywhere,
 * else the best quote and context similarity above a threshold, else an
 * orphan. Sets para, match and score of each note. Cost: one pass over d
 * plus notes x paragraphs x a 100-byte window. */
void notes_anchor(struct notes_doc *nd, const struct doc *d);

/** The first note anchored to paragraph para (after notes_anchor), or -1. */
int notes_find(const struct notes_doc *nd, int para);

/** Set the note of paragraph para of d: edits the note anchored there (its
 * anchor moves to this version of the paragraph) or adds one. Empty text
 * (only white space) deletes the note unless it is highlighted. Text must be
 * valid UTF-8; CR LF becomes LF. Saves under the lock, merging with what
 * other processes saved, then reloads nd and re-anchors it to d. Returns 0
 * or -1 with a message (nd unchanged then). */
int notes_set(struct notes_store *s, struct notes_doc *nd, const struct doc *d, int para,
	      const char *text, char *err, size_t errlen);
/** Delete the note anchored to paragraph para (0 if there is none). */
int notes_delete(struct notes_store *s, struct notes_doc *nd, const struct doc *d, int para,
		 char *err, size_t errlen);
/** Toggle the highlight of paragraph para: creates a highlight-only note if
 * there is none; un-highlighting a note without text deletes it. */
int notes_toggle_highlight(struct notes_store *s, struct notes_doc *nd, const struct doc *d,
			   int para, char *err, size_t errlen);

/** Build the anchor of paragraph para of d into n (para_id, hash, quote,
 * prefix, suffix; other fields untouched). */
void notes_make_anchor(const struct doc *d, int para, struct note *n);
/** Hash of paragraph text as stored in a note (normalized: case, white
 * space, typographic quotes and dashes do not count). out: 17 bytes. */
void notes_text_hash(const char *text, size_t len, char *out);

/** Every document of the store, sorted by key, loaded; files that do not
 * parse are listed in errors ("FILE:LINE:COL: ..."). */
struct notes_library {
	struct notes_doc *docs;
	size_t n;
	char **errors;
	size_t n_errors;
};
int notes_list_all(struct notes_store *s, struct notes_library *lib, char *err, size_t errlen);
void notes_library_free(struct notes_library *lib);

/** The first line of a note's text, at most max bytes (cut at a UTF-8
 * boundary, "..." appended when cut), into out. */
void notes_first_line(const struct note *n, char *out, size_t outlen);

/** Export notes: "markdown" (quote and note, for sharing) or "json". docs[i]
 * may come with the text texts[i] it was anchored to (or NULL: the stored
 * anchors are used). Everything from a note or a text is escaped or
 * sanitized. Returns 0, or -1 for an unknown format (message in err). */
int notes_export(FILE *f, const char *format, struct notes_doc *docs,
		 const struct doc *const *texts, size_t n, char *err, size_t errlen);

/** resolute --notes [PATH...]: with paths, each document's notes anchored to
 * that text (paragraph id, orphans marked); without, every note of the
 * library. Returns an exit status (0, 1: a file unreadable or invalid). */
int notes_cmd_list(const char *const *paths, size_t n, FILE *out, FILE *errf);
/** resolute --annotate ID FILE: set the note of paragraph ID (doc_normalize_id;
 * "SYMBOL:ID" when FILE holds several resolutions) from `in`; empty input
 * deletes it. Returns 0, 1 (file or store error) or 2 (no such paragraph). */
int notes_cmd_annotate(const char *id, const char *file, FILE *in, FILE *errf);
/** resolute --export-notes markdown|json [PATH...]: like notes_cmd_list. */
int notes_cmd_export(const char *format, const char *const *paths, size_t n, FILE *out,
		     FILE *errf);

#endif
