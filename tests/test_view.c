/* test_view.c: display lines (wrapping, indents, markers, references,
 * links, line maps, parts), the outline model and search. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
#include "search.h"
#include "view.h"

/* ---- helpers ------------------------------------------------------------ */

static int add_para(struct doc *d, enum doc_para_kind k, enum doc_part part, const char *id,
		    const char *number, const char *lead, const char *text, int parent,
		    int annex)
{
	struct doc_para p = {
		.kind = k, .part = part, .id = id, .number = number, .lead = lead,
		.text = text, .text_len = strlen(text), .lead_len = lead ? strlen(lead) : 0,
		.parent = parent, .annex = annex,
	};

	return doc_add_para(d, &p);
}

static int plain(struct doc *d, const char *text)
{
	return add_para(d, DOC_PARA_PLAIN, DOC_PART_OTHER, "p", NULL, NULL, text, -1, -1);
}

static int add_fn(struct doc *d, const char *number, const char *text, int para, size_t off)
{
	struct doc_footnote f = { .id = "fn", .number = number, .text = text, .para = para,
				  .offset = off };

	return doc_add_footnote(d, &f);
}

static int add_ref(struct doc *d, int para, int fn, const char *in, const char *what)
{
	const char *text = para >= 0 ? d->paras[para].text : d->footnotes[fn].text;
	const char *at = strstr(text, what);
	struct doc_ref r = { .kind = DOC_REF_GA_RESOLUTION, .para = para, .footnote = fn,
			     .target = "A/RES/58/178", .url = "https://undocs.org/A/RES/58/178" };

	(void)in;
	assert_non_null(at);
	r.start = (size_t)(at - text);
	r.len = strlen(what);
	return doc_add_ref(d, &r);
}

/* Line i as it would look on screen: segments placed at their columns. */
static char *render(const struct view *v, size_t i)
{
	const struct view_line *l = view_line(v, i);
	char *out = calloc(1, 4096);
	size_t len = 0;
	int col = 0;

	assert_non_null(l);
	for (unsigned j = 0; j < l->n_segs; j++) {
		const struct view_seg *s = view_line_seg(v, l, j);

		assert_true(s->col >= col); /* never overlapping */
		while (col < s->col) {
			out[len++] = ' ';
			col++;
		}
		assert_true(len + s->len < 4000);
		memcpy(out + len, s->text, s->len);
		len += s->len;
		col += s->width;
	}
	assert_int_equal(col, l->width);
	return out;
}

static void assert_line(const struct view *v, size_t i, const char *want)
{
	char *got = render(v, i);

	assert_string_equal(got, want);
	free(got);
}

/* Every line of v: segments valid UTF-8, widths counted, no control
 * characters, lines within the width (a lone over-wide character
 * excepted). */
static void check_lines(const struct view *v)
{
	for (size_t i = 0; i < view_n_lines(v); i++) {
		const struct view_line *l = view_line(v, i);
		int wsum = 0;

		for (unsigned j = 0; j < l->n_segs; j++) {
			const struct view_seg *s = view_line_seg(v, l, j);

			assert_int_equal(util_utf8_valid_prefix(s->text, s->len), s->len);
			assert_true(s->len > 0);
			for (unsigned k = 0; k < s->len; k++) {
				unsigned char c = (unsigned char)s->text[k];

				assert_true(c >= 0x20 && c != 0x7f);
			}
			assert_int_equal(s->width, view_text_width(s->text, s->len));
			assert_true(s->role < VIEW_ROLE_COUNT);
			wsum += s->width;
		}
		if (l->width > v->width) {
			/* only one character (or control made visible) wider than the view */
			if (l->n_segs != 1) {
				for (unsigned j = 0; j < l->n_segs; j++)
					fprintf(stderr, "w=%d col %d width %d '%.*s'\n",
						v->width, view_line_seg(v, l, j)->col,
						view_line_seg(v, l, j)->width,
						(int)view_line_seg(v, l, j)->len,
						view_line_seg(v, l, j)->text);
			}
			assert_int_equal(l->n_segs, 1);
			if (view_line_seg(v, l, 0)->role == VIEW_ROLE_CONTROL)
				assert_true(view_line_seg(v, l, 0)->width <= 4);
			else
				assert_true(view_line_seg(v, l, 0)->width <= 2);
		}
		assert_true(wsum <= l->width);
	}
}

static int find_line(const struct view *v, const char *needle)
{
	for (size_t i = 0; i < view_n_lines(v); i++) {
		char *r = render(v, i);
		bool hit = strstr(r, needle) != NULL;

		free(r);
		if (hit)
			return (int)i;
	}
	return -1;
}

/* ---- wrapping ------------------------------------------------------------- */

static void test_wrap_plain_text(void **state)
{
	struct doc *d = doc_new();
	struct view *v;

	(void)state;
	plain(d, "aaa bbb ccc");
	plain(d, "abcdefghijkl xy");
	v = view_build(d, 7);
	check_lines(v);
	assert_int_equal(view_n_lines(v), 6); /* 2 + blank + 3 */
	assert_line(v, 0, "aaa bbb");
	assert_line(v, 1, "ccc");
	assert_line(v, 2, "");
	assert_line(v, 3, "abcdefg"); /* a word longer than the width is cut */
	assert_line(v, 4, "hijkl");
	assert_line(v, 5, "xy");
	assert_int_equal(view_line(v, 4)->width, 5);
	view_rewrap(v, 5);
	check_lines(v);
	assert_line(v, 0, "aaa");
	assert_line(v, 1, "bbb");
	assert_line(v, 2, "ccc");
	assert_line(v, 4, "abcde");
	assert_line(v, 5, "fghij");
	assert_line(v, 6, "kl xy");
	/* width 1: one character per line, no empty line inside a paragraph */
	view_rewrap(v, 1);
	check_lines(v);
	assert_line(v, 0, "a");
	assert_line(v, 3, "b");
	for (size_t i = 0; i < 9; i++)
		assert_int_equal(view_line(v, i)->n_segs, 1);
	/* widths below 1 are 1 */
	view_rewrap(v, -5);
	assert_int_equal(v->width, 1);
	view_free(v);
	doc_free(d);
}

