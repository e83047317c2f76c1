/* parse_note.c: footnote texts ("1 See ...", "[^1]: See ...", blocks
 * after "_____" at a page foot) and their markers in paragraph text.
 *
 * Markers are matched once the document is complete: the footnote
 * numbers that exist are looked for in increasing order, each after the
 * previous one, among candidates collected in one pass over the text.
 * Glued markers ("defenders6", "2003,1", "[^15]") are strong; spaced
 * ones ("Court 1 and") are weak and only taken when no strong one comes
 * first. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "parse_int.h"

#define FN_MAX 9999

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

static void fn_start(struct pctx *c, const struct pline *l, int num, size_t off, bool expl)
{
	pn_commit(c);
	c->fn_open = true;
	c->fn_explicit = expl;
	c->fn_num = num;
	c->fn_line = l->no;
	util_buf_clear(&c->fn);
	util_buf_append(&c->fn, l->s + off, l->n - off);
	c->fn_expected = num + 1;
}

bool pn_line(struct pctx *c, const struct pline *l)
{
	int num;
	size_t off;
	bool ctx;

	if (pl_explicit_footnote(l->s, l->n, &num, &off)) {
		fn_start(c, l, num, off, true);
		return true;
	}
	if (pl_footnote_line(l->s, l->n, &num, &off) && num == c->fn_expected) {
		bool lower = l->s[off] >= 'a' && l->s[off] <= 'z';

		if (c->fn_block || c->phase == PH_FOOTNOTES)
			ctx = true;
		else if (c->phase == PH_END || c->phase == PH_ANNEX)
			ctx = !lower && (c->phase == PH_END || (c->blank && !c->wrapped));
		else if (c->phase == PH_PREAMBLE || c->phase == PH_OPERATIVE)
			ctx = !lower && !c->wrapped && (c->blank || (c->fn_open && !c->fn_explicit));
		else
			ctx = false;
		if (ctx) {
			fn_start(c, l, num, off, false);
			return true;
		}
	}
	if (c->fn_open) {
		struct plabel lab;
		bool cont;

		if (c->fn_explicit)
			cont = l->indented || !c->blank;
		else
			cont = !c->blank || (c->fn_block && c->wrapped);
		if (cont && !pl_label(l->s, l->n, &lab)) {
			util_buf_putc(&c->fn, ' ');
			util_buf_append(&c->fn, l->s, l->n);
			return true;
		}
	}
	return false;
}

/* "fn12" for footnote 12 (num > 0): util_arena_printf() without the
 * format machinery, which was a tenth of pn_commit() */
static char *fn_id(struct util_arena *a, int num)
{
	char buf[16] = "fn", dig[12];
	size_t o = 2, nd = 0;
	unsigned u = (unsigned)num;

	do
		dig[nd++] = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	while (nd > 0)
		buf[o++] = dig[--nd];
	return util_arena_strndup(a, buf, o);
}

void pn_commit(struct pctx *c)
{
	struct doc_footnote f;
	struct doc *d = c->d;

	if (!c->fn_open || !d)
		return;
	c->fn_open = false;
	if (c->fn_num <= c->fn_last || c->fn_num > FN_MAX) {
		doc_warn(d, c->fn_line, "footnote %d out of order, ignored", c->fn_num);
		return;
	}
	c->fn_last = c->fn_num;
	memset(&f, 0, sizeof f);
	f.id = fn_id(&d->arena, c->fn_num);
	f.number = f.id + 2;
	f.text = util_arena_strndup(&d->arena, c->fn.data ? c->fn.data : "", c->fn.len);
	f.para = -1;
	f.line = c->fn_line;
	doc_add_footnote(d, &f);
}

/* ---- markers ---------------------------------------------------------- */

struct cands {
	struct pmark *v;
	size_t n, cap;
};

static void cand_add(struct cands *cs, int para, size_t off, size_t len, int value, bool strong)
{
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 64;
		cs->v = util_xrealloc(cs->v, cs->cap, sizeof *cs->v);
	}
	cs->v[cs->n++] = (struct pmark){ para, off, len, value, strong };
}

static bool word_is(const char *w, size_t n, const char *const *tab)
{
	if (n == 0)
		return false;
	for (size_t k = 0; tab[k]; k++)
		if (tab[k][0] == w[0] && strlen(tab[k]) == n && memcmp(tab[k], w, n) == 0)
			return true;
	return false;
}

