/* parse.h: turn resolution text, as people actually get it, into documents.
 *
 * Handles the UN document-system export (tab-led paragraphs, "1.<TAB>",
 * <<ODS ...>> trailer), the report layout (number alone on its line),
 * text extracted from the official PDFs (wrapped lines, page furniture,
 * footnote blocks at page breaks) and one-line-per-paragraph text.
 * No curses, no terminal output: problems become doc warnings. */
#ifndef RESOLUTE_PARSE_H
#define RESOLUTE_PARSE_H

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

#endif
