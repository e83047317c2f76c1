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

	/* "[^N]: ..." and "N ...": the first byte decides before the calls */
	if (l->n > 0 && l->s[0] == '[' && pl_explicit_footnote(l->s, l->n, &num, &off)) {
		fn_start(c, l, num, off, true);
		return true;
	}
	if (l->n > 0 && is_digit(l->s[0]) && pl_footnote_line(l->s, l->n, &num, &off) &&
	    num == c->fn_expected) {
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

/* w[0..n) against the string z, in strcmp() order. */
static int word_cmp(const char *w, size_t n, const char *z)
{
	size_t k;

	for (k = 0; k < n && z[k]; k++)
		if (w[k] != z[k])
			return (unsigned char)w[k] < (unsigned char)z[k] ? -1 : 1;
	if (k < n)
		return 1;
	return z[k] ? -1 : 0;
}

/* Is w[0..n) in tab[0..nt)? The tables are sorted by strcmp()
 * (pn_tables_sorted() checks), so a binary search finds it. */
static bool word_in_tab(const char *w, size_t n, const char *const *tab, size_t nt)
{
	size_t lo = 0, hi = nt;

	if (n == 0)
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = word_cmp(w, n, tab[mid]);

		if (r == 0)
			return true;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

#define word_is(w, n, tab) word_in_tab(w, n, tab, sizeof(tab) / sizeof((tab)[0]))

/* The word tables below are kept sorted by strcmp() (word_is() searches
 * them; pn_tables_sorted() checks). */

/* Words before a "." after which a number is not a marker: "Add.1". */
static const char *const abbrevs[] = {
	"Add", "Amend", "Corr", "DEC", "Dec", "Fig", "No", "Nos", "Part", "RES", "Res", "Rev",
	"Sales", "Ser", "Suppl", "Vol", "art", "arts", "chap", "fig", "no", "op", "p", "para",
	"paras", "pp", "sect", "vol", "vols",
};

/* Words before a space after which a number is a quantity, not a marker. */
static const char *const before_num[] = {
	"Add", "Annex", "Appendix", "Article", "Articles", "Chapter", "Committee", "Corr",
	"Council", "Covenant", "Decade", "Decision", "Goal", "Goals", "Module", "No", "Nos",
	"Part", "Phase", "Principle", "Protocol", "Recommendation", "Resolution", "Rev",
	"Rule", "SDG", "Sales", "Section", "Series", "Session", "Step", "Sustainable",
	"Target", "Tier", "Volume", "Year", "about", "action", "actions", "age", "aged",
	"ages", "all", "almost", "and", "annex", "another", "appendix", "approximately", "are",
	"around", "article", "articles", "at", "be", "been", "between", "by", "chapter",
	"decision", "decisions", "every", "exactly", "fewer", "first", "for", "from", "goal",
	"goals", "her", "his", "in", "is", "item", "items", "its", "just", "last", "least",
	"less", "level", "minus", "more", "nearly", "number", "of", "on", "only", "or", "out",
	"over", "page", "pages", "para", "paragraph", "paragraphs", "paras", "part", "per",
	"phase", "plus", "principle", "principles", "recommendation", "recommendations",
	"resolution", "resolutions", "rule", "rules", "section", "series", "session", "since",
	"some", "step", "target", "targets", "than", "the", "their", "these", "those", "tier",
	"to", "top", "under", "until", "up", "vol", "vols", "volume", "was", "were", "with",
	"within", "year", "years",
};

/* Words after a spaced number that make it a quantity or a date. */
static const char *const after_num[] = {
	"A", "April", "August", "B", "C", "D", "December", "February", "January", "July",
	"June", "March", "May", "Member", "November", "October", "September", "States",
	"billion", "countries", "day", "days", "hours", "hundred", "members", "million",
	"month", "months", "people", "per", "percent", "persons", "thousand", "times", "week",
	"weeks", "year", "years",
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
	"April", "August", "December", "February", "January", "July", "June", "March", "May",
	"November", "October", "September",
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

/* Where scan_para() looks: digits and '['. Nothing happens at other
 * bytes, so skipping to them changes no result. */
struct mark_scan {
	size_t base;   /* mask covers t[base..base + 64); base = n: nothing yet */
	uint64_t mask; /* bit k: t[base + k] is a digit or '[' */
};

#if defined(__SSE2__)
/* The digits and '[' among the 16 bytes at t, as a bit mask. */
static inline uint64_t mark16(const char *t)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)t);
	/* '0' <= x <= '9': shifted to start at -128, one signed compare */
	__m128i d = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - '0'))),
				   _mm_set1_epi8((char)(0x80 + 10)));

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(d, _mm_cmpeq_epi8(x, _mm_set1_epi8('['))));
}
#endif

/* The mask of the 64 bytes at t. */
static inline uint64_t mark_block(const char *t)
{
#if defined(__SSE2__)
	return mark16(t) | mark16(t + 16) << 16 | mark16(t + 32) << 32 | mark16(t + 48) << 48;
#else
	uint64_t m = 0;

	for (int k = 0; k < 64; k++)
		m |= (uint64_t)(is_digit(t[k]) || t[k] == '[') << k;
	return m;
#endif
}

/* The first j >= i where scan_para() has work (n if none). */
static size_t next_mark(const char *t, size_t i, size_t n, struct mark_scan *m)
{
	for (;;) {
		if (i - m->base < 64) {
			uint64_t b = m->mask >> (i - m->base);

			if (b)
				return i + (size_t)__builtin_ctzll(b);
			i = m->base + 64;
		}
		if (i >= n)
			return n;
		if (i + 64 <= n) {
			m->mask = mark_block(t + i);
		} else {
			/* the end of the text, padded with NULs (not marks) */
			char pad[64] = { 0 };

			memcpy(pad, t + i, n - i);
			m->mask = mark_block(pad);
		}
		m->base = i;
	}
}

static void scan_para(struct cands *cs, int para, const char *t, size_t n,
		      const unsigned char *has, int maxfn)
{
	struct mark_scan ms = { n, 0 };

	for (size_t i = 0; i < n; i++) {
		size_t j;
		int v = 0;

		i = next_mark(t, i, n, &ms); /* nothing happens at other bytes */
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

static bool tab_sorted(const char *const *tab, size_t nt)
{
	for (size_t k = 1; k < nt; k++)
		if (strcmp(tab[k - 1], tab[k]) >= 0)
			return false;
	return true;
}

bool pn_tables_sorted(void)
{
	return tab_sorted(abbrevs, sizeof abbrevs / sizeof abbrevs[0]) &&
	       tab_sorted(before_num, sizeof before_num / sizeof before_num[0]) &&
	       tab_sorted(after_num, sizeof after_num / sizeof after_num[0]) &&
	       tab_sorted(month_names, sizeof month_names / sizeof month_names[0]);
}
