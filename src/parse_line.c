/* parse_line.c: what a single line (or the start of a paragraph) is.
 * Pure functions over bytes: labels, dates, symbols, furniture, leads. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "parse_int.h"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
static bool is_sp(char c) { return c == ' ' || c == '\t'; }

/* Bytes of a NBSP (C2 A0) or a plain blank at s, else 0. */
static size_t blank_len(const char *s, size_t n)
{
	if (n >= 1 && is_sp(s[0]))
		return 1;
	if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	return 0;
}

static size_t skip_blanks(const char *s, size_t n, size_t i)
{
	size_t k;

	while (i < n && (k = blank_len(s + i, n - i)) > 0)
		i += k;
	return i;
}

bool pl_is_blank(const char *s, size_t n)
{
	return skip_blanks(s, n, 0) == n;
}

bool pl_starts_ci(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (tolower((unsigned char)s[i]) != tolower((unsigned char)prefix[i]))
			return false;
	return true;
}

int pl_roman(const char *s, size_t n)
{
	static const struct { char c; int v; } tab[] = {
		{ 'i', 1 }, { 'v', 5 }, { 'x', 10 }, { 'l', 50 }, { 'c', 100 },
	};
	int total = 0, prev = 0;

	if (n == 0 || n > 8)
		return 0;
	for (size_t i = n; i-- > 0;) {
		int v = 0;
		char c = (char)tolower((unsigned char)s[i]);

		for (size_t k = 0; k < sizeof tab / sizeof tab[0]; k++)
			if (tab[k].c == c)
				v = tab[k].v;
		if (!v)
			return 0;
		total += v < prev ? -v : v;
		if (v > prev)
			prev = v;
	}
	return total > 0 ? total : 0;
}

/* Ordinal of a lower-case letter label: a=1 .. z=26, aa=27 .. zz=52. */
static int alpha_ord(const char *s, size_t n)
{
	if (n == 1 && is_lower(s[0]))
		return s[0] - 'a' + 1;
	if (n == 2 && is_lower(s[0]) && s[0] == s[1])
		return s[0] - 'a' + 27;
	return 0;
}

static size_t label_tail(const char *s, size_t n, size_t i)
{
	/* a label is followed by a blank or the end of the line */
	if (i < n && !blank_len(s + i, n - i))
		return 0;
	return skip_blanks(s, n, i);
}

