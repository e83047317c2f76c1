/* doc.c: the document model's storage and lookups. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"

struct doc *doc_new(void)
{
	return util_xcalloc(1, sizeof(struct doc));
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	free(d->paras);
	free(d->annexes);
	free(d->footnotes);
	free(d->refs);
	free(d->warnings);
	util_arena_free(&d->arena);
	free(d);
}

void doc_set_add(struct doc_set *s, struct doc *d)
{
	s->docs = util_xrealloc(s->docs, s->n + 1, sizeof(*s->docs));
	s->docs[s->n++] = d;
}

void doc_set_free(struct doc_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		doc_free(s->docs[i]);
	free(s->docs);
	s->docs = NULL;
	s->n = 0;
}

/* Grow a flat array to hold one more element. */
static void *grow(void *arr, size_t n, size_t *cap, size_t elem)
{
	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 16;
	return util_xrealloc(arr, *cap, elem);
}

int doc_add_para(struct doc *d, const struct doc_para *p)
{
	int idx = (int)d->n_paras;
	struct doc_para *np;

	d->paras = grow(d->paras, d->n_paras, &d->cap_paras, sizeof(*d->paras));
	np = &d->paras[d->n_paras++];
	*np = *p;
	np->first_child = -1;
	np->next_sibling = -1;
	if (!np->text) {
		np->text = "";
		np->text_len = 0;
	}
	if (np->parent >= idx)
		np->parent = -1;
	np->last_child = -1;
	if (np->parent >= 0) {
		struct doc_para *par = &d->paras[np->parent];

		np->depth = par->depth + 1;
		if (par->first_child < 0)
			par->first_child = idx;
		else
			d->paras[par->last_child].next_sibling = idx;
		par->last_child = idx;
	} else {
		np->depth = 0;
		/* link top-level siblings within the same annex (or the body) */
		if (d->last_top > 0 && d->paras[d->last_top - 1].annex == np->annex)
			d->paras[d->last_top - 1].next_sibling = idx;
		d->last_top = idx + 1;
	}
	return idx;
}

int doc_add_annex(struct doc *d, const struct doc_annex *a)
{
	d->annexes = grow(d->annexes, d->n_annexes, &d->cap_annexes, sizeof(*d->annexes));
	d->annexes[d->n_annexes] = *a;
	return (int)d->n_annexes++;
}

int doc_add_footnote(struct doc *d, const struct doc_footnote *f)
{
	d->footnotes = grow(d->footnotes, d->n_footnotes, &d->cap_footnotes, sizeof(*d->footnotes));
	d->footnotes[d->n_footnotes] = *f;
	return (int)d->n_footnotes++;
}

int doc_add_ref(struct doc *d, const struct doc_ref *r)
{
	d->refs = grow(d->refs, d->n_refs, &d->cap_refs, sizeof(*d->refs));
	d->refs[d->n_refs] = *r;
	return (int)d->n_refs++;
}

void doc_warn(struct doc *d, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	d->warnings = grow(d->warnings, d->n_warnings, &d->cap_warnings, sizeof(*d->warnings));
	d->warnings[d->n_warnings].line = line;
	d->warnings[d->n_warnings].msg = util_arena_strdup(&d->arena, msg);
	d->n_warnings++;
}

int doc_find_para(const struct doc *d, const char *id)
{
	for (size_t i = 0; i < d->n_paras; i++)
		if (d->paras[i].id && strcmp(d->paras[i].id, id) == 0)
			return (int)i;
	return -1;
}

int doc_find_footnote(const struct doc *d, const char *id)
{
	const char *num = id;

	if (strncmp(id, "fn", 2) == 0)
		num = id + 2;
	for (size_t i = 0; i < d->n_footnotes; i++) {
		const struct doc_footnote *f = &d->footnotes[i];

		if ((f->id && strcmp(f->id, id) == 0) || (f->number && strcmp(f->number, num) == 0))
			return (int)i;
	}
	return -1;
}

/* Append to out, keeping room for the NUL; false when it does not fit. */
static bool put(char *out, size_t outlen, size_t *o, const char *s, size_t n)
{
	if (*o + n + 1 > outlen)
		return false;
	memcpy(out + *o, s, n);
	*o += n;
	out[*o] = '\0';
	return true;
}

static bool is_word_id(const char *s)
{
	/* already an id: pp3, op5.c.ii, fn2, h1, p4, annex1.p4, annex1.art3 */
	static const char *const prefixes[] = { "pp", "op", "fn", "annex", "h", "p" };

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
		size_t l = strlen(prefixes[i]);

		if (strncmp(s, prefixes[i], l) == 0 && isdigit((unsigned char)s[l]))
			return true;
	}
	return false;
}