static void test_wrap_cjk_combining(void **state)
{
	struct doc *d = doc_new();
	struct view *v;

	(void)state;
	/* 8 CJK characters, two columns each */
	plain(d, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE"
		 "\xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9\xE3\x83\x88");
	/* e + COMBINING ACUTE, six times: six columns */
	plain(d, "e\xCC\x81"
		 "e\xCC\x81"
		 "e\xCC\x81"
		 "e\xCC\x81"
		 "e\xCC\x81"
		 "e\xCC\x81");
	v = view_build(d, 5);
	check_lines(v);
	assert_int_equal(view_line(v, 0)->width, 4);
	assert_line(v, 0, "\xE6\x97\xA5\xE6\x9C\xAC");
	assert_line(v, 3, "\xE3\x82\xB9\xE3\x83\x88");
	/* the marks stay on their base: 5 columns, then 1 */
	assert_line(v, 5, "e\xCC\x81"
			  "e\xCC\x81"
			  "e\xCC\x81"
			  "e\xCC\x81"
			  "e\xCC\x81");
	assert_int_equal(view_line(v, 5)->width, 5);
	assert_line(v, 6, "e\xCC\x81");
	view_rewrap(v, 3);
	check_lines(v);
	assert_int_equal(view_line(v, 0)->width, 2); /* a wide character never splits */
	view_rewrap(v, 1);
	check_lines(v); /* one over-wide character per line */
	assert_int_equal(view_line(v, 0)->width, 2);
	assert_int_equal(view_text_width("\xE6\x97\xA5x", 4), 3);
	assert_int_equal(view_text_width("e\xCC\x81", 3), 1);
	view_free(v);
	doc_free(d);
}

static void test_wrap_controls(void **state)
{
	struct doc *d = doc_new();
	struct view *v;
	const struct view_line *l;
	int roles[8], n = 0;

	(void)state;
	plain(d, "a\x1b[31mred\tx\xC2\x9B\xFFz");
	v = view_build(d, 80);
	check_lines(v);
	assert_line(v, 0, "a^[[31mred x<9B><FF>z");
	l = view_line(v, 0);
	assert_int_equal(l->width, 21);
	for (unsigned j = 0; j < l->n_segs && n < 8; j++)
		roles[n++] = view_line_seg(v, l, j)->role;
	assert_int_equal(n, 6);
	assert_int_equal(roles[0], VIEW_ROLE_TEXT);
	assert_int_equal(roles[1], VIEW_ROLE_CONTROL);
	assert_int_equal(roles[3], VIEW_ROLE_CONTROL);
	assert_int_equal(roles[4], VIEW_ROLE_CONTROL);
	assert_int_equal(view_text_width("a\x1b[31m", 6), 7);
	/* a control sequence is never split by a wrap */
	view_rewrap(v, 2);
	check_lines(v);
	assert_line(v, 0, "a");
	assert_line(v, 1, "^[");
	view_free(v);
	doc_free(d);
}

/* Random mixed text at every width: the invariants hold and no text is
 * lost (the lines' bytes plus dropped spaces give the text back). */
static void test_wrap_fuzz(void **state)
{
	static const char *const pieces[] = { "word", " ", "  ", "\xE6\x97\xA5", "e\xCC\x81",
					      "\x1b", "\xC2\xA0", "longerwordthanmost", "-",
					      "\xF0\x9F\x98\x80", "\xFF" };
	struct util_buf b = { 0 };
	unsigned seed = 12345;
	struct doc *d = doc_new();
	struct view *v;

	(void)state;
	for (int i = 0; i < 400; i++) {
		seed = seed * 1103515245u + 12345u;
		util_buf_puts(&b, pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))]);
	}
	plain(d, util_arena_strdup(&d->arena, b.data));
	v = view_build(d, 80);
	for (int w = 1; w <= 60; w++) {
		struct util_buf got = { 0 };
		struct util_buf want = { 0 };
		size_t len;
		const char *t = view_text(v, &len);

		view_rewrap(v, w);
		check_lines(v);
		for (size_t i = 0; i < view_n_lines(v); i++) {
			const struct view_line *l = view_line(v, i);

			for (unsigned j = 0; j < l->n_segs; j++)
				util_buf_append(&got, view_line_seg(v, l, j)->text,
						view_line_seg(v, l, j)->len);
		}
		for (size_t i = 0; i < len; i++)
			if (t[i] != ' ' && t[i] != '\n')
				util_buf_putc(&want, t[i]);
		{
			size_t k = 0;

			for (size_t i = 0; i < got.len; i++)
				if (got.data[i] != ' ')
					got.data[k++] = got.data[i];
			got.len = k;
		}
		assert_int_equal(got.len, want.len);
		assert_memory_equal(got.data, want.data, want.len);
		util_buf_free(&got);
		util_buf_free(&want);
	}
	view_free(v);
	doc_free(d);
	util_buf_free(&b);
}

/* Random documents (any bytes, markers and references anywhere, nested
 * paragraphs) at random widths: the line invariants hold, every link is
 * placed and links stay in display order. */
static void test_random_docs(void **state)
{
	unsigned seed = 777;

	(void)state;
	for (int round = 0; round < 60; round++) {
		struct doc *d = doc_new();
		struct view *v;
		struct view_outline *o;
		int np = 1 + round % 9;

		for (int i = 0; i < np; i++) {
			size_t len = (seed >> 8) % 120;
			char *t = util_arena_alloc(&d->arena, len + 1);
			struct doc_para p = { 0 };

			for (size_t k = 0; k < len; k++) {
				seed = seed * 1103515245u + 12345u;
				t[k] = (seed >> 16) % 4 ? (char)('a' + (seed >> 20) % 26) :
							  (char)((seed >> 20) & 0xff);
				if (t[k] == 0)
					t[k] = ' ';
			}
			t[len] = 0;
			p.kind = (enum doc_para_kind)((seed >> 12) % 7);
			p.part = (enum doc_part)((seed >> 14) % 4);
			p.text = t;
			p.text_len = len;
			p.number = (seed >> 9) % 3 ? "(iv)" : NULL;
			p.lead_len = len ? (seed >> 10) % len : 0;
			p.lead = p.lead_len ? t : NULL;
			p.parent = i > 0 && (seed >> 11) % 2 ? i - 1 : -1;
			p.annex = -1;
			doc_add_para(d, &p);
			seed = seed * 1103515245u + 12345u;
			for (int k = 0; k < 3; k++) {
				struct doc_ref r = { .para = i, .footnote = -1,
						     .start = (seed >> (k + 3)) % (len + 3),
						     .len = (seed >> (k + 7)) % 30 };
				struct doc_footnote f = { .number = "9", .text = t,
							  .para = (seed >> 5) % 2 ? i : -1,
							  .offset = (seed >> (k + 9)) %
								    (len + 5) };

				doc_add_ref(d, &r);
				doc_add_footnote(d, &f);
			}
		}
		v = view_build(d, 80);
		o = view_outline_build(d);
		for (int w = 1; w < 50; w += 1 + round % 5) {
			size_t n;
			const struct view_link *lk;

			view_rewrap(v, w);
			check_lines(v);
			lk = view_links(v, &n);
			for (size_t i = 0; i < n; i++) {
				assert_true(lk[i].line >= 0);
				assert_true(lk[i].end_line >= lk[i].line);
				if (i > 0)
					assert_true(lk[i - 1].line < lk[i].line ||
						    (lk[i - 1].line == lk[i].line &&
						     lk[i - 1].col < lk[i].col));
			}
			for (size_t p = 0; p < d->n_paras; p++)
				assert_true(view_line_of_para(v, (int)p) >= 0);
		}
		for (size_t i = 0; i < o->n; i++)
			assert_true(o->entries[i].end > (int)i &&
				    (size_t)o->entries[i].end <= o->n);
		view_outline_free(o);
		view_free(v);
		doc_free(d);
	}
}