/* Copy n bytes of a label into a PARSE_LABEL_MAX buffer (snprintf "%.*s"). */
static void copy_label(char *out, const char *s, size_t n)
{
	if (n >= PARSE_LABEL_MAX)
		n = PARSE_LABEL_MAX - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

bool pl_label(const char *s, size_t n, struct plabel *l)
{
	size_t i = 0, end;

	memset(l, 0, sizeof *l);
	if (n == 0)
		return false;
	if (is_digit(s[0])) {
		int v = 0;
		size_t z;

		while (i < n && i < 4 && is_digit(s[i]))
			v = v * 10 + (s[i++] - '0');
		if (i >= n || s[i] != '.' || v == 0 || (i < n && is_digit(s[i])))
			return false;
		end = label_tail(s, n, i + 1);
		if (!end)
			return false;
		l->style = PL_NUMBER;
		l->value = v;
		for (z = 0; s[z] == '0'; z++)
			; /* "%d" of v: the digits without leading zeros */
		copy_label(l->text, s + z, i - z);
		copy_label(l->key, s + z, i - z);
		l->len = end;
		return true;
	}
	if (s[0] == '(') {
		i = 1;
		while (i < n && i < 8 && is_lower(s[i]))
			i++;
		if (i == 1 || i >= n || s[i] != ')')
			return false;
		end = label_tail(s, n, i + 1);
		if (!end)
			return false;
		l->value = alpha_ord(s + 1, i - 1);
		l->roman = pl_roman(s + 1, i - 1);
		if (!l->value && !l->roman)
			return false;
		l->style = l->value ? PL_PAREN_ALPHA : PL_PAREN_ROMAN;
		copy_label(l->text, s, i + 1);
		copy_label(l->key, s + 1, i - 1);
		l->len = end;
		return true;
	}
	if (is_lower(s[0])) {
		while (i < n && i < 6 && is_lower(s[i]))
			i++;
		if (i >= n || s[i] != '.')
			return false;
		end = label_tail(s, n, i + 1);
		if (!end)
			return false;
		l->value = alpha_ord(s, i);
		l->roman = pl_roman(s, i);
		if (!l->value && !l->roman)
			return false;
		/* "e." "i.e." style words: require a single letter or a roman */
		l->style = l->value ? PL_DOT_ALPHA : PL_DOT_ROMAN;
		copy_label(l->text, s, i + 1);
		copy_label(l->key, s, i);
		l->len = end;
		return true;
	}
	return false;
}

/* "12 Text" with a footnote number and some text after it. */
bool pl_footnote_line(const char *s, size_t n, int *num, size_t *textoff)
{
	size_t i = 0, j;
	int v = 0;

	while (i < n && i < 4 && is_digit(s[i]))
		v = v * 10 + (s[i++] - '0');
	if (i == 0 || v == 0 || i >= n || !blank_len(s + i, n - i))
		return false;
	j = skip_blanks(s, n, i);
	if (j >= n)
		return false;
	*num = v;
	*textoff = j;
	return true;
}

/* "[^12]: Text" (flowed text). */
bool pl_explicit_footnote(const char *s, size_t n, int *num, size_t *textoff)
{
	size_t i = 2;
	int v = 0;

	if (n < 5 || s[0] != '[' || s[1] != '^')
		return false;
	while (i < n && i < 7 && is_digit(s[i]))
		v = v * 10 + (s[i++] - '0');
	if (i == 2 || i + 1 >= n || s[i] != ']' || s[i + 1] != ':')
		return false;
	*num = v;
	*textoff = skip_blanks(s, n, i + 2);
	return true;
}

bool pl_is_formula(const char *s, size_t n, enum doc_body *body)
{
	static const struct { const char *name; enum doc_body body; } tab[] = {
		{ "The General Assembly", DOC_BODY_GA },
		{ "The Security Council", DOC_BODY_SC },
		{ "The Human Rights Council", DOC_BODY_HRC },
		{ "The Commission on Human Rights", DOC_BODY_CHR },
		{ "The Economic and Social Council", DOC_BODY_ECOSOC },
	};

	/* every name starts with "The " and has 20 bytes or more */
	if (n < 20 || memcmp(s, "The ", 4) != 0)
		return false;
	for (size_t k = 0; k < sizeof tab / sizeof tab[0]; k++) {
		size_t m = strlen(tab[k].name);

		if (!pl_starts(s, n, tab[k].name))
			continue;
		while (m < n && (s[m] == ',' || s[m] == ':' || is_sp(s[m])))
			m++;
		if (m == n) {
			*body = tab[k].body;
			return true;
		}
	}
	return false;
}

/* "77th plenary meeting", "57th meeting"; *mlen: bytes of that phrase. */
bool pl_is_meeting(const char *s, size_t n, size_t *mlen)
{
	size_t i = 0;
	const char *p;

	while (i < n && i < 5 && is_digit(s[i]))
		i++;
	if (i == 0 || i + 2 > n || !is_lower(s[i]) || !is_lower(s[i + 1]))
		return false;
	if (!pl_starts(s + i + 2, n - i - 2, " plenary meeting") &&
	    !pl_starts(s + i + 2, n - i - 2, " meeting"))
		return false;
	p = pl_find(s, n, "meeting");
	*mlen = (size_t)(p - s) + 7;
	return true;
}

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* "22 December 2003" at s. */
bool pl_parse_date(const char *s, size_t n, char iso[11], size_t *used)
{
	size_t i = 0, j;
	int day = 0, year = 0, mon = -1;

	while (i < n && i < 2 && is_digit(s[i]))
		day = day * 10 + (s[i++] - '0');
	if (i == 0 || day < 1 || day > 31 || (i < n && is_digit(s[i])))
		return false;
	i = skip_blanks(s, n, i);
	for (int m = 0; m < 12; m++)
		if (pl_starts(s + i, n - i, months[m])) {
			mon = m;
			i += strlen(months[m]);
			break;
		}
	if (mon < 0)
		return false;
	j = skip_blanks(s, n, i);
	if (j == i)
		return false;
	i = j;
	for (j = 0; j < 4; j++) {
		if (i + j >= n || !is_digit(s[i + j]))
			return false;
		year = year * 10 + (s[i + j] - '0');
	}
	iso[0] = (char)('0' + year / 1000);
	iso[1] = (char)('0' + year / 100 % 10);
	iso[2] = (char)('0' + year / 10 % 10);
	iso[3] = (char)('0' + year % 10);
	iso[4] = iso[7] = '-';
	iso[5] = (char)('0' + (mon + 1) / 10);
	iso[6] = (char)('0' + (mon + 1) % 10);
	iso[8] = (char)('0' + day / 10);
	iso[9] = (char)('0' + day % 10);
	iso[10] = '\0';
	if (used)
		*used = i + 4;
	return true;
}

bool pl_find_date(const char *s, size_t n, char iso[11])
{
	for (size_t i = 0; i < n; i++)
		if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1])) &&
		    pl_parse_date(s + i, n - i, iso, NULL))
			return true;
	return false;
}

