/* notes_anchor.c: paragraph anchors of notes (hash, quote and context)
 * and re-anchoring them to another version of a text. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "notes.h"

/* Fuzzy matching: smallest quote similarity accepted, and the weights of
 * quote, context (end of the previous paragraph) and same-id agreement. */
#define FUZZY_MIN 0.55
#define W_QUOTE 0.80
#define W_CONTEXT 0.15
#define W_ID 0.05
/* A paragraph is only examined closely if this share of the quote's
 * trigrams occurs somewhere in it. */
#define CONTAIN_MIN 0.40
/* ... and windows further in are tried if this share occurs in it. */
#define SLIDE_MIN 0.75
/* Longest normalized window compared, in bytes. */
#define WINDOW_MAX 512

/* ---- normalization and hashing ------------------------------------------ */

/* What a code point becomes in normalized text: 0 drop, ' ' white space,
 * else an ASCII replacement; cp itself otherwise (returned as -1). */
static int fold_cp(uint32_t cp)
{
	static const struct {
		uint32_t cp;
		char to;
	} map[] = {
		{ 0x00A0, ' ' }, { 0x2007, ' ' }, { 0x202F, ' ' }, { 0x2028, ' ' },
		{ 0x2029, ' ' }, { 0x3000, ' ' }, { 0x00AD, 0 },   { 0x200B, 0 },
		{ 0x200C, 0 },   { 0x200D, 0 },   { 0xFEFF, 0 },   { 0x2018, '\'' },
		{ 0x2019, '\'' }, { 0x201A, '\'' }, { 0x201B, '\'' }, { 0x2032, '\'' },
		{ 0x02BC, '\'' }, { 0x201C, '"' }, { 0x201D, '"' },  { 0x201E, '"' },
		{ 0x201F, '"' },  { 0x2033, '"' }, { 0x00AB, '"' },  { 0x00BB, '"' },
		{ 0x2010, '-' },  { 0x2011, '-' }, { 0x2012, '-' },  { 0x2013, '-' },
		{ 0x2014, '-' },  { 0x2015, '-' }, { 0x2212, '-' },  { 0x2026, '.' },
	};
	size_t i;

	if (cp < 0x80) {
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
		    cp == '\v')
			return ' ';
		if (cp < 0x20 || cp == 0x7F)
			return 0;
		if (cp >= 'A' && cp <= 'Z')
			return (int)(cp - 'A' + 'a');
		return (int)cp;
	}
	if (cp >= 0x2000 && cp <= 0x200A)
		return ' ';
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].cp == cp)
			return map[i].to;
	return -1;
}

/* Append the normalized form of s[0..n) to b: ASCII letters lower-cased,
 * runs of white space one space, no space at either end, typographic
 * quotes, dashes and spaces folded to ASCII, invisible characters dropped. */
static void normalize(struct util_buf *b, const char *s, size_t n)
{
	size_t i = 0, start = b->len;
	bool space = false;

	while (i < n) {
		uint32_t cp;
		size_t l = util_utf8_decode(s + i, n - i, &cp);
		int f = fold_cp(cp);

		if (f == ' ') {
			space = true;
		} else if (f != 0) {
			if (space && b->len > start)
				util_buf_putc(b, ' ');
			space = false;
			if (f > 0)
				util_buf_putc(b, (char)f);
			else
				util_buf_append(b, s + i, l);
		}
		i += l;
	}
	util_buf_append(b, "", 0);
}

static void hex64(uint64_t h, char *out)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = NOTES_HASH_LEN - 1; i >= 0; i--) {
		out[i] = digits[h & 15];
		h >>= 4;
	}
	out[NOTES_HASH_LEN] = '\0';
}

void notes_text_hash(const char *text, size_t len, char *out)
{
	struct util_buf b = { 0 };

	normalize(&b, text, len);
	hex64(util_fnv1a64(b.data, b.len), out);
	util_buf_free(&b);
}

/* ---- building an anchor ------------------------------------------------ */

/* Append s[0..n) to b with runs of white space made one space. */
static void collapse(struct util_buf *b, const char *s, size_t n)
{
	size_t i;
	bool space = false;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			space = true;
			continue;
		}
		if (space && b->len)
			util_buf_putc(b, ' ');
		space = false;
		util_buf_putc(b, (char)c);
	}
	util_buf_append(b, "", 0);
}