/* ---- a resolution --------------------------------------------------------- */

struct res {
	struct doc *d;
	int pp1, pp2, op1, op1a, op1b, op2, an1, an2;
};

static void build_res(struct res *r)
{
	struct doc *d = doc_new();
	struct doc_annex a = { .id = "annex1", .label = "Annex I", .title = "Principles",
			       .first_para = 0 };

	r->d = d;
	d->symbol = "A/RES/58/178";
	d->body_name = "General Assembly";
	d->adopted = "2003-12-22";
	d->title = "Action against corruption";
	d->is_resolution = true;
	r->pp1 = add_para(d, DOC_PARA_PREAMBULAR, DOC_PART_PREAMBLE, "pp1", NULL, "Recalling",
			  "Recalling its resolution 55/61 of 4 December 2000,", -1, -1);
	r->pp2 = add_para(d, DOC_PARA_PREAMBULAR, DOC_PART_PREAMBLE, "pp2", NULL,
			  "Noting with concern",
			  "Noting with concern the seriousness of problems posed by corruption,",
			  -1, -1);
	r->op1 = add_para(d, DOC_PARA_OPERATIVE, DOC_PART_OPERATIVE, "op1", "1", "Calls upon",
			  "Calls upon all States parties to the Convention, and to:", -1, -1);
	r->op1a = add_para(d, DOC_PARA_SUBPARAGRAPH, DOC_PART_OPERATIVE, "op1.a", "(a)", NULL,
			   "ratify the Convention as soon as possible, consistent with "
			   "resolution 58/4;", r->op1, -1);
	r->op1b = add_para(d, DOC_PARA_SUBPARAGRAPH, DOC_PART_OPERATIVE, "op1.b", "(b)", NULL,
			   "cooperate;", r->op1, -1);
	r->op2 = add_para(d, DOC_PARA_OPERATIVE, DOC_PART_OPERATIVE, "op2", "2", "Decides",
			  "Decides to remain seized of the matter.", -1, -1);
	a.first_para = (int)d->n_paras;
	a.n_paras = 2;
	doc_add_annex(d, &a);
	r->an1 = add_para(d, DOC_PARA_NUMBERED, DOC_PART_ANNEX, "annex1.p1", "1", NULL,
			  "The principles are these.", -1, 0);
	r->an2 = add_para(d, DOC_PARA_NUMBERED, DOC_PART_ANNEX, "annex1.p2", "2", NULL,
			  "They apply.", -1, 0);
	/* "Convention" ends at byte 47 of op1 */
	add_fn(d, "1", "United Nations, Treaty Series, vol. 2349.", r->op1,
	       strlen("Calls upon all States parties to the Convention"));
	add_fn(d, "2", "See resolution 55/61, annex.", r->pp1,
	       strlen("Recalling its resolution 55/61 of 4 December 2000,"));
	add_ref(d, r->pp1, -1, "", "resolution 55/61");
	add_ref(d, r->op1a, -1, "", "resolution 58/4");
	add_ref(d, -1, 1, "", "resolution 55/61");
}

