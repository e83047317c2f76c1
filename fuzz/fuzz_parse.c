/* fuzz_parse.c: the parser on arbitrary bytes, and everything that reads
 * what it builds (references, JSON and text output, the reader's view and
 * outline), checking the document model's promises (doc.h, view.h). */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "doc.h"
#include "fuzz.h"
#include "json.h"
#include "parse.h"
#include "textout.h"
#include "util.h"
#include "view.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool valid_utf8(const char *s, size_t n)
{
	return util_utf8_valid_prefix(s, n) == n;
}

/* No C0 control, DEL or C1 control (U+0080..U+009F): safe for a terminal. */
static bool no_controls(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return false;
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			return false;
	}
	return true;
}

static void check_text(const char *s, size_t len, bool strict)
{
	FUZZ_CHECK(s != NULL);
	FUZZ_CHECK(s[len] == '\0');
	if (strict) {
		FUZZ_CHECK(strlen(s) == len);
		FUZZ_CHECK(valid_utf8(s, len));
	}
}

static void check_doc(const struct doc *d, bool strict)
{
	const char **ids;
	size_t i;
	int n = (int)d->n_paras;

	for (i = 0; i < d->n_paras; i++) {
		const struct doc_para *p = &d->paras[i];

		check_text(p->text, p->text_len, strict);
		FUZZ_CHECK(p->id && p->id[0]);
		FUZZ_CHECK(p->lead_len <= p->text_len);
		FUZZ_CHECK(p->parent >= -1 && p->parent < (int)i);
		FUZZ_CHECK(p->first_child == -1 || (p->first_child > (int)i && p->first_child < n));
		FUZZ_CHECK(p->next_sibling == -1 ||
			   (p->next_sibling > (int)i && p->next_sibling < n));
		if (p->first_child >= 0)
			FUZZ_CHECK(d->paras[p->first_child].parent == (int)i);
		if (p->next_sibling >= 0)
			FUZZ_CHECK(d->paras[p->next_sibling].parent == p->parent);
		FUZZ_CHECK(p->annex >= -1 && p->annex < (int)d->n_annexes);
		FUZZ_CHECK(p->depth >= 0);
		if (p->parent >= 0)
			FUZZ_CHECK(p->depth > d->paras[p->parent].depth);
		if (strict && p->number)
			FUZZ_CHECK(valid_utf8(p->number, strlen(p->number)));
		if (strict && p->lead)
			FUZZ_CHECK(valid_utf8(p->lead, strlen(p->lead)));
	}
	/* Ids address paragraphs (doc_find_para): they must be unique. */
	if (d->n_paras && fuzz_check_enabled("dup-id")) {
		ids = util_xcalloc(d->n_paras, sizeof(*ids));
		for (i = 0; i < d->n_paras; i++)
			ids[i] = d->paras[i].id;
		qsort(ids, d->n_paras, sizeof(*ids), cmp_str);
		for (i = 1; i < d->n_paras; i++) {
			if (!strcmp(ids[i - 1], ids[i]))
				fprintf(stderr, "duplicate paragraph id %.40s\n", ids[i]);
			FUZZ_CHECK(strcmp(ids[i - 1], ids[i]) != 0);
		}
		free(ids);
	}
	for (i = 0; i < d->n_annexes; i++) {
		const struct doc_annex *a = &d->annexes[i];

		FUZZ_CHECK(a->first_para >= 0 && a->n_paras >= 0);
		FUZZ_CHECK((size_t)a->first_para + (size_t)a->n_paras <= d->n_paras);
	}
	for (i = 0; i < d->n_footnotes; i++) {
		const struct doc_footnote *f = &d->footnotes[i];

		FUZZ_CHECK(f->text != NULL);
		if (strict)
			FUZZ_CHECK(valid_utf8(f->text, strlen(f->text)));
		FUZZ_CHECK(f->para >= -1 && f->para < n);
		if (f->para >= 0)
			FUZZ_CHECK(f->offset <= d->paras[f->para].text_len);
	}
	for (i = 0; i < d->n_refs; i++) {
		const struct doc_ref *r = &d->refs[i];
		size_t tlen;

		FUZZ_CHECK((r->para >= 0) != (r->footnote >= 0));
		if (r->para >= 0) {
			FUZZ_CHECK(r->para < n);
			tlen = d->paras[r->para].text_len;
		} else {
			FUZZ_CHECK(r->footnote < (int)d->n_footnotes);
			tlen = strlen(d->footnotes[r->footnote].text);
		}
		FUZZ_CHECK(r->start <= tlen && r->len <= tlen - r->start);
		FUZZ_CHECK(r->target && r->url);
		FUZZ_CHECK(r->target[0] || r->kind == DOC_REF_PARAGRAPH);
	}
	for (i = 0; i < d->n_warnings; i++)
		FUZZ_CHECK(d->warnings[i].msg != NULL);
}

static void check_view(const struct doc *d, int width)
{
	struct view *v = view_build(d, width);
	struct view_outline *o;
	size_t i, tlen;
	const char *text = view_text(v, &tlen);

	for (i = 0; i < view_n_lines(v); i++) {
		const struct view_line *l = view_line(v, i);
		unsigned j;

		FUZZ_CHECK(l != NULL);
		FUZZ_CHECK(l->para >= -1 && l->para < (int)d->n_paras);
		FUZZ_CHECK(l->footnote >= -1 && l->footnote < (int)d->n_footnotes);
		FUZZ_CHECK(l->text_off <= l->text_end && l->text_end <= tlen);
		for (j = 0; j < l->n_segs; j++) {
			const struct view_seg *s = view_line_seg(v, l, j);

			FUZZ_CHECK(s->text >= text && s->text + s->len <= text + tlen);
			FUZZ_CHECK(no_controls(s->text, s->len));
		}
	}
	view_rewrap(v, width * 2 + 1);
	view_free(v);
	o = view_outline_build(d);
	for (i = 0; i < o->n; i++) {
		FUZZ_CHECK(o->entries[i].label != NULL);
		FUZZ_CHECK(no_controls(o->entries[i].label, strlen(o->entries[i].label)));
		FUZZ_CHECK(o->entries[i].end > (int)i && (size_t)o->entries[i].end <= o->n);
	}
	view_outline_fold_depth(o, 1);
	view_outline_free(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct doc_set set = { 0 };
	/* The program never hands the parser NUL bytes (parse_file and the
	 * library refuse binary files): check memory safety only then. */
	bool strict = !memchr(data, '\0', size);
	size_t n, i;

	if (!devnull) {
		setlocale(LC_CTYPE, "C.UTF-8");
		devnull = fopen("/dev/null", "w");
		if (!devnull)
			abort();
	}
	n = parse_buffer((const char *)data, size, "fuzz.txt", &set);
	FUZZ_CHECK(n == set.n);
	for (i = 0; i < set.n; i++)
		check_doc(set.docs[i], strict);
	if (strict) {
		json_write_docs(devnull, &set);
		for (i = 0; i < set.n; i++) {
			textout_plain(devnull, set.docs[i], 60);
			textout_outline(devnull, set.docs[i], "fuzz.txt");
			check_view(set.docs[i], 30);
		}
	}
	doc_set_free(&set);
	return 0;
}
