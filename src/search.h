/* search.h: forgiving text search over a laid-out view or any string.
 *
 * Case-insensitive (ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic
 * by a fixed table: independent of the locale) and typographically blind:
 *   - U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN, U+2013 EN DASH and '-'
 *   - U+00A0 NO-BREAK SPACE, U+202F NARROW NBSP and ' ' (also TAB)
 *   - U+2018 / U+2019 and '\'', U+201C / U+201D and '"'
 * are equal. No curses, no allocation per character.
 */
#ifndef RESOLUTE_SEARCH_H
#define RESOLUTE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "view.h"

/** The code point cp folds to (lower case, equivalences above applied). */
uint32_t search_fold(uint32_t cp);

/** Find needle (UTF-8, NUL-terminated) in hay[from..n) with the folding
 * above. On success stores the match's byte span in hay and returns true.
 * An empty needle never matches. */
bool search_find(const char *hay, size_t n, size_t from, const char *needle,
		 size_t *match_start, size_t *match_len);

/** One highlighted piece on screen. A match wrapped over two lines gives
 * two hits with the same `match`. */
struct search_hit {
	int line;   /* display line */
	int col;    /* display column */
	int width;  /* display columns (>= 1 for a visible piece) */
	int match;  /* match number, 0-based, in document order */
};

/** Every match of a needle in a view. */
struct search_result {
	struct search_hit *hits; /* in display order */
	size_t n_hits;
	size_t n_matches;
	size_t cap;
};

/** Find every match of needle in v's text (matches may span a line wrap;
 * they never span two paragraphs). Clears and fills *r (which must be
 * zeroed or previously used). Returns n_matches. Re-run after
 * view_rewrap(): positions are display positions. */
size_t search_view(const struct view *v, const char *needle, struct search_result *r);

/** Release r's memory; r may be reused. */
void search_result_free(struct search_result *r);

/** The match to go to from display position (line, col): forward, the
 * first match starting strictly after (line, col); backward, the last
 * starting strictly before it; wrapping around the ends (then *wrapped is
 * set, if wrapped is not NULL). Returns the index of that match's first
 * hit in r->hits, or -1 when there are no matches. */
int search_next(const struct search_result *r, int line, int col, bool forward, bool *wrapped);

/** The index of the first hit of match m, or -1. */
int search_first_hit(const struct search_result *r, int m);

/** The index of the first hit on display line `line` or after it
 * (r->n_hits if none): where drawing a screen from that line starts. */
size_t search_hit_from_line(const struct search_result *r, int line);

#endif