static void test_header_and_indents(void **state)
{
	struct res r;
	struct view *v;
	const struct view_line *l;
	int op1, a;

	(void)state;
	build_res(&r);
	v = view_build(r.d, 40);
	check_lines(v);
	assert_line(v, 0, "A/RES/58/178");
	assert_int_equal(view_line_seg(v, view_line(v, 0), 0)->role, VIEW_ROLE_SYMBOL);
	assert_line(v, 1, "General Assembly");
	assert_int_equal(view_line_seg(v, view_line(v, 1), 0)->role, VIEW_ROLE_BODY);
	assert_line(v, 2, "Adopted 2003-12-22");
	assert_int_equal(view_line_seg(v, view_line(v, 2), 0)->role, VIEW_ROLE_DATE);
	assert_line(v, 3, "");
	assert_line(v, 4, "Action against corruption");
	assert_int_equal(view_line_seg(v, view_line(v, 4), 0)->role, VIEW_ROLE_TITLE);
	assert_int_equal(view_line(v, 0)->part, VIEW_PART_HEADER);
	assert_int_equal(view_part_start(v, VIEW_PART_HEADER), 0);

	/* preambular: lead segment, text column 4, continuation at 4 */
	l = view_line(v, (size_t)view_line_of_para(v, r.pp1));
	assert_int_equal(view_line_seg(v, l, 0)->role, VIEW_ROLE_LEAD);
	assert_int_equal(view_line_seg(v, l, 0)->col, 4);
	assert_line(v, (size_t)view_line_of_para(v, r.pp1),
		    "    Recalling its resolution 55/61 of 4");
	assert_line(v, (size_t)view_line_of_para(v, r.pp1) + 1, "    December 2000,[2]");

	/* operative: "1." hangs in column 0, text at 4 */
	op1 = view_line_of_para(v, r.op1);
	l = view_line(v, (size_t)op1);
	assert_true(l->para_start);
	assert_int_equal(view_line_seg(v, l, 0)->role, VIEW_ROLE_NUMBER);
	assert_int_equal(view_line_seg(v, l, 0)->col, 0);
	assert_int_equal(view_line_seg(v, l, 1)->role, VIEW_ROLE_LEAD);
	assert_line(v, (size_t)op1, "1.  Calls upon all States parties to the");
	assert_line(v, (size_t)op1 + 1, "    Convention[1], and to:");
	assert_false(view_line(v, (size_t)op1 + 1)->para_start);
	assert_int_equal(view_line(v, (size_t)op1 + 1)->para, r.op1);

	/* sub-paragraph: "(a)" at 4, text at 9, continuation at 9 */
	a = view_line_of_para(v, r.op1a);
	assert_line(v, (size_t)a, "    (a)  ratify the Convention as soon");
	assert_line(v, (size_t)a + 1, "         as possible, consistent with");
	assert_line(v, (size_t)a + 2, "         resolution 58/4;");
	assert_int_equal(view_line(v, (size_t)a)->part, VIEW_PART_OPERATIVE);

	/* annex label and title */
	a = find_line(v, "Annex I");
	assert_true(a > 0);
	assert_int_equal(view_line_seg(v, view_line(v, (size_t)a), 0)->role,
			 VIEW_ROLE_ANNEX_TITLE);
	assert_line(v, (size_t)a + 1, "Principles");
	assert_line(v, (size_t)a + 3, "1.  The principles are these.");
	assert_int_equal(view_line(v, (size_t)a)->part, VIEW_PART_ANNEX);
	assert_int_equal(view_line(v, (size_t)a)->annex, 0);

	/* footnotes part */
	a = view_part_start(v, VIEW_PART_FOOTNOTES);
	assert_line(v, (size_t)a, "Footnotes");
	assert_int_equal(view_line_seg(v, view_line(v, (size_t)a), 0)->role, VIEW_ROLE_RULE);
	assert_line(v, (size_t)a + 1, "1  United Nations, Treaty Series, vol.");
	assert_line(v, (size_t)a + 2, "   2349.");
	assert_int_equal(view_line_of_footnote(v, 0), a + 1);
	assert_int_equal(view_line_of_footnote(v, 1), a + 3);
	assert_int_equal(view_line_seg(v, view_line(v, (size_t)a + 1), 0)->role,
			 VIEW_ROLE_FOOTNOTE_NUMBER);
	assert_int_equal(view_line_seg(v, view_line(v, (size_t)a + 1), 1)->role,
			 VIEW_ROLE_FOOTNOTE_TEXT);
	assert_int_equal(view_line(v, (size_t)a + 1)->footnote, 0);
	assert_int_equal(view_line(v, (size_t)a + 1)->part, VIEW_PART_FOOTNOTES);

	/* narrow: no indents, numbers inline */
	view_rewrap(v, 12);
	check_lines(v);
	assert_line(v, (size_t)view_line_of_para(v, r.op1), "1. Calls");
	view_free(v);
	doc_free(r.d);
}

static void test_markers_and_links(void **state)
{
	struct res r;
	struct view *v;
	size_t n;
	const struct view_link *lk;
	int op1;
	const struct view_line *l;
	bool seen = false;

	(void)state;
	build_res(&r);
	v = view_build(r.d, 80);
	check_lines(v);
	/* marker exactly at the offset, right after "Convention" */
	op1 = view_line_of_para(v, r.op1);
	assert_line(v, (size_t)op1,
		    "1.  Calls upon all States parties to the Convention[1], and to:");
	l = view_line(v, (size_t)op1);
	for (unsigned j = 0; j < l->n_segs; j++) {
		const struct view_seg *s = view_line_seg(v, l, j);

		if (s->role == VIEW_ROLE_MARKER) {
			assert_int_equal(s->len, 3);
			assert_memory_equal(s->text, "[1]", 3);
			assert_int_equal(s->col, 51);
			assert_true(s->link >= 0);
			seen = true;
		}
	}
	assert_true(seen);

	/* links in document order: pp1 ref, pp1 marker [2], op1 marker [1],
	 * op1.a ref, then the ref in footnote 2's text */
	lk = view_links(v, &n);
	assert_int_equal(n, 5);
	assert_int_equal(lk[0].kind, VIEW_LINK_REF);
	assert_int_equal(lk[0].index, 0);
	assert_int_equal(lk[1].kind, VIEW_LINK_FOOTNOTE);
	assert_int_equal(lk[1].index, 1);
	assert_int_equal(lk[2].kind, VIEW_LINK_FOOTNOTE);
	assert_int_equal(lk[2].index, 0);
	assert_int_equal(lk[3].kind, VIEW_LINK_REF);
	assert_int_equal(lk[3].index, 1);
	assert_int_equal(lk[4].kind, VIEW_LINK_REF);
	assert_int_equal(lk[4].index, 2);
	assert_true(lk[4].line > view_part_start(v, VIEW_PART_FOOTNOTES));
	for (size_t i = 1; i < n; i++)
		assert_true(lk[i - 1].line < lk[i].line ||
			    (lk[i - 1].line == lk[i].line && lk[i - 1].col < lk[i].col));
	/* the ref's position and width: "resolution 55/61" after "Recalling its " */
	assert_int_equal(lk[0].line, view_line_of_para(v, r.pp1));
	assert_int_equal(lk[0].col, 4 + 14);
	assert_int_equal(lk[0].width, 16);
	assert_int_equal(lk[2].line, op1);
	assert_int_equal(lk[2].col, 51);
	assert_int_equal(lk[2].width, 3);
	/* Tab / S-Tab */
	assert_int_equal(view_link_find(v, 0, 0, true), 0);
	assert_int_equal(view_link_find(v, lk[0].line, lk[0].col + 1, true), 1);
	assert_int_equal(view_link_find(v, op1, 51, true), 2);
	assert_int_equal(view_link_find(v, op1, 51, false), 1);
	assert_int_equal(view_link_find(v, 0, 0, false), -1);
	assert_int_equal(view_link_find(v, 100000, 0, true), -1);
	assert_int_equal(view_link_find(v, 100000, 0, false), 4);
	/* mouse */
	assert_int_equal(view_link_at(v, op1, 52), 2);
	assert_int_equal(view_link_at(v, op1, 50), -1);
	assert_int_equal(view_link_at(v, lk[0].line, lk[0].col + 15), 0);
	assert_int_equal(view_link_at(v, -3, 0), -1);

	/* a reference wrapped over two lines: both pieces carry the link */
	view_rewrap(v, 30);
	check_lines(v);
	lk = view_links(v, &n);
	assert_int_equal(lk[0].end_line, lk[0].line + 1);
	{
		int pieces = 0, w = 0;

		for (int li = lk[0].line; li <= lk[0].end_line; li++) {
			l = view_line(v, (size_t)li);
			for (unsigned j = 0; j < l->n_segs; j++)
				if (view_line_seg(v, l, j)->link == 0) {
					pieces++;
					w += view_line_seg(v, l, j)->width;
					assert_int_equal(view_line_seg(v, l, j)->role,
							 VIEW_ROLE_REFERENCE);
				}
		}
		assert_int_equal(pieces, 2);
		assert_int_equal(w, 15); /* the space at the break is dropped */
	}
	view_free(v);
	doc_free(r.d);
}

