/* history.h: the reader's jump history, a back/forward list of places as
 * in a web browser: a jump drops the places ahead, Backspace walks back,
 * F walks forward again. Pure data: no curses, no knowledge of documents
 * beyond the indices it is handed. */
#ifndef RESOLUTE_HISTORY_H
#define RESOLUTE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

/** The most places kept by default; the oldest are dropped first. */
#define HISTORY_MAX 256

/** A place in a document that survives re-wrapping (as pane.h's anchor). */
struct history_place {
	int doc;   /* index of the open document */
	int para;  /* paragraph index, or -1 */
	int fn;    /* footnote index (footnotes part), or -1 */
	int delta; /* display lines below that block's first line */
	int line;  /* raw display line when neither */
};

/** The list: v[0..n) oldest first, v[pos] the current place (n > 0). The
 * current entry is only brought up to date when it is left, so callers
 * pass "here" to every move. */
struct history {
	struct history_place *v;
	size_t n, cap;
	size_t pos;
	size_t max; /* at most this many places (>= 2) */
};

/** An empty history keeping at most max places (0: HISTORY_MAX; values
 * below 2 are raised to 2). */
void history_init(struct history *h, size_t max);
/** Release the memory (the history is empty again and reusable). */
void history_free(struct history *h);

/** A jump starts at `from`: it becomes the current entry, every place
 * ahead of it is dropped, and a new current entry follows (a copy of
 * `from` until history_update() or a move stores where the jump led). */
void history_push(struct history *h, const struct history_place *from);

/** Store `here` as the current place (no-op on an empty history). */
void history_update(struct history *h, const struct history_place *here);

/** Back: `here` becomes the current entry, the one before becomes current
 * and is stored in *to. False (nothing changed) at the oldest place. */
bool history_back(struct history *h, const struct history_place *here,
		  struct history_place *to);
/** Forward again after going back; false when nothing is ahead. */
bool history_forward(struct history *h, const struct history_place *here,
		     struct history_place *to);
/** Go to entry i (as the popup's Enter does); false if i is out of range. */
bool history_go(struct history *h, size_t i, const struct history_place *here,
		struct history_place *to);

/** Places kept, and the index of the current one (0 when empty). */
size_t history_count(const struct history *h);
size_t history_pos(const struct history *h);
/** Entry i, or NULL out of range. */
const struct history_place *history_at(const struct history *h, size_t i);

#endif
