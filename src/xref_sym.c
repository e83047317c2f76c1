/* xref_sym.c: resolution numbers ("53/144", "2200 A (XXI)", "1325 (2000)")
 * with their canonical targets, and document symbols ("E/CN.4/2004/94 and
 * Add.1-3", "A/67/828-S/2013/210"). See xref.c for the canonical forms. */
#include "config.h"

#include <string.h>

#include "xref_int.h"

/* v in decimal at p; returns the end. */
static char *put_u(char *p, unsigned long v)
{
	char rev[24];
	size_t nd = 0;

	do
		rev[nd++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	while (nd > 0)
		*p++ = rev[--nd];
	return p;
}

/* "/" pre a, then "/" b or "(" paren ")": the tail of every resolution
 * target (formatted by hand: snprintf was a tenth of the scan), put
 * together here and written to b at once. */
static void oput_number(struct obuf *b, const char *pre, const struct resno *r, bool slash)
{
	/* '/', pre (at most "ES-"), 20 digits, '/' and 20 digits or a
	 * parenthesised r->paren */
	char tail[64], *p = tail;
	size_t n = strlen(pre);

	*p++ = '/';
	memcpy(p, pre, n);
	p = put_u(p + n, r->a);
	if (slash) {
		*p++ = '/';
		p = put_u(p, r->b);
	} else {
		n = strnlen(r->paren, sizeof(r->paren));
		*p++ = '(';
		memcpy(p, r->paren, n);
		p += n;
		*p++ = ')';
	}
	oputn(b, tail, (size_t)(p - tail));
}

/* ---- resolution numbers ---------------------------------------------- */

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
bool xref_parse_resno(const struct scan *s, size_t i, struct resno *r)
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

enum doc_body xref_choose_body(enum doc_body hint, enum doc_body ctxb, const struct resno *r,
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
bool xref_res_target(enum doc_body b, const struct resno *r, bool dec, char *out,
		     size_t outlen, enum doc_ref_kind *kind)
{
	struct obuf o = { out, 0, outlen, false };
	const char *rd = dec ? "DEC" : "RES";

	out[0] = '\0';
	if (b == BODY_OTHER)
		return false;
	switch (b) {
	case DOC_BODY_SC:
		oputs(&o, "S/RES"); /* S/RES/1325(2000) */
		oput_number(&o, "", r, false);
		*kind = DOC_REF_SC_RESOLUTION;
		break;
	case DOC_BODY_HRC:
		oputs(&o, "A/HRC/"); /* A/HRC/RES/5/1 */
		oputs(&o, rd);
		oput_number(&o, r->pre, r, true);
		*kind = DOC_REF_HRC_RESOLUTION;
		break;
	case DOC_BODY_CHR:
	case DOC_BODY_ECOSOC:
		oputs(&o, b == DOC_BODY_CHR ? "E/CN.4/" : "E/"); /* E/RES/1990/26 */
		oputs(&o, rd);
		oput_number(&o, "", r, r->slash);
		*kind = b == DOC_BODY_CHR ? DOC_REF_CHR_RESOLUTION : DOC_REF_ECOSOC_RESOLUTION;
		break;
	case DOC_BODY_GA:
	case DOC_BODY_UNKNOWN:
	default:
		oputs(&o, "A/"); /* A/RES/58/178, A/RES/2200(XXI) */
		oputs(&o, rd);
		if (r->slash) {
			oput_number(&o, r->pre, r, true);
			/* part letters: see the comment at the top */
			if (!dec && r->letter && r->letter != 'A' && !r->pre[0] && r->a >= 58)
				oput(&o, r->letter);
		} else {
			oput_number(&o, "", r, false);
		}
		*kind = DOC_REF_GA_RESOLUTION;
		break;
	}
	if (dec)
		*kind = DOC_REF_DECISION;
	return !o.over;
}

/* ---- document symbols ------------------------------------------------ */

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

					if (xref_parse_symbol(s, nx, &second, false)) {
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

bool xref_parse_symbol(const struct scan *s, size_t i, struct sym *y, bool allow_joint)
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

#define PFX(x) x, sizeof(x) - 1

static const struct {
	const char *prefix;
	size_t len;
	enum doc_ref_kind kind;
} sym_kinds[] = {
	{ PFX("A/RES/"), DOC_REF_GA_RESOLUTION },
	{ PFX("S/RES/"), DOC_REF_SC_RESOLUTION },
	{ PFX("A/HRC/RES/"), DOC_REF_HRC_RESOLUTION },
	{ PFX("E/CN.4/RES/"), DOC_REF_CHR_RESOLUTION },
	{ PFX("E/RES/"), DOC_REF_ECOSOC_RESOLUTION },
	{ PFX("A/DEC/"), DOC_REF_DECISION },
	{ PFX("A/HRC/DEC/"), DOC_REF_DECISION },
	{ PFX("E/CN.4/DEC/"), DOC_REF_DECISION },
	{ PFX("E/DEC/"), DOC_REF_DECISION },
};

static enum doc_ref_kind symbol_kind(const char *target)
{
	for (size_t k = 0; k < sizeof(sym_kinds) / sizeof(sym_kinds[0]); k++)
		if (target[0] == sym_kinds[k].prefix[0] &&
		    strncmp(target, sym_kinds[k].prefix, sym_kinds[k].len) == 0)
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

size_t xref_try_symbol(struct scan *s, size_t i)
{
	struct sym y;
	size_t end;

	if (i > 0) {
		unsigned char p = s->t[i - 1];

		if (p == '/' || p == '.' || p == '-' || p == '_' || p == '@' || is_alnum(p))
			return 0;
	}
	/* cheap test before xref_parse_symbol(), which clears a buffer */
	if (!symbol_head(s, i))
		return 0;
	if (!xref_parse_symbol(s, i, &y, true))
		return 0;
	if (y.o.over)
		return 0;
	end = y.end;
	if (!y.joined)
		end = add_tail(s, end, last_is_numbered(&y.o));
	xref_emit(s, symbol_kind(y.buf), i, end, y.buf, NULL);
	return end;
}
