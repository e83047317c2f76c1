/* search.c: case- and typography-insensitive search (see search.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "view_priv.h"

/* Characters that are equal to a plainer one. */
static const struct {
	uint32_t from, to;
} equivalents[] = {
	{ 0x0009, ' ' },  /* TAB */
	{ 0x00A0, ' ' },  /* NO-BREAK SPACE */
	{ 0x202F, ' ' },  /* NARROW NO-BREAK SPACE */
	{ 0x2010, '-' },  /* HYPHEN */
	{ 0x2011, '-' },  /* NON-BREAKING HYPHEN */
	{ 0x2013, '-' },  /* EN DASH */
	{ 0x2018, '\'' }, /* LEFT SINGLE QUOTATION MARK */
	{ 0x2019, '\'' }, /* RIGHT SINGLE QUOTATION MARK */
	{ 0x201C, '"' },  /* LEFT DOUBLE QUOTATION MARK */
	{ 0x201D, '"' },  /* RIGHT DOUBLE QUOTATION MARK */
};

/* Upper-case ranges: [lo, hi] map by +delta; `step` 2 means only every
 * other code point starting at lo is upper case (the next is its lower). */
static const struct {
	uint32_t lo, hi;
	int delta;
	int step;
} case_ranges[] = {
	{ 0x0041, 0x005A, 32, 1 },  /* A-Z */
	{ 0x00C0, 0x00D6, 32, 1 },  /* Latin-1 À-Ö */
	{ 0x00D8, 0x00DE, 32, 1 },  /* Ø-Þ */
	{ 0x0100, 0x012E, 1, 2 },   /* Latin Extended-A pairs */
	{ 0x0132, 0x0136, 1, 2 },
	{ 0x0139, 0x0147, 1, 2 },
	{ 0x014A, 0x0176, 1, 2 },
	{ 0x0179, 0x017D, 1, 2 },
	{ 0x0386, 0x0386, 38, 1 },  /* Greek Ά */
	{ 0x0388, 0x038A, 37, 1 },  /* Έ-Ί */
	{ 0x038C, 0x038C, 64, 1 },  /* Ό */
	{ 0x038E, 0x038F, 63, 1 },  /* Ύ Ώ */
	{ 0x0391, 0x03A1, 32, 1 },  /* Α-Ρ */
	{ 0x03A3, 0x03AB, 32, 1 },  /* Σ-Ϋ */
	{ 0x0400, 0x040F, 80, 1 },  /* Cyrillic Ѐ-Џ */
	{ 0x0410, 0x042F, 32, 1 },  /* А-Я */
};

uint32_t search_fold(uint32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			return cp + 32;
		return cp == '\t' ? ' ' : cp;
	}
	for (size_t i = 0; i < sizeof(equivalents) / sizeof(equivalents[0]); i++)
		if (equivalents[i].from == cp)
			return equivalents[i].to;
	if (cp == 0x0130) /* İ */
		return 'i';
	if (cp == 0x0178) /* Ÿ */
		return 0x00FF;
	if (cp == 0x03C2) /* final sigma */
		return 0x03C3;
	for (size_t i = 0; i < sizeof(case_ranges) / sizeof(case_ranges[0]); i++) {
		if (cp < case_ranges[i].lo || cp > case_ranges[i].hi)
			continue;
		if (case_ranges[i].step == 2 && (cp - case_ranges[i].lo) % 2)
			return cp;
		return cp + (uint32_t)case_ranges[i].delta;
	}
	return cp;
}

static size_t next_cp(const char *s, size_t n, uint32_t *cp)
{
	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	return util_utf8_decode(s, n, cp);
}

