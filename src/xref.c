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
 * This file holds the main loop and the entry points; xref_sym.c reads
 * resolution numbers and document symbols and builds their targets,
 * xref_ctx.c the organs, lists and paragraph references; xref_int.h is
 * what they share.
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

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "xref_int.h"

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

#if defined(__SSE2__)
/* Bytes of x in [lo, hi], as a mask (0xFF per byte): one add and one
 * signed compare, the range shifted to start at -128. */
static inline __m128i in_range(__m128i x, char lo, char hi)
{
	__m128i v = _mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - (unsigned char)lo)));

	return _mm_cmplt_epi8(v, _mm_set1_epi8((char)(0x80 + (hi - lo) + 1)));
}

/* The alphanumeric bytes and the candidates (digits, capitals, r d p)
 * among the sixteen bytes at p, as bit masks. */
static inline void block16(const unsigned char *p, unsigned *alnum, unsigned *cand)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i dig = in_range(x, '0', '9');
	__m128i up = in_range(x, 'A', 'Z');
	__m128i alpha = in_range(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 'z');
	/* 'p' (0x70) and 'r' (0x72) are the bytes with x | 2 == 'r' */
	__m128i trig = _mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(2)),
						   _mm_set1_epi8('r')),
				    _mm_cmpeq_epi8(x, _mm_set1_epi8('d')));

	*alnum = (unsigned)_mm_movemask_epi8(_mm_or_si128(dig, alpha));
	*cand = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(dig, up), trig));
}

/* next_start()'s candidates in the 64 bytes at p (bit k: byte k), given
 * whether the byte before p is alphanumeric. */
static uint64_t block_starts(const unsigned char *p, bool prev_alnum)
{
	unsigned a0, a1, a2, a3, c0, c1, c2, c3;
	uint64_t alnum, cand;

	/* written out: a loop here was not unrolled, and its shifts cost */
	block16(p, &a0, &c0);
	block16(p + 16, &a1, &c1);
	block16(p + 32, &a2, &c2);
	block16(p + 48, &a3, &c3);
	alnum = a0 | (uint64_t)a1 << 16 | (uint64_t)a2 << 32 | (uint64_t)a3 << 48;
	cand = c0 | (uint64_t)c1 << 16 | (uint64_t)c2 << 32 | (uint64_t)c3 << 48;
	/* a candidate starts a word: the byte before is not alphanumeric */
	return cand & ~((alnum << 1) | (prev_alnum ? 1u : 0u));
}
#endif

/* The first j >= i where a reference may start: t[j] is a digit, a
 * capital or one of r d p, and t[j-1] is not alphanumeric (or j == 0).
 * Returns n if there is none. The rest of the scanner does nothing
 * anywhere else, so skipping to j changes no result. *base and *mask
 * keep the candidates of the last 64 bytes looked at (bit k: byte
 * *base + k), as the next call mostly starts among them; *base = n
 * before the first call. */
static inline size_t next_start(const unsigned char *t, size_t n, size_t i, size_t *base,
				uint64_t *mask)
{
#if defined(__SSE2__)
	for (;;) {
		bool prev;

		if (i - *base < 64) {
			uint64_t m = *mask >> (i - *base);

			if (m)
				return i + (size_t)__builtin_ctzll(m);
			i = *base + 64;
		}
		if (i >= n)
			return n;
		prev = i > 0 && (wclass[t[i - 1]] & W_ALNUM);
		if (i + 64 <= n) {
			*mask = block_starts(t + i, prev);
		} else {
			/* the end of the text, padded with NULs (no candidates) */
			unsigned char pad[64] = { 0 };

			memcpy(pad, t + i, n - i);
			*mask = block_starts(pad, prev);
		}
		*base = i;
	}
#else
	(void)base;
	(void)mask;
	for (; i < n; i++)
		if ((wclass[t[i]] & (W_DIGIT | W_UPPER | W_TRIGGER)) &&
		    (i == 0 || !(wclass[t[i - 1]] & W_ALNUM)))
			return i;
	return n;
#endif
}