/* Byte offset after `chars` characters of s[0..n) (or n). */
static size_t char_offset(const char *s, size_t n, size_t chars)
{
	size_t i = 0;

	while (i < n && chars) {
		uint32_t cp;

		i += util_utf8_decode(s + i, n - i, &cp);
		chars--;
	}
	return i;
}

/* Length of a head of s[0..n) of about `chars` characters ending before a
 * space when one is in its second half. */
static size_t cut_head(const char *s, size_t n, size_t chars)
{
	size_t end = char_offset(s, n, chars), i;

	if (end >= n)
		return n;
	for (i = end; i > end / 2; i--)
		if (s[i] == ' ')
			return i;
	return end;
}

/* Start of a tail of s[0..n) of about `chars` characters beginning after a
 * space when one is in its first half. */
static size_t cut_tail(const char *s, size_t n, size_t chars)
{
	size_t total = 0, i = 0, start, j;

	while (i < n) {
		uint32_t cp;

		i += util_utf8_decode(s + i, n - i, &cp);
		total++;
	}
	if (total <= chars)
		return 0;
	start = char_offset(s, n, total - chars);
	for (j = start; j < n && j < start + (n - start) / 2; j++)
		if (s[j] == ' ')
			return j + 1;
	return start;
}

static char *dupn(const char *s, size_t n)
{
	char *p = util_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void notes_make_anchor(const struct doc *d, int para, struct note *n)
{
	const struct doc_para *p = &d->paras[para];
	struct util_buf b = { 0 };
	size_t q, s0, s1;

	free(n->para_id);
	free(n->quote);
	free(n->prefix);
	free(n->suffix);
	n->para_id = util_xstrdup(p->id ? p->id : "");
	notes_text_hash(p->text ? p->text : "", p->text ? p->text_len : 0, n->hash);

	collapse(&b, p->text ? p->text : "", p->text ? p->text_len : 0);
	q = cut_head(b.data, b.len, NOTES_QUOTE_CHARS);
	n->quote = dupn(b.data, q);
	s0 = q < b.len && b.data[q] == ' ' ? q + 1 : q;
	s1 = s0 + cut_head(b.data + s0, b.len - s0, NOTES_CONTEXT_CHARS);
	n->suffix = dupn(b.data + s0, s1 - s0);

	util_buf_clear(&b);
	if (para > 0 && d->paras[para - 1].text) {
		const struct doc_para *prev = &d->paras[para - 1];

		collapse(&b, prev->text, prev->text_len);
		s0 = cut_tail(b.data, b.len, NOTES_CONTEXT_CHARS);
		n->prefix = dupn(b.data + s0, b.len - s0);
	} else {
		n->prefix = util_xstrdup("");
	}
	util_buf_free(&b);
}

/* ---- trigram similarity ------------------------------------------------ */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorted set of the byte trigrams of s[0..n) into out (room for n). */
static size_t trigrams(const char *s, size_t n, uint32_t *out)
{
	size_t i, k = 0, u = 0;

	for (i = 0; i + 3 <= n; i++)
		out[k++] = (uint32_t)(unsigned char)s[i] << 16 |
			   (uint32_t)(unsigned char)s[i + 1] << 8 | (unsigned char)s[i + 2];
	if (k < 2)
		return k;
	qsort(out, k, sizeof(*out), cmp_u32);
	for (i = 1; i < k; i++)
		if (out[i] != out[u])
			out[++u] = out[i];
	return u + 1;
}

static size_t common(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0, j = 0, c = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j]) {
			i++;
		} else if (a[i] > b[j]) {
			j++;
		} else {
			c++;
			i++;
			j++;
		}
	}
	return c;
}

/* Dice coefficient of trigram set ta[0..ka) with string b[0..nb). */
static double dice_set(const uint32_t *ta, size_t ka, const char *b, size_t nb)
{
	uint32_t tb[WINDOW_MAX];
	size_t kb;

	if (nb > WINDOW_MAX)
		nb = WINDOW_MAX;
	kb = trigrams(b, nb, tb);
	if (ka + kb == 0)
		return 0.0;
	return 2.0 * (double)common(ta, ka, tb, kb) / (double)(ka + kb);
}

/* Dice coefficient of two strings (1 for equal strings shorter than a
 * trigram). */
static double dice(const char *a, size_t na, const char *b, size_t nb)
{
	uint32_t ta[WINDOW_MAX];

	if (na > WINDOW_MAX)
		na = WINDOW_MAX;
	if (na < 3 || nb < 3)
		return na == nb && !memcmp(a, b, na) ? 1.0 : 0.0;
	return dice_set(ta, trigrams(a, na, ta), b, nb);
}

