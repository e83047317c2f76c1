/* test_layout.c: screen geometry: invariants over many sizes, exact rects
 * for a few, popup placement around the anchor. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "layout.h"

static void assert_rect(const struct layout_rect *r, int y, int x, int h, int w)
{
	assert_int_equal(r->y, y);
	assert_int_equal(r->x, x);
	assert_int_equal(r->h, h);
	assert_int_equal(r->w, w);
}

static bool inside(const struct layout_rect *r, int rows, int cols)
{
	if (layout_rect_empty(r))
		return r->y == 0 && r->x == 0 && r->h == 0 && r->w == 0;
	return r->y >= 0 && r->x >= 0 && r->h > 0 && r->w > 0 && r->y + r->h <= rows &&
	       r->x + r->w <= cols;
}

static const int sizes[][2] = {
	{ 1, 1 }, { 1, 80 }, { 2, 2 }, { 2, 80 }, { 3, 3 }, { 3, 40 }, { 5, 39 }, { 5, 40 },
	{ 10, 30 }, { 24, 80 }, { 50, 200 }, { 80, 24 }, { 1000, 1000 }, { 4, 61 }, { 7, 67 },
	{ 24, 41 }, { 24, 60 }, { 24, 100 }, { 24, 134 }, { 24, 140 }, { 2, 500 },
};

/* Every size and option combination: the rectangles partition the screen
 * exactly (inside, pairwise disjoint, areas add up). */
static void test_invariants(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (int flags = 0; flags < 4; flags++) {
			int rows = sizes[i][0], cols = sizes[i][1];
			struct layout_opts o = { .outline = flags & 1, .prompt = flags & 2 };
			struct layout l;
			const struct layout_rect *r[5] = { &l.outline, &l.sep, &l.body, &l.status,
							   &l.prompt };
			long area = 0;

			layout_compute(rows, cols, &o, &l);
			for (int a = 0; a < 5; a++) {
				assert_true(inside(r[a], rows, cols));
				area += (long)r[a]->h * r[a]->w;
				for (int b = a + 1; b < 5; b++)
					assert_false(layout_rect_overlap(r[a], r[b]));
			}
			assert_int_equal(area, (long)rows * cols);
			/* what must be there */
			if (rows >= 2)
				assert_int_equal(l.status.h, 1);
			if (rows >= 3)
				assert_true(l.body.h >= 1);
			if (o.prompt)
				assert_int_equal(l.prompt.h, 1);
			assert_int_equal(l.outline_shown, !layout_rect_empty(&l.outline));
			if (l.outline_shown) {
				assert_true(o.outline);
				assert_true(cols >= LAYOUT_OUTLINE_MIN_COLS);
				assert_true(l.body.w >= LAYOUT_BODY_MIN_COLS);
				assert_int_equal(l.sep.w, 1);
				assert_true(l.outline.w <= LAYOUT_OUTLINE_MAX);
			} else {
				assert_true(layout_rect_empty(&l.sep));
				if (o.outline && cols >= LAYOUT_OUTLINE_MIN_COLS && rows >= 2)
					assert_true(l.body.h == 0); /* only when no room at all */
			}
		}
	}
}

static void test_degenerate(void **state)
{
	static const int bad[][2] = { { 0, 0 }, { 0, 80 }, { 24, 0 }, { -1, 80 }, { 24, -3 },
				      { -100, -100 } };
	struct layout_opts o = { .outline = true, .prompt = true };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct layout l;

		memset(&l, 0x55, sizeof(l));
		layout_compute(bad[i][0], bad[i][1], &o, &l);
		assert_true(layout_rect_empty(&l.body));
		assert_true(layout_rect_empty(&l.status));
		assert_true(layout_rect_empty(&l.prompt));
		assert_true(layout_rect_empty(&l.outline));
		assert_rect(&l.body, 0, 0, 0, 0);
	}
}

static void test_exact(void **state)
{
	struct layout l;
	struct layout_opts o = { .outline = true };

	(void)state;
	layout_compute(24, 80, &o, &l); /* 30% of 80 = 24 */
	assert_rect(&l.outline, 0, 0, 23, 24);
	assert_rect(&l.sep, 0, 24, 23, 1);
	assert_rect(&l.body, 0, 25, 23, 55);
	assert_rect(&l.status, 23, 0, 1, 80);
	assert_true(layout_rect_empty(&l.prompt));

	layout_compute(50, 200, &o, &l); /* 60 clamped to 40 */
	assert_rect(&l.outline, 0, 0, 49, 40);
	assert_rect(&l.body, 0, 41, 49, 159);

	layout_compute(24, 40, &o, &l); /* 12 -> 20, but the body keeps 20 */
	assert_rect(&l.outline, 0, 0, 23, 19);
	assert_rect(&l.body, 0, 20, 23, 20);

	layout_compute(10, 30, &o, &l); /* too narrow: no outline */
	assert_true(layout_rect_empty(&l.outline));
	assert_rect(&l.body, 0, 0, 9, 30);

	o.prompt = true;
	layout_compute(24, 80, &o, &l);
	assert_rect(&l.body, 0, 25, 22, 55);
	assert_rect(&l.status, 22, 0, 1, 80);
	assert_rect(&l.prompt, 23, 0, 1, 80);

	layout_compute(1, 1, NULL, &l);
	assert_rect(&l.body, 0, 0, 1, 1);
	assert_true(layout_rect_empty(&l.status));

	layout_compute(1, 80, &o, &l); /* one row, prompt active: only the prompt */
	assert_rect(&l.prompt, 0, 0, 1, 80);
	assert_true(layout_rect_empty(&l.body));

	layout_compute(2, 2, NULL, &l);
	assert_rect(&l.body, 0, 0, 1, 2);
	assert_rect(&l.status, 1, 0, 1, 2);

	layout_compute(2, 80, &o, &l); /* two rows with a prompt: status + prompt */
	assert_true(layout_rect_empty(&l.body));
	assert_rect(&l.status, 0, 0, 1, 80);
	assert_rect(&l.prompt, 1, 0, 1, 80);

	o.prompt = false;
	o.outline_pct = 50;
	o.outline_max = 100;
	layout_compute(24, 100, &o, &l);
	assert_rect(&l.outline, 0, 0, 23, 50);
	assert_rect(&l.body, 0, 51, 23, 49);
}

