/* test_history.c: the back/forward jump history. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "history.h"

static struct history_place at(int doc, int para)
{
	struct history_place p = { doc, para, -1, 0, 0 };

	return p;
}

static void test_empty(void **state)
{
	struct history h;
	struct history_place here = at(0, 1), to = at(9, 9);

	(void)state;
	history_init(&h, 0);
	assert_int_equal(history_count(&h), 0);
	assert_false(history_back(&h, &here, &to));
	assert_false(history_forward(&h, &here, &to));
	assert_false(history_go(&h, 0, &here, &to));
	assert_int_equal(to.doc, 9); /* untouched */
	history_update(&h, &here);   /* no-op */
	assert_int_equal(history_count(&h), 0);
	assert_null(history_at(&h, 0));
	history_free(&h);
}

static void test_back_forward(void **state)
{
	struct history h;
	struct history_place here, to;

	(void)state;
	history_init(&h, 0);
	/* doc 0 para 1 -> jump -> doc 1 para 5 -> jump -> doc 2 para 7 */
	here = at(0, 1);
	history_push(&h, &here);
	assert_int_equal(history_count(&h), 2);
	assert_int_equal(history_pos(&h), 1);
	here = at(1, 5);
	history_push(&h, &here);
	assert_int_equal(history_count(&h), 3);
	here = at(2, 7);

	assert_true(history_back(&h, &here, &to));
	assert_int_equal(to.doc, 1);
	assert_int_equal(to.para, 5);
	/* the reader scrolled a bit in doc 1 before going back again */
	here = at(1, 6);
	assert_true(history_back(&h, &here, &to));
	assert_int_equal(to.doc, 0);
	assert_int_equal(to.para, 1);
	assert_false(history_back(&h, &to, &to));
	assert_int_equal(history_pos(&h), 0);

	/* forward retraces, with the place where the reader had been */
	here = at(0, 1);
	assert_true(history_forward(&h, &here, &to));
	assert_int_equal(to.doc, 1);
	assert_int_equal(to.para, 6);
	here = to;
	assert_true(history_forward(&h, &here, &to));
	assert_int_equal(to.doc, 2);
	assert_int_equal(to.para, 7);
	assert_false(history_forward(&h, &to, &to));
	history_free(&h);
}

static void test_push_truncates_forward(void **state)
{
	struct history h;
	struct history_place here, to;
	int i;

	(void)state;
	history_init(&h, 0);
	for (i = 0; i < 4; i++) {
		here = at(i, 0);
		history_push(&h, &here);
	}
	assert_int_equal(history_count(&h), 5);
	here = at(4, 0);
	assert_true(history_back(&h, &here, &to));
	assert_true(history_back(&h, &to, &to));
	assert_int_equal(to.doc, 2);
	/* a new jump from doc 2 drops docs 3 and 4 */
	history_push(&h, &to);
	assert_int_equal(history_count(&h), 4);
	assert_int_equal(history_pos(&h), 3);
	here = at(7, 3);
	assert_false(history_forward(&h, &here, &to));
	assert_true(history_back(&h, &here, &to));
	assert_int_equal(to.doc, 2);
	assert_true(history_forward(&h, &to, &to));
	assert_int_equal(to.doc, 7);
	assert_int_equal(to.para, 3);
	history_free(&h);
}

static void test_go_and_update(void **state)
{
	struct history h;
	struct history_place here, to;
	int i;

	(void)state;
	history_init(&h, 0);
	for (i = 0; i < 3; i++) {
		here = at(i, i);
		history_push(&h, &here);
	}
	here = at(3, 3);
	history_update(&h, &here);
	assert_int_equal(history_at(&h, 3)->doc, 3);
	assert_true(history_go(&h, 1, &here, &to));
	assert_int_equal(to.doc, 1);
	assert_int_equal(history_pos(&h), 1);
	assert_false(history_go(&h, 4, &to, &to));
	assert_int_equal(history_pos(&h), 1);
	/* going to an entry keeps the others: forward reaches 2 and 3 */
	assert_true(history_forward(&h, &to, &to));
	assert_int_equal(to.doc, 2);
	assert_true(history_forward(&h, &to, &to));
	assert_int_equal(to.doc, 3);
	history_free(&h);
}

static void test_cap(void **state)
{
	struct history h;
	struct history_place here, to;
	int i, backs = 0;

	(void)state;
	history_init(&h, 5);
	for (i = 0; i < 100; i++) {
		here = at(i, 0);
		history_push(&h, &here);
		assert_true(history_count(&h) <= 5);
	}
	assert_int_equal(history_count(&h), 5);
	assert_int_equal(history_pos(&h), 4);
	/* the newest places are kept: 96..99 and the current one */
	assert_int_equal(history_at(&h, 0)->doc, 96);
	here = at(100, 0);
	while (history_back(&h, &here, &to)) {
		here = to;
		backs++;
	}
	assert_int_equal(backs, 4);
	assert_int_equal(here.doc, 96);
	history_free(&h);
	/* the default cap, and a silly one raised to 2 */
	history_init(&h, 0);
	assert_int_equal(h.max, HISTORY_MAX);
	history_free(&h);
	history_init(&h, 1);
	here = at(0, 0);
	history_push(&h, &here);
	history_push(&h, &here);
	assert_int_equal(history_count(&h), 2);
	history_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_back_forward),
		cmocka_unit_test(test_push_truncates_forward),
		cmocka_unit_test(test_go_and_update),
		cmocka_unit_test(test_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
