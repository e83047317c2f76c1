/* parse_int.h: internals shared by the parser's files (not a public API).
 *
 * parse.c       entry points, decoding, line splitting, page furniture
 * parse_line.c  line predicates and tables: labels, leads, dates, symbols
 * parse_head.c  header fields (title, symbol, adoption, meeting, agenda)
 * parse_asm.c   paragraph assembly: preamble, operative, lists, annexes
 * parse_note.c  footnote texts and footnote markers in paragraph text
 */
#ifndef RESOLUTE_PARSE_INT_H
#define RESOLUTE_PARSE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "doc.h"
#include "util.h"

#define PARSE_MAX_DEPTH 6 /* nesting below a top-level paragraph */
#define PARSE_LABEL_MAX 24

/* One source line with trailing blanks/CR removed. */
struct pline {
	const char *s; /* first non-blank byte */
	size_t n;      /* bytes from s */
	int no;        /* 1-based line number */
	bool tab_led;  /* the raw line began with a TAB (export layout) */
	bool indented; /* began with 2+ spaces (flowed footnote continuation) */
};

/* Label styles of sub-paragraphs, in their usual nesting order. */
enum plabel_style {
	PL_NONE,
	PL_NUMBER,     /* 1. */
	PL_PAREN_ALPHA,/* (a) */
	PL_PAREN_ROMAN,/* (i) */
	PL_DOT_ALPHA,  /* a. */
	PL_DOT_ROMAN,  /* i. */
	PL_UNLABELED,  /* a list whose labels were lost */
};

/* A label found at the start of a line. */
struct plabel {
	enum plabel_style style; /* PL_NUMBER, PL_PAREN_*, PL_DOT_* */
	int value;       /* number, or ordinal of the letter */
	int roman;       /* value as a roman numeral, 0 if it is not one */
	char text[PARSE_LABEL_MAX]; /* as printed: "5", "(a)", "a." */
	char key[PARSE_LABEL_MAX];  /* for ids: "5", "a", "ii" */
	size_t len;      /* bytes consumed including following blanks */
};

enum pphase {
	PH_HEADER,    /* before "The General Assembly," */
	PH_PREAMBLE,
	PH_OPERATIVE,
	PH_END,       /* after the meeting line */
	PH_FOOTNOTES, /* flowed "---" section */
	PH_ANNEX,
	PH_TRAILER,   /* <<ODS ...>> and page furniture after it */
};

/* One open list level under a top-level paragraph. */
struct plevel {
	enum plabel_style style;
	int ord;  /* ordinal of the last item */
	int para; /* index of the last item */
	int n;    /* items so far */
	int prev; /* index of the item before the last, or -1 */
};

/* A candidate footnote marker in the document's paragraph text. */
struct pmark {
	int para;
	size_t off, len; /* the bytes to remove */
	int value;
	bool strong;     /* glued or explicit [^N]; spaced ones are weak */
};

struct pctx {
	struct doc_set *out;
	const char *src; /* whole (UTF-8) input */
	size_t srclen;
	bool wrapped;    /* text extracted from a PDF: lines are wrapped */
	size_t scan_end; /* end of the last layout prescan */
	bool cp1252;     /* input was transcoded */
	bool drop;       /* src is a private file mapping: give back parsed pages */
	size_t dropped;  /* bytes of src given back so far (page multiple) */
	struct xqueue *xq; /* worker finding references, or NULL (parse.c) */
	bool no_refs;    /* leave references out (parse_opts.no_refs) */
	bool no_leads;   /* leave leads out (parse_opts.no_leads) */
	bool no_nul;     /* src has no NUL byte: lines need no NUL check (parse.c
			  * may set it; false is always safe) */
	size_t ods_from, ods_at; /* the first "<<ODS" at or after ods_from is at
				  * ods_at (srclen: none) (parse.c) */

	/* paragraph ids of the document d (parse_asm.c): open addressing,
	 * indices into d->paras, -1 empty; cleared by pa_reset() */
	int *idset;
	size_t idset_cap, idset_n;
	size_t ndocs;

	struct doc *d;   /* current document, NULL between documents */
	enum pphase phase;
	bool saw_formula, saw_number, has_body;
	size_t doc_start, doc_end; /* bytes of the document's lines */
	int last_line;
	int du1_line;    /* a lone [DU1] line waiting for its document */
	bool blank;      /* a blank line (or a tab-led line) precedes */

	/* header */
	bool title_open, adopted_pending, date_pending;
	struct util_buf title;
	const char *cand; size_t cand_len; /* last unclassified header line */