static void test_popup_exact(void **state)
{
	struct layout_rect body = { 0, 0, 23, 80 }, r, in;

	(void)state;
	/* fits below the anchor */
	assert_int_equal(layout_popup(&body, 3, 40, 5, &r), 3);
	assert_rect(&r, 6, 18, 5, 44);
	layout_popup_inner(&r, &in);
	assert_rect(&in, 7, 20, 3, 40);
	/* not below (2 rows), so above */
	assert_int_equal(layout_popup(&body, 3, 40, 20, &r), 3);
	assert_rect(&r, 15, 18, 5, 44);
	/* too long for either side: the larger side (below: 17 rows), scrolling */
	assert_int_equal(layout_popup(&body, 100, 40, 5, &r), 15);
	assert_rect(&r, 6, 18, 17, 44);
	/* larger side above */
	assert_int_equal(layout_popup(&body, 100, 40, 15, &r), 13);
	assert_rect(&r, 0, 18, 15, 44);
	/* wide content is capped to the body */
	assert_int_equal(layout_popup(&body, 2, 500, 0, &r), 2);
	assert_rect(&r, 1, 0, 4, 80);
	assert_int_equal(layout_popup_max_width(&body), 76);
	/* no anchor: centred */
	assert_int_equal(layout_popup(&body, 5, 10, -1, &r), 5);
	assert_rect(&r, 8, 33, 7, 14);
	/* body offset (outline on the left) */
	body = (struct layout_rect){ 0, 25, 23, 55 };
	assert_int_equal(layout_popup(&body, 1, 10, 3, &r), 1);
	assert_rect(&r, 4, 25 + (55 - 14) / 2, 3, 14);
	/* nothing fits */
	body = (struct layout_rect){ 0, 0, 3, 80 };
	assert_int_equal(layout_popup(&body, 1, 10, 1, &r), 0);
	assert_true(layout_rect_empty(&r));
	assert_int_equal(layout_popup(&body, 0, 10, -1, &r), 0);
	body = (struct layout_rect){ 0, 0, 0, 0 };
	assert_int_equal(layout_popup(&body, 3, 10, -1, &r), 0);
	assert_int_equal(layout_popup_max_width(&body), 0);
}

/* One popup request: inside the body, never over the anchor, everything
 * shown when the side below has the room. */
static void check_popup(const struct layout_rect *body, int lines, int width, int anchor)
{
	struct layout_rect r;
	int n = layout_popup(body, lines, width, anchor, &r);
	bool in_body = anchor >= body->y && anchor < body->y + body->h;
	int below = body->y + body->h - anchor - 1;

	if (n == 0) {
		assert_true(layout_rect_empty(&r));
		return;
	}
	assert_int_equal(n, r.h - 2);
	assert_true(n <= lines);
	assert_true(r.h >= 3 && r.w >= 5);
	assert_true(r.y >= body->y && r.x >= body->x);
	assert_true(r.y + r.h <= body->y + body->h);
	assert_true(r.x + r.w <= body->x + body->w);
	if (in_body) {
		assert_false(anchor >= r.y && anchor < r.y + r.h);
		if (lines + 2 <= below) {
			assert_int_equal(r.y, anchor + 1);
			assert_int_equal(n, lines);
		}
	}
}

static void test_popup_invariants(void **state)
{
	static const struct layout_rect bodies[] = {
		{ 0, 0, 1, 1 },   { 0, 0, 3, 5 },    { 0, 0, 4, 4 },
		{ 0, 0, 23, 80 }, { 0, 25, 23, 55 }, { 2, 3, 10, 30 },
		{ 0, 0, 49, 159 }, { 0, 0, 2, 200 }, { 0, 0, 7, 6 },
	};
	static const int lines[] = { 1, 2, 3, 5, 10, 21, 100, 100000 };
	static const int widths[] = { 0, 1, 10, 60, 1000 };
	const size_t nb = sizeof(bodies) / sizeof(bodies[0]);
	const size_t nl = sizeof(lines) / sizeof(lines[0]);
	const size_t nw = sizeof(widths) / sizeof(widths[0]);

	(void)state;
	for (size_t b = 0; b < nb; b++) {
		const struct layout_rect *body = &bodies[b];

		for (int anchor = body->y - 2; anchor <= body->y + body->h + 1; anchor++)
			for (size_t li = 0; li < nl; li++)
				for (size_t wi = 0; wi < nw; wi++)
					check_popup(body, lines[li], widths[wi], anchor);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invariants),
		cmocka_unit_test(test_degenerate),
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_popup_exact),
		cmocka_unit_test(test_popup_invariants),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