static void test_marker_edges(void **state)
{
	struct doc *d = doc_new();
	struct view *v;
	int p;

	(void)state;
	p = plain(d, "alpha beta");
	add_fn(d, "7", "x", p, 0);     /* at the very start */
	add_fn(d, "8", "y", p, 10);    /* at the very end */
	add_fn(d, "9", "z", p, 999);   /* past the end: clamped to the end */
	add_fn(d, NULL, "w", p, 5);    /* no number: its index + 1 */
	add_fn(d, "\x1b", "v", -1, 0); /* no marker, but listed */
	v = view_build(d, 80);
	check_lines(v);
	assert_line(v, 0, "[7]alpha[4] beta[8][9]");
	assert_line(v, 2, "Footnotes");
	assert_line(v, 7, "^[  v");
	view_free(v);
	doc_free(d);
}

static void test_ref_and_marker_inside(void **state)
{
	struct doc *d = doc_new();
	struct view *v;
	size_t n;
	const struct view_link *lk;
	const struct view_line *l;
	int p;

	(void)state;
	p = plain(d, "see resolution 58/178 now");
	add_ref(d, p, -1, "", "resolution 58/178");
	add_fn(d, "1", "x", p, strlen("see resolution"));
	v = view_build(d, 80);
	assert_line(v, 0, "see resolution[1] 58/178 now");
	lk = view_links(v, &n);
	assert_int_equal(n, 2);
	assert_int_equal(lk[0].kind, VIEW_LINK_REF);
	assert_int_equal(lk[0].col, 4);
	assert_int_equal(lk[0].width, 10); /* first piece, up to the marker */
	assert_int_equal(lk[1].kind, VIEW_LINK_FOOTNOTE);
	l = view_line(v, 0);
	assert_int_equal(view_line_seg(v, l, 1)->role, VIEW_ROLE_REFERENCE);
	assert_int_equal(view_line_seg(v, l, 2)->role, VIEW_ROLE_MARKER);
	assert_int_equal(view_line_seg(v, l, 3)->role, VIEW_ROLE_REFERENCE);
	assert_int_equal(view_line_seg(v, l, 3)->link, 0);
	view_free(v);
	doc_free(d);
}

static void test_maps_and_parts(void **state)
{
	struct res r;
	struct view *v;
	int line, prev;

	(void)state;
	build_res(&r);
	v = view_build(r.d, 40);
	for (size_t p = 0; p < r.d->n_paras; p++) {
		line = view_line_of_para(v, (int)p);
		assert_true(line >= 0);
		assert_int_equal(view_para_at_line(v, line), (int)p);
		assert_true(view_line(v, (size_t)line)->para_start);
		if (p > 0)
			assert_true(line > view_line_of_para(v, (int)p - 1));
	}
	assert_int_equal(view_line_of_para(v, -1), -1);
	assert_int_equal(view_line_of_para(v, 99), -1);
	assert_int_equal(view_para_at_line(v, -1), -1);
	assert_int_equal(view_para_at_line(v, 0), 0); /* header: the first paragraph */
	/* a blank line belongs to the paragraph above */
	line = view_line_of_para(v, r.op1);
	assert_int_equal(view_line(v, (size_t)line - 1)->n_segs, 0);
	assert_int_equal(view_para_at_line(v, line - 1), r.pp2);
	/* ] and [ */
	assert_int_equal(view_next_para_line(v, line), view_line_of_para(v, r.op1a));
	assert_int_equal(view_prev_para_line(v, line), view_line_of_para(v, r.pp2));
	assert_int_equal(view_prev_para_line(v, line + 1), line);
	assert_int_equal(view_next_para_line(v, view_line_of_footnote(v, 1)), -1);
	assert_int_equal(view_prev_para_line(v, 0), -1);
	/* } walks header -> preamble -> operative -> annex -> footnotes */
	assert_int_equal(view_part_start(v, VIEW_PART_PREAMBLE), view_line_of_para(v, r.pp1));
	assert_int_equal(view_part_start(v, VIEW_PART_OPERATIVE), view_line_of_para(v, r.op1));
	assert_int_equal(view_part_start(v, VIEW_PART_OTHER), -1);
	line = view_next_part(v, 0);
	assert_int_equal(line, view_part_start(v, VIEW_PART_PREAMBLE));
	line = view_next_part(v, line);
	assert_int_equal(line, view_part_start(v, VIEW_PART_OPERATIVE));
	line = view_next_part(v, line);
	assert_int_equal(line, view_part_start(v, VIEW_PART_ANNEX));
	assert_line(v, (size_t)line, "Annex I");
	line = view_next_part(v, line);
	assert_int_equal(line, view_part_start(v, VIEW_PART_FOOTNOTES));
	assert_int_equal(view_next_part(v, line), -1);
	/* { from inside a part goes to its start, from the start to the one before */
	prev = view_prev_part(v, view_line_of_para(v, r.op2));
	assert_int_equal(prev, view_part_start(v, VIEW_PART_OPERATIVE));
	assert_int_equal(view_prev_part(v, prev), view_part_start(v, VIEW_PART_PREAMBLE));
	assert_int_equal(view_prev_part(v, 0), -1);
	assert_int_equal(view_part_at_line(v, view_line_of_para(v, r.an2)), VIEW_PART_ANNEX);
	assert_int_equal(view_part_at_line(v, -1), VIEW_PART_HEADER);
	/* the same at another width */
	view_rewrap(v, 17);
	for (size_t p = 0; p < r.d->n_paras; p++)
		assert_int_equal(view_para_at_line(v, view_line_of_para(v, (int)p)), (int)p);
	view_free(v);
	doc_free(r.d);
}