/* Words before a "." after which a number is not a marker: "Add.1". */
static const char *const abbrevs[] = {
	"No", "Nos", "no", "Add", "Corr", "Rev", "vol", "Vol", "vols", "para", "paras",
	"chap", "sect", "art", "arts", "p", "pp", "Suppl", "Ser", "Amend", "Sales",
	"DEC", "Dec", "Res", "RES", "op", "fig", "Fig", "Part", NULL,
};

/* Words before a space after which a number is a quantity, not a marker. */
static const char *const before_num[] = {
	"article", "articles", "Article", "Articles", "paragraph", "paragraphs",
	"para", "paras", "resolution", "resolutions", "decision", "decisions",
	"Goal", "Goals", "goal", "goals", "target", "targets", "Target", "action",
	"actions", "chapter", "Chapter", "annex", "Annex", "item", "items", "section",
	"Section", "rule", "rules", "Rule", "principle", "principles", "Principle",
	"Protocol", "Add", "No", "Nos", "vol", "vols", "and", "to", "of", "on", "from",
	"than", "by", "at", "the", "over", "some", "all", "least", "about", "nearly",
	"approximately", "in", "for", "with", "or", "only", "first", "last", "every",
	"within", "under", "part", "Part", "phase", "level", "number", "step", "Step",
	"page", "pages", "appendix", "Appendix", "recommendation", "recommendations",
	"Recommendation", "Corr", "Rev", "Sales", "since", "until", "between", "almost",
	"around", "another", "those", "these", "its", "their", "his", "her", "Council",
	"Committee", "Decade", "Phase", "Module", "Volume", "volume", "Series", "series",
	"Resolution", "Decision", "session", "Session", "plus",
	"minus", "out", "per", "up", "SDG", "Sustainable", "Year", "year", "years",
	"aged", "age", "ages", "Covenant", "were", "was", "are", "is", "be", "been",
	"about", "exactly", "just", "more", "less", "fewer", "top", "Tier", "tier", NULL,
};

/* Words after a spaced number that make it a quantity or a date. */
static const char *const after_num[] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December", "per", "percent", "million",
	"billion", "thousand", "hundred", "years", "year", "days", "day", "months",
	"month", "weeks", "week", "hours", "times", "States", "countries", "Member",
	"members", "persons", "people", "A", "B", "C", "D", NULL,
};

/* The word (letters) ending just before position e. */
static size_t word_before(const char *t, size_t e, size_t *start)
{
	size_t b = e;

	while (b > 0 && is_alpha(t[b - 1]))
		b--;
	*start = b;
	return e - b;
}

/* Is t[i..j) a glued marker after byte t[i-1]? */
static bool glued_ok(const char *t, size_t i)
{
	unsigned char p = (unsigned char)t[i - 1];
	size_t b, w, k;

	if (is_alpha((char)p)) {
		/* token before: no digit, no slash; not a short all-capital code */
		bool allcaps = true;

		b = i;
		while (b > 0 && t[b - 1] != ' ' && i - b < 64) {
			if (is_digit(t[b - 1]) || t[b - 1] == '/' || t[b - 1] == '.')
				return false;
			if (is_alpha(t[b - 1]) && !is_upper(t[b - 1]))
				allcaps = false;
			b--;
		}
		return !(allcaps && i - b <= 4);
	}
	if (p == '.') {
		if (i < 2)
			return false;
		w = word_before(t, i - 1, &b);
		if (w == 0 || word_is(t + b, w, abbrevs))
			return false;
		/* "E.86.IX.7", "CN.4", "DEC.4" */
		for (k = b; k > 0 && t[k - 1] != ' ' && b - k < 64; k--)
			if (t[k - 1] == '/' || t[k - 1] == '.' || is_digit(t[k - 1]))
				return false;
		if (w <= 4) {
			bool allcaps = true;

			for (k = b; k < b + w; k++)
				if (!is_upper(t[k]))
					allcaps = false;
			if (allcaps)
				return false;
		}
		return true;
	}
	if (p == ',' || p == ';' || p == ':' || p == ')')
		return i >= 2 && t[i - 2] != ' ';
	if (p == '"' || p == 0x9D || p == 0x99) /* " ” ’ */
		return true;
	return false;
}

