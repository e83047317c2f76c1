/* test_doc.c: the document model: tree links, lookups, id normalization. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"

static int add(struct doc *d, enum doc_para_kind k, const char *id, int parent, int annex)
{
	struct doc_para p = { .kind = k, .id = id, .text = id, .text_len = strlen(id),
			      .parent = parent, .annex = annex };

	return doc_add_para(d, &p);
}

static void test_tree(void **state)
{
	struct doc *d = doc_new();

	(void)state;
	int pp1 = add(d, DOC_PARA_PREAMBULAR, "pp1", -1, -1);
	int op1 = add(d, DOC_PARA_OPERATIVE, "op1", -1, -1);
	int a = add(d, DOC_PARA_SUBPARAGRAPH, "op1.a", op1, -1);
	int ai = add(d, DOC_PARA_SUBPARAGRAPH, "op1.a.i", a, -1);
	int aii = add(d, DOC_PARA_SUBPARAGRAPH, "op1.a.ii", a, -1);
	int b = add(d, DOC_PARA_SUBPARAGRAPH, "op1.b", op1, -1);
	int op2 = add(d, DOC_PARA_OPERATIVE, "op2", -1, -1);
	int an = add(d, DOC_PARA_NUMBERED, "annex1.p1", -1, 0);

	assert_int_equal(d->paras[pp1].next_sibling, op1);
	assert_int_equal(d->paras[op1].next_sibling, op2);
	assert_int_equal(d->paras[op1].first_child, a);
	assert_int_equal(d->paras[a].next_sibling, b);
	assert_int_equal(d->paras[a].first_child, ai);
	assert_int_equal(d->paras[ai].next_sibling, aii);
	assert_int_equal(d->paras[aii].depth, 2);
	assert_int_equal(d->paras[b].depth, 1);
	assert_int_equal(d->paras[b].next_sibling, -1);
	/* an annex paragraph is not a sibling of the operative part */
	assert_int_equal(d->paras[op2].next_sibling, -1);
	assert_int_equal(d->paras[an].next_sibling, -1);
	assert_int_equal(doc_find_para(d, "op1.a.ii"), aii);
	assert_int_equal(doc_find_para(d, "op9"), -1);
	doc_free(d);
}

static void test_many_children(void **state)
{
	struct doc *d = doc_new();
	char id[32];

	(void)state;
	int op = add(d, DOC_PARA_OPERATIVE, "op1", -1, -1);
	for (int i = 0; i < 50000; i++) {
		snprintf(id, sizeof(id), "op1.%d", i + 1);
		add(d, DOC_PARA_SUBPARAGRAPH, util_arena_strdup(&d->arena, id), op, -1);
	}
	int n = 0;
	for (int c = d->paras[op].first_child; c >= 0; c = d->paras[c].next_sibling)
		n++;
	assert_int_equal(n, 50000);
	doc_free(d);
}

static void test_footnotes_warnings(void **state)
{
	struct doc *d = doc_new();
	struct doc_footnote f = { .id = "fn2", .number = "2", .text = "See A/62/225.", .para = -1 };

	(void)state;
	doc_add_footnote(d, &f);
	assert_int_equal(doc_find_footnote(d, "fn2"), 0);
	assert_int_equal(doc_find_footnote(d, "2"), 0);
	assert_int_equal(doc_find_footnote(d, "fn3"), -1);
	doc_warn(d, 12, "odd %s", "thing");
	assert_int_equal(d->n_warnings, 1);
	assert_int_equal(d->warnings[0].line, 12);
	assert_string_equal(d->warnings[0].msg, "odd thing");
	doc_free(d);
}

static void test_normalize(void **state)
{
	static const struct {
		const char *in, *out;
	} ok[] = {
		{ "12", "op12" },
		{ "op12", "op12" },
		{ "OP12", "op12" },
		{ "pp3", "pp3" },
		{ "5(c)", "op5.c" },
		{ "5 (c) (ii)", "op5.c.ii" },
		{ " 5 (c)(ii) ", "op5.c.ii" },
		{ "op5.c.ii", "op5.c.ii" },
		{ "5.c.ii", "op5.c.ii" },
		{ "fn2", "fn2" },
		{ "annex1.p4", "annex1.p4" },
		{ "annex1.art3", "annex1.art3" },
		{ "h1", "h1" },
	};
	static const char *const bad[] = { "", "  ", "hello", "5 (c", "5 ()", "op5;rm", "(a)",
					   "-1" };
	char out[64];

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++) {
		assert_true(doc_normalize_id(ok[i].in, out, sizeof(out)));
		assert_string_equal(out, ok[i].out);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_false(doc_normalize_id(bad[i], out, sizeof(out)));
	/* does not overflow a small buffer */
	assert_false(doc_normalize_id("5 (c) (ii)", out, 5));
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(doc_para_kind_name(DOC_PARA_SUBPARAGRAPH), "subparagraph");
	assert_string_equal(doc_ref_kind_name(DOC_REF_SC_RESOLUTION), "sc_resolution");
	assert_string_equal(doc_body_name(DOC_BODY_CHR), "Commission on Human Rights");
	assert_null(doc_body_name(DOC_BODY_UNKNOWN));
	assert_string_equal(doc_part_name(DOC_PART_ANNEX), "annex");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree),
		cmocka_unit_test(test_many_children),
		cmocka_unit_test(test_footnotes_warnings),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
