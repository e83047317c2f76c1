/* notes_int.h: internals shared by the notes store's files (not a public API).
 *
 * notes.c         the store: file names, open, load, set, delete, highlight, list
 * notes_yaml.c    store files: parse and serialize their YAML (via yamlutil)
 * notes_anchor.c  paragraph anchors and re-anchoring to another text
 * notes_cmd.c     export formats and the command-line entry points
 */
#ifndef RESOLUTE_NOTES_INT_H
#define RESOLUTE_NOTES_INT_H

#include <stdbool.h>

#include "notes.h"

/* Extension of store files. */
#define NOTES_FILE_EXT ".yaml"
/* Key of a document without a symbol: this prefix and a hash of its text. */
#define NOTES_TEXT_KEY_PREFIX "text:"

/* Copy s as valid UTF-8 (each invalid byte becomes U+FFFD); malloc'd. */
char *notes_utf8_dup(const char *s);
/* Bytes kept as they are in file names (and allowed in plain YAML words). */
bool notes_keep_byte(unsigned char c);
/* Append a zeroed note (para -1) to nd and return it. */
struct note *notes_note_push(struct notes_doc *nd);
/* True if s holds only white space (or nothing). */
bool notes_blank(const char *s);

#endif
