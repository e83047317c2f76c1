/* xref_ctx.c: the context of a resolution number: the organ named before
 * it ("Security Council resolution", "its resolution"), lists ("resolutions
 * 71/31 and 71/32 of ..."), numbers with a date but no trigger word, and
 * paragraph references ("paragraph 5 of resolution 58/178"). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "xref_int.h"

#define BODY_GAP 24    /* "Human Rights Council, in its resolution" */
#define BODY_GAP_ITS 64
#define BODY_GAP_LIST 48 /* "decision 18/120 of 30 September 2011 and resolutions" */
#define MAX_PITEMS 16
#define PENDING_GAP 120

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
}; /* organs_with() and organ_head() (xref_int.h) index these by initial */

/* The organs[] whose names start with c, as a bit mask (bit k: organs[k]). */
static unsigned organs_with(unsigned char c)
{
	switch (c) {
	case 'A':
		return 1u << 7;
	case 'C':
		return 1u << 3 | 1u << 5 | 1u << 6;
	case 'E':
		return 1u << 4;
	case 'G':
		return 1u << 0;
	case 'H':
		return 1u << 2;
	case 'S':
		return 1u << 1;
	default:
		return 0;
	}
}

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

/* An organ's name at i: returns the end and sets *body, or 0. The scanner
 * calls xref_try_organ() only where organ_head() (xref_int.h) is true:
 * a new name with other first letters must be added there too. */
static size_t organ_at(struct scan *s, size_t i, enum doc_body *body)
{
	unsigned todo;

	/* every name is at least two letters: a cheap test of both */
	if (i + 1 >= s->n)
		return 0;
	todo = organs_with(s->t[i]);
	for (size_t k = 0; todo >> k; k++) {
		size_t e;
		int b;

		if (!(todo >> k & 1) || s->t[i + 1] != (unsigned char)organs[k].name[1])
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

size_t xref_try_organ(struct scan *s, size_t i)
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

/* Where word w ends right before i, after one to gap-1 whitespace
 * bytes: returns its start, or SIZE_MAX. */
static size_t word_before(const struct scan *s, size_t i, size_t gap, const char *w)
{
	size_t k = i, n = strlen(w);

	while (k > 0 && k + gap > i && is_space(s->t[k - 1]))
		k--;
	if (k == i || k < n || memcmp(s->t + k - n, w, n) != 0)
		return (size_t)-1;
	return k - n;
}

/* Where "its " stands right before i, or SIZE_MAX. */
static size_t its_before(const struct scan *s, size_t i)
{
	size_t at = word_before(s, i, 8, "its");

	if (at != (size_t)-1 && at > 0 && is_alnum(s->t[at - 1]))
		return (size_t)-1;
	return at;
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

/* In the order of their initials: those with one initial follow each
 * other (month_from()). */
static const char *const months[] = {
	"April", "August", "December", "February", "January", "June", "July",
	"March", "May", "November", "October", "September",
};

/* The first of months[] with initial c; 12 if none. */
static size_t month_from(unsigned char c)
{
	switch (c) {
	case 'A':
		return 0;
	case 'D':
		return 2;
	case 'F':
		return 3;
	case 'J':
		return 4;
	case 'M':
		return 7;
	case 'N':
		return 9;
	case 'O':
		return 10;
	case 'S':
		return 11;
	default:
		return 12;
	}
}

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
	for (size_t k = j < s->n ? month_from(s->t[j]) : 12; k < 12; k++) {
		if (s->t[j] != (unsigned char)months[k][0])
			break;
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
bool xref_emit_res(struct scan *s, const struct resno *r, enum doc_body hint, bool dec)
{
	char target[128];
	enum doc_ref_kind kind;
	enum doc_body b = xref_choose_body(hint, s->ctx_body, r, dec);

	if (!xref_res_target(b, r, dec, target, sizeof(target), &kind))
		return false;
	xref_emit(s, kind, r->start, r->end, target, NULL);
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
		if (!xref_parse_resno(s, j, &r))
			break;
		xref_emit_res(s, &r, hint, dec);
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
size_t xref_try_res(struct scan *s, size_t i, bool dec)
{
	size_t e = dec ? word_s(s, i, "decision", true) : word_s(s, i, "resolution", true), last;
	enum doc_body hint;

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
size_t xref_try_bare(struct scan *s, size_t i)
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
	if (is_digit(s->t[i])) {
		/* most numbers are no resolution's: xref_parse_resno() wants
		 * at most four digits, then '/', '(' or a space (' ', NBSP,
		 * U+2007, U+2009, U+202F: ch() makes them ' ') */
		size_t k = i + 1;
		unsigned char c;

		while (k < s->n && k - i <= 4 && is_digit(s->t[k]))
			k++;
		if (k >= s->n || k - i > 4)
			return 0;
		c = s->t[k];
		if (c != '/' && c != '(' && c != ' ' && c != 0xC2 && c != 0xE2)
			return 0;
	}
	if (!xref_parse_resno(s, i, &r) || skip_date(s, r.end) == r.end)
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
	return word_before(s, i, 4, "preambular") != (size_t)-1;
}

size_t xref_try_para(struct scan *s, size_t i)
{
	struct pitem items[MAX_PITEMS];
	size_t ni = 0, j, e, ret;
	const char *prefix;
	const char *target = NULL;
	char rtarget[128];
	struct resno r;
	enum doc_body hint = DOC_BODY_UNKNOWN;
	size_t res_word_end = 0;
	bool annex = false;

	e = word_s(s, i, "paragraph", true);
	if (!e)
		return 0;
	/* looked at once the word is there: most words at i are not it */
	prefix = preambular_before(s, i) ? "pp" : "op";
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
			    xref_parse_resno(s, sp(s, e), &r)) {
				enum doc_ref_kind kind;
				enum doc_body b = xref_choose_body(hint, s->ctx_body, &r, false);

				if (xref_res_target(b, &r, false, rtarget, sizeof(rtarget), &kind)) {
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
		xref_emit(s, DOC_REF_PARAGRAPH, items[k].start, items[k].end, target, tp);
	}
	if (res_word_end) {
		e = res_list(s, res_word_end, hint, false);
		return e ? e : res_word_end;
	}
	return ret;
}