/* "25-17700 (E)", "25-17700", "*2517700*", "03 50526", "N0350526E". */
bool pl_is_job_number(const char *s, size_t n)
{
	size_t i;

	if (n >= 8 && is_digit(s[0]) && is_digit(s[1]) && (s[2] == '-' || s[2] == ' ')) {
		for (i = 3; i < n && is_digit(s[i]); i++)
			;
		if (i - 3 < 4 || i - 3 > 6)
			return false;
		return i == n || pl_starts(s + i, n - i, " (E)");
	}
	if (n >= 4 && s[0] == '*' && s[n - 1] == '*') {
		for (i = 1; i + 1 < n; i++)
			if (!is_digit(s[i]))
				return false;
		return true;
	}
	return false;
}

/* "3", "2/18" alone on a line. */
bool pl_is_page_number(const char *s, size_t n)
{
	size_t i = 0, d1 = 0, d2 = 0;

	while (i < n && is_digit(s[i])) {
		i++;
		d1++;
	}
	if (d1 == 0 || d1 > 4)
		return false;
	if (i == n)
		return true;
	if (s[i] != '/')
		return false;
	for (i++; i < n && is_digit(s[i]); i++)
		d2++;
	return i == n && d2 > 0 && d2 <= 4;
}

bool pl_is_rule(const char *s, size_t n, char c)
{
	if (n < 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] != c)
			return false;
	return true;
}

/* Length of a UN document symbol at s ("A/RES/58/178", "A/80/L.5"), 0 if none. */
size_t pl_symbol_at(const char *s, size_t n)
{
	size_t i = 0, slashes = 0;

	if (n < 3 || !is_upper(s[0]))
		return 0;
	while (i < n && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '/' || s[i] == '.' ||
			 s[i] == '-')) {
		if (s[i] == '/')
			slashes++;
		i++;
	}
	while (i > 0 && (s[i - 1] == '.' || s[i - 1] == '-' || s[i - 1] == '/'))
		i--;
	/* "A/RES/58/178General": the glued word is not part of the symbol */
	while (i > 1 && is_alpha(s[i - 1]) && is_lower(s[i - 1])) {
		size_t k = i;

		while (k > 0 && is_alpha(s[k - 1]))
			k--;
		if (k > 0 && is_digit(s[k - 1]) && is_upper(s[k])) {
			i = k;
			break;
		}
		break;
	}
	return slashes >= 1 ? i : 0;
}

bool pl_is_annex(const char *s, size_t n)
{
	size_t i;

	if (!pl_starts(s, n, "Annex") && !pl_starts(s, n, "ANNEX"))
		return false;
	i = 5;
	if (i == n)
		return true;
	if (!is_sp(s[i]))
		return false;
	i = skip_blanks(s, n, i);
	/* "Annex I", "Annex II", "Annex 2", "Annex A" */
	while (i < n && (is_upper(s[i]) || is_digit(s[i])))
		i++;
	return i == n && n <= 16;
}

