/* parse_asm.c: paragraph assembly. Lines of the body arrive one by one;
 * each either continues the paragraph being built or starts a new one
 * (label, blank line, lead word...). The new one's place is decided at
 * once: preambular, operative, sub-paragraph at some depth, heading,
 * annex paragraph or article. The paragraph being built is kept in a
 * reused buffer and copied into the document's arena once, when the next
 * one starts. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_int.h"

#define HEADING_MAX 120

enum { ANX_NONE, ANX_WAIT, ANX_TITLE, ANX_DONE };

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

/* Format the id of the paragraph being built (may use other ids). */
static void set_id(struct pctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_id(struct pctx *c, const char *fmt, ...)
{
	/* only %s and %d occur: formatted by hand, vsnprintf was a tenth of
	 * the parser's time (arguments may point into cur_id: use tmp) */
	char tmp[sizeof c->cur_id];
	size_t o = 0, cap = sizeof tmp - 1;
	va_list ap;

	va_start(ap, fmt);
	for (const char *f = fmt; *f && o < cap; f++) {
		if (f[0] == '%' && f[1] == 's') {
			const char *a = va_arg(ap, const char *);

			while (*a && o < cap)
				tmp[o++] = *a++;
			f++;
		} else if (f[0] == '%' && f[1] == 'd') {
			int v = va_arg(ap, int);
			char dig[12];
			size_t nd = 0;
			unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

			do
				dig[nd++] = (char)('0' + u % 10);
			while ((u /= 10) > 0);
			if (v < 0)
				dig[nd++] = '-';
			while (nd > 0 && o < cap)
				tmp[o++] = dig[--nd];
			f++;
		} else {
			tmp[o++] = *f;
		}
	}
	va_end(ap);
	tmp[o] = '\0';
	memcpy(c->cur_id, tmp, o + 1);
}

/* Forget the ids of the last document (pa_reset: a new one starts). */
static void id_reset(struct pctx *c)
{
	if (c->idset_cap > 256) {
		free(c->idset); /* start small again */
		c->idset = NULL;
		c->idset_cap = 0;
	}
	if (c->idset)
		memset(c->idset, 0xff, c->idset_cap * sizeof *c->idset);
	c->idset_n = 0;
}

void pa_reset(struct pctx *c)
{
	id_reset(c);
	c->have_cur = false;
	util_buf_clear(&c->cur);
	c->top = -1;
	c->nlv = 0;
	c->n_pp = c->n_op = c->n_head = c->n_plain = c->last_op = 0;
	c->annex = -1;
	c->annex_heads = c->annex_unnum = 0;
	c->annex_title_open = ANX_NONE;
	c->article = -1;
}

/* Append a line's text to the paragraph (NULs become blanks). */
static void append_text(struct pctx *c, const char *s, size_t n)
{
	struct util_buf *b = &c->cur;

	if (b->len > 0) {
		bool hyphen = c->wrapped && b->len >= 2 && b->data[b->len - 1] == '-' &&
			      b->data[b->len - 2] != ' ' && pl_starts_lower(s, n);

		if (!hyphen && b->data[b->len - 1] != ' ')
			util_buf_putc(b, ' ');
	}
	if (c->no_nul) {
		if (n > 0)
			util_buf_append(b, s, n);
		return;
	}
	/* a NUL byte in the text becomes a space */
	while (n > 0) {
		const char *z = memchr(s, '\0', n);
		size_t k = z ? (size_t)(z - s) : n;

		util_buf_append(b, s, k);
		if (!z)
			break;
		util_buf_putc(b, ' ');
		s += k + 1;
		n -= k + 1;
	}
}

static const char *para_id(struct pctx *c, int i)
{
	if (i < 0 || (size_t)i >= c->d->n_paras)
		return c->cur_id;
	return c->d->paras[i].id;
}

static bool cur_ends_with(struct pctx *c, char want)
{
	char last = 0;

	return c->have_cur && c->cur.len && pl_ends_terminal(c->cur.data, c->cur.len, &last) &&
	       last == want;
}

/* Word at s (lower case) that is an operative verb: "demands". */
static bool lower_op_verb(const char *s, size_t n)
{
	char w[24];
	size_t k = 0;

	while (k < n && k < sizeof w - 1 && s[k] >= 'a' && s[k] <= 'z') {
		w[k] = s[k];
		k++;
	}
	if (k < 4 || k == sizeof w - 1 || w[k - 1] != 's')
		return false;
	w[0] = (char)(w[0] - 'a' + 'A');
	w[k] = '\0';
	return pl_is_op_verb(w, k);
}

static uint32_t id_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Slot of id in the document's id set: where it is, or the empty slot
 * where it would go. */
static size_t id_slot(const struct pctx *c, const char *id)
{
	size_t mask = c->idset_cap - 1, k = id_hash(id) & mask;

	while (c->idset[k] >= 0 && strcmp(c->d->paras[c->idset[k]].id, id) != 0)
		k = (k + 1) & mask;
	return k;
}

static void id_grow(struct pctx *c)
{
	int *old = c->idset;
	size_t oldcap = c->idset_cap;

	c->idset_cap = oldcap ? oldcap * 2 : 64;
	c->idset = util_xcalloc(c->idset_cap, sizeof *c->idset);
	memset(c->idset, 0xff, c->idset_cap * sizeof *c->idset); /* all -1 */
	for (size_t i = 0; i < oldcap; i++)
		if (old[i] >= 0)
			c->idset[id_slot(c, c->d->paras[old[i]].id)] = old[i];
	free(old);
}

/* Make cur_id unique in the document: a repeated number ("1." twice)
 * would give two paragraphs one id, and ids address paragraphs (notes,
 * --goto, JSON). The second becomes op1-2, its items op1-2.a. */
static size_t unique_id(struct pctx *c)
{
	size_t slot;

	if ((c->idset_n + 1) * 2 > c->idset_cap)
		id_grow(c);
	slot = id_slot(c, c->cur_id);
	if (c->idset[slot] >= 0) {
		char base[sizeof c->cur_id];
		size_t bl = strlen(c->cur_id);

		memcpy(base, c->cur_id, bl + 1);
		if (bl > sizeof base - 12)
			bl = sizeof base - 12;
		for (int k = 2;; k++) {
			snprintf(c->cur_id, sizeof c->cur_id, "%.*s-%d", (int)bl, base, k);
			slot = id_slot(c, c->cur_id);
			if (c->idset[slot] < 0)
				break;
		}
	}
	return slot; /* the free slot of cur_id */
}

static int add_cur(struct pctx *c, const char *text, size_t len)
{
	struct doc *d = c->d;
	struct doc_para p;
	size_t slot;
	int idx;

	memset(&p, 0, sizeof p);
	p.kind = c->cur_kind;
	p.part = c->cur_part;
	slot = unique_id(c);
	p.id = util_arena_strdup(&d->arena, c->cur_id);
	p.number = c->cur_has_num ? util_arena_strdup(&d->arena, c->cur_num) : NULL;
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	p.text = util_arena_strndup(&d->arena, text, len);
	p.text_len = len;
	p.parent = c->cur_parent;
	p.first_child = p.next_sibling = -1;
	p.depth = c->cur_depth;
	p.annex = c->cur_part == DOC_PART_ANNEX ? c->annex : -1;
	p.line = c->cur_line;
	idx = doc_add_para(d, &p);
	c->idset[slot] = idx; /* nothing was added since unique_id() */
	c->idset_n++;
	if (p.annex >= 0)
		d->annexes[p.annex].n_paras++;
	return idx;
}

/* Commit the paragraph being built. When the top-level paragraph closes,
 * a last sub-paragraph carrying "; and demands ..." is split: the tail is
 * the unnumbered end of the parent paragraph. */
void pa_commit(struct pctx *c, bool closing_top)
{
	const char *t = c->cur.data;
	size_t n = c->cur.len;

	if (!c->have_cur)
		return;
	c->have_cur = false;
	if (closing_top && c->cur_kind == DOC_PARA_SUBPARAGRAPH &&
	    c->cur_part == DOC_PART_OPERATIVE && c->cur_depth == 1 && c->top >= 0) {
		for (size_t i = 0; i + 7 < n; i++) {
			if (t[i] != ';' || memcmp(t + i, "; and ", 6) != 0 ||
			    !lower_op_verb(t + i + 6, n - i - 6))
				continue;
			add_cur(c, t, i + 1);
			c->cur_kind = DOC_PARA_PLAIN;
			c->cur_has_num = false;
			set_id(c, "%s.%d", para_id(c, c->top),
				 c->lv[0].n + 1);
			add_cur(c, t + i + 2, n - i - 2);
			util_buf_clear(&c->cur);
			return;
		}
	}
	add_cur(c, t ? t : "", n);
	util_buf_clear(&c->cur);
}

/* Start a new paragraph (the previous one must be committed). */
static void begin(struct pctx *c, enum doc_para_kind kind, enum doc_part part, int parent,
		  int depth, const char *num, int line)
{
	c->have_cur = true;
	util_buf_clear(&c->cur);
	c->cur_kind = kind;
	c->cur_part = part;
	c->cur_parent = parent;
	c->cur_depth = depth;
	c->cur_line = line;
	c->cur_has_num = num != NULL;
	if (num) {
		/* snprintf(c->cur_num, sizeof c->cur_num, "%s", num) */
		size_t k = strnlen(num, sizeof c->cur_num - 1);

		memcpy(c->cur_num, num, k);
		c->cur_num[k] = '\0';
	}
	c->has_body = true;
}

static int next_index(struct pctx *c)
{
	return (int)c->d->n_paras;
}

static enum doc_part part_now(struct pctx *c)
{
	if (c->phase == PH_ANNEX)
		return DOC_PART_ANNEX;
	return c->phase == PH_PREAMBLE ? DOC_PART_PREAMBLE : DOC_PART_OPERATIVE;
}

static void finish_annex_title(struct pctx *c)
{
	struct doc *d = c->d;

	if (c->annex_title_open == ANX_TITLE && c->annex >= 0)
		d->annexes[c->annex].title =
			util_arena_strndup(&d->arena, c->scratch.data, c->scratch.len);
	if (c->annex_title_open != ANX_NONE)
		c->annex_title_open = ANX_DONE;
}

void pa_finish(struct pctx *c)
{
	pa_commit(c, true);
	finish_annex_title(c);
}

void pa_start_annex(struct pctx *c, const struct pline *l)
{
	struct doc *d = c->d;
	struct doc_annex a;

	pa_commit(c, true);
	finish_annex_title(c);
	memset(&a, 0, sizeof a);
	a.id = util_arena_printf(&d->arena, "annex%zu", d->n_annexes + 1);
	a.label = util_arena_strndup(&d->arena, l->s, l->n);
	a.first_para = (int)d->n_paras;
	a.line = l->no;
	c->annex = doc_add_annex(d, &a);
	c->phase = PH_ANNEX;
	c->top = -1;
	c->nlv = 0;
	c->article = -1;
	c->annex_heads = c->annex_unnum = 0;
	c->annex_title_open = ANX_WAIT;
	c->has_body = true;
}

/* A top-level paragraph: operative "5.", annex "4.", or a numbered
 * paragraph inside an article. */
static void start_number(struct pctx *c, const struct plabel *lab, int line)
{
	struct doc *d = c->d;

	pa_commit(c, true);
	c->nlv = 0;
	if (c->phase == PH_PREAMBLE)
		c->phase = PH_OPERATIVE;
	if (c->phase == PH_ANNEX && c->article >= 0) {
		begin(c, DOC_PARA_SUBPARAGRAPH, DOC_PART_ANNEX, c->article, 1, lab->text, line);
		set_id(c, "%s.%s", d->paras[c->article].id, lab->key);
		c->lv[0] = (struct plevel){ PL_NUMBER, lab->value, next_index(c), 1, -1 };
		c->nlv = 1;
		return;
	}
	if (c->phase == PH_ANNEX) {
		begin(c, DOC_PARA_NUMBERED, DOC_PART_ANNEX, -1, 0, lab->text, line);
		set_id(c, "%s.p%s", d->annexes[c->annex].id, lab->key);
	} else {
		begin(c, DOC_PARA_OPERATIVE, DOC_PART_OPERATIVE, -1, 0, lab->text, line);
		set_id(c, "op%s", lab->key);
		if (lab->value != c->last_op + 1)
			doc_warn(d, line, "operative paragraph %d follows %d", lab->value, c->last_op);
		c->last_op = lab->value;
		c->n_op++;
	}
	c->top = next_index(c);
}

/* Place a sub-paragraph label among the open list levels: the level whose
 * last label it follows, else a new level below the innermost item. The
 * (h)/(i) and (iv)/(v) ambiguities resolve to whichever continues a list. */
static int resolve_level(struct pctx *c, const struct plabel *lab, enum plabel_style *style,
			 int *ord)
{
	enum plabel_style alt = lab->style == PL_PAREN_ALPHA || lab->style == PL_PAREN_ROMAN ?
					PL_PAREN_ROMAN : PL_DOT_ROMAN;
	enum plabel_style pri = alt == PL_PAREN_ROMAN ? PL_PAREN_ALPHA : PL_DOT_ALPHA;

	for (int L = c->nlv - 1; L >= 0; L--) {
		if (c->lv[L].style == pri && lab->value && lab->value == c->lv[L].ord + 1) {
			*style = pri;
			*ord = lab->value;
			return L;
		}
		if (c->lv[L].style == alt && lab->roman && lab->roman == c->lv[L].ord + 1) {
			*style = alt;
			*ord = lab->roman;
			return L;
		}
	}
	if (c->nlv < PARSE_MAX_DEPTH) {
		bool have_pri = false, have_alt = false;

		for (int L = 0; L < c->nlv; L++) {
			have_pri |= c->lv[L].style == pri;
			have_alt |= c->lv[L].style == alt;
		}
		if (lab->value == 1 && !have_pri) {
			*style = pri;
			*ord = 1;
			return c->nlv;
		}
		if (lab->roman == 1 && !have_alt) {
			*style = alt;
			*ord = 1;
			return c->nlv;
		}
	}
	*style = lab->value ? pri : alt;
	*ord = lab->value ? lab->value : lab->roman;
	return c->nlv > 0 ? c->nlv - 1 : 0;
}

/* Add an item to list level L under the current top-level paragraph. */
static void start_item(struct pctx *c, int L, enum plabel_style style, int ord, const char *num,
		       const char *key, int line)
{
	int parent = L == 0 ? c->top : c->lv[L - 1].para;
	int n = L < c->nlv ? c->lv[L].n : 0;

	begin(c, DOC_PARA_SUBPARAGRAPH, part_now(c), parent, L + 1, num, line);
	if (key)
		set_id(c, "%s.%s", para_id(c, parent), key);
	else
		set_id(c, "%s.%d", para_id(c, parent), n + 1);
	c->lv[L] = (struct plevel){ style, ord, next_index(c), n + 1,
				    L < c->nlv ? c->lv[L].para : -1 };
	c->nlv = L + 1;
}

/* "(h) ... (i) ... (ii)": the (i) being built was taken for the letter
 * after (h); "(ii)" shows it was the first roman item under (h). It is not
 * committed yet, so it can still move one level down. */
static void reread_i(struct pctx *c, const struct plabel *lab)
{
	int L = c->nlv - 1;
	struct plevel *lv;
	bool paren = lab->text[0] == '(';

	if (L < 0)
		return;
	lv = &c->lv[L];
	if (!c->have_cur || c->cur_kind != DOC_PARA_SUBPARAGRAPH ||
	    L + 1 >= PARSE_MAX_DEPTH || lab->roman != 2 || lv->ord != 9 || lv->prev < 0 ||
	    lv->style != (paren ? PL_PAREN_ALPHA : PL_DOT_ALPHA))
		return;
	c->cur_parent = lv->prev;
	c->cur_depth = L + 2;
	set_id(c, "%s.i", c->d->paras[lv->prev].id);
	c->lv[L + 1] = (struct plevel){ paren ? PL_PAREN_ROMAN : PL_DOT_ROMAN, 1, lv->para, 1, -1 };
	lv->ord = 8;
	lv->para = lv->prev;
	lv->prev = -1;
	lv->n--;
	c->nlv = L + 2;
}

static void start_sub(struct pctx *c, const struct plabel *lab, int line)
{
	enum plabel_style style;
	int ord, L;

	reread_i(c, lab);
	pa_commit(c, false);
	if (c->top < 0) {
		/* a label with no paragraph to hang on: an unnumbered operative */
		begin(c, DOC_PARA_OPERATIVE, part_now(c), -1, 0, lab->text, line);
		set_id(c, "op%d", ++c->n_op);
		c->top = next_index(c);
		return;
	}
	L = resolve_level(c, lab, &style, &ord);
	start_item(c, L, style, ord, lab->text, lab->key, line);
}

static bool heading_like(const char *s, size_t n)
{
	return n <= HEADING_MAX && (is_upper(s[0]) || (unsigned char)s[0] >= 0x80) &&
	       !pl_ends_terminal(s, n, NULL);
}

static void start_heading(struct pctx *c, int line)
{
	pa_commit(c, true);
	c->nlv = 0;
	c->top = -1;
	if (c->phase == PH_PREAMBLE)
		c->phase = PH_OPERATIVE; /* "I" after the preamble opens a part */
	begin(c, DOC_PARA_HEADING, part_now(c), -1, 0, NULL, line);
	if (c->phase == PH_ANNEX)
		set_id(c, "%s.h%d", c->d->annexes[c->annex].id,
			 ++c->annex_heads);
	else
		set_id(c, "h%d", ++c->n_head);
}

/* An unlabeled item of a list whose labels were lost (or never printed):
 * first item of a list after "...:", else a sibling of the last item. */
static void start_unlabeled_item(struct pctx *c, bool colon, int line)
{
	bool sub = c->cur_kind == DOC_PARA_SUBPARAGRAPH;
	enum plabel_style style = PL_UNLABELED;
	int L, ord = 1;

	pa_commit(c, false);
	if (colon && !sub)
		c->nlv = 0;
	if (colon && sub && c->nlv < PARSE_MAX_DEPTH)
		L = c->nlv;
	else
		L = c->nlv > 0 ? c->nlv - 1 : 0;
	if (L < c->nlv) {
		style = c->lv[L].style;
		ord = c->lv[L].ord + 1;
	}
	start_item(c, L, style, ord, NULL, NULL, line);
}

static void start_unlabeled(struct pctx *c, const struct pline *l)
{
	struct doc *d = c->d;
	const char *s = l->s;
	size_t n = l->n;
	bool colon = cur_ends_with(c, ':');

	if (c->phase == PH_PREAMBLE) {
		bool lead = pl_has_pp_lead(s, n, true);

		if (c->top >= 0 && !lead && (colon || (c->nlv > 0 && c->lv[0].style == PL_UNLABELED))) {
			if (colon)
				c->nlv = 0;
			pa_commit(c, false);
			start_item(c, 0, PL_UNLABELED, c->nlv ? c->lv[0].ord + 1 : 1, NULL, NULL,
				   l->no);
			return;
		}
		pa_commit(c, true);
		c->nlv = 0;
		if (!lead && pl_is_op_verb(s, n) && !pl_has_pp_lead(s, n, false)) {
			c->phase = PH_OPERATIVE;
			begin(c, DOC_PARA_OPERATIVE, DOC_PART_OPERATIVE, -1, 0, NULL, l->no);
			set_id(c, "op%d", ++c->n_op);
		} else {
			begin(c, DOC_PARA_PREAMBULAR, DOC_PART_PREAMBLE, -1, 0, NULL, l->no);
			set_id(c, "pp%d", ++c->n_pp);
		}
		c->top = next_index(c);
		return;
	}
	/* operative part or annex */
	if (c->top >= 0 && c->nlv > 0 && pl_starts(s, n, "and ") && lower_op_verb(s + 4, n - 4)) {
		pa_commit(c, false);
		begin(c, DOC_PARA_PLAIN, part_now(c), c->top, 1, NULL, l->no);
		set_id(c, "%s.%d", para_id(c, c->top), c->lv[0].n + 1);
		c->nlv = 0;
		return;
	}
	if (c->top >= 0 && c->nlv > 0 && (cur_ends_with(c, ';') || cur_ends_with(c, ','))) {
		start_unlabeled_item(c, false, l->no); /* the list goes on */
		return;
	}
	if (heading_like(s, n) && !colon) {
		start_heading(c, l->no);
		return;
	}
	if (c->top >= 0 && (colon || c->nlv > 0)) {
		start_unlabeled_item(c, colon, l->no);
		return;
	}
	if (c->phase == PH_ANNEX) {
		pa_commit(c, true);
		c->nlv = 0;
		begin(c, DOC_PARA_PLAIN, DOC_PART_ANNEX, -1, 0, NULL, l->no);
		set_id(c, "%s.u%d", d->annexes[c->annex].id,
			 ++c->annex_unnum);
		c->top = next_index(c);
		return;
	}
	if (c->have_cur && c->cur_kind != DOC_PARA_HEADING) {
		append_text(c, s, n); /* a paragraph split by a blank line */
		return;
	}
	pa_commit(c, true);
	c->nlv = 0;
	begin(c, DOC_PARA_OPERATIVE, DOC_PART_OPERATIVE, -1, 0, NULL, l->no);
	set_id(c, "op%d", ++c->n_op);
	c->top = next_index(c);
}

/* Does this line continue the paragraph being built? */
static bool continues(struct pctx *c, const struct pline *l)
{
	char last = 0;
	bool term;

	if (!c->have_cur)
		return false;
	if (c->cur.len == 0)
		return true; /* label or heading number alone on its line */
	term = pl_ends_terminal(c->cur.data, c->cur.len, &last);
	if (c->cur_kind == DOC_PARA_HEADING)
		return pl_starts_lower(l->s, l->n) && !term;
	if (!term)
		return true;
	if (pl_starts_lower(l->s, l->n))
		return !(c->nlv > 0 && pl_starts(l->s, l->n, "and ") &&
			 lower_op_verb(l->s + 4, l->n - 4));
	if (c->blank)
		return false;
	/* no blank line: a flowed line wrapped once more, unless a lead word
	 * starts the next preambular paragraph */
	if (c->phase == PH_PREAMBLE)
		return !pl_has_pp_lead(l->s, l->n, true);
	return true;
}

void pa_body_line(struct pctx *c, const struct pline *l)
{
	struct plabel lab;
	bool has_label = pl_label(l->s, l->n, &lab);
	int art;

	if (c->phase == PH_ANNEX && c->annex_title_open == ANX_WAIT && !has_label &&
	    !pl_is_article(l->s, l->n, &art)) {
		c->annex_title_open = ANX_TITLE;
		util_buf_clear(&c->scratch);
		util_buf_append(&c->scratch, l->s, l->n < 1000 ? l->n : 1000);
		return;
	}
	if (c->phase == PH_ANNEX && c->annex_title_open == ANX_TITLE) {
		if (!has_label && !c->blank && c->scratch.len < 1000) {
			util_buf_putc(&c->scratch, ' ');
			util_buf_append(&c->scratch, l->s, l->n < 1000 ? l->n : 1000);
			return;
		}
		finish_annex_title(c);
	}
	if (c->phase == PH_ANNEX && pl_is_article(l->s, l->n, &art)) {
		pa_commit(c, true);
		c->nlv = 0;
		begin(c, DOC_PARA_ARTICLE, DOC_PART_ANNEX, -1, 0, NULL, l->no);
		snprintf(c->cur_num, sizeof c->cur_num, "Article %d", art);
		c->cur_has_num = true;
		set_id(c, "%s.art%d", c->d->annexes[c->annex].id, art);
		c->top = c->article = next_index(c);
		return;
	}
	if (has_label && lab.style == PL_NUMBER) {
		start_number(c, &lab, l->no);
		append_text(c, l->s + lab.len, l->n - lab.len);
		return;
	}
	if (has_label && (c->phase != PH_PREAMBLE || c->top >= 0)) {
		start_sub(c, &lab, l->no);
		append_text(c, l->s + lab.len, l->n - lab.len);
		return;
	}
	if (pl_is_heading_number(l->s, l->n) &&
	    (c->phase != PH_PREAMBLE || pl_roman(l->s, l->n - (l->s[l->n - 1] == '.')) > 0) &&
	    !(c->have_cur && c->cur.len == 0)) {
		start_heading(c, l->no);
		snprintf(c->cur_num, sizeof c->cur_num, "%.*s", (int)l->n, l->s);
		c->cur_has_num = true;
		return;
	}
	if (continues(c, l)) {
		append_text(c, l->s, l->n);
		return;
	}
	start_unlabeled(c, l);
	if (c->have_cur && c->cur.len == 0)
		append_text(c, l->s, l->n);
}

/* Not a resolution: blank-line separated plain paragraphs p1, p2... */
void pa_plain_rebuild(struct pctx *c, size_t from, size_t to, int first_line)
{
	const char *s = c->src + from, *e = c->src + to;
	int line = first_line, n = 0;

	pa_reset(c);
	c->phase = PH_PREAMBLE;
	while (s < e) {
		const char *nl = memchr(s, '\n', (size_t)(e - s));
		const char *end = nl ? nl : e;
		const char *b = s;

		while (b < end && (*b == ' ' || *b == '\t'))
			b++;
		while (end > b && (end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end == b) {
			pa_commit(c, false);
		} else {
			if (!c->have_cur) {
				begin(c, DOC_PARA_PLAIN, DOC_PART_OTHER, -1, 0, NULL, line);
				set_id(c, "p%d", ++n);
			}
			append_text(c, b, (size_t)(end - b));
		}
		line++;
		s = nl ? nl + 1 : e;
	}
	pa_commit(c, false);
}