	/* paragraph being built (not yet in the document) */
	bool have_cur;
	struct util_buf cur;
	enum doc_para_kind cur_kind;
	enum doc_part cur_part;
	int cur_parent, cur_depth, cur_line;
	char cur_id[96];
	char cur_num[PARSE_LABEL_MAX];
	bool cur_has_num;

	/* structure */
	int top;         /* current top-level paragraph (pp, op, annex p/art), or -1 */
	bool top_pending;/* top is cur (not yet committed): its index is d->n_paras */
	struct plevel lv[PARSE_MAX_DEPTH];
	int nlv;
	int n_pp, n_op, n_head, n_plain, last_op;
	int annex;       /* current annex index or -1 */
	int annex_heads, annex_unnum;
	int annex_title_open; /* ANX_* in parse_asm.c */
	int article;     /* current article paragraph in an annex, or -1 */

	/* footnotes */
	bool fn_open, fn_block, fn_explicit;
	struct util_buf fn;
	int fn_num, fn_line, fn_expected, fn_last;
	struct util_buf scratch; /* annex title being read */
};

/* parse_line.c */
bool pl_is_blank(const char *s, size_t n);
/* s[0..n) starts with prefix. Inline: with a literal prefix the length
 * is known at compile time (it is called for most lines, many times). */
static inline bool pl_starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	/* the first byte before memcmp(): most lines differ there */
	return n >= k && (k == 0 || s[0] == prefix[0]) && memcmp(s, prefix, k) == 0;
}
bool pl_starts_ci(const char *s, size_t n, const char *prefix);
/* memmem for short needles; linear in n for the needles we use. Inline
 * for the same reason as pl_starts(). */
static inline const char *pl_find(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	if (k == 0 || n < k)
		return NULL;
	for (size_t i = 0; i + k <= n; i++) {
		const char *p = memchr(s + i, needle[0], n - k + 1 - i);

		if (!p)
			return NULL;
		if (memcmp(p, needle, k) == 0)
			return p;
		i = (size_t)(p - s);
	}
	return NULL;
}
bool pl_label(const char *s, size_t n, struct plabel *l);
bool pl_footnote_line(const char *s, size_t n, int *num, size_t *textoff);
bool pl_explicit_footnote(const char *s, size_t n, int *num, size_t *textoff);
bool pl_is_formula(const char *s, size_t n, enum doc_body *body);
bool pl_is_meeting(const char *s, size_t n, size_t *mlen);
bool pl_parse_date(const char *s, size_t n, char iso[11], size_t *used);
bool pl_find_date(const char *s, size_t n, char iso[11]);
bool pl_is_job_number(const char *s, size_t n);
bool pl_is_page_number(const char *s, size_t n);
bool pl_is_rule(const char *s, size_t n, char c);
size_t pl_symbol_at(const char *s, size_t n);
bool pl_is_annex(const char *s, size_t n);
bool pl_is_article(const char *s, size_t n, int *num);
bool pl_is_heading_number(const char *s, size_t n);
bool pl_ends_terminal(const char *s, size_t n, char *last);
bool pl_starts_lower(const char *s, size_t n);
size_t pl_pp_lead(const char *s, size_t n, bool table_only);
/* pl_pp_lead(s, n, table_only) > 0, without finding the lead's end. */
bool pl_has_pp_lead(const char *s, size_t n, bool table_only);
size_t pl_op_lead(const char *s, size_t n);
bool pl_is_op_verb(const char *s, size_t n);
/* Are the lead-word tables sorted, as their lookups assume? (for the tests) */
bool pl_tables_sorted(void);
int pl_roman(const char *s, size_t n);

/* parse_head.c */
bool ph_new_doc_trigger(struct pctx *c, const struct pline *l);
void ph_header_line(struct pctx *c, const struct pline *l);
bool ph_meeting_line(struct pctx *c, const struct pline *l);
void ph_trailer_line(struct pctx *c, const struct pline *l);
void ph_finish(struct pctx *c);

/* parse_asm.c */
void pa_body_line(struct pctx *c, const struct pline *l);
void pa_commit(struct pctx *c, bool closing_top);
void pa_finish(struct pctx *c);
void pa_start_annex(struct pctx *c, const struct pline *l);
void pa_reset(struct pctx *c);
void pa_plain_rebuild(struct pctx *c, size_t from, size_t to, int first_line);

/* parse_note.c */
bool pn_line(struct pctx *c, const struct pline *l);
void pn_commit(struct pctx *c);
void pn_attach_markers(struct doc *d);
/* Are the marker word tables sorted, as their lookups assume? (for the tests) */
bool pn_tables_sorted(void);

#endif
