/* test_action.c: the action table, default keys, key names, rebinding,
 * help screen and man page key list. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "action.h"
#include "userconfig.h"

/* The documented defaults (README / issue), by key name. */
static const struct {
	const char *key;
	const char *action;
} documented[] = {
	{ "q", "quit" },
	{ "?", "help" },
	{ "j", "line-down" },
	{ "Down", "line-down" },
	{ "k", "line-up" },
	{ "Up", "line-up" },
	{ "Space", "page-down" },
	{ "PgDn", "page-down" },
	{ "b", "page-up" },
	{ "PgUp", "page-up" },
	{ "g", "top" },
	{ "Home", "top" },
	{ "G", "bottom" },
	{ "End", "bottom" },
	{ "]", "next-paragraph" },
	{ "[", "prev-paragraph" },
	{ "}", "next-part" },
	{ "{", "prev-part" },
	{ ":", "goto" },
	{ "t", "focus-outline" },
	{ "Tab", "next-link" },
	{ "S-Tab", "prev-link" },
	{ "Enter", "follow-link" },
	{ "f", "footnotes" },
	{ "/", "search" },
	{ "n", "search-next" },
	{ "N", "search-prev" },
	{ "Backspace", "back" },
	{ "o", "toggle-outline" },
	/* extras */
	{ "Left", "fold" },
	{ "-", "fold" },
	{ "Right", "unfold" },
	{ "+", "unfold" },
	{ ">", "next-doc" },
	{ "<", "prev-doc" },
	{ "C-l", "redraw" },
	/* library and notes */
	{ "F", "forward" },
	{ "H", "history" },
	{ "c", "cited-by" },
	{ "L", "library" },
	{ "O", "open-url" },
	{ "y", "copy-url" },
	{ "a", "note-edit" },
	{ "E", "note-editor" },
	{ "d", "note-delete" },
	{ "m", "highlight" },
	{ "A", "notes-list" },
	{ "v", "notes-show" },
};

#define N_DOC (sizeof(documented) / sizeof(documented[0]))

static void test_table(void **state)
{
	(void)state;
	for (int a = 0; a < ACTION_COUNT; a++) {
		const char *n = action_name((enum action)a);

		assert_non_null(n);
		assert_true(strlen(n) > 2);
		assert_true(strlen(action_help((enum action)a)) > 5);
		assert_int_equal(action_find(n), a);
		for (int b = a + 1; b < ACTION_COUNT; b++)
			assert_string_not_equal(n, action_name((enum action)b));
	}
	assert_int_equal(action_find("frobnicate"), ACTION_NONE);
	assert_int_equal(action_find(NULL), ACTION_NONE);
	assert_int_equal(action_find("Quit"), ACTION_NONE);
	assert_null(action_name(ACTION_COUNT));
	assert_null(action_name(ACTION_NONE));
}

