/* test_util.c: arena, buffers, files, UTF-8, cp1252 and sanitizing. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util.h"

static void test_arena(void **state)
{
	struct util_arena a = { 0 };
	char *p[2000];

	(void)state;
	for (int i = 0; i < 2000; i++) {
		p[i] = util_arena_printf(&a, "string %d", i);
		/* alignment is for any object */
		assert_int_equal((uintptr_t)util_arena_alloc(&a, 3) % _Alignof(max_align_t), 0);
	}
	for (int i = 0; i < 2000; i++) {
		char want[32];

		snprintf(want, sizeof(want), "string %d", i);
		assert_string_equal(p[i], want);
	}
	/* a block larger than a chunk */
	char *big = util_arena_alloc(&a, 1 << 20);
	memset(big, 'x', 1 << 20);
	assert_string_equal(util_arena_strndup(&a, "abcdef", 3), "abc");
	char *lng = util_arena_printf(&a, "%0300d", 7);
	assert_int_equal(strlen(lng), 300);
	assert_int_equal(lng[299], '7');
	util_arena_free(&a);
	assert_null(a.head);
}

static void test_buf(void **state)
{
	struct util_buf b = { 0 };

	(void)state;
	util_buf_puts(&b, "abc");
	util_buf_putc(&b, '-');
	util_buf_printf(&b, "%d/%s", 58, "178");
	assert_string_equal(b.data, "abc-58/178");
	assert_int_equal(b.len, 10);
	for (int i = 0; i < 10000; i++)
		util_buf_putc(&b, 'z');
	assert_int_equal(b.len, 10010);
	assert_int_equal(b.data[b.len], '\0');
	util_buf_clear(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	util_buf_free(&b);
	assert_null(b.data);
}

static void test_utf8(void **state)
{
	uint32_t cp;
	char out[4];

	(void)state;
	assert_int_equal(util_utf8_decode("\xe2\x80\x91", 3, &cp), 3);
	assert_int_equal(cp, 0x2011);
	assert_int_equal(util_utf8_decode("\xc2\xa0", 2, &cp), 2);
	assert_int_equal(cp, 0xA0);
	/* truncated, overlong, surrogate, stray continuation */
	assert_int_equal(util_utf8_decode("\xe2\x80", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(util_utf8_decode("\xc0\xaf", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(util_utf8_decode("\xed\xa0\x80", 3, &cp), 1);
	assert_int_equal(util_utf8_decode("\x80", 1, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(util_utf8_encode(0x4E2D, out), 3);
	assert_memory_equal(out, "\xe4\xb8\xad", 3);
	assert_int_equal(util_utf8_encode(0x1F600, out), 4);
	assert_int_equal(util_utf8_valid_prefix("ok \xe2\x80\x91 fine", 12), 12);
	assert_int_equal(util_utf8_valid_prefix("bad\x93quote", 9), 3);
}

static void test_cp1252(void **state)
{
	struct util_buf b = { 0 };

	(void)state;
	/* curly quotes, en dash, euro and e-acute */
	util_cp1252_to_utf8(&b, "\x93Hi\x94 \x96 \x80 \xe9", 11);
	assert_string_equal(b.data, "\xe2\x80\x9cHi\xe2\x80\x9d \xe2\x80\x93 \xe2\x82\xac \xc3\xa9");
	assert_int_equal(util_utf8_valid_prefix(b.data, b.len), b.len);
	util_buf_free(&b);
}

static void test_sanitize(void **state)
{
	struct util_buf b = { 0 };
	/* ESC sequences, C1 CSI (as UTF-8 and raw), BEL, DEL, CR, tab, bad byte */
	const char in[] = "a\x1b[2Jb\xc2\x9b" "31mc\x07\x7f\rd\te\xff" "f\xe2\x80\x91g";

	(void)state;
	util_sanitize(&b, in, sizeof(in) - 1);
	assert_string_equal(b.data, "a^[[2Jb<9B>31mc^G^?^Md e<FF>f\xe2\x80\x91g");
	for (size_t i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.data[i];

		assert_true(c >= 0x20 && c != 0x7f);
	}
	util_buf_free(&b);
}

/* The sixteen-byte fast paths: a byte to stop at in every position of a
 * text longer than two blocks. */
static void test_utf8_blocks(void **state)
{
	const char abc[] = "0123456789abcdefghijklmnopqrstuvwxyz!\"#$";
	size_t n = sizeof(abc) - 1;

	(void)state;
	assert_int_equal(util_utf8_valid_prefix(abc, n), n);
	for (size_t k = 0; k < n; k++) {
		char t[64], want[64];
		struct util_buf b = { 0 };

		/* a stray continuation byte: valid up to k, shown as <80> */
		memcpy(t, abc, n);
		t[k] = (char)0x80;
		assert_int_equal(util_utf8_valid_prefix(t, n), k);
		util_sanitize(&b, t, n);
		snprintf(want, sizeof want, "%.*s<80>%s", (int)k, abc, abc + k + 1);
		assert_string_equal(b.data, want);
		util_buf_clear(&b);
		/* a control character */
		t[k] = '\x01';
		util_sanitize(&b, t, n);
		snprintf(want, sizeof want, "%.*s^A%s", (int)k, abc, abc + k + 1);
		assert_string_equal(b.data, want);
		util_buf_free(&b);
		/* a valid three-byte sequence where it fits */
		if (k + 3 <= n) {
			memcpy(t + k, "\xe2\x80\x91", 3);
			assert_int_equal(util_utf8_valid_prefix(t, n), n);
		}
	}
}

static void test_file(void **state)
{
	char path[] = "/tmp/resolute-util-XXXXXX";
	char err[128];
	struct util_file f;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "hello\n", 6), 6);
	close(fd);
	assert_int_equal(util_file_open(path, &f, err, sizeof(err)), 0);
	assert_int_equal(f.len, 6);
	assert_memory_equal(f.data, "hello\n", 6);
	util_file_close(&f);
	unlink(path);
	assert_int_equal(util_file_open(path, &f, err, sizeof(err)), -1);
	assert_string_equal(err, "No such file or directory");
	assert_int_equal(util_file_open("/tmp", &f, err, sizeof(err)), -1);
	assert_string_equal(err, "is a directory");
}

/* FNV-1a 64: the published test vectors (notes and the theme depend on
 * the values staying the same) */
static void test_fnv1a64(void **state)
{
	(void)state;
	assert_true(util_fnv1a64("", 0) == 0xcbf29ce484222325ull);
	assert_true(util_fnv1a64("a", 1) == 0xaf63dc4c8601ec8cull);
	assert_true(util_fnv1a64("foobar", 6) == 0x85944171f73967e8ull);
	/* bytes above 0x7f are taken unsigned */
	assert_true(util_fnv1a64("\xff", 1) != util_fnv1a64("\x7f", 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_cp1252),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_utf8_blocks),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_fnv1a64),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