/* ---- re-anchoring -------------------------------------------------------- */

/* One paragraph of the text being anchored to. */
struct pinfo {
	size_t off, len;   /* normalized text in the shared buffer */
	size_t toff, ntri; /* its trigram set in the shared array */
	char hash[NOTES_HASH_LEN + 1];
};

struct target {
	const struct doc *d;
	struct pinfo *p;
	struct util_buf text;
	uint32_t *tri;
};

static void target_init(struct target *t, const struct doc *d)
{
	size_t i, ntri = 0;

	memset(t, 0, sizeof(*t));
	t->d = d;
	t->p = util_xcalloc(d->n_paras ? d->n_paras : 1, sizeof(*t->p));
	for (i = 0; i < d->n_paras; i++) {
		const struct doc_para *dp = &d->paras[i];

		t->p[i].off = t->text.len;
		normalize(&t->text, dp->text ? dp->text : "", dp->text ? dp->text_len : 0);
		t->p[i].len = t->text.len - t->p[i].off;
		hex64(util_fnv1a64(t->text.data + t->p[i].off, t->p[i].len), t->p[i].hash);
		util_buf_putc(&t->text, '\0');
	}
	t->tri = util_xcalloc(t->text.len + 1, sizeof(*t->tri));
	for (i = 0; i < d->n_paras; i++) {
		t->p[i].toff = ntri;
		t->p[i].ntri = trigrams(t->text.data + t->p[i].off, t->p[i].len, t->tri + ntri);
		ntri += t->p[i].ntri;
	}
}

static void target_free(struct target *t)
{
	free(t->p);
	free(t->tri);
	util_buf_free(&t->text);
}

static const char *ptext(const struct target *t, size_t i)
{
	return t->text.data + t->p[i].off;
}

/* Agreement of the note's prefix with the end of the paragraph before i. */
static double context_score(const struct target *t, size_t i, const char *pre, size_t npre)
{
	const char *prev;
	size_t plen;

	if (i == 0)
		return npre == 0 ? 1.0 : 0.0;
	if (npre == 0)
		return 0.5;
	prev = ptext(t, i - 1);
	plen = t->p[i - 1].len;
	if (plen > npre + 8) {
		prev += plen - (npre + 8);
		plen = npre + 8;
	}
	return dice(pre, npre, prev, plen);
}

static long find_u32(const uint32_t *a, size_t n, uint32_t v)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a[mid] < v)
			lo = mid + 1;
		else if (a[mid] > v)
			hi = mid;
		else
			return (long)mid;
	}
	return -1;
}

/* Dice of set tw (made from a window of nw bytes) with the window of the
 * same length at the start of s[0..len), or, with `slide`, the best such
 * window anywhere in s, sliding one byte at a time with counts: one pass,
 * O(len log ntw), no sorting. Window trigrams are counted with repeats,
 * which slightly underrates a window that repeats itself. */
static double window_dice(const uint32_t *tw, size_t ntw, const char *s, size_t len, size_t nw,
			  bool slide)
{
	uint16_t cnt[WINDOW_MAX];
	size_t k, hits = 0, i;
	const unsigned char *u = (const unsigned char *)s;
	double best = 0;

	if (len < nw)
		nw = len;
	if (nw < 3 || ntw == 0)
		return 0.0;
	k = nw - 2;
	memset(cnt, 0, ntw * sizeof(*cnt));
	for (i = 0; i + 3 <= len; i++) {
		long x = find_u32(tw, ntw, (uint32_t)u[i] << 16 | (uint32_t)u[i + 1] << 8 | u[i + 2]);

		if (x >= 0 && cnt[x]++ == 0)
			hits++;
		if (i >= k) {
			size_t j = i - k;

			x = find_u32(tw, ntw, (uint32_t)u[j] << 16 | (uint32_t)u[j + 1] << 8 | u[j + 2]);
			if (x >= 0 && --cnt[x] == 0)
				hits--;
		}
		if (i + 1 >= k) {
			double dd = 2.0 * (double)hits / (double)(ntw + k);

			if (dd > best)
				best = dd;
			if (!slide)
				break;
		}
	}
	return best > 1.0 ? 1.0 : best;
}