/* The lower-case letter that must follow a capital or r, d, p for a
 * reference to start there, if the capital starts no symbol: the second
 * letter of the organs' names (organ_head() in xref_int.h: Assembly,
 * Council, Economic, General, Human, Security) and of "Resolution",
 * "Decision", "Paragraph" in either case. 0: none. Keep it in step
 * with organ_head() and try_at(). */
static const unsigned char second_letter[128] = {
	['A'] = 's', ['C'] = 'o', ['E'] = 'c', ['G'] = 'e', ['H'] = 'u', ['S'] = 'e',
	['R'] = 'e', ['D'] = 'e', ['P'] = 'a', ['r'] = 'e', ['d'] = 'e', ['p'] = 'a',
};

/* Can anything in xref_scan()'s loop match at a candidate i of
 * next_start(), whose byte is c, followed by nx (0 at the end)? A quick
 * look at two bytes that rejects most capitals and r, d, p (it may say
 * yes where nothing matches, never no where something would):
 *  - a digit: always (resolution numbers);
 *  - a capital before a capital, '-', '.', '/' or the first byte of
 *    U+2010/U+2011: a symbol (symbol_head()), "S-27/2", "ES-10/1";
 *  - else the second letter of an organ or a trigger word. */
static inline bool may_start(unsigned char c, unsigned char nx)
{
	if (is_digit(c))
		return true;
	if (is_upper(c) && (is_upper(nx) || (nx >= '-' && nx <= '/') || nx == 0xE2))
		return true;
	return nx != 0 && second_letter[c & 0x7F] == nx;
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

void xref_emit(struct scan *s, enum doc_ref_kind kind, size_t start, size_t end,
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

/* ---- the scanner ----------------------------------------------------- */

/* Everything that may start at a candidate i (see may_start()): returns
 * the end of what it read, or 0. */
static size_t try_at(struct scan *s, size_t i)
{
	unsigned char c = s->t[i];
	size_t e = 0;

	if (is_digit(c) || c == 'S' || c == 'E')
		e = xref_try_bare(s, i);
	if (!e && is_upper(c)) {
		if (symbol_head(s, i))
			e = xref_try_symbol(s, i);
		if (!e && organ_head(s, i))
			e = xref_try_organ(s, i);
	}
	if (!e && i + 2 < s->n) {
		/* the second and third letters before the full words */
		switch (c | 0x20) {
		case 'r':
			if (s->t[i + 1] == 'e' && s->t[i + 2] == 's')
				e = xref_try_res(s, i, false);
			break;
		case 'd':
			if (s->t[i + 1] == 'e' && s->t[i + 2] == 'c')
				e = xref_try_res(s, i, true);
			break;
		case 'p':
			if (s->t[i + 1] == 'a' && s->t[i + 2] == 'r')
				e = xref_try_para(s, i);
			break;
		default:
			break;
		}
	}
	return e;
}

size_t xref_scan(const struct xref_ctx *ctx, const char *text, size_t len, xref_cb cb, void *user)
{
	struct scan s;
	const unsigned char *t = (const unsigned char *)text;
	size_t i = 0, n = text ? len : 0, base = n;
	uint64_t mask = 0;

	memset(&s, 0, sizeof(s));
	s.t = t;
	s.n = n;
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

	while (i < n) {
		size_t e;

		/* nothing below happens but at the start of a word beginning
		 * with a digit, a capital or r/d/p: go straight there (so
		 * t[i - 1] is not alphanumeric) */
		i = next_start(t, n, i, &base, &mask);
		if (i >= n)
			break;
		if (!may_start(t[i], i + 1 < n ? t[i + 1] : 0)) {
			i++;
			continue;
		}
		e = try_at(&s, i);
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
		if (xref_parse_symbol(&su, 0, &y, false) && y.end == n) {
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
		if (!xref_parse_resno(&s, j, &r) || r.end != n)
			return false;
		/* decisions are numbered NN/NNN: "decision 334 (2016)" would
		 * give A/DEC/334(2016), a symbol that is not one (and that
		 * this function could not read back) */
		if (dec && !r.slash)
			return false;
		s.cb = collect;
		s.user = &m;
		if (!xref_emit_res(&s, &r, body, dec) || m.target[0] == '\0')
			return false;
		snprintf(out, outlen, "%s", m.target);
		return strlen(m.target) < outlen;
	}
}
