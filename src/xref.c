/* xref.c: recognise cross-references in resolution text (see xref.h).
 *
 * A hand-written, single-pass scanner over bytes. At the start of each
 * word it tries, in turn: a document symbol (an upper-case series
 * followed by '/'), the name of an organ (remembered for the next
 * "resolution"), and the trigger words "resolution(s)", "decision(s)"
 * and "paragraph(s)", each parsed forward from there. Every attempt
 * looks at a bounded number of bytes or consumes what it looks at, so
 * the scan is linear; nothing is allocated.
 *
 * Non-ASCII: U+2010/U+2011 count as '-', U+2013 as a dash in ranges,
 * NBSP, U+2007, U+2009 and U+202F as spaces; any other byte >= 0x80
 * (including invalid UTF-8) is just "not a word character".
 *
 * Canonical forms, chosen after the UN's own links in the Akoma Ntoso
 * XML of sessions 75-80 (<a href="https://undocs.org/...">):
 *  - "2200 A (XXI)" -> A/RES/2200(XXI): the letter of old-style
 *    resolutions is never part of the symbol.
 *  - "54/237 C": the UN links a part "A" to the base symbol
 *    (A/RES/73/279 for "73/279 A", 555 times against 16). Before the 58th
 *    session, lettered parts were mostly published as one document under
 *    the base symbol (A/RES/53/77 for "53/77 X", 554 against 6 for parts
 *    C-Z; the gold has A/RES/45/55 for "45/55 B"); from the 58th session
 *    on they are separate documents (A/RES/67/234B). So: A -> base; B-Z
 *    -> base + upper-case letter from session 58, base before. Hence
 *    "54/237 C" -> A/RES/54/237 (the UN itself links A/RES/54/237a-c).
 *  - "E/CN.4/2004/94 and Add.1-3": one reference whose span includes the
 *    "and Add.1-3" tail, targeting the base symbol.
 *  - "A/67/828-S/2013/210": one reference spanning the joint symbol,
 *    targeting its first part (as the UN XML does).
 *  - "NPT/CONF.2010/50 (Vol. I)" -> NPT/CONF.2010/50(Vol.I), likewise
 *    (Part I), (Parts I and II), (Sect. 26).
 *  - "Supplement No. 42 (A/48/42)" -> A/48/42: the UN XML sometimes
 *    adds "(supp)" to Official Records symbols, but in "Supplement No.
 *    N (...)" contexts it links the plain symbol 1590 times against 170.
 *  - Organs: the organ named just before "resolution" (or "in its
 *    resolution" after it) decides; "its" alone is the issuing body
 *    (ctx->body); otherwise the number's form: NN/NNN -> the issuing body
 *    if it fits (HRC 5/1), else GA; YYYY/NN -> CHR or ECOSOC; N (YYYY) ->
 *    Security Council; N (XXI) -> GA. "the Council"/"the Commission" is
 *    the council/commission named last. Other organs ("World Health
 *    Assembly resolution", "Conference of the Parties decision 15/4", any
 *    capitalised word before the trigger that does not start a sentence)
 *    give no reference: we cannot build their symbols.
 *  - A number followed by a date ("70/54 of 7 December 2015") is a
 *    reference even without the word "resolution" (it continues a list
 *    interrupted by "on the Convention on ... and").
 *  - "paragraph 5 of resolution 58/178": a PARAGRAPH reference over
 *    "paragraph 5" (target A/RES/58/178, target_para op5) followed by
 *    the ordinary reference over "58/178". In lists ("paragraphs 3 and 4
 *    above") the first item's span starts at the word "paragraphs" and
 *    each further item spans its own number. "para." (as in "(A/80/534,
 *    para. 7)") and paragraphs of other instruments ("paragraph 3 of the
 *    Covenant", "article 4") are not references.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <string.h>

#include "xref.h"

enum {
	CH_EOF = -1,
	CH_OTHER = 0x80, /* any other non-ASCII byte */
	CH_DASH = 0x81,  /* U+2013 en dash */
};

#define SP_MAX 40      /* most whitespace bytes skipped between tokens */
#define BODY_GAP 24    /* "Human Rights Council, in its resolution" */
#define BODY_GAP_ITS 64
#define BODY_GAP_LIST 48 /* "decision 18/120 of 30 September 2011 and resolutions" */
#define MAX_PITEMS 16

/* Internal organ value: some other organ ("World Health Assembly",
 * "Conference of the Parties decision 15/4"); its resolutions are not
 * referenced, since they have no undocs.org symbol we can build. */
#define BODY_OTHER ((enum doc_body)99)
#define PENDING_GAP 120

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

/* Byte classes for the scanner's main loop. */
enum { W_DIGIT = 1, W_UPPER = 2, W_LOWER = 4, W_TRIGGER = 8 /* r d p */,
       W_ALNUM = W_DIGIT | W_UPPER | W_LOWER };
static const unsigned char wclass[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
	0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
	0, 4, 4, 4, 12, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	12, 4, 12, 4, 4, 4, 4, 4, 4, 4, 4, 0, 0, 0, 0, 0,
	/* 0x80..0xFF: 0 */
};

/* The first j >= i where a reference may start: t[j] is a digit, a
 * capital or one of r d p, and t[j-1] is not alphanumeric (or j == 0).
 * Returns s->n if there is none. The rest of the scanner does nothing
 * anywhere else, so skipping to j changes no result. */
static size_t next_start(const struct scan *s, size_t i)
{
	const unsigned char *t = s->t;
	size_t n = s->n;

#if defined(__SSE2__)
	/* sixteen bytes at a time: a mask of alphanumerics, one of the
	 * bytes that may start something, and the first alphanumeric bit
	 * shifted in from the byte before */
	while (i + 16 <= n) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i dig = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
					    _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
		__m128i up = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
					   _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
		__m128i lo = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('a' - 1)),
					   _mm_cmplt_epi8(x, _mm_set1_epi8('z' + 1)));
		__m128i trig = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('r')),
							 _mm_cmpeq_epi8(x, _mm_set1_epi8('d'))),
					    _mm_cmpeq_epi8(x, _mm_set1_epi8('p')));
		unsigned alnum = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(dig, up), lo));
		unsigned cand = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(dig, up), trig));
		unsigned prev = (alnum << 1) | (i > 0 && (wclass[t[i - 1]] & W_ALNUM) ? 1u : 0u);

		cand &= ~prev & 0xFFFFu;
		if (cand)
			return i + (size_t)__builtin_ctz(cand);
		i += 16;
	}
#endif
	for (; i < n; i++)
		if ((wclass[t[i]] & (W_DIGIT | W_UPPER | W_TRIGGER)) &&
		    (i == 0 || !(wclass[t[i - 1]] & W_ALNUM)))
			return i;
	return n;
}

/* Normalised character at i and its byte width. */
static int ch(const struct scan *s, size_t i, size_t *w)
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