/* Similarity of window w (the paragraph's opening when the note was made)
 * with paragraph i: Dice with its opening, or with the best window further
 * in when most of w's trigrams occur in it (text inserted at the start). */
static double quote_score(const struct target *t, size_t i, const char *w, size_t nw,
			  const uint32_t *tw, size_t ntw)
{
	const char *s = ptext(t, i);
	size_t len = t->p[i].len;
	double best, c;

	if (ntw == 0)
		return nw == len && !memcmp(w, s, len) ? 1.0 : 0.0;
	c = (double)common(tw, ntw, t->tri + t->p[i].toff, t->p[i].ntri) / (double)ntw;
	if (c < CONTAIN_MIN)
		return 0.0;
	best = window_dice(tw, ntw, s, len, nw, false);
	if (c < SLIDE_MIN || best > 0.9 || len <= nw)
		return best;
	return window_dice(tw, ntw, s, len, nw, true);
}

/* Of the paragraphs whose text hash is h, the best for note n (same id
 * first, then context), or -1. */
static int hash_match(const struct target *t, const struct note *n, const char *pre,
		      size_t npre, bool *same_id)
{
	size_t i;
	int best = -1;
	double bestctx = -1;

	*same_id = false;
	for (i = 0; i < t->d->n_paras; i++) {
		const char *id = t->d->paras[i].id;
		double c;

		if (strcmp(t->p[i].hash, n->hash))
			continue;
		if (id && n->para_id && !strcmp(id, n->para_id)) {
			*same_id = true;
			return (int)i;
		}
		c = context_score(t, i, pre, npre);
		if (c > bestctx) {
			bestctx = c;
			best = (int)i;
		}
	}
	return best;
}

static void anchor_one(const struct target *t, struct note *n, struct util_buf *scratch)
{
	uint32_t tw[WINDOW_MAX];
	size_t nw, ntw, npre, i, woff;
	const char *w, *pre;
	bool same_id;
	int best = -1;
	double bestscore = -1, bestq = 0;

	util_buf_clear(scratch);
	normalize(scratch, n->prefix ? n->prefix : "", n->prefix ? strlen(n->prefix) : 0);
	npre = scratch->len;
	util_buf_putc(scratch, '\0');
	woff = scratch->len;
	normalize(scratch, n->quote ? n->quote : "", n->quote ? strlen(n->quote) : 0);
	if (n->suffix && n->suffix[0]) {
		util_buf_putc(scratch, ' ');
		normalize(scratch, n->suffix, strlen(n->suffix));
	}
	pre = scratch->data;
	w = scratch->data + woff;
	nw = scratch->len - woff;
	if (nw > WINDOW_MAX)
		nw = WINDOW_MAX;

	best = hash_match(t, n, pre, npre, &same_id);
	if (best >= 0) {
		n->para = best;
		n->match = same_id ? NOTES_EXACT : NOTES_MOVED;
		n->score = 1.0;
		return;
	}
	ntw = trigrams(w, nw, tw);
	for (i = 0; i < t->d->n_paras; i++) {
		const char *id = t->d->paras[i].id;
		double q = quote_score(t, i, w, nw, tw, ntw), sc;

		if (q < FUZZY_MIN)
			continue;
		sc = W_QUOTE * q + W_CONTEXT * context_score(t, i, pre, npre) +
		     W_ID * (id && n->para_id && !strcmp(id, n->para_id));
		if (sc > bestscore) {
			bestscore = sc;
			bestq = q;
			best = (int)i;
		}
	}
	if (best >= 0) {
		n->para = best;
		n->match = NOTES_FUZZY;
		n->score = bestq;
	} else {
		n->para = -1;
		n->match = NOTES_ORPHAN;
		n->score = 0;
	}
}

void notes_anchor(struct notes_doc *nd, const struct doc *d)
{
	struct target t;
	struct util_buf scratch = { 0 };
	size_t i;

	/* no notes (the usual case): the text's trigrams are not needed */
	if (nd->n == 0)
		return;
	target_init(&t, d);
	for (i = 0; i < nd->n; i++)
		anchor_one(&t, &nd->notes[i], &scratch);
	util_buf_free(&scratch);
	target_free(&t);
}

int notes_find(const struct notes_doc *nd, int para)
{
	size_t i;

	for (i = 0; i < nd->n; i++)
		if (nd->notes[i].para == para && nd->notes[i].match != NOTES_UNANCHORED &&
		    nd->notes[i].match != NOTES_ORPHAN)
			return (int)i;
	return -1;
}