/* Is t[i..j) a spaced marker ("Court 1 and")? */
static bool spaced_ok(const char *t, size_t n, size_t i, size_t j)
{
	size_t b, w, e;
	unsigned char p;

	if (i < 2 || t[i - 1] != ' ')
		return false;
	p = (unsigned char)t[i - 2];
	if (!(is_alpha((char)p) || p == ',' || p == ')' || p == 0x9D || p == 0x99))
		return false;
	if (is_alpha((char)p)) {
		w = word_before(t, i - 1, &b);
		if (word_is(t + b, w, before_num))
			return false;
		if (b > 0 && (t[b - 1] == '/' || t[b - 1] == '-' || t[b - 1] == '.'))
			return false;
	}
	if (j == n)
		return true;
	if (t[j] != ' ')
		return t[j] == ',' || t[j] == ';' || t[j] == '.' || t[j] == ':' || t[j] == ')';
	/* next word */
	e = j;
	while (e < n && t[e] == ' ')
		e++;
	if (e < n && (is_digit(t[e]) || t[e] == '(' || t[e] == '%'))
		return false;
	b = e;
	while (e < n && is_alpha(t[e]))
		e++;
	if (e > b && word_is(t + b, e - b, after_num))
		return false;
	return true;
}

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December", NULL,
};

/* Digits t[i..j) of a date's year ("... February 2025") followed by a footnote number. */
static bool year_glued(const char *t, size_t i, size_t j, const unsigned char *has, int maxfn,
		       int *v)
{
	size_t b, w;
	int x = 0;

	if (!((t[i] == '1' && t[i + 1] == '9') || (t[i] == '2' && t[i + 1] == '0')) || i < 2 ||
	    t[i - 1] != ' ')
		return false;
	w = word_before(t, i - 1, &b);
	if (!word_is(t + b, w, month_names))
		return false;
	if (t[i + 4] == '0')
		return false;
	for (size_t k = i + 4; k < j; k++)
		x = x * 10 + (t[k] - '0');
	if (x > maxfn || !has[x])
		return false;
	*v = x;
	return true;
}

#define ONES 0x0101010101010101ull
#define HASZERO(v) (((v) - ONES) & ~(v) & (ONES * 0x80))

/* Might t[0..8) hold a digit or a '['? (A few other bytes say yes too.) */
static bool maybe_mark8(const char *t)
{
	uint64_t x, d, b;

	memcpy(&x, t, 8);
	d = (x & (ONES * 0xF0)) ^ (ONES * 0x30);
	b = x ^ (ONES * '[');
	return HASZERO(d) || HASZERO(b);
}

/* The first j >= i where t[j] is a digit or '[' (n if none). */
static size_t next_mark(const char *t, size_t i, size_t n)
{
#if defined(__SSE2__)
	while (i + 16 <= n) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i m = _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
						       _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1))),
					 _mm_cmpeq_epi8(x, _mm_set1_epi8('[')));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);

		if (bits)
			return i + (size_t)__builtin_ctz(bits);
		i += 16;
	}
#endif
	while (i + 8 <= n && !maybe_mark8(t + i))
		i += 8;
	for (; i < n; i++)
		if (is_digit(t[i]) || t[i] == '[')
			return i;
	return n;
}

static void scan_para(struct cands *cs, int para, const char *t, size_t n,
		      const unsigned char *has, int maxfn)
{
	for (size_t i = 0; i < n; i++) {
		size_t j;
		int v = 0;

		i = next_mark(t, i, n); /* nothing happens at other bytes */
		if (i >= n)
			break;

		if (t[i] == '[' && i + 3 < n && t[i + 1] == '^') {
			for (j = i + 2; j < n && j < i + 7 && is_digit(t[j]); j++)
				v = v * 10 + (t[j] - '0');
			if (j > i + 2 && j < n && t[j] == ']' && v <= maxfn && has[v]) {
				cand_add(cs, para, i, j + 1 - i, v, true);
				i = j;
			}
			continue;
		}
		if (!is_digit(t[i]) || (i > 0 && is_digit(t[i - 1])))
			continue;
		for (j = i; j < n && is_digit(t[j]); j++)
			if (j - i < 5)
				v = v * 10 + (t[j] - '0');
		if (j - i > 4 && j - i <= 7 && year_glued(t, i, j, has, maxfn, &v)) {
			/* "14 February 20254": footnote 4 glued to a year */
			cand_add(cs, para, i + 4, j - i - 4, v, true);
			i = j - 1;
			continue;
		}
		if (j - i > 4 || v > maxfn || !has[v] || i == 0) {
			i = j - 1;
			continue;
		}
		if (j < n) {
			unsigned char q = (unsigned char)t[j];

			if (!(q == ' ' || q == ',' || q == ';' || q == ':' || q == ')' || q == '.' ||
			      q == 0xE2 || q == 0xC2 || q == '"' || q == '['))
				goto next;
			if (q == '.' && j + 1 < n && t[j + 1] != ' ')
				goto next;
		}
		if (glued_ok(t, i))
			cand_add(cs, para, i, j - i, v, true);
		else if (spaced_ok(t, n, i, j))
			cand_add(cs, para, i - 1, j - i + 1, v, false);
next:
		i = j - 1;
	}
}

