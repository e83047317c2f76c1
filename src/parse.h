/* parse.h: turn resolution text, as people actually get it, into documents.
 *
 * Handles the UN document-system export (tab-led paragraphs, "1.<TAB>",
 * <<ODS ...>> trailer), the report layout (number alone on its line),
 * text extracted from the official PDFs (wrapped lines, page furniture,
 * footnote blocks at page breaks) and one-line-per-paragraph text.
 * No curses, no terminal output: problems become doc warnings. */
#ifndef RESOLUTE_PARSE_H
#define RESOLUTE_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

/** Parse data[0..len) (need not be NUL-terminated; may be invalid UTF-8,
 * which is decoded as Windows-1252 with a warning) into one or more
 * documents appended to `out`, with references extracted (xref.h).
 * `name` is the file name for out->name. Never fails on text: anything
 * that is not a resolution becomes one document of plain paragraphs with
 * a warning. Returns the number of documents added. */
size_t parse_buffer(const char *data, size_t len, const char *name, struct doc_set *out);

/** Read PATH ("-": standard input) and parse it. On an unreadable, empty
 * or binary (NUL bytes) file returns -1 and writes a one-line reason,
 * without the file name, to err ("empty file", "binary file: NUL byte at
 * offset 12", strerror text). Returns the number of documents otherwise. */
int parse_file(const char *path, struct doc_set *out, char *err, size_t errlen);

/** Options for parse_open() and parse_open_buffer(). NULL: defaults. */
struct parse_opts {
	bool no_refs;  /* leave references out (n_refs stays 0): faster, for --check */
	bool no_leads; /* leave paragraph leads out (lead stays NULL): for the library index */
};

/** A parse in progress: documents are handed out as they are finished,
 * so a reader can show the first resolution of a compilation while the
 * rest is still text. Each document is complete when handed out (its
 * references found), and the documents and their order are the same as
 * parse_file()'s whatever the steps. */
struct parse_stream;

/** Open PATH ("-": standard input) for parsing. The same failures as
 * parse_file(): NULL with a one-line reason in err. */
struct parse_stream *parse_open(const char *path, const struct parse_opts *o, char *err,
				size_t errlen);
/** Parse data[0..len), which must stay valid until parse_close(). Never NULL. */
struct parse_stream *parse_open_buffer(const char *data, size_t len, const char *name,
				       const struct parse_opts *o);
/** Parse until `max` more documents have been appended to `out` (SIZE_MAX:
 * all) or the text ends. `out` may differ between calls (a set that was
 * moved). Returns the number appended; 0 once parse_done(). */
size_t parse_next(struct parse_stream *ps, struct doc_set *out, size_t max);
/** Has every document been handed out? */
bool parse_done(const struct parse_stream *ps);
/** Share of the text parsed so far, 0.0 to 1.0. */
double parse_progress(const struct parse_stream *ps);
/** Free the stream (and the document it was in the middle of). NULL is fine. */
void parse_close(struct parse_stream *ps);

#endif