static void test_rewrap_equals_build(void **state)
{
	struct res r;
	struct view *a, *b;

	(void)state;
	build_res(&r);
	a = view_build(r.d, 80);
	for (int w = 1; w < 90; w += 7) {
		view_rewrap(a, w);
		b = view_build(r.d, w);
		check_lines(a);
		assert_int_equal(view_n_lines(a), view_n_lines(b));
		for (size_t i = 0; i < view_n_lines(a); i++) {
			char *x = render(a, i), *y = render(b, i);

			assert_string_equal(x, y);
			free(x);
			free(y);
		}
		view_free(b);
	}
	view_free(a);
	doc_free(r.d);
}

static void test_empty_doc(void **state)
{
	struct doc *d = doc_new();
	struct view *v = view_build(d, 80);
	struct view_outline *o = view_outline_build(d);
	struct search_result sr = { 0 };
	size_t n;

	(void)state;
	assert_int_equal(view_n_lines(v), 0);
	assert_null(view_line(v, 0));
	assert_int_equal(view_para_at_line(v, 0), -1);
	assert_int_equal(view_next_part(v, 0), -1);
	view_links(v, &n);
	assert_int_equal(n, 0);
	assert_int_equal(search_view(v, "x", &sr), 0);
	assert_int_equal(search_next(&sr, 0, 0, true, NULL), -1);
	assert_int_equal(o->n, 0);
	assert_int_equal(view_outline_n_visible(o), 0);
	assert_int_equal(view_outline_nth_visible(o, 0), -1);
	search_result_free(&sr);
	view_outline_free(o);
	view_free(v);
	doc_free(d);
}

static int count_lines(const char *line, size_t len, int width, void *user)
{
	(void)line;
	(void)len;
	(void)width;
	return ++*(int *)user;
}

static void wrap_cb(const char *line, size_t len, int width, void *user)
{
	assert_true(width <= 10);
	assert_int_equal(view_text_width(line, len), width);
	count_lines(line, len, width, user);
}

static void test_wrap_plain_popup(void **state)
{
	int n = 0;

	(void)state;
	assert_int_equal(view_wrap_plain("one two three four five\x1b six", 28, 10, wrap_cb, &n),
			 3);
	assert_int_equal(n, 3);
	n = 0;
	assert_int_equal(view_wrap_plain("", 0, 10, wrap_cb, &n), 0);
}

/* ---- outline ------------------------------------------------------------ */

static void test_outline(void **state)
{
	struct res r;
	struct view_outline *o;
	struct view *v;
	int e_op1, e_op1a, e_pre, e_ops, e_annex;

	(void)state;
	build_res(&r);
	o = view_outline_build(r.d);
	v = view_build(r.d, 60);
	/* Preamble, pp1, pp2, Operative part, op1, (a), (b), op2, Annex I, 1., 2., Footnotes */
	assert_int_equal(o->n, 12);
	e_pre = 0;
	assert_int_equal(o->entries[0].kind, VIEW_OUTLINE_PART);
	assert_string_equal(o->entries[0].label, "Preamble");
	assert_string_equal(o->entries[1].label, "pp1 Recalling");
	assert_string_equal(o->entries[2].label, "pp2 Noting with concern");
	assert_int_equal(o->entries[1].depth, 1);
	e_ops = 3;
	assert_string_equal(o->entries[e_ops].label, "Operative part");
	e_op1 = view_outline_entry_for_para(o, r.op1);
	assert_int_equal(e_op1, 4);
	assert_string_equal(o->entries[e_op1].label, "1. Calls upon");
	e_op1a = view_outline_entry_for_para(o, r.op1a);
	assert_int_equal(o->entries[e_op1a].depth, 2);
	assert_int_equal(o->entries[e_op1a].parent, e_op1);
	assert_true(strncmp(o->entries[e_op1a].label, "(a) ratify the Convention", 25) == 0);
	assert_true(strlen(o->entries[e_op1a].label) <= 40 + 2);
	e_annex = 8;
	assert_int_equal(o->entries[e_annex].kind, VIEW_OUTLINE_ANNEX);
	assert_string_equal(o->entries[e_annex].label, "Annex I  Principles");
	assert_string_equal(o->entries[9].label, "1. The principles are these.");
	assert_int_equal(o->entries[11].kind, VIEW_OUTLINE_FOOTNOTES);
	assert_true(o->entries[e_op1].foldable);
	assert_false(o->entries[e_op1a].foldable);
	assert_int_equal(o->entries[e_op1].end, 7);
	assert_int_equal(o->entries[e_ops].end, 8);
	assert_int_equal(view_outline_n_visible(o), 12);

	/* fold op1: (a) and (b) disappear, (a) is shown as op1 */
	view_outline_fold(o, (size_t)e_op1);
	assert_int_equal(view_outline_n_visible(o), 10);
	assert_int_equal(view_outline_entry_for_para(o, r.op1a), e_op1);
	assert_int_equal(view_outline_next_visible(o, e_op1), 7);
	assert_int_equal(view_outline_prev_visible(o, 7), e_op1);
	assert_int_equal(view_outline_visible_index(o, 7), 5);
	assert_int_equal(view_outline_visible_index(o, e_op1a), -1);
	assert_int_equal(view_outline_nth_visible(o, 5), 7);
	/* folding a leaf does nothing */
	view_outline_fold(o, (size_t)e_op1a);
	assert_false(o->entries[e_op1a].folded);
	/* fold the whole operative part: op1's fold is kept inside */
	view_outline_fold(o, (size_t)e_ops);
	assert_int_equal(view_outline_n_visible(o), 8);
	assert_int_equal(view_outline_entry_for_para(o, r.op1a), e_ops);
	assert_int_equal(view_outline_entry_for_para(o, r.op2), e_ops);
	/* reveal unfolds the ancestors */
	assert_int_equal(view_outline_reveal_para(o, r.op1a), e_op1a);
	assert_int_equal(view_outline_entry_for_para(o, r.op1a), e_op1a);
	assert_int_equal(view_outline_n_visible(o), 12);
	/* toggling and fold by depth */
	view_outline_toggle(o, (size_t)e_pre);
	assert_int_equal(view_outline_n_visible(o), 10);
	view_outline_toggle(o, (size_t)e_pre);
	assert_int_equal(view_outline_n_visible(o), 12);
	view_outline_fold_depth(o, 0);
	assert_int_equal(view_outline_n_visible(o), 4);
	assert_int_equal(view_outline_nth_visible(o, 3), 11);
	view_outline_fold_depth(o, 1);
	assert_int_equal(view_outline_n_visible(o), 10);
	view_outline_fold_depth(o, -1);
	assert_int_equal(view_outline_n_visible(o), 12);
	view_outline_unfold(o, 99);
	assert_int_equal(view_outline_entry_for_para(o, 99), -1);

	/* jump targets */
	assert_int_equal(view_outline_target_line(o, v, (size_t)e_op1),
			 view_line_of_para(v, r.op1));
	assert_int_equal(view_outline_target_line(o, v, (size_t)e_ops),
			 view_line_of_para(v, r.op1));
	assert_int_equal(view_outline_target_line(o, v, (size_t)e_annex),
			 view_part_start(v, VIEW_PART_ANNEX));
	assert_int_equal(view_outline_target_line(o, v, 11),
			 view_part_start(v, VIEW_PART_FOOTNOTES));
	assert_int_equal(view_outline_target_line(o, v, 99), -1);
	view_free(v);
	view_outline_free(o);
	doc_free(r.d);
}