static int cmp_int(const void *a, const void *b)
{
	const int *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

/* Remove the chosen markers from each paragraph and set footnote offsets. */
static void remove_marks(struct doc *d, struct pmark *ch, int *fn_of, size_t nch)
{
	size_t k = 0;

	while (k < nch) {
		int para = ch[k].para;
		char *t = (char *)d->paras[para].text;
		size_t n = d->paras[para].text_len, rd = 0, wr = 0;

		for (; k < nch && ch[k].para == para; k++) {
			size_t len = ch[k].off - rd;

			memmove(t + wr, t + rd, len);
			wr += len;
			rd = ch[k].off + ch[k].len;
			d->footnotes[fn_of[k]].para = para;
			d->footnotes[fn_of[k]].offset = wr;
		}
		memmove(t + wr, t + rd, n - rd);
		wr += n - rd;
		t[wr] = '\0';
		d->paras[para].text_len = wr;
	}
}

void pn_attach_markers(struct doc *d)
{
	struct cands cs = { 0 };
	unsigned char *has;
	int maxfn = 0, *nums, *first, *nextv, *fn_of, *idx;
	size_t nfn = d->n_footnotes, cur = 0, nch = 0;
	struct pmark *ch;

	if (nfn == 0)
		return;
	nums = util_xcalloc(nfn, sizeof *nums);
	for (size_t i = 0; i < nfn; i++) {
		nums[i] = atoi(d->footnotes[i].number);
		if (nums[i] > FN_MAX || nums[i] < 0)
			nums[i] = 0;
		if (nums[i] > maxfn)
			maxfn = nums[i];
	}
	has = util_xcalloc((size_t)maxfn + 1, 1);
	idx = util_xcalloc((size_t)maxfn + 1, sizeof *idx);
	for (size_t i = 0; i < nfn; i++) {
		has[nums[i]] = 1;
		idx[nums[i]] = (int)i;
	}
	has[0] = 0;
	for (size_t p = 0; p < d->n_paras; p++)
		scan_para(&cs, (int)p, d->paras[p].text, d->paras[p].text_len, has, maxfn);
	/* per value, the list of candidates in text order */
	first = util_xcalloc((size_t)maxfn + 1, sizeof *first);
	nextv = util_xcalloc(cs.n + 1, sizeof *nextv);
	for (int v = 0; v <= maxfn; v++)
		first[v] = -1;
	for (size_t i = cs.n; i-- > 0;) {
		nextv[i] = first[cs.v[i].value];
		first[cs.v[i].value] = (int)i;
	}
	qsort(nums, nfn, sizeof *nums, cmp_int);
	ch = util_xcalloc(nfn, sizeof *ch);
	fn_of = util_xcalloc(nfn, sizeof *fn_of);
	for (size_t f = 0; f < nfn; f++) {
		int v = nums[f], strong = -1, weak = -1, pick;

		if (v == 0 || (f > 0 && nums[f - 1] == v))
			continue;
		while (first[v] >= 0 && (size_t)first[v] < cur)
			first[v] = nextv[first[v]];
		for (int i = first[v]; i >= 0 && (strong < 0 || weak < 0); i = nextv[i]) {
			if (cs.v[i].strong && strong < 0)
				strong = i;
			else if (!cs.v[i].strong && weak < 0 && strong < 0)
				weak = i;
		}
		pick = strong;
		if (weak >= 0 && (strong < 0 || weak < strong)) {
			/* a weak one first: take it unless the next number's marker
			 * comes before the strong one */
			int nx = -1;

			if (v + 1 <= maxfn)
				for (int i = first[v + 1]; i >= 0; i = nextv[i])
					if (i > weak) {
						nx = i;
						break;
					}
			if (strong < 0 || (nx >= 0 && nx < strong))
				pick = weak;
		}
		if (pick < 0) {
			doc_warn(d, d->footnotes[idx[v]].line, "footnote %d: no marker found in the text",
				 v);
			continue;
		}
		cur = (size_t)pick + 1;
		ch[nch] = cs.v[pick];
		fn_of[nch++] = idx[v];
	}
	remove_marks(d, ch, fn_of, nch);
	free(ch);
	free(fn_of);
	free(first);
	free(nextv);
	free(has);
	free(idx);
	free(nums);
	free(cs.v);
}