static int chv(const struct scan *s, size_t i)
{
	size_t w;

	return ch(s, i, &w);
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_alpha(int c)
{
	return is_upper(c) || is_lower(c);
}

static bool is_alnum(int c)
{
	return is_alpha(c) || is_digit(c);
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Skip whitespace (bounded). */
static size_t sp(const struct scan *s, size_t i)
{
	size_t start = i, w;

	while (i - start < SP_MAX && is_space(ch(s, i, &w)))
		i += w;
	return i;
}

/* ASCII word w at i (first letter in either case if ci), not followed by
 * a letter. Returns the end or 0. */
static size_t word(const struct scan *s, size_t i, const char *w, bool ci)
{
	size_t k;

	for (k = 0; w[k]; k++) {
		int c;

		if (i + k >= s->n)
			return 0;
		c = s->t[i + k];
		if (k == 0 && ci && is_alpha(c))
			c = (c | 0x20) == (w[0] | 0x20) ? w[0] : c;
		if (c != w[k])
			return 0;
	}
	if (is_alpha(chv(s, i + k)))
		return 0;
	return i + k;
}

/* A phrase whose single spaces match any run of whitespace. Returns the
 * end or 0. */
static size_t phrase(const struct scan *s, size_t i, const char *p, bool ci)
{
	char buf[40];

	while (*p) {
		const char *sp_at = strchr(p, ' ');
		size_t n = sp_at ? (size_t)(sp_at - p) : strlen(p), e;

		if (n >= sizeof(buf))
			return 0;
		memcpy(buf, p, n);
		buf[n] = '\0';
		e = word(s, i, buf, ci);
		if (!e)
			return 0;
		i = e;
		p += n;
		ci = false;
		if (*p == ' ') {
			size_t k = sp(s, i);

			if (k == i)
				return 0;
			i = k;
			p++;
		}
	}
	return i;
}

/* Whitespace then word w after e? */
static bool next_word(const struct scan *s, size_t e, const char *w)
{
	size_t j = sp(s, e);

	return j > e && word(s, j, w, false) != 0;
}

/* Up to max decimal digits at i; the run must end there. */
static size_t digits(const struct scan *s, size_t i, int max, unsigned long *val, int *nd)
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

/* ---- output buffer ----------------------------------------------------- */

struct obuf {
	char *p;
	size_t o, cap;
	bool over;
};

static void oput(struct obuf *b, char c)
{
	if (b->o + 1 >= b->cap) {
		b->over = true;
		return;
	}
	b->p[b->o++] = c;
	b->p[b->o] = '\0';
}

static void oputs(struct obuf *b, const char *str)
{
	while (*str)
		oput(b, *str++);
}

static void oprintf(struct obuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void oprintf(struct obuf *b, const char *fmt, ...)
{
	/* only %s and %lu occur: formatted by hand (vsnprintf was a tenth
	 * of the scan); all or nothing, like the snprintf it replaces */
	char tmp[160];
	size_t o = 0;
	va_list ap;

	va_start(ap, fmt);
	for (const char *f = fmt; *f; f++) {
		char dig[24];
		const char *a = dig;
		size_t nd = 0;

		if (f[0] == '%' && f[1] == 's') {
			a = va_arg(ap, const char *);
			f++;
		} else if (f[0] == '%' && f[1] == 'l' && f[2] == 'u') {
			unsigned long v = va_arg(ap, unsigned long);
			char rev[24];

			do
				rev[nd++] = (char)('0' + v % 10);
			while ((v /= 10) > 0);
			for (size_t k = 0; k < nd; k++)
				dig[k] = rev[nd - 1 - k];
			dig[nd] = '\0';
			f += 2;
		} else {
			dig[0] = *f;
			dig[1] = '\0';
		}
		while (*a && o < sizeof(tmp) - 1)
			tmp[o++] = *a++;
		if (*a) {
			va_end(ap);
			b->over = true;
			return;
		}
	}
	va_end(ap);
	tmp[o] = '\0';
	oputs(b, tmp);
}

/* snprintf(out, size, "%s", src) without the format machinery. */
static void copy_trunc(char *out, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(out, src, n);
	out[n] = '\0';
}

static void emit(struct scan *s, enum doc_ref_kind kind, size_t start, size_t end,
		 const char *target, const char *tpara)
{
	struct xref_match m;

	memset(&m, 0, sizeof(m));
	m.kind = kind;
	m.start = start;
	m.len = end - start;
	copy_trunc(m.target, sizeof(m.target), target);
	if (tpara)
		copy_trunc(m.target_para, sizeof(m.target_para), tpara);
	s->count++;
	if (s->cb)
		s->cb(&m, s->user);
}

/* ---- resolution numbers ---------------------------------------------- */

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

static bool is_roman_upper(int c)
{
	return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C';
}

/* "(XXI)", "(S-IV)", "(2000)" at i; fills r->paren. Returns end or 0. */
static size_t paren_session(const struct scan *s, size_t i, struct resno *r)
{
	size_t j = i, w;
	size_t o = 0;
	int c;

	if (chv(s, j) != '(')
		return 0;
	j++;
	if (is_digit(chv(s, j))) {
		unsigned long y;
		size_t e = digits(s, j, 4, &y, NULL);

		if (!e || e - j != 4 || y < 1945 || y > 2199 || chv(s, e) != ')')
			return 0;
		memcpy(r->paren, s->t + j, 4);
		r->paren[4] = '\0';
		r->year = true;
		return e + 1;
	}
	if (chv(s, j) == 'S' || (chv(s, j) == 'E' && chv(s, j + 1) == 'S')) {
		size_t k = j + (chv(s, j) == 'E' ? 2 : 1);

		if (ch(s, k, &w) != '-')
			return 0;
		memcpy(r->paren, s->t + j, k - j);
		o = k - j;
		r->paren[o++] = '-';
		j = k + w;
	}
	while (is_roman_upper(c = chv(s, j))) {
		if (o + 1 >= sizeof(r->paren))
			return 0;
		r->paren[o++] = (char)c;
		j++;
	}
	if (o == 0 || r->paren[o - 1] == '-' || chv(s, j) != ')')
		return 0;
	r->paren[o] = '\0';
	r->year = false;
	return j + 1;
}

/* Further part letters: "36/87 A and B", "56/24 A, B". */
static void more_letters(const struct scan *s, struct resno *r)
{
	for (int k = 0; k < 4; k++) {
		size_t j = r->end, e;
		int after;

		if (chv(s, j) == ',')
			j++;
		j = sp(s, j);
		if ((e = word(s, j, "and", false)) || (e = word(s, j, "to", false)))
			j = sp(s, e);
		if (j == r->end || !is_upper(chv(s, j)))
			return;
		after = chv(s, j + 1);
		if (is_alnum(after) || after == '/' || after == '\'' || after == '-' || after == '.')
			return;
		r->end = j + 1;
	}
}

/* A resolution or decision number at i: 53/144, 54/237 C, S-27/2,
 * ES-10/1, 2200 A (XXI), 1325 (2000), 2003/64. */
static bool parse_resno(const struct scan *s, size_t i, struct resno *r)
{
	size_t j = i, w, e;
	int c;

	memset(r, 0, sizeof(*r));
	r->pre = "";
	r->start = i;
	if (chv(s, j) == 'E' && chv(s, j + 1) == 'S' && ch(s, j + 2, &w) == '-') {
		r->pre = "ES-";
		j += 2 + w;
	} else if (chv(s, j) == 'S' && ch(s, j + 1, &w) == '-') {
		r->pre = "S-";
		j += 1 + w;
	}
	e = digits(s, j, 4, &r->a, &r->ad);
	if (!e)
		return false;
	j = e;
	if (chv(s, j) == '/') {
		int bd;

		e = digits(s, j + 1, 4, &r->b, &bd);
		if (!e)
			return false;
		c = chv(s, e);
		if (c == '/' || is_alpha(c) || (c == '.' && is_digit(chv(s, e + 1))))
			return false;
		r->slash = true;
		r->end = e;
		/* part letter: "54/237 C" */
		if (ch(s, e, &w) == ' ' && is_upper(chv(s, e + w))) {
			int after = chv(s, e + w + 1);

			if (!is_alnum(after) && after != '/' && after != '\'' && after != '-') {
				r->letter = (char)chv(s, e + w);
				r->end = e + w + 1;
				more_letters(s, r);
			}
		}
		return true;
	}
	if (r->pre[0])
		return false;
	/* old style: 2200 A (XXI); Security Council: 1325 (2000) */
	if (ch(s, j, &w) == ' ' && is_upper(chv(s, j + w)) && chv(s, j + w + 1) == ' ' &&
	    chv(s, j + w + 2) == '(') {
		r->letter = (char)chv(s, j + w);
		j += w + 2;
	} else if (ch(s, j, &w) == ' ') {
		j += w;
	}
	e = paren_session(s, j, r);
	if (!e)
		return false;
	if (r->year)
		r->letter = 0;
	r->end = e;
	return true;
}

static bool fits(enum doc_body b, const struct resno *r, bool dec)
{
	switch (b) {
	case DOC_BODY_GA:
		if (r->slash)
			return r->ad <= 2 || r->pre[0];
		return !r->year;
	case DOC_BODY_SC:
		return !dec && !r->slash && r->year;
	case DOC_BODY_HRC:
		return r->slash && r->ad <= 2 && strcmp(r->pre, "ES-") != 0;
	case DOC_BODY_CHR:
	case DOC_BODY_ECOSOC:
		if (r->slash)
			return !r->pre[0] && r->ad == 4 && r->a >= 1946;
		return !r->year;
	case DOC_BODY_UNKNOWN:
	default:
		return false;
	}
}

static enum doc_body choose(enum doc_body hint, enum doc_body ctxb, const struct resno *r,
			    bool dec)
{
	if (hint == BODY_OTHER)
		return BODY_OTHER;
	if (fits(hint, r, dec))
		return hint;
	if (fits(ctxb, r, dec))
		return ctxb;
	if (r->slash)
		return (r->ad <= 2 || r->pre[0]) ? DOC_BODY_GA : DOC_BODY_ECOSOC;
	return r->year && !dec ? DOC_BODY_SC : DOC_BODY_GA;
}

/* Canonical target of a resolution number. */
static bool res_target(enum doc_body b, const struct resno *r, bool dec, char *out,
		       size_t outlen, enum doc_ref_kind *kind)
{
	struct obuf o = { out, 0, outlen, false };
	const char *rd = dec ? "DEC" : "RES";

	out[0] = '\0';
	if (b == BODY_OTHER)
		return false;
	switch (b) {
	case DOC_BODY_SC:
		oprintf(&o, "S/RES/%lu(%s)", r->a, r->paren);
		*kind = DOC_REF_SC_RESOLUTION;
		break;
	case DOC_BODY_HRC:
		oprintf(&o, "A/HRC/%s/%s%lu/%lu", rd, r->pre, r->a, r->b);
		*kind = DOC_REF_HRC_RESOLUTION;
		break;
	case DOC_BODY_CHR:
	case DOC_BODY_ECOSOC:
		oputs(&o, b == DOC_BODY_CHR ? "E/CN.4/" : "E/");
		if (r->slash)
			oprintf(&o, "%s/%lu/%lu", rd, r->a, r->b);
		else
			oprintf(&o, "%s/%lu(%s)", rd, r->a, r->paren);
		*kind = b == DOC_BODY_CHR ? DOC_REF_CHR_RESOLUTION : DOC_REF_ECOSOC_RESOLUTION;
		break;
	case DOC_BODY_GA:
	case DOC_BODY_UNKNOWN:
	default:
		if (r->slash) {
			oprintf(&o, "A/%s/%s%lu/%lu", rd, r->pre, r->a, r->b);
			/* part letters: see the comment at the top */
			if (!dec && r->letter && r->letter != 'A' && !r->pre[0] && r->a >= 58)
				oput(&o, r->letter);
		} else {
			oprintf(&o, "A/%s/%lu(%s)", rd, r->a, r->paren);
		}
		*kind = DOC_REF_GA_RESOLUTION;
		break;
	}
	if (dec)
		*kind = DOC_REF_DECISION;
	return !o.over;
}

/* ---- organs ------------------------------------------------------------ */

enum { SELF_COUNCIL = 100, SELF_COMMISSION, SELF_ASSEMBLY };

static const struct {
	const char *name;
	int body;
} organs[] = {
	{ "General Assembly", DOC_BODY_GA },
	{ "Security Council", DOC_BODY_SC },
	{ "Human Rights Council", DOC_BODY_HRC },
	{ "Commission on Human Rights", DOC_BODY_CHR },
	{ "Economic and Social Council", DOC_BODY_ECOSOC },
	{ "Council", SELF_COUNCIL },
	{ "Commission", SELF_COMMISSION },
	{ "Assembly", SELF_ASSEMBLY },
};

/* No sentence or clause break (";", ". ", ":") in [a, b)? */
static bool no_break(const struct scan *s, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++) {
		unsigned char c = s->t[k];

		if (c == ';' || c == ':' || (c == '.' && k + 1 < s->n && is_space(s->t[k + 1])))
			return false;
	}
	return true;
}

/* Capitalised words that do not end an organ's name. */
static const char *const not_organs[] = {
	"See", "Also", "In", "By", "Under", "The", "And", "Its", "This", "That", "Further",
	"Pursuant", "Resolution", "Resolutions", "Nations", "Assembly", "Council",
};

/* Is the word before i (after a space) capitalised, and not the first
 * word of a sentence or a lead verb ("Recalling resolution")? Then
 * "X resolution" or "X Council" names some organ we do not know. */
static bool other_organ_before(const struct scan *s, size_t i)
{
	size_t k = i, ws;

	while (k > 0 && i - k < 4 && (s->t[k - 1] == ' ' || s->t[k - 1] == 0xA0 ||
				      s->t[k - 1] == 0xC2))
		k--;
	if (k == i || k == 0 || !is_alpha(s->t[k - 1]))
		return false;
	ws = k;
	while (ws > 0 && k - ws < 32 && is_alpha(s->t[ws - 1]))
		ws--;
	if (!is_upper(s->t[ws]) || (ws > 0 && is_alnum(s->t[ws - 1])))
		return false;
	if (k - ws > 3 && memcmp(s->t + k - 3, "ing", 3) == 0)
		return false;
	for (size_t w = 0; w < sizeof(not_organs) / sizeof(not_organs[0]); w++)
		if (strlen(not_organs[w]) == k - ws && memcmp(s->t + ws, not_organs[w], k - ws) == 0)
			return false;
	/* sentence start: nothing, or only spaces after . ; : ( [ or a newline */
	while (ws > 0 && s->t[ws - 1] == ' ')
		ws--;
	if (ws == 0)
		return false;
	return !strchr(".;:([\n\t\"", s->t[ws - 1]) && s->t[ws - 1] != 0x9C && /* U+201C */
	       !is_digit(s->t[ws - 1]); /* footnote number: "8 See resolution" */
}

/* An organ's name at i: returns the end and sets *body, or 0. */
static size_t organ_at(struct scan *s, size_t i, enum doc_body *body)
{
	for (size_t k = 0; k < sizeof(organs) / sizeof(organs[0]); k++) {
		size_t e;
		int b;

		/* cheap first-letter test: phrase() copies words */
		if (s->t[i] != (unsigned char)organs[k].name[0])
			continue;
		e = phrase(s, i, organs[k].name, false);
		if (!e)
			continue;
		b = organs[k].body;
		if (b >= SELF_COUNCIL && other_organ_before(s, i)) {
			/* "Governing Council", "World Health Assembly" */
			b = (int)BODY_OTHER;
		} else if (b == SELF_COUNCIL && next_word(s, e, "of")) {
			b = (int)BODY_OTHER; /* Council of Europe */
		} else if (b == SELF_COMMISSION && next_word(s, e, "on")) {
			b = (int)BODY_OTHER; /* Commission on the Status of Women */
		} else if (b == SELF_COUNCIL) {
			if (s->council != DOC_BODY_UNKNOWN)
				b = (int)s->council;
			else if (s->ctx_body == DOC_BODY_SC || s->ctx_body == DOC_BODY_HRC ||
				 s->ctx_body == DOC_BODY_ECOSOC)
				b = (int)s->ctx_body;
			else
				b = DOC_BODY_UNKNOWN;
		} else if (b == SELF_COMMISSION) {
			b = (s->commission != DOC_BODY_UNKNOWN || s->ctx_body == DOC_BODY_CHR) ?
				    DOC_BODY_CHR : DOC_BODY_UNKNOWN;
		} else if (b == SELF_ASSEMBLY) {
			b = DOC_BODY_GA;
		} else if (b == DOC_BODY_SC || b == DOC_BODY_HRC || b == DOC_BODY_ECOSOC) {
			s->council = (enum doc_body)b;
		} else if (b == DOC_BODY_CHR) {
			s->commission = DOC_BODY_CHR;
		}
		*body = (enum doc_body)b;
		return e;
	}
	return 0;
}

static size_t try_organ(struct scan *s, size_t i)
{
	enum doc_body b;
	size_t e = organ_at(s, i, &b);

	if (!e)
		return 0;
	s->last_body = b;
	s->last_body_end = e;
	/* "resolutions and decisions of the Human Rights Council, the most
	 * recent of which being resolutions 43/26 ..." */
	if (b != DOC_BODY_UNKNOWN && s->bare_trigger_end != (size_t)-1 &&
	    s->bare_trigger_end <= i && i - s->bare_trigger_end <= 40 &&
	    no_break(s, s->bare_trigger_end, i)) {
		s->pending = b;
		s->pending_end = e;
	}
	return e;
}

/* Where "its " stands right before i, or SIZE_MAX. */
static size_t its_before(const struct scan *s, size_t i)
{
	size_t k = i;

	while (k > 0 && k + 8 > i && is_space(s->t[k - 1]))
		k--;
	if (k == i || k < 3 || memcmp(s->t + k - 3, "its", 3) != 0)
		return (size_t)-1;
	if (k > 3 && is_alnum(s->t[k - 4]))
		return (size_t)-1;
	return k - 3;
}

/* The organ a "resolution" at i belongs to, from the organ named just
 * before it ("Security Council resolution", "the Council, in its
 * resolution") or "its" (the issuing body). */
static enum doc_body body_before(const struct scan *s, size_t i)
{
	size_t its_at = its_before(s, i);
	bool its = its_at != (size_t)-1;

	if (s->last_body_end != (size_t)-1 && s->last_body_end <= i &&
	    i - s->last_body_end <= (its ? BODY_GAP_ITS : BODY_GAP)) {
		bool ok = true;

		for (size_t k = s->last_body_end; k < i; k++) {
			unsigned char c = s->t[k];

			if (c == '.' || c == ';' || c == ':' || c == '(' || c == ')' || is_digit(c) ||
			    (its && c == '\n')) {
				ok = false;
				break;
			}
		}
		/* "the ... Commission on International Trade Law and its
		 * resolution 65/22": "and its" is the speaker's */
		if (ok && its && s->last_body == BODY_OTHER && its_at >= 4 &&
		    memcmp(s->t + its_at - 4, "and ", 4) == 0)
			ok = false;
		if (ok && s->last_body != DOC_BODY_UNKNOWN)
			return s->last_body;
	}
	return its ? s->ctx_body : DOC_BODY_UNKNOWN;
}

/* ---- resolution lists ------------------------------------------------ */

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* " of 5 December 2016" after a number: returns the end or i. */
static size_t skip_date(const struct scan *s, size_t i)
{
	size_t j = sp(s, i), e;
	unsigned long v;
	bool month = false;

	e = word(s, j, "of", false);
	if (!e)
		return i;
	j = sp(s, e);
	e = digits(s, j, 2, &v, NULL);
	if (e)
		j = sp(s, e);
	for (size_t k = 0; k < 12; k++) {
		e = word(s, j, months[k], false);
		if (e) {
			j = sp(s, e);
			month = true;
			break;
		}
	}
	e = digits(s, j, 4, &v, NULL);
	if (!month || !e || e - j != 4)
		return i;
	return e;
}

/* ", sect. III", ", para. 9", ", paras. 3 and 4", ", annex" after a
 * number in a list: returns the end or i. */
static size_t skip_annot(const struct scan *s, size_t i)
{
	size_t j = sp(s, i), e;
	unsigned long v;

	if (chv(s, j) != ',')
		return i;
	j = sp(s, j + 1);
	if ((e = word(s, j, "sect", false)) && chv(s, e) == '.') {
		j = sp(s, e + 1);
		for (e = j; e - j < 8 && (is_alnum(chv(s, e)) || chv(s, e) == '.'); e++)
			;
		while (e > j && chv(s, e - 1) == '.')
			e--;
		return e > j ? e : i;
	}
	if (((e = word(s, j, "paras", false)) || (e = word(s, j, "para", false))) &&
	    chv(s, e) == '.') {
		size_t k, e2, w;
		int c;

		e = digits(s, sp(s, e + 1), 3, &v, NULL);
		if (!e)
			return i;
		k = sp(s, e);
		c = ch(s, k, &w);
		if ((e2 = word(s, k, "and", false)))
			e2 = digits(s, sp(s, e2), 3, &v, NULL);
		else if (c == '-' || c == CH_DASH)
			e2 = digits(s, sp(s, k + w), 3, &v, NULL);
		if (e2 && chv(s, e2) == '/')
			e2 = 0;
		return e2 ? e2 : e;
	}
	if ((e = word(s, j, "annex", false)))
		return e;
	return i;
}

/* A list separator: ",", "and", ", and", "as well as". Returns the end or 0. */
static size_t list_sep(const struct scan *s, size_t i)
{
	size_t j = sp(s, i), e;
	bool any = false;

	if (chv(s, j) == ',' || chv(s, j) == ';') {
		j = sp(s, j + 1);
		any = true;
	}
	if ((e = word(s, j, "and", false)) || (e = phrase(s, j, "as well as", false))) {
		j = sp(s, e);
		any = true;
	}
	return any ? j : 0;
}

/* Emit a resolution number with an organ hint; returns false if the
 * target does not fit. */
static bool emit_res(struct scan *s, const struct resno *r, enum doc_body hint, bool dec)
{
	char target[128];
	enum doc_ref_kind kind;
	enum doc_body b = choose(hint, s->ctx_body, r, dec);

	if (!res_target(b, r, dec, target, sizeof(target), &kind))
		return false;
	emit(s, kind, r->start, r->end, target, NULL);
	return true;
}

/* Numbers after "resolution(s)"/"decision(s)" ending at j. Returns the
 * end of the last number, or 0 if there is none. */
static size_t res_list(struct scan *s, size_t j, enum doc_body hint, bool dec)
{
	size_t last = 0;

	for (;;) {
		struct resno r;
		size_t e;

		j = sp(s, j);
		if (!parse_resno(s, j, &r))
			break;
		emit_res(s, &r, hint, dec);
		last = r.end;
		e = skip_date(s, r.end);
		for (int a = 0; a < 4; a++) {
			size_t e2 = skip_annot(s, e);

			if (e2 == e)
				break;
			e = e2;
		}
		e = list_sep(s, e);
		if (!e)
			break;
		j = e;
	}
	return last;
}

/* "resolution(s)" or "decision(s)" at i. */
static size_t try_res(struct scan *s, size_t i, bool dec)
{
	const char *w1 = dec ? "decision" : "resolution";
	const char *w2 = dec ? "decisions" : "resolutions";
	size_t e = word(s, i, w2, true), last;
	enum doc_body hint;

	if (!e)
		e = word(s, i, w1, true);
	if (!e)
		return 0;
	hint = body_before(s, i);
	if (hint == DOC_BODY_UNKNOWN && other_organ_before(s, i))
		hint = BODY_OTHER;
	/* "Human Rights Council decision 18/120 ..., and resolutions 24/14" */
	if (hint == DOC_BODY_UNKNOWN && s->list_end != (size_t)-1 && s->list_end <= i &&
	    i - s->list_end <= BODY_GAP_LIST && no_break(s, s->list_end, i) &&
	    s->list_hint != DOC_BODY_UNKNOWN)
		hint = s->list_hint;
	if (hint == DOC_BODY_UNKNOWN && s->pending_end != (size_t)-1 && s->pending_end <= i &&
	    i - s->pending_end <= PENDING_GAP && no_break(s, s->pending_end, i))
		hint = s->pending;
	last = res_list(s, e, hint, dec);
	if (!last && !dec) {
		s->bare_trigger_end = e;
		if (hint != DOC_BODY_UNKNOWN) {
			/* "Human Rights Council resolutions, in particular resolution 7/34" */
			s->pending = hint;
			s->pending_end = e;
		}
	}
	if (last) {
		s->list_end = last;
		s->list_hint = hint;
		s->list_dec = dec;
	}
	return last ? last : e;
}

#define LIST_GAP 160 /* "63/71 of 2 December 2008 on the Convention ... and 70/54 of" */

/* A number without a trigger word but with a date, "70/54 of 7 December
 * 2015": a resolution, continuing the last list of the same sentence
 * (its organ) if there is one. */
static size_t try_bare(struct scan *s, size_t i)
{
	struct resno r;
	enum doc_body hint = DOC_BODY_UNKNOWN;
	bool dec = false;
	size_t e;

	if (i > 0) {
		unsigned char p = s->t[i - 1];

		if (p == '/' || p == '.' || p == '-' || p == '(' || is_alnum(p))
			return 0;
	}
	if (!parse_resno(s, i, &r) || skip_date(s, r.end) == r.end)
		return 0;
	if (s->list_end != (size_t)-1 && s->list_end <= i && i - s->list_end <= LIST_GAP) {
		bool same = true;

		for (size_t k = s->list_end; k < i; k++)
			if (s->t[k] == ';' || s->t[k] == '\n' ||
			    (s->t[k] == '.' && k + 1 < s->n && s->t[k + 1] == ' ')) {
				same = false;
				break;
			}
		if (same) {
			hint = s->list_hint;
			dec = s->list_dec;
		}
	}
	e = res_list(s, i, hint, dec);
	if (e) {
		s->list_end = e;
		s->list_hint = hint;
		s->list_dec = dec;
	}
	return e;
}

/* ---- paragraph references -------------------------------------------- */

struct pitem {
	size_t start, end;
	char id[40];
};

/* "5", "1 (a)", "5 (c) (ii)" at i. */
static size_t para_item(const struct scan *s, size_t i, struct pitem *p)
{
	unsigned long v;
	size_t e = digits(s, i, 3, &v, NULL), o;
	int c;

	if (!e)
		return 0;
	c = chv(s, e);
	if (c == '/' || is_alpha(c) || (c == '.' && is_digit(chv(s, e + 1))))
		return 0;
	o = (size_t)snprintf(p->id, sizeof(p->id), "%lu", v);
	p->start = i;
	for (int level = 0; level < 3; level++) {
		size_t w, j = e, k;

		if (ch(s, j, &w) == ' ')
			j += w;
		if (chv(s, j) != '(')
			break;
		k = j + 1;
		while (k - j <= 5 && is_lower(chv(s, k)))
			k++;
		if (k == j + 1 || k - j > 5 || chv(s, k) != ')' || o + (k - j) + 1 >= sizeof(p->id))
			break;
		p->id[o++] = '.';
		memcpy(p->id + o, s->t + j + 1, k - j - 1);
		o += k - j - 1;
		p->id[o] = '\0';
		e = k + 1;
	}
	p->end = e;
	return e;
}

/* "preambular " right before i? */
static bool preambular_before(const struct scan *s, size_t i)
{
	size_t k = i;

	while (k > 0 && k + 4 > i && is_space(s->t[k - 1]))
		k--;
	return k != i && k >= 10 && memcmp(s->t + k - 10, "preambular", 10) == 0;
}

static size_t try_para(struct scan *s, size_t i)
{
	struct pitem items[MAX_PITEMS];
	size_t ni = 0, j, e, ret;
	const char *prefix = preambular_before(s, i) ? "pp" : "op";
	const char *target = NULL;
	char rtarget[128];
	struct resno r;
	enum doc_body hint = DOC_BODY_UNKNOWN;
	size_t res_word_end = 0;
	bool annex = false;

	e = word(s, i, "paragraphs", true);
	if (!e)
		e = word(s, i, "paragraph", true);
	if (!e)
		return 0;
	j = sp(s, e);
	while (ni < MAX_PITEMS && (e = para_item(s, j, &items[ni]))) {
		size_t k = sp(s, e), w;
		int c;

		ni++;
		j = e;
		c = ch(s, k, &w);
		if (c == '-' || c == CH_DASH) {
			k = sp(s, k + w);
		} else if ((e = word(s, k, "to", false))) {
			k = sp(s, e);
		} else if ((e = list_sep(s, k))) {
			k = e;
		} else {
			break;
		}
		if (!is_digit(chv(s, k)))
			break;
		j = k;
	}
	if (ni == 0)
		return 0;
	items[0].start = i;
	j = sp(s, items[ni - 1].end);
	ret = j;
	if ((e = word(s, j, "above", false)) || (e = word(s, j, "below", false))) {
		target = s->self ? s->self : "";
		ret = e;
	} else if ((e = word(s, j, "of", false))) {
		j = sp(s, e);
		if ((e = phrase(s, j, "the present resolution", false)) ||
		    (e = phrase(s, j, "this resolution", false))) {
			target = s->self ? s->self : "";
			ret = e;
		} else {
			if ((e = phrase(s, j, "the annex to", false)) ||
			    (e = phrase(s, j, "annex to", false))) {
				annex = true;
				j = sp(s, e);
			}
			if ((e = word(s, j, "its", false))) {
				hint = s->ctx_body;
				j = sp(s, e);
			} else if ((e = word(s, j, "the", false))) {
				j = sp(s, e);
			}
			if (is_upper(chv(s, j)) && (e = organ_at(s, j, &hint)))
				j = sp(s, e);
			if ((e = word(s, j, "resolution", false)) &&
			    parse_resno(s, sp(s, e), &r)) {
				enum doc_ref_kind kind;

				if (res_target(choose(hint, s->ctx_body, &r, false), &r, false,
					       rtarget, sizeof(rtarget), &kind)) {
					target = rtarget;
					res_word_end = e;
				}
			}
		}
	}
	if (!target)
		return 0;
	if (annex)
		prefix = "annex1.p";
	for (size_t k = 0; k < ni; k++) {
		char tp[48];

		snprintf(tp, sizeof(tp), "%s%s", prefix, items[k].id);
		emit(s, DOC_REF_PARAGRAPH, items[k].start, items[k].end, target, tp);
	}
	if (res_word_end) {
		e = res_list(s, res_word_end, hint, false);
		return e ? e : res_word_end;
	}
	return ret;
}

/* ---- document symbols ------------------------------------------------ */

struct sym {
	size_t end;      /* end of the span */
	struct obuf o;   /* canonical target */
	char buf[128];
	bool digit;
	bool joined;     /* span extended by a joint symbol or a range */
	int ncomp;
};

/* A tail after "Add.1": "-3", "–3". */
static size_t range_tail(const struct scan *s, size_t i)
{
	size_t w;
	int c = ch(s, i, &w);
	unsigned long v;
	size_t e;

	if (c != '-' && c != CH_DASH)
		return 0;
	e = digits(s, i + w, 3, &v, NULL);
	return e;
}

/* Is the last component put into o "Add.N", "Corr.N", "Rev.N"? */
static bool last_is_numbered(const struct obuf *o)
{
	const char *slash = strrchr(o->p, '/');

	if (!slash)
		return false;
	slash++;
	return strncmp(slash, "Add.", 4) == 0 || strncmp(slash, "Corr.", 5) == 0 ||
	       strncmp(slash, "Rev.", 4) == 0;
}

static bool parse_symbol_at(const struct scan *s, size_t i, struct sym *y, bool allow_joint);

/* Upper-case series then '/' at i (the start of a second symbol). */
static bool symbol_start(const struct scan *s, size_t i)
{
	size_t k = i;

	while (k - i < 10 && is_upper(chv(s, k)))
		k++;
	return k > i && chv(s, k) == '/';
}

/* Suffix "(Part I)", "(Vol. I)", "(Sect. 26)", "(2000)" at i (after at
 * most one space). Appends it without spaces; returns the end or 0. */
static size_t sym_suffix(const struct scan *s, size_t i, struct sym *y)
{
	static const char *const heads[] = { "Parts", "Part", "Vol.", "vol.", "Sect.", "sect." };
	size_t j = i, w, k, save = y->o.o;
	bool ok = false;
	int c;

	j = sp(s, j);
	if (chv(s, j) != '(')
		return 0;
	j++;
	for (size_t h = 0; h < sizeof(heads) / sizeof(heads[0]); h++) {
		size_t n = strlen(heads[h]);

		if (j + n <= s->n && memcmp(s->t + j, heads[h], n) == 0) {
			ok = true;
			break;
		}
	}
	if (!ok && strstr(y->o.p, "/RES/")) {
		struct resno r;

		if (paren_session(s, j - 1, &r)) {
			ok = true;
		}
	}
	if (!ok)
		return 0;
	oput(&y->o, '(');
	for (k = j; k - j < 30; k += w) {
		c = ch(s, k, &w);
		if (c == ')')
			break;
		if (is_space(c))
			continue;
		if (!is_alnum(c) && c != '.' && c != '-') {
			ok = false;
			break;
		}
		oput(&y->o, (char)c);
	}
	if (!ok || chv(s, k) != ')' || y->o.over) {
		y->o.o = save;
		y->o.p[save] = '\0';
		y->o.over = false;
		return 0;
	}
	oput(&y->o, ')');
	return k + 1;
}

/* Components "/CN.4", "/2004", "/Add.1" from j. Returns the end of the
 * target; may set y->end past it (joint symbols, ranges). */
static size_t sym_components(const struct scan *s, size_t j, struct sym *y, bool allow_joint)
{
	size_t w;
	int c;

	while (chv(s, j) == '/' && is_alnum(chv(s, j + 1))) {
		size_t comp = y->o.o + 1;

		oput(&y->o, '/');
		j++;
		for (;;) {
			c = ch(s, j, &w);
			if (is_alnum(c)) {
				if (is_digit(c))
					y->digit = true;
				oput(&y->o, (char)c);
				j += w;
			} else if (c == '.' && is_alnum(chv(s, j + 1))) {
				oput(&y->o, '.');
				j++;
			} else if (c == '-' || c == CH_DASH) {
				size_t nx = j + w;
				bool after_digit = y->o.o > comp && is_digit(y->o.p[y->o.o - 1]);

				if (after_digit && allow_joint && symbol_start(s, nx)) {
					struct sym second;

					if (parse_symbol_at(s, nx, &second, false)) {
						y->end = second.end;
						y->joined = true;
						return j;
					}
				}
				if (after_digit && last_is_numbered(&y->o)) {
					size_t e = range_tail(s, j);

					if (e) {
						y->end = e;
						y->joined = true;
						return j;
					}
				}
				if (c == '-' && is_alnum(chv(s, nx))) {
					oput(&y->o, '-');
					j = nx;
				} else {
					break;
				}
			} else if (c == '(' && y->o.o > comp) {
				/* ICCD/COP(14)/23 */
				size_t k = j + 1;

				while (k - j <= 6 && is_alnum(chv(s, k)))
					k++;
				if (k == j + 1 || chv(s, k) != ')' || chv(s, k + 1) != '/')
					break;
				for (size_t q = j; q <= k; q++)
					oput(&y->o, (char)s->t[q]);
				j = k + 1;
			} else {
				break;
			}
			if (y->o.over)
				return 0;
		}
		y->ncomp++;
	}
	return j;
}

static bool parse_symbol_at(const struct scan *s, size_t i, struct sym *y, bool allow_joint)
{
	size_t j = i, e;

	memset(y, 0, sizeof(*y));
	y->o.p = y->buf;
	y->o.cap = sizeof(y->buf);
	while (j - i < 10 && is_upper(chv(s, j)))
		oput(&y->o, (char)s->t[j++]);
	if (j == i || is_alpha(chv(s, j)))
		return false;
	if (chv(s, j) == '.' && is_alnum(chv(s, j + 1))) {
		/* GC.18/INF/4 */
		oput(&y->o, '.');
		j++;
		while (j - i < 16 && is_alnum(chv(s, j))) {
			if (is_digit(chv(s, j)))
				y->digit = true;
			oput(&y->o, (char)s->t[j++]);
		}
	}
	if (chv(s, j) != '/')
		return false;
	y->ncomp = 1;
	j = sym_components(s, j, y, allow_joint);
	if (!j || y->o.over)
		return false;
	if (!y->end) {
		e = sym_suffix(s, j, y);
		if (e) {
			j = e;
			j = sym_components(s, j, y, allow_joint);
			if (!j || y->o.over)
				return false;
		}
	}
	if (y->ncomp < 2 || !y->digit)
		return false;
	if (!y->end)
		y->end = j;
	return true;
}

static const struct {
	const char *prefix;
	enum doc_ref_kind kind;
} sym_kinds[] = {
	{ "A/RES/", DOC_REF_GA_RESOLUTION },
	{ "S/RES/", DOC_REF_SC_RESOLUTION },
	{ "A/HRC/RES/", DOC_REF_HRC_RESOLUTION },
	{ "E/CN.4/RES/", DOC_REF_CHR_RESOLUTION },
	{ "E/RES/", DOC_REF_ECOSOC_RESOLUTION },
	{ "A/DEC/", DOC_REF_DECISION },
	{ "A/HRC/DEC/", DOC_REF_DECISION },
	{ "E/CN.4/DEC/", DOC_REF_DECISION },
	{ "E/DEC/", DOC_REF_DECISION },
};

static enum doc_ref_kind symbol_kind(const char *target)
{
	for (size_t k = 0; k < sizeof(sym_kinds) / sizeof(sym_kinds[0]); k++)
		if (strncmp(target, sym_kinds[k].prefix, strlen(sym_kinds[k].prefix)) == 0)
			return sym_kinds[k].kind;
	return DOC_REF_DOCUMENT;
}

/* "and Add.1-3", "and Add.1 and 2", ", Corr.1" after a symbol. */
static size_t add_tail(const struct scan *s, size_t i, bool numbered)
{
	static const char *const heads[] = { "Add.", "Corr.", "Rev." };

	for (int round = 0; round < 6; round++) {
		size_t j = sp(s, i), e = 0;
		bool sep = false;
		unsigned long v;

		if (chv(s, j) == ',') {
			j = sp(s, j + 1);
			sep = true;
		}
		if ((e = word(s, j, "and", false))) {
			j = sp(s, e);
			sep = true;
		}
		if (!sep)
			break;
		e = 0;
		for (size_t h = 0; h < 3 && !e; h++) {
			size_t n = strlen(heads[h]);

			if (j + n <= s->n && memcmp(s->t + j, heads[h], n) == 0)
				e = digits(s, j + n, 3, &v, NULL);
		}
		if (!e && numbered)
			e = digits(s, j, 3, &v, NULL);
		if (!e || is_alpha(chv(s, e)) || chv(s, e) == '/')
			break;
		numbered = true;
		i = e;
		if ((e = range_tail(s, i)))
			i = e;
	}
	return i;
}

static size_t try_symbol(struct scan *s, size_t i)
{
	struct sym y;
	size_t end;

	if (i > 0) {
		unsigned char p = s->t[i - 1];

		if (p == '/' || p == '.' || p == '-' || p == '_' || p == '@' || is_alnum(p))
			return 0;
	}
	/* cheap test before parse_symbol_at(), which clears a buffer: an
	 * upper-case series must be followed by '/' or '.' */
	end = i;
	while (end - i < 10 && end < s->n && is_upper(s->t[end]))
		end++;
	if (end == i || end >= s->n || (s->t[end] != '/' && s->t[end] != '.'))
		return 0;
	if (!parse_symbol_at(s, i, &y, true))
		return 0;
	if (y.o.over)
		return 0;
	end = y.end;
	if (!y.joined)
		end = add_tail(s, end, last_is_numbered(&y.o));
	emit(s, symbol_kind(y.buf), i, end, y.buf, NULL);
	return end;
}

/* ---- the scanner ----------------------------------------------------- */

size_t xref_scan(const struct xref_ctx *ctx, const char *text, size_t len, xref_cb cb, void *user)
{
	struct scan s;
	size_t i = 0;

	memset(&s, 0, sizeof(s));
	s.t = (const unsigned char *)text;
	s.n = text ? len : 0;
	s.ctx_body = ctx ? ctx->body : DOC_BODY_UNKNOWN;
	s.self = ctx ? ctx->self_symbol : NULL;
	s.cb = cb;
	s.user = user;
	s.last_body = DOC_BODY_UNKNOWN;
	s.last_body_end = (size_t)-1;
	s.list_end = (size_t)-1;
	s.list_hint = DOC_BODY_UNKNOWN;
	s.pending = DOC_BODY_UNKNOWN;
	s.pending_end = (size_t)-1;
	s.bare_trigger_end = (size_t)-1;
	s.council = DOC_BODY_UNKNOWN;
	s.commission = DOC_BODY_UNKNOWN;

	while (i < s.n) {
		unsigned char c;
		size_t e = 0;

		/* nothing below happens but at the start of a word beginning
		 * with a digit, a capital or r/d/p: go straight there */
		i = next_start(&s, i);
		if (i >= s.n)
			break;
		c = s.t[i];
		if (is_digit(c) || c == 'S' || c == 'E') {
			e = try_bare(&s, i);
			if (e > i) {
				i = e;
				continue;
			}
		}
		if (!is_alpha(c) || (i > 0 && is_alnum(s.t[i - 1]))) {
			i++;
			continue;
		}
		if (is_upper(c)) {
			e = try_symbol(&s, i);
			if (!e)
				e = try_organ(&s, i);
		}
		if (!e) {
			/* the second and third letters before the full words */
			bool two = i + 2 < s.n;

			switch (c | 0x20) {
			case 'r':
				if (two && s.t[i + 1] == 'e' && s.t[i + 2] == 's')
					e = try_res(&s, i, false);
				break;
			case 'd':
				if (two && s.t[i + 1] == 'e' && s.t[i + 2] == 'c')
					e = try_res(&s, i, true);
				break;
			case 'p':
				if (two && s.t[i + 1] == 'a' && s.t[i + 2] == 'r')
					e = try_para(&s, i);
				break;
			default:
				break;
			}
		}
		/* nothing here: next_start() skips the rest of the word */
		i = e > i ? e : i + 1;
	}
	return s.count;
}

/* ---- documents ------------------------------------------------------- */

struct doc_scan {
	struct doc *d;
	int para, footnote;
};

#define UNDOCS "https://undocs.org/"

static void add_ref(const struct xref_match *m, void *user)
{
	struct doc_scan *ds = user;
	struct doc_ref r;
	size_t tl = strlen(m->target);
	char *url = util_arena_alloc(&ds->d->arena, sizeof(UNDOCS) - 1 + tl + 1);

	memset(&r, 0, sizeof(r));
	r.kind = m->kind;
	r.para = ds->para;
	r.footnote = ds->footnote;
	r.start = m->start;
	r.len = m->len;
	/* the target is the url's tail: one allocation for both */
	memcpy(url, UNDOCS, sizeof(UNDOCS) - 1);
	memcpy(url + sizeof(UNDOCS) - 1, m->target, tl + 1);
	r.url = url;
	r.target = url + sizeof(UNDOCS) - 1;
	r.target_para = m->target_para[0] ? util_arena_strdup(&ds->d->arena, m->target_para) : NULL;
	doc_add_ref(ds->d, &r);
}

void xref_scan_doc(struct doc *d)
{
	struct xref_ctx ctx = { d->body, d->symbol };
	struct doc_scan ds = { d, -1, -1 };

	for (size_t i = 0; i < d->n_paras; i++) {
		const struct doc_para *p = &d->paras[i];

		ds.para = (int)i;
		ds.footnote = -1;
		if (p->text)
			xref_scan(&ctx, p->text, p->text_len, add_ref, &ds);
	}
	for (size_t i = 0; i < d->n_footnotes; i++) {
		const struct doc_footnote *f = &d->footnotes[i];

		ds.para = -1;
		ds.footnote = (int)i;
		if (f->text)
			xref_scan(&ctx, f->text, strlen(f->text), add_ref, &ds);
	}
}

void xref_url(const char *target, char *out, size_t outlen)
{
	size_t u = sizeof(UNDOCS) - 1;

	if (outlen == 0)
		return;
	/* snprintf(out, outlen, UNDOCS "%s", target) without the format
	 * machinery: the library calls this for every reference */
	if (u >= outlen)
		u = outlen - 1;
	memcpy(out, UNDOCS, u);
	copy_trunc(out + u, outlen - u, target ? target : "");
}

/* ---- user input ------------------------------------------------------ */

static void collect(const struct xref_match *m, void *user)
{
	struct xref_match *first = user;

	if (first->len == 0)
		*first = *m;
}

bool xref_canonical(const char *in, enum doc_body body, char *out, size_t outlen)
{
	char buf[160];
	size_t n, a = 0;
	struct scan s;
	struct resno r;
	size_t e;

	if (!in || !out || outlen == 0)
		return false;
	out[0] = '\0';
	n = strlen(in);
	while (a < n && (in[a] == ' ' || in[a] == '\t'))
		a++;
	while (n > a && (in[n - 1] == ' ' || in[n - 1] == '\t' || in[n - 1] == '\n'))
		n--;
	if (n - a == 0 || n - a >= sizeof(buf))
		return false;
	memcpy(buf, in + a, n - a);
	n -= a;
	buf[n] = '\0';

	memset(&s, 0, sizeof(s));
	s.t = (const unsigned char *)buf;
	s.n = n;
	s.ctx_body = body;
	s.last_body_end = (size_t)-1;
	s.list_end = (size_t)-1;
	s.pending_end = (size_t)-1;
	s.bare_trigger_end = (size_t)-1;

	/* a symbol: A/RES/58/178, s/res/1325 (2000) */
	if (is_alpha((unsigned char)buf[0]) && strchr(buf, '/')) {
		struct sym y;
		char up[sizeof(buf)];
		struct scan su = s;
		size_t k;

		memcpy(up, buf, n + 1);
		su.t = (const unsigned char *)up;

		/* upper-case what a user may type in lower case, keeping the
		 * mixed-case components (Add., Rev., Corr.) as the UN writes them */
		for (k = 0; k < n && up[k] != ' ' && up[k] != '('; k++)
			if (is_lower((unsigned char)up[k]))
				up[k] = (char)(up[k] - 32);
		/* a suffix stays as typed ("(Part II)", which is how it comes
		 * out), except a session numeral: "(xxi)", "(s-iv)" */
		for (k = 0; k < n; k++) {
			size_t q = k + 1;

			if (up[k] != '(')
				continue;
			while (q < n && up[q] && strchr("ivxlcdms-", up[q]))
				q++;
			if (q > k + 1 && q < n && up[q] == ')')
				for (size_t c = k + 1; c < q; c++)
					up[c] = up[c] == '-' ? '-' : (char)(up[c] - 32);
		}
		for (k = 0; k < n; k++) {
			static const char *const fix[] = { "/ADD.", "/REV.", "/CORR.", "/AMEND." };

			for (size_t f = 0; f < 4; f++) {
				size_t fl = strlen(fix[f]);

				if (strncmp(up + k, fix[f], fl) == 0)
					for (size_t q = k + 2; q < k + fl - 1; q++)
						up[q] = (char)(up[q] | 0x20);
			}
		}
		if (parse_symbol_at(&su, 0, &y, false) && y.end == n) {
			snprintf(out, outlen, "%s", y.buf);
			return strlen(y.buf) < outlen;
		}
	}
	/* a number, possibly after "resolution"/"decision" */
	{
		struct xref_match m;
		bool dec = false;
		size_t j = 0;

		memset(&m, 0, sizeof(m));
		if ((e = word(&s, 0, "resolution", true))) {
			j = sp(&s, e);
		} else if ((e = word(&s, 0, "decision", true))) {
			j = sp(&s, e);
			dec = true;
		}
		if (!parse_resno(&s, j, &r) || r.end != n)
			return false;
		/* decisions are numbered NN/NNN: "decision 334 (2016)" would
		 * give A/DEC/334(2016), a symbol that is not one (and that
		 * this function could not read back) */
		if (dec && !r.slash)
			return false;
		s.cb = collect;
		s.user = &m;
		if (!emit_res(&s, &r, body, dec) || m.target[0] == '\0')
			return false;
		snprintf(out, outlen, "%s", m.target);
		return strlen(m.target) < outlen;
	}
}