static void test_outline_plain(void **state)
{
	struct doc *d = doc_new();
	struct view_outline *o;

	(void)state;
	plain(d, "A very long first paragraph of plain text that goes on and on and on");
	plain(d, "Short\x1b one");
	plain(d, "Supercalifragilisticexpialidocioussupercalifragilisticexpialidocious");
	o = view_outline_build(d);
	assert_int_equal(o->n, 3);
	assert_int_equal(o->entries[0].depth, 0);
	assert_string_equal(o->entries[0].label,
			    "A very long first paragraph of plain\xE2\x80\xA6");
	assert_string_equal(o->entries[1].label, "Short^[ one");
	assert_int_equal(view_text_width(o->entries[2].label, strlen(o->entries[2].label)), 41);
	assert_false(o->entries[0].foldable);
	view_outline_free(o);
	doc_free(d);
}

/* ---- search -------------------------------------------------------------- */

static void expect_find(const char *hay, const char *needle, size_t start, size_t len)
{
	size_t s, l;

	assert_true(search_find(hay, strlen(hay), 0, needle, &s, &l));
	assert_int_equal(s, start);
	assert_int_equal(l, len);
}

static void expect_miss(const char *hay, const char *needle)
{
	size_t s, l;

	assert_false(search_find(hay, strlen(hay), 0, needle, &s, &l));
}

static void test_search_equivalences(void **state)
{
	(void)state;
	/* case */
	expect_find("the General Assembly", "general ASSEMBLY", 4, 16);
	expect_find("C\xC3\xB4te", "C\xC3\x94TE", 0, 5);        /* ô / Ô */
	expect_find("\xC3\x85land", "\xC3\xA5LAND", 0, 6);       /* Å / å */
	/* Łódź / łÓDŹ */
	expect_find("\xC5\x81\xC3\xB3" "d\xC5\xBA", "\xC5\x82\xC3\x93" "D\xC5\xB9", 0, 7);
	/* Cyrillic, Greek */
	expect_find("\xD0\x9C\xD0\x98\xD0\xA0", "\xD0\xBC\xD0\xB8\xD1\x80", 0, 6);
	expect_find("\xCE\x91\xCE\x98\xCE\x97\xCE\x9D\xCE\x91",
		    "\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1", 0, 10);
	/* hyphens and dashes */
	expect_find("non\xE2\x80\x91governmental", "non-governmental", 0, 18); /* U+2011 */
	expect_find("non\xE2\x80\x90governmental", "non-governmental", 0, 18); /* U+2010 */
	expect_find("2010\xE2\x80\x93" "2020", "2010-2020", 0, 11);            /* U+2013 */
	expect_find("2010-2020", "2010\xE2\x80\x93" "2020", 0, 9);
	expect_find("a\xE2\x80\x91" "b", "A\xE2\x80\x93" "B", 0, 5);
	expect_miss("2010\xE2\x80\x94" "2020", "2010-2020"); /* em dash is not a hyphen */
	/* spaces */
	expect_find("10\xC2\xA0" "000", "10 000", 0, 7);     /* NBSP */
	expect_find("10\xE2\x80\xAF" "000", "10 000", 0, 8); /* narrow NBSP */
	expect_find("10 000", "10\xC2\xA0" "000", 0, 6);
	/* quotes */
	expect_find("States\xE2\x80\x99 rights", "states' rights", 0, 16);
	expect_find("\xE2\x80\x98" "x" "\xE2\x80\x99", "'x'", 0, 7);
	expect_find("\xE2\x80\x9C" "Agenda 2030" "\xE2\x80\x9D", "\"agenda 2030\"", 0, 17);
	expect_find("\"agenda\"", "\xE2\x80\x9C" "Agenda" "\xE2\x80\x9D", 0, 8);
	/* misses, edges */
	expect_miss("abc", "abd");
	expect_miss("abc", "");
	expect_miss("ab", "abc");
	expect_find("xxabcabc", "ABC", 2, 3);
	{
		size_t s, l;

		assert_true(search_find("abcabc", 6, 1, "abc", &s, &l));
		assert_int_equal(s, 3);
		assert_false(search_find("abcabc", 6, 4, "abc", &s, &l));
	}
	assert_int_equal(search_fold('Q'), 'q');
	assert_int_equal(search_fold(0xC9), 0xE9);
	assert_int_equal(search_fold(0xD7), 0xD7); /* × is not a letter */
	assert_int_equal(search_fold(0x0100), 0x0101);
	assert_int_equal(search_fold(0x0101), 0x0101);
	assert_int_equal(search_fold(0x0178), 0xFF);
	assert_int_equal(search_fold(0x0401), 0x0451);
}