bool pl_is_article(const char *s, size_t n, int *num)
{
	size_t i = 8;
	int v = 0;

	if (!pl_starts(s, n, "Article "))
		return false;
	while (i < n && i < 12 && is_digit(s[i]))
		v = v * 10 + (s[i++] - '0');
	if (v == 0 || (i < n && s[i] != ' ' && s[i] != '.'))
		return false;
	*num = v;
	return n <= 80;
}

/* "I", "IV.", "A.", "B" alone: the number of a heading. */
bool pl_is_heading_number(const char *s, size_t n)
{
	size_t m = n;

	if (m > 0 && s[m - 1] == '.')
		m--;
	if (m == 0 || m > 5)
		return false;
	if (m == 1 && s[0] >= 'A' && s[0] <= 'H')
		return true;
	for (size_t i = 0; i < m; i++)
		if (s[i] != 'I' && s[i] != 'V' && s[i] != 'X')
			return false;
	return true;
}

/* Does the text end a clause: , ; : . ? ! (closing quotes, glued
 * footnote numbers and [^N] markers ignored)? */
bool pl_ends_terminal(const char *s, size_t n, char *last)
{
	size_t i = n;

	while (i > 0 && is_sp(s[i - 1]))
		i--;
	for (int round = 0; round < 3; round++) {
		size_t k = i, was = i;

		if (k > 0 && s[k - 1] == ']') {
			size_t j = k - 1;

			while (j > 0 && is_digit(s[j - 1]))
				j--;
			if (j >= 2 && s[j - 1] == '^' && s[j - 2] == '[')
				i = j - 2;
		}
		k = i;
		while (k > 0 && is_digit(s[k - 1]))
			k--;
		if (k < i && k > 0 && !is_sp(s[k - 1]) && !is_digit(s[k - 1]) && i - k <= 3)
			i = k;
		else if (k < i && k > 1 && is_sp(s[k - 1]) && strchr(",.;:", s[k - 2]) && i - k <= 3)
			i = k - 1; /* "..., 3": a spaced footnote marker */
		/* closing quotes ” ’ " */
		if (i >= 3 && (unsigned char)s[i - 3] == 0xE2 && (unsigned char)s[i - 2] == 0x80 &&
		    ((unsigned char)s[i - 1] == 0x9D || (unsigned char)s[i - 1] == 0x99))
			i -= 3;
		else if (i > 0 && s[i - 1] == '"')
			i--;
		if (i == was)
			break; /* the next round would do the same */
	}
	if (i == 0)
		return false;
	if (last)
		*last = s[i - 1];
	switch (s[i - 1]) {
	case ',': case ';': case ':': case '.': case '?': case '!':
	case '\0': /* as strchr(",;:.?!", c) had it */
		return true;
	default:
		return false;
	}
}

bool pl_starts_lower(const char *s, size_t n)
{
	return n > 0 && is_lower(s[0]);
}

/* A table word with its length. */
struct word {
	const char *s;
	size_t n;
};
#define W(x) { x, sizeof(x) - 1 }

/* Known preambular lead words (first word of the paragraph). */
static const struct word pp_words[] = {
	W("Accepting"), W("Acknowledging"), W("Acting"), W("Adopting"), W("Affirming"),
	W("Alarmed"), W("Anxious"), W("Appalled"), W("Appreciating"), W("Approving"),
	W("Aware"), W("Bearing"), W("Being"), W("Believing"), W("Calling"), W("Cognizant"),
	W("Commending"), W("Concerned"), W("Condemning"), W("Confident"), W("Conscious"),
	W("Considering"), W("Continuing"), W("Convinced"), W("Declaring"), W("Deeply"),
	W("Deploring"), W("Desiring"), W("Desirous"), W("Determined"), W("Disappointed"),
	W("Distressed"), W("Emphasising"), W("Emphasizing"), W("Encouraged"), W("Encouraging"),
	W("Endorsing"), W("Ever"), W("Expressing"), W("Firmly"), W("Fully"), W("Further"),
	W("Gravely"), W("Guided"), W("Having"), W("Highlighting"), W("Honouring"), W("Keeping"),
	W("Looking"), W("Mindful"), W("Noting"), W("Observing"), W("Paying"), W("Pointing"),
	W("Profoundly"), W("Re-emphasizing"), W("Reaffirming"), W("Realizing"), W("Recalling"),
	W("Recognising"), W("Recognizing"), W("Referring"), W("Regretting"), W("Reiterating"),
	W("Rejecting"), W("Reminding"), W("Seized"), W("Seriously"), W("Sharing"),
	W("Stressing"), W("Strongly"), W("Taking"), W("Underlining"), W("Underscoring"),
	W("Urging"), W("Viewing"), W("Welcoming"), W("Wishing"),
};

