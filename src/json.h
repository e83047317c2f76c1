/* json.h: write the document model as JSON (schema: doc/json.md).
 *
 * Output is pretty-printed with a two-space indent, keys in a fixed
 * order, and deterministic: the same document always gives the same
 * bytes. Strings are escaped so the output is valid JSON and safe to
 * print on a terminal (every control character becomes \u00XX). */
#ifndef RESOLUTE_JSON_H
#define RESOLUTE_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "doc.h"
#include "util.h"

/** Append s[0..n) to b as a quoted JSON string. `"` and `\` are escaped,
 * C0 controls, DEL, C1 controls (U+0080..U+009F), U+2028 and U+2029 are
 * written as \uXXXX, valid UTF-8 is passed through and each invalid byte
 * becomes \uFFFD. */
void json_append_string(struct util_buf *b, const char *s, size_t n);

/** Write one document as a JSON object followed by a newline. */
void json_write_doc(FILE *f, const struct doc *d);

/** Write a set: one object when it holds one document, otherwise an
 * array of objects (a compilation; an empty set is []). Ends with a
 * newline. Write errors are left for the caller to find with ferror(). */
void json_write_docs(FILE *f, const struct doc_set *s);

#endif