static void test_search_view(void **state)
{
	struct doc *d = doc_new();
	struct view *v;
	struct search_result sr = { 0 };
	bool wrapped;
	int h;

	(void)state;
	plain(d, "Human rights and human\xC2\xA0rights, and HUMAN rights.");
	plain(d, "The human");
	plain(d, "rights end here");
	v = view_build(d, 80);
	/* three in the first paragraph; none across two paragraphs */
	assert_int_equal(search_view(v, "human rights", &sr), 3);
	assert_int_equal(sr.n_hits, 3);
	assert_int_equal(sr.hits[0].line, 0);
	assert_int_equal(sr.hits[0].col, 0);
	assert_int_equal(sr.hits[0].width, 12);
	assert_int_equal(sr.hits[1].col, 17);
	assert_int_equal(sr.hits[2].col, 35);
	/* n / N with wrap-around */
	assert_int_equal(search_next(&sr, 0, 0, true, &wrapped), 1);
	assert_false(wrapped);
	assert_int_equal(search_next(&sr, 0, 35, true, &wrapped), 0);
	assert_true(wrapped);
	assert_int_equal(search_next(&sr, 0, 17, false, &wrapped), 0);
	assert_false(wrapped);
	assert_int_equal(search_next(&sr, 0, 0, false, &wrapped), 2);
	assert_true(wrapped);
	/* a match split by a wrap gives two hits of one match */
	view_rewrap(v, 20);
	assert_int_equal(search_view(v, "human rights", &sr), 3);
	assert_line(v, 0, "Human rights and");
	assert_line(v, 1, "human\xC2\xA0rights, and");
	assert_line(v, 2, "HUMAN rights.");
	view_rewrap(v, 8);
	assert_int_equal(search_view(v, "human rights", &sr), 3);
	assert_line(v, 0, "Human");
	assert_line(v, 1, "rights");
	/* Human|rights  and  human\u00A0ri|ghts,  and  HUMAN|rights. */
	assert_line(v, 3, "human\xC2\xA0ri");
	assert_int_equal(sr.n_hits, 6);
	assert_int_equal(sr.hits[0].match, 0);
	assert_int_equal(sr.hits[1].match, 0);
	assert_int_equal(sr.hits[0].line, 0);
	assert_int_equal(sr.hits[0].width, 5);
	assert_int_equal(sr.hits[1].line, 1);
	assert_int_equal(sr.hits[1].col, 0);
	assert_int_equal(sr.hits[1].width, 6);
	h = search_first_hit(&sr, 1);
	assert_true(h >= 2);
	assert_int_equal(sr.hits[h].match, 1);
	assert_int_equal(search_first_hit(&sr, 3), -1);
	/* drawing from a line starts at that line's first hit */
	assert_int_equal(search_hit_from_line(&sr, 0), 0);
	assert_int_equal(search_hit_from_line(&sr, 1), 1);
	assert_int_equal(sr.hits[search_hit_from_line(&sr, 2)].line >= 2, 1);
	assert_int_equal(search_hit_from_line(&sr, 1000), sr.n_hits);
	/* next from inside a two-line match goes to the following match */
	assert_int_equal(sr.hits[search_next(&sr, 0, 0, true, NULL)].match, 1);
	assert_int_equal(search_view(v, "nothing", &sr), 0);
	assert_int_equal(sr.n_hits, 0);
	search_result_free(&sr);
	view_free(v);
	doc_free(d);
}

static void test_search_view_positions(void **state)
{
	struct res r;
	struct view *v;
	struct search_result sr = { 0 };
	int op1;

	(void)state;
	build_res(&r);
	v = view_build(r.d, 80);
	op1 = view_line_of_para(v, r.op1);
	/* the marker is text of the view: after it, columns shift by 3 */
	assert_int_equal(search_view(v, "and to", &sr), 1);
	assert_int_equal(sr.hits[0].line, op1);
	assert_int_equal(sr.hits[0].col, 56);
	assert_int_equal(search_view(v, "convention", &sr), 2);
	assert_int_equal(sr.hits[0].col, 41);
	/* the number is searchable */
	assert_int_equal(search_view(v, "1. calls", &sr), 1);
	assert_int_equal(sr.hits[0].col, 0);
	assert_int_equal(sr.hits[0].width, 9); /* "1.  Calls" on screen */
	/* header and footnotes too */
	assert_int_equal(search_view(v, "a/res/58/178", &sr), 1);
	assert_int_equal(sr.hits[0].line, 0);
	assert_int_equal(search_view(v, "treaty series", &sr), 1);
	assert_int_equal(sr.hits[0].line, view_line_of_footnote(v, 0));
	assert_int_equal(sr.hits[0].col, 3 + 16);
	{
		int line, col;

		assert_false(view_pos_of_offset(v, (size_t)-1, &line, &col));
	}
	search_result_free(&sr);
	view_free(v);
	doc_free(r.d);
}

static void test_roles(void **state)
{
	(void)state;
	assert_string_equal(view_role_name(VIEW_ROLE_LEAD), "lead");
	assert_int_equal(view_role_find("annex-title"), VIEW_ROLE_ANNEX_TITLE);
	assert_int_equal(view_role_find("nope"), -1);
	assert_null(view_role_name(VIEW_ROLE_COUNT));
	for (int i = 0; i < VIEW_ROLE_COUNT; i++)
		assert_int_equal(view_role_find(view_role_name((enum view_role)i)), i);
	assert_string_equal(view_part_name(VIEW_PART_FOOTNOTES), "footnotes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_plain_text),
		cmocka_unit_test(test_wrap_cjk_combining),
		cmocka_unit_test(test_wrap_controls),
		cmocka_unit_test(test_wrap_fuzz),
		cmocka_unit_test(test_random_docs),
		cmocka_unit_test(test_header_and_indents),
		cmocka_unit_test(test_markers_and_links),
		cmocka_unit_test(test_marker_edges),
		cmocka_unit_test(test_ref_and_marker_inside),
		cmocka_unit_test(test_maps_and_parts),
		cmocka_unit_test(test_rewrap_equals_build),
		cmocka_unit_test(test_empty_doc),
		cmocka_unit_test(test_wrap_plain_popup),
		cmocka_unit_test(test_outline),
		cmocka_unit_test(test_outline_plain),
		cmocka_unit_test(test_search_equivalences),
		cmocka_unit_test(test_search_view),
		cmocka_unit_test(test_search_view_positions),
		cmocka_unit_test(test_roles),
	};

	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