/* Words that may extend a lead: "Recalling also", "Noting with deep concern". */
static const struct word pp_tails[] = {
	W("again"), W("ahead"), W("also"), W("believing"), W("concern"), W("concerned"),
	W("convinced"), W("deep concern"), W("disappointed"), W("further"), W("furthermore"),
	W("grave alarm"), W("grave concern"), W("gravely concerned"), W("in mind"),
	W("into account"), W("into consideration"), W("it necessary"), W("its call for"),
	W("its concern"), W("its conviction"), W("its deep concern"), W("its determination"),
	W("its grave concern"), W("its recognition"), W("its strong support"),
	W("its unequivocal support"), W("mindful"), W("moreover"), W("note"), W("once again"),
	W("serious concern"), W("the deep concern"), W("to take the view"), W("upon"),
	W("with alarm"), W("with appreciation"), W("with concern"), W("with deep concern"),
	W("with deep regret"), W("with grave concern"), W("with great concern"),
	W("with particular interest"), W("with regret"), W("with satisfaction"),
	W("with serious concern"),
};

static size_t word_len(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (is_alpha(s[i]) || s[i] == '-'))
		i++;
	return i;
}

/* The word tables are sorted by strcmp() (pl_tables_sorted() checks):
 * the entries with a given first byte are found by binary search. */
