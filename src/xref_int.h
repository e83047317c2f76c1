/* xref_int.h: what the parts of the cross-reference scanner share
 * (xref.c: entry points and the main loop; xref_sym.c: resolution numbers,
 * their canonical targets and document symbols; xref_ctx.c: organs,
 * resolution lists and paragraph references). Private to src/xref*.c.
 *
 * The byte-level primitives are static inline here so that the hot loops
 * of every part keep them inlined, as they were in one file. */
#ifndef RESOLUTE_XREF_INT_H
#define RESOLUTE_XREF_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "xref.h"

enum {
	CH_EOF = -1,
	CH_OTHER = 0x80, /* any other non-ASCII byte */
	CH_DASH = 0x81,  /* U+2013 en dash */
};

#define SP_MAX 40      /* most whitespace bytes skipped between tokens */

/* Internal organ value: some other organ ("World Health Assembly",
 * "Conference of the Parties decision 15/4"); its resolutions are not
 * referenced, since they have no undocs.org symbol we can build. */
#define BODY_OTHER ((enum doc_body)99)

struct scan {
	const unsigned char *t;
	size_t n;
	enum doc_body ctx_body;
	const char *self;
	xref_cb cb;
	void *user;
	size_t count;
	enum doc_body last_body; /* organ named most recently ... */
	size_t last_body_end;    /* ... ending here; SIZE_MAX if none */
	size_t list_end;         /* end of the last resolution list; SIZE_MAX if none */
	enum doc_body list_hint; /* and its organ */
	bool list_dec;           /* and whether it listed decisions */
	enum doc_body pending;   /* organ of number-less "Council resolutions, in particular" */
	size_t pending_end;      /* where that was said; SIZE_MAX if never */
	size_t bare_trigger_end; /* end of the last number-less "resolutions"; SIZE_MAX */
	enum doc_body council;   /* the last council named ("the Council") */
	enum doc_body commission;
};

/* ---- characters and words -------------------------------------------- */

/* Normalised character at i and its byte width. */
static inline int ch(const struct scan *s, size_t i, size_t *w)
{
	unsigned char c;

	if (i >= s->n) {
		*w = 0;
		return CH_EOF;
	}
	c = s->t[i];
	*w = 1;
	if (c < 0x80)
		return c;
	if (c == 0xC2 && i + 1 < s->n && s->t[i + 1] == 0xA0) {
		*w = 2;
		return ' ';
	}
	if (c == 0xE2 && i + 2 < s->n && s->t[i + 1] == 0x80) {
		switch (s->t[i + 2]) {
		case 0x90:
		case 0x91:
			*w = 3;
			return '-';
		case 0x93:
			*w = 3;
			return CH_DASH;
		case 0x87:
		case 0x89:
		case 0xAF:
			*w = 3;
			return ' ';
		case 0x99:
			*w = 3;
			return '\'';
		default:
			break;
		}
	}
	return CH_OTHER;
}

static inline int chv(const struct scan *s, size_t i)
{
	size_t w;

	return ch(s, i, &w);
}

static inline bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool is_alpha(int c)
{
	return is_upper(c) || is_lower(c);
}

static inline bool is_alnum(int c)
{
	return is_alpha(c) || is_digit(c);
}

static inline bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Skip whitespace (bounded). */
static inline size_t sp(const struct scan *s, size_t i)
{
	size_t start = i, w;

	while (i - start < SP_MAX && is_space(ch(s, i, &w)))
		i += w;
	return i;
}

/* Do the bytes at i spell w[0..len) (the first letter in either case if
 * ci)? */
static inline bool letters_at(const struct scan *s, size_t i, const char *w, size_t len, bool ci)
{
	if (len > s->n || i > s->n - len)
		return false;
	for (size_t k = 0; k < len; k++) {
		int c = s->t[i + k];

		if (k == 0 && ci && is_alpha(c))
			c = (c | 0x20) == (w[0] | 0x20) ? w[0] : c;
		if (c != w[k])
			return false;
	}
	return true;
}

/* ASCII word w[0..len) at i (first letter in either case if ci), not
 * followed by a letter. Returns the end or 0. */
static inline size_t word_n(const struct scan *s, size_t i, const char *w, size_t len, bool ci)
{
	if (!letters_at(s, i, w, len, ci) || is_alpha(chv(s, i + len)))
		return 0;
	return i + len;
}

/* ASCII word w at i (first letter in either case if ci), not followed by
 * a letter. Returns the end or 0. */
static inline size_t word(const struct scan *s, size_t i, const char *w, bool ci)
{
	return word_n(s, i, w, strlen(w), ci);
}

/* word() for w or its plural w + "s", as word(w + "s") || word(w) would
 * be, reading w once. */
static inline size_t word_s(const struct scan *s, size_t i, const char *w, bool ci)
{
	size_t k = i + strlen(w);

	if (!letters_at(s, i, w, k - i, ci))
		return 0;
	if (k < s->n && s->t[k] == 's' && !is_alpha(chv(s, k + 1)))
		return k + 1;
	return is_alpha(chv(s, k)) ? 0 : k;
}

/* A phrase whose single spaces match any run of whitespace. Returns the
 * end or 0. Each word is matched as word() would, while it is read. */