bool doc_normalize_id(const char *in, char *out, size_t outlen)
{
	char low[128];
	size_t n = 0, o = 0;
	const char *p;

	if (!in || !out || outlen == 0)
		return false;
	out[0] = '\0';
	/* lower-case and trim */
	while (*in == ' ' || *in == '\t')
		in++;
	for (p = in; *p && n + 1 < sizeof(low); p++)
		low[n++] = (char)tolower((unsigned char)*p);
	if (*p)
		return false; /* too long to be an address */
	while (n && (low[n - 1] == ' ' || low[n - 1] == '\t'))
		n--;
	low[n] = '\0';
	if (n == 0)
		return false;

	if (is_word_id(low)) {
		/* validate characters: letters, digits, dots */
		for (size_t i = 0; i < n; i++)
			if (!isalnum((unsigned char)low[i]) && low[i] != '.')
				return false;
		return put(out, outlen, &o, low, n);
	}

	/* "12", "5(c)", "5 (c) (ii)", "5.c.ii", "5 c ii" */
	p = low;
	if (!isdigit((unsigned char)*p))
		return false;
	const char *num = p;
	while (isdigit((unsigned char)*p))
		p++;
	if (!put(out, outlen, &o, "op", 2) || !put(out, outlen, &o, num, (size_t)(p - num)))
		return false;
	for (;;) {
		while (*p == ' ' || *p == '.' || *p == ',')
			p++;
		if (!*p)
			break;
		bool paren = *p == '(';
		if (paren)
			p++;
		while (*p == ' ')
			p++;
		const char *lab = p;
		while (isalnum((unsigned char)*p))
			p++;
		const char *lab_end = p;
		if (lab_end == lab)
			return false;
		while (*p == ' ')
			p++;
		if (paren) {
			if (*p != ')')
				return false;
			p++;
		}
		if (!put(out, outlen, &o, ".", 1) || !put(out, outlen, &o, lab, (size_t)(lab_end - lab)))
			return false;
	}
	return true;
}

const char *doc_para_kind_name(enum doc_para_kind k)
{
	static const char *const names[] = {
		[DOC_PARA_PREAMBULAR] = "preambular",
		[DOC_PARA_OPERATIVE] = "operative",
		[DOC_PARA_SUBPARAGRAPH] = "subparagraph",
		[DOC_PARA_HEADING] = "heading",
		[DOC_PARA_NUMBERED] = "paragraph",
		[DOC_PARA_ARTICLE] = "article",
		[DOC_PARA_PLAIN] = "plain",
	};

	return (unsigned)k < sizeof(names) / sizeof(*names) ? names[k] : "plain";
}

const char *doc_ref_kind_name(enum doc_ref_kind k)
{
	static const char *const names[] = {
		[DOC_REF_GA_RESOLUTION] = "ga_resolution",
		[DOC_REF_SC_RESOLUTION] = "sc_resolution",
		[DOC_REF_HRC_RESOLUTION] = "hrc_resolution",
		[DOC_REF_CHR_RESOLUTION] = "chr_resolution",
		[DOC_REF_ECOSOC_RESOLUTION] = "ecosoc_resolution",
		[DOC_REF_DECISION] = "decision",
		[DOC_REF_DOCUMENT] = "document",
		[DOC_REF_PARAGRAPH] = "paragraph",
	};

	return (unsigned)k < sizeof(names) / sizeof(*names) ? names[k] : "document";
}

const char *doc_body_name(enum doc_body b)
{
	static const char *const names[] = {
		[DOC_BODY_UNKNOWN] = NULL,
		[DOC_BODY_GA] = "General Assembly",
		[DOC_BODY_SC] = "Security Council",
		[DOC_BODY_HRC] = "Human Rights Council",
		[DOC_BODY_CHR] = "Commission on Human Rights",
		[DOC_BODY_ECOSOC] = "Economic and Social Council",
	};

	return (unsigned)b < sizeof(names) / sizeof(*names) ? names[b] : NULL;
}

const char *doc_part_name(enum doc_part p)
{
	static const char *const names[] = {
		[DOC_PART_PREAMBLE] = "preamble",
		[DOC_PART_OPERATIVE] = "operative",
		[DOC_PART_ANNEX] = "annex",
		[DOC_PART_OTHER] = "other",
	};

	return (unsigned)p < sizeof(names) / sizeof(*names) ? names[p] : "other";
}
