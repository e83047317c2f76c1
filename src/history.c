/* history.c: the back/forward list of places. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "util.h"

void history_init(struct history *h, size_t max)
{
	memset(h, 0, sizeof(*h));
	h->max = max ? max : HISTORY_MAX;
	if (h->max < 2)
		h->max = 2;
}

void history_free(struct history *h)
{
	size_t max = h->max;

	free(h->v);
	history_init(h, max);
}

static void append(struct history *h, const struct history_place *p)
{
	if (h->n == h->max) {
		/* full: the oldest place goes */
		memmove(h->v, h->v + 1, (h->n - 1) * sizeof(*h->v));
		h->n--;
		if (h->pos > 0)
			h->pos--;
	}
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 16;
		if (h->cap > h->max)
			h->cap = h->max;
		h->v = util_xrealloc(h->v, h->cap, sizeof(*h->v));
	}
	h->v[h->n++] = *p;
}

void history_push(struct history *h, const struct history_place *from)
{
	if (h->n == 0) {
		append(h, from);
		h->pos = 0;
	} else {
		h->v[h->pos] = *from;
		h->n = h->pos + 1;
	}
	append(h, from);
	h->pos = h->n - 1;
}

void history_update(struct history *h, const struct history_place *here)
{
	if (h->n > 0)
		h->v[h->pos] = *here;
}

bool history_go(struct history *h, size_t i, const struct history_place *here,
		struct history_place *to)
{
	if (i >= h->n)
		return false;
	h->v[h->pos] = *here;
	h->pos = i;
	*to = h->v[i];
	return true;
}

bool history_back(struct history *h, const struct history_place *here,
		  struct history_place *to)
{
	if (h->n == 0 || h->pos == 0)
		return false;
	return history_go(h, h->pos - 1, here, to);
}

bool history_forward(struct history *h, const struct history_place *here,
		     struct history_place *to)
{
	if (h->pos + 1 >= h->n)
		return false;
	return history_go(h, h->pos + 1, here, to);
}

size_t history_count(const struct history *h)
{
	return h->n;
}

size_t history_pos(const struct history *h)
{
	return h->pos;
}

const struct history_place *history_at(const struct history *h, size_t i)
{
	return i < h->n ? &h->v[i] : NULL;
}