static inline size_t phrase(const struct scan *s, size_t i, const char *p, bool ci)
{
	while (*p) {
		size_t k;

		for (k = 0; p[k] && p[k] != ' '; k++) {
			int c;

			if (i + k >= s->n)
				return 0;
			c = s->t[i + k];
			if (k == 0 && ci && is_alpha(c))
				c = (c | 0x20) == (p[0] | 0x20) ? p[0] : c;
			if (c != p[k])
				return 0;
		}
		if (is_alpha(chv(s, i + k)))
			return 0;
		i += k;
		p += k;
		ci = false;
		if (*p == ' ') {
			size_t e = sp(s, i);

			if (e == i)
				return 0;
			i = e;
			p++;
		}
	}
	return i;
}

/* Whitespace then word w after e? */
static inline bool next_word(const struct scan *s, size_t e, const char *w)
{
	size_t j = sp(s, e);

	return j > e && word(s, j, w, false) != 0;
}

/* Up to max decimal digits at i; the run must end there. */
static inline size_t digits(const struct scan *s, size_t i, int max, unsigned long *val, int *nd)
{
	int k = 0;
	unsigned long v = 0;

	while (is_digit(chv(s, i + (size_t)k))) {
		if (k == max)
			return 0;
		v = v * 10 + (unsigned long)(s->t[i + (size_t)k] - '0');
		k++;
	}
	if (k == 0)
		return 0;
	*val = v;
	if (nd)
		*nd = k;
	return i + (size_t)k;
}

/* The cheap test before xref_try_symbol(): an upper-case series of one
 * to ten letters at i, then '/' or '.'. */
static inline bool symbol_head(const struct scan *s, size_t i)
{
	size_t end = i;

	while (end - i < 10 && end < s->n && is_upper(s->t[end]))
		end++;
	return end > i && end < s->n && (s->t[end] == '/' || s->t[end] == '.');
}

/* The cheap test before xref_try_organ(): the first two letters of one
 * of the organs' names (organs[] in xref_ctx.c; keep the two in step). */
static inline bool organ_head(const struct scan *s, size_t i)
{
	if (i + 1 >= s->n)
		return false;
	switch (s->t[i]) {
	case 'A':
		return s->t[i + 1] == 's'; /* Assembly */
	case 'C':
		return s->t[i + 1] == 'o'; /* Council, Commission ... */
	case 'E':
		return s->t[i + 1] == 'c'; /* Economic and Social Council */
	case 'G':
		return s->t[i + 1] == 'e'; /* General Assembly */
	case 'H':
		return s->t[i + 1] == 'u'; /* Human Rights Council */
	case 'S':
		return s->t[i + 1] == 'e'; /* Security Council */
	default:
		return false;
	}
}

/* ---- output buffer ----------------------------------------------------- */

struct obuf {
	char *p;
	size_t o, cap;
	bool over;
};

static inline void oput(struct obuf *b, char c)
{
	if (b->o + 1 >= b->cap) {
		b->over = true;
		return;
	}
	b->p[b->o++] = c;
	b->p[b->o] = '\0';
}

/* n bytes of str: as many as fit, like oput() one by one */
static inline void oputn(struct obuf *b, const char *str, size_t n)
{
	size_t room = b->cap > b->o + 1 ? b->cap - b->o - 1 : 0;

	if (n > room) {
		n = room;
		b->over = true;
	}
	if (b->o < b->cap) {
		memcpy(b->p + b->o, str, n);
		b->o += n;
		b->p[b->o] = '\0';
	}
}

static inline void oputs(struct obuf *b, const char *str)
{
	oputn(b, str, strlen(str));
}

/* A resolution or decision number as read (xref_parse_resno). */
struct resno {
	size_t start, end;
	bool slash;       /* 53/144 (else 2200 (XXI), 1325 (2000)) */
	const char *pre;  /* "", "S-", "ES-" */
	unsigned long a, b;
	int ad;           /* digits in a */
	char letter;      /* part letter or 0 */
	char paren[12];   /* "XXI", "S-IV", "2000" */
	bool year;        /* paren is a year */
};

/* A document symbol as read (xref_parse_symbol). */
struct sym {
	size_t end;      /* end of the span */
	struct obuf o;   /* canonical target */
	char buf[128];
	bool digit;
	bool joined;     /* span extended by a joint symbol or a range */
	int ncomp;
};

/* xref.c: report a match to the callback */
void xref_emit(struct scan *s, enum doc_ref_kind kind, size_t start, size_t end,
	       const char *target, const char *tpara);

/* xref_sym.c: resolution numbers; the organ a number belongs to; its target */
bool xref_parse_resno(const struct scan *s, size_t i, struct resno *r);
enum doc_body xref_choose_body(enum doc_body hint, enum doc_body ctxb, const struct resno *r,
			       bool dec);
bool xref_res_target(enum doc_body b, const struct resno *r, bool dec, char *out,
		     size_t outlen, enum doc_ref_kind *kind);
/* xref_sym.c: document symbols */
bool xref_parse_symbol(const struct scan *s, size_t i, struct sym *y, bool allow_joint);
size_t xref_try_symbol(struct scan *s, size_t i);

/* xref_ctx.c: the try_ functions return the end of what they read, or 0 */
size_t xref_try_organ(struct scan *s, size_t i);
size_t xref_try_res(struct scan *s, size_t i, bool dec);
size_t xref_try_bare(struct scan *s, size_t i);
size_t xref_try_para(struct scan *s, size_t i);
bool xref_emit_res(struct scan *s, const struct resno *r, enum doc_body hint, bool dec);

#endif