static void test_defaults(void **state)
{
	struct action_keymap km;
	size_t n;
	const struct action_binding *b = action_default_bindings(&n);

	(void)state;
	action_keymap_init(&km);
	/* exactly the documented bindings, no more, no fewer */
	assert_int_equal(n, N_DOC);
	for (size_t i = 0; i < N_DOC; i++) {
		int key = action_key_parse(documented[i].key);

		assert_int_not_equal(key, ACTION_KEY_NONE);
		assert_int_equal(action_lookup(&km, key), action_find(documented[i].action));
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			assert_int_not_equal(b[i].key, b[j].key);
	/* every action has a key */
	for (int a = 0; a < ACTION_COUNT; a++) {
		char keys[128];

		action_keys_string(&km, (enum action)a, keys, sizeof(keys));
		assert_true(keys[0] != '\0');
	}
	assert_int_equal(action_lookup(&km, 'z'), ACTION_NONE);
	assert_int_equal(action_lookup(&km, ACTION_KEY_NONE), ACTION_NONE);
	action_keymap_free(&km);
}

/* Key names are userconfig's (tested in test_config.c, with the names that
 * used to be action.c's own: "^l", "Ctrl-l", "return", "escape" ...); here:
 * the default keys have names that parse back, and the action_key_*
 * wrappers give what config_key_* give. */
static void test_key_names(void **state)
{
	static const char *const names[] = {
		"C-L", "^l", "Ctrl-l", "return", "PageDown", "escape", "F12", "\xC3\xA9",
		"F99", "Hyper-x", "", "\x1b", "jj", "G", "C-m", "C-h", "RET", "BS", "C-_",
	};
	static const int keys[] = {
		ACTION_KEY_CTRL('l'), ACTION_KEY_BTAB, ' ', ACTION_KEY_F(5), 0xE9, 0x9B, 29,
		ACTION_KEY_NONE,
	};
	char buf[32], cbuf[32];
	size_t n;
	const struct action_binding *b = action_default_bindings(&n);

	(void)state;
	for (size_t i = 0; i < n; i++)
		assert_int_equal(action_key_parse(action_key_name(b[i].key, buf, sizeof(buf))),
				 b[i].key);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_int_equal(action_key_parse(names[i]), config_key_parse(names[i]));
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		assert_string_equal(action_key_name(keys[i], buf, sizeof(buf)),
				    config_key_name(keys[i], cbuf, sizeof(cbuf)));
	/* the key codes are userconfig's */
	assert_int_equal(ACTION_KEY_BTAB, CONFIG_KEY_BACKTAB);
	assert_int_equal(ACTION_KEY_F(12), CONFIG_KEY_F(12));
}

static void test_keys_string(void **state)
{
	struct action_keymap km;
	char buf[64];

	(void)state;
	action_keymap_init(&km);
	assert_string_equal(action_keys_string(&km, ACTION_LINE_DOWN, buf, sizeof(buf)),
			    "j, Down");
	assert_string_equal(action_keys_string(&km, ACTION_PAGE_DOWN, buf, sizeof(buf)),
			    "Space, PgDn");
	assert_string_equal(action_keys_string(&km, ACTION_PREV_LINK, buf, sizeof(buf)), "S-Tab");
	/* truncation stays NUL-terminated */
	action_keys_string(&km, ACTION_LINE_DOWN, buf, 4);
	assert_true(strlen(buf) < 4);
	action_keymap_free(&km);
}

static void test_rebind(void **state)
{
	struct action_keymap km;
	char err[128], buf[64];
	int keys[] = { 'J', ACTION_KEY_DOWN };
	const char *names[] = { "x", "C-c" };
	const char *bad[] = { "x", "Hyper-q" };

	(void)state;
	action_keymap_init(&km);
	/* replaces the action's keys */
	assert_true(action_keymap_bind(&km, "line-down", keys, 2, err, sizeof(err)));
	assert_int_equal(action_lookup(&km, 'j'), ACTION_NONE);
	assert_int_equal(action_lookup(&km, 'J'), ACTION_LINE_DOWN);
	assert_int_equal(action_lookup(&km, ACTION_KEY_DOWN), ACTION_LINE_DOWN);
	assert_string_equal(action_keys_string(&km, ACTION_LINE_DOWN, buf, sizeof(buf)),
			    "J, Down");
	/* a key taken from another action leaves it */
	keys[0] = 'k';
	assert_true(action_keymap_bind(&km, "quit", keys, 1, err, sizeof(err)));
	assert_int_equal(action_lookup(&km, 'k'), ACTION_QUIT);
	assert_int_equal(action_lookup(&km, 'q'), ACTION_NONE);
	assert_string_equal(action_keys_string(&km, ACTION_LINE_UP, buf, sizeof(buf)), "Up");
	/* by names */
	assert_true(action_keymap_bind_names(&km, "redraw", names, 2, err, sizeof(err)));
	assert_int_equal(action_lookup(&km, 'x'), ACTION_REDRAW);
	assert_int_equal(action_lookup(&km, 3), ACTION_REDRAW);
	assert_int_equal(action_lookup(&km, 12), ACTION_NONE);
	/* unknown action: error, keymap unchanged */
	assert_false(action_keymap_bind(&km, "frobnicate", keys, 1, err, sizeof(err)));
	assert_string_equal(err, "unknown action 'frobnicate'");
	assert_int_equal(action_lookup(&km, 'k'), ACTION_QUIT);
	assert_false(action_keymap_bind_names(&km, "frobnicate", names, 1, err, sizeof(err)));
	assert_string_equal(err, "unknown action 'frobnicate'");
	/* unknown key name: error, keymap unchanged */
	assert_false(action_keymap_bind_names(&km, "help", bad, 2, err, sizeof(err)));
	assert_string_equal(err, "unknown key 'Hyper-q' for 'help'");
	assert_int_equal(action_lookup(&km, '?'), ACTION_HELP);
	assert_int_equal(action_lookup(&km, 'x'), ACTION_REDRAW);
	/* unbinding */
	assert_true(action_keymap_bind(&km, "help", NULL, 0, err, sizeof(err)));
	assert_int_equal(action_lookup(&km, '?'), ACTION_NONE);
	/* many rebinding rounds keep the map consistent */
	for (int i = 0; i < 200; i++) {
		int k = 'a' + i % 26;

		assert_true(action_keymap_bind(&km, action_name((enum action)(i % ACTION_COUNT)),
					       &k, 1, err, sizeof(err)));
		assert_int_equal(action_lookup(&km, k), i % ACTION_COUNT);
	}
	action_keymap_free(&km);
}

static void test_help(void **state)
{
	struct action_keymap km;
	struct util_arena a = { 0 };
	size_t n;
	const char **lines;
	char err[64];
	int k = 'Q';

	(void)state;
	action_keymap_init(&km);
	lines = action_help_lines(&km, &a, &n);
	assert_int_equal(n, ACTION_COUNT + 2);
	for (int act = 0; act < ACTION_COUNT; act++) {
		char keys[128];
		bool found = false;

		action_keys_string(&km, (enum action)act, keys, sizeof(keys));
		for (size_t i = 0; i < n; i++) {
			const char *p = strstr(lines[i], action_name((enum action)act));

			/* the name as a whole word, with its keys and help on the line */
			if (p && p[strlen(action_name((enum action)act))] == ' ' &&
			    p[-1] == ' ' && strstr(lines[i], keys) &&
			    strstr(lines[i], action_help((enum action)act)))
				found = true;
		}
		assert_true(found);
	}
	/* the help follows rebinding */
	assert_true(action_keymap_bind(&km, "quit", &k, 1, err, sizeof(err)));
	lines = action_help_lines(&km, &a, &n);
	for (size_t i = 0; i < n; i++)
		if (strstr(lines[i], " quit "))
			assert_non_null(strstr(lines[i], "  Q  "));
	assert_true(action_keymap_bind(&km, "quit", NULL, 0, err, sizeof(err)));
	lines = action_help_lines(&km, &a, &n);
	for (size_t i = 0; i < n; i++)
		if (strstr(lines[i], " quit "))
			assert_non_null(strstr(lines[i], "(unbound)"));
	util_arena_free(&a);
	action_keymap_free(&km);
}

static void test_man(void **state)
{
	struct action_keymap km;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int tp = 0;

	(void)state;
	assert_non_null(f);
	action_keymap_init(&km);
	action_write_man(f, &km);
	fclose(f);
	for (const char *p = buf; (p = strstr(p, ".TP\n")); p++)
		tp++;
	assert_int_equal(tp, ACTION_COUNT);
	assert_non_null(strstr(buf, ".TP\n.B j, Down\nScroll down one line (line\\-down).\n"));
	assert_non_null(strstr(buf, ".B S\\-Tab\n"));
	assert_non_null(strstr(buf, "(next\\-paragraph)"));
	assert_non_null(strstr(buf, "(redraw)"));
	/* no raw hyphen sneaks in outside escapes */
	for (const char *p = buf; *p; p++)
		if (*p == '-')
			assert_true(p > buf && p[-1] == '\\');
	free(buf);
	action_keymap_free(&km);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_keys_string),
		cmocka_unit_test(test_rebind),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_man),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