static size_t first_with(const struct word *tab, size_t nt, char c)
{
	size_t lo = 0, hi = nt;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((unsigned char)tab[mid].s[0] < (unsigned char)c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool word_in(const char *s, size_t w, const struct word *tab, size_t nt)
{
	for (size_t k = first_with(tab, nt, s[0]); k < nt && tab[k].s[0] == s[0]; k++)
		if (tab[k].n == w && memcmp(tab[k].s, s, w) == 0)
			return true;
	return false;
}

/* Extend a lead of i bytes with tails ("also", "with deep concern"):
 * the longest that fits, up to three times. */
static size_t extend_lead(const char *s, size_t n, size_t i, const struct word *tails, size_t nt)
{
	for (int round = 0; round < 3; round++) {
		size_t best = 0;
		char c;

		if (i + 1 >= n || s[i] != ' ')
			break;
		c = s[i + 1];
		for (size_t k = first_with(tails, nt, c); k < nt && tails[k].s[0] == c; k++) {
			size_t m = tails[k].n, j = 1;

			if (m <= best || i + 1 + m > n)
				continue;
			/* short words: compared here, not by memcmp() */
			while (j < m && tails[k].s[j] == s[i + 1 + j])
				j++;
			if (j == m && (i + 1 + m == n || !is_alpha(s[i + 1 + m])))
				best = m;
		}
		if (!best)
			break;
		i += 1 + best;
	}
	return i;
}

/* The first word of s as a preambular lead word: its length, or 0. */
static size_t pp_lead_word(const char *s, size_t n, bool table_only)
{
	size_t w = word_len(s, n);

	if (w < 3 || !is_upper(s[0]))
		return 0;
	if (!word_in(s, w, pp_words, sizeof pp_words / sizeof pp_words[0])) {
		if (table_only)
			return 0;
		if (!(w > 4 && (memcmp(s + w - 3, "ing", 3) == 0 || memcmp(s + w - 2, "ed", 2) == 0)))
			return 0;
	}
	return w;
}

bool pl_has_pp_lead(const char *s, size_t n, bool table_only)
{
	return pp_lead_word(s, n, table_only) > 0;
}

size_t pl_pp_lead(const char *s, size_t n, bool table_only)
{
	size_t w = pp_lead_word(s, n, table_only), i;

	if (w == 0)
		return 0;
	i = w;
	/* adverb first: "Deeply concerned", "Gravely concerned", "Ever mindful" */
	if (w > 2 && (memcmp(s + w - 2, "ly", 2) == 0 || pl_starts(s, n, "Ever ")) && i < n &&
	    s[i] == ' ') {
		size_t w2 = word_len(s + i + 1, n - i - 1);

		if (w2 > 0)
			i += 1 + w2;
	}
	return extend_lead(s, n, i, pp_tails, sizeof pp_tails / sizeof pp_tails[0]);
}

/* Operative verbs (third person), for unnumbered operative paragraphs and leads. */
static const struct word op_verbs[] = {
	W("Accepts"), W("Acknowledges"), W("Adopts"), W("Affirms"), W("Again"), W("Agrees"),
	W("Also"), W("Appeals"), W("Appoints"), W("Approves"), W("Authorizes"), W("Calls"),
	W("Commends"), W("Concurs"), W("Condemns"), W("Confirms"), W("Considers"), W("Decides"),
	W("Declares"), W("Deeply"), W("Demands"), W("Deplores"), W("Designates"),
	W("Directs"), W("Elects"), W("Emphasises"), W("Emphasizes"), W("Encourages"),
	W("Endorses"), W("Expresses"), W("Further"), W("Highlights"), W("Insists"),
	W("Invites"), W("Looks"), W("Notes"), W("Once"), W("Proclaims"), W("Reaffirms"),
	W("Recalls"), W("Recognises"), W("Recognizes"), W("Recommends"), W("Regrets"),
	W("Reiterates"), W("Rejects"), W("Reminds"), W("Renews"), W("Requests"), W("Resolves"),
	W("Stresses"), W("Strongly"), W("Supports"), W("Takes"), W("Underlines"),
	W("Underscores"), W("Urges"), W("Welcomes"), W("Wishes"),
};

static const struct word op_tails[] = {
	W("acknowledges"), W("affirms"), W("again"), W("also"), W("appeals"), W("approves"),
	W("calls"), W("commends"), W("concerned"), W("condemns"), W("decides"), W("demands"),
	W("deplores"), W("emphasizes"), W("encourages"), W("endorses"), W("expresses"),
	W("further"), W("highlights"), W("invites"), W("note"), W("note also"),
	W("note with appreciation"), W("note with concern"), W("note with satisfaction"),
	W("notes"), W("reaffirms"), W("recalls"), W("recognizes"), W("recommends"),
	W("regrets"), W("reiterates"), W("requests"), W("stresses"), W("supports"), W("takes"),
	W("underlines"), W("upon"), W("urges"), W("welcomes"), W("with appreciation"),
};

bool pl_is_op_verb(const char *s, size_t n)
{
	size_t w = word_len(s, n);

	return w > 2 && word_in(s, w, op_verbs, sizeof op_verbs / sizeof op_verbs[0]);
}

size_t pl_op_lead(const char *s, size_t n)
{
	size_t w = word_len(s, n);

	if (w < 3 || !is_upper(s[0]) || w > 20)
		return 0;
	if (!word_in(s, w, op_verbs, sizeof op_verbs / sizeof op_verbs[0]) &&
	    !(s[w - 1] == 's' && w < n && s[w] == ' '))
		return 0;
	return extend_lead(s, n, w, op_tails, sizeof op_tails / sizeof op_tails[0]);
}

static bool sorted(const struct word *tab, size_t nt)
{
	for (size_t k = 0; k < nt; k++)
		if (strlen(tab[k].s) != tab[k].n || (k > 0 && strcmp(tab[k - 1].s, tab[k].s) > 0))
			return false;
	return true;
}

bool pl_tables_sorted(void)
{
	return sorted(pp_words, sizeof pp_words / sizeof pp_words[0]) &&
	       sorted(pp_tails, sizeof pp_tails / sizeof pp_tails[0]) &&
	       sorted(op_verbs, sizeof op_verbs / sizeof op_verbs[0]) &&
	       sorted(op_tails, sizeof op_tails / sizeof op_tails[0]);
}
