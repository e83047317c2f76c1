/* textout.h: plain-text renderings of a document, for pipes and files.
 *
 * Nothing here writes an escape sequence: every string taken from a
 * document goes through util_sanitize(). Widths are display columns
 * (UTF-8 aware: combining marks count 0, East Asian wide characters 2). */
#ifndef RESOLUTE_TEXTOUT_H
#define RESOLUTE_TEXTOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "doc.h"
#include "util.h"

/** Default and accepted range of the plain-text width in columns. */
#define TEXTOUT_WIDTH_DEFAULT 80
#define TEXTOUT_WIDTH_MIN 20
#define TEXTOUT_WIDTH_MAX 1000

/** Display columns of one code point: wcwidth() where the locale knows
 * the character, else a built-in table (0 for combining marks and
 * zero-width characters, 2 for East Asian wide ones, 1 otherwise).
 * Control characters count 0 (they never reach the output unsanitized). */
int textout_cpwidth(uint32_t cp);

/** Display columns of the UTF-8 string s[0..n) (invalid bytes count 1). */
size_t textout_width(const char *s, size_t n);

/** Word-wrap the single-line text s[0..n) (already sanitized) to `width`
 * columns and append it to out. The first line starts with `prefix`
 * (which is `prefix_cols` wide), continuation lines with `indent` spaces.
 * Lines break at ASCII spaces (runs collapse); a word wider than the room
 * on a line is cut between characters. Every line ends with '\n'. No line
 * exceeds `width` unless the indentation alone leaves no room, in which
 * case each line still carries at least one character. */
void textout_wrap(struct util_buf *out, const char *prefix, size_t prefix_cols, size_t indent,
		  const char *s, size_t n, size_t width);

/** The width to use for plain text: $COLUMNS when it is a number in
 * [TEXTOUT_WIDTH_MIN, TEXTOUT_WIDTH_MAX], else TEXTOUT_WIDTH_DEFAULT.
 * `columns_env` is the value of $COLUMNS or NULL. */
int textout_width_from_env(const char *columns_env);

/** Write the clause outline of d: one entry per line, "KEY  VALUE" with
 * the key (header field or paragraph id) in a padded column. Header keys
 * are file (when `file` is not NULL), symbol, title, adopted; then
 * pp*, op*, headings, annexes and their paragraphs, footnotes. */
void textout_outline(FILE *f, const struct doc *d, const char *file);

/** Write d as formatted plain text wrapped at `width` columns: header
 * block, title, paragraphs with hanging numbers and indented
 * sub-paragraphs, footnote markers as [N], footnotes, annexes. */
void textout_plain(FILE *f, const struct doc *d, int width);

#endif