bool search_find(const char *hay, size_t n, size_t from, const char *needle,
		 size_t *match_start, size_t *match_len)
{
	uint32_t small[128], *nd = small;
	size_t m = 0, nl = needle ? strlen(needle) : 0, i;
	bool found = false;

	if (nl == 0 || from >= n)
		return false;
	if (nl > sizeof(small) / sizeof(small[0]))
		nd = util_xcalloc(nl, sizeof(*nd));
	for (size_t k = 0; k < nl;) {
		uint32_t cp;

		k += next_cp(needle + k, nl - k, &cp);
		nd[m++] = search_fold(cp);
	}
	i = from;
	while (i < n && ((unsigned char)hay[i] & 0xC0) == 0x80)
		i++;
	while (i < n && !found) {
		uint32_t cp;
		size_t l = next_cp(hay + i, n - i, &cp);

		if (search_fold(cp) == nd[0]) {
			size_t j = i + l, k = 1;

			while (k < m && j < n) {
				uint32_t c2;
				size_t l2 = next_cp(hay + j, n - j, &c2);

				if (search_fold(c2) != nd[k])
					break;
				j += l2;
				k++;
			}
			if (k == m) {
				*match_start = i;
				*match_len = j - i;
				found = true;
			}
		}
		i += l;
	}
	if (nd != small)
		free(nd);
	return found;
}

static void add_hit(struct search_result *r, int line, int col, int width, int match)
{
	if (r->n_hits == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->hits = util_xrealloc(r->hits, r->cap, sizeof(*r->hits));
	}
	r->hits[r->n_hits].line = line;
	r->hits[r->n_hits].col = col;
	r->hits[r->n_hits].width = width;
	r->hits[r->n_hits].match = match;
	r->n_hits++;
}

size_t search_view(const struct view *v, const char *needle, struct search_result *r)
{
	size_t len, from = 0, ms, ml;
	const char *t = view_text(v, &len);

	r->n_hits = r->n_matches = 0;
	while (search_find(t, len, from, needle, &ms, &ml)) {
		size_t me = ms + ml, before = r->n_hits;
		int line = view_line_of_offset(v, ms);
		int m = (int)r->n_matches;

		from = me;
		if (line < 0)
			continue;
		for (size_t L = (size_t)line; L < v->n_lines && v->lines[L].text_off < me; L++) {
			const struct view_line *ln = &v->lines[L];
			size_t ps = ms > ln->text_off ? ms : ln->text_off;
			size_t pe = me < ln->text_end ? me : ln->text_end;
			int cs, ce;

			if (ln->n_segs == 0 || ps >= pe)
				continue;
			cs = view_col_in_line(v, (int)L, ps);
			ce = view_col_in_line(v, (int)L, pe);
			if (ce > cs)
				add_hit(r, (int)L, cs, ce - cs, m);
		}
		if (r->n_hits == before) { /* only dropped spaces: mark the spot */
			int col = view_col_in_line(v, line, ms);

			add_hit(r, line, col, 1, m);
		}
		r->n_matches++;
	}
	return r->n_matches;
}

void search_result_free(struct search_result *r)
{
	free(r->hits);
	memset(r, 0, sizeof(*r));
}

static int pos_cmp(int l1, int c1, int l2, int c2)
{
	return l1 != l2 ? (l1 < l2 ? -1 : 1) : c1 != c2 ? (c1 < c2 ? -1 : 1) : 0;
}

int search_next(const struct search_result *r, int line, int col, bool forward, bool *wrapped)
{
	int first = -1, last = -1, found = -1;

	if (wrapped)
		*wrapped = false;
	if (r->n_matches == 0)
		return -1;
	for (size_t i = 0; i < r->n_hits; i++) {
		const struct search_hit *h = &r->hits[i];
		int c;

		if (i > 0 && r->hits[i - 1].match == h->match)
			continue;
		if (first < 0)
			first = (int)i;
		last = (int)i;
		c = pos_cmp(h->line, h->col, line, col);
		if (forward && c > 0 && found < 0)
			found = (int)i;
		if (!forward && c < 0)
			found = (int)i;
	}
	if (found >= 0)
		return found;
	if (wrapped)
		*wrapped = true;
	return forward ? first : last;
}

/* First hit whose key (line, or match index) is >= key; hits are sorted
 * by both. */
static size_t lower_bound(const struct search_result *r, int key, bool by_match)
{
	size_t lo = 0, hi = r->n_hits;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int k = by_match ? r->hits[mid].match : r->hits[mid].line;

		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int search_first_hit(const struct search_result *r, int m)
{
	size_t lo;

	if (m < 0 || (size_t)m >= r->n_matches)
		return -1;
	lo = lower_bound(r, m, true);
	return lo < r->n_hits && r->hits[lo].match == m ? (int)lo : -1;
}

size_t search_hit_from_line(const struct search_result *r, int line)
{
	return lower_bound(r, line, false);
}
