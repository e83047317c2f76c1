/* test_config.c: config.yaml, key names, ~ expansion, XDG directories. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "userconfig.h"
#include "util.h"

#define CDATA TEST_DATADIR "/config"

static void test_full_example(void **state)
{
	static const struct {
		const char *action;
		int key;
		unsigned aline, acol, kline, kcol;
	} want[] = {
		{ "quit", 'q', 6, 3, 6, 10 },
		{ "quit", 'Q', 6, 3, 6, 13 },
		{ "next-paragraph", ']', 7, 3, 7, 19 },
		{ "goto", ':', 8, 3, 8, 9 },
		{ "page-down", ' ', 9, 3, 9, 15 },
		{ "page-down", CONFIG_KEY_CTRL('d'), 9, 3, 9, 22 },
		{ "page-down", CONFIG_KEY_PGDN, 9, 3, 9, 27 },
		{ "follow-link", CONFIG_KEY_ENTER, 10, 3, 10, 16 },
		{ "help", CONFIG_KEY_NONE, 11, 3, 11, 3 },
		{ "frobnicate", CONFIG_KEY_F(1), 12, 3, 12, 15 },
	};
	struct config cfg;
	char err[512];
	size_t i;

	(void)state;
	setenv("HOME", "/home/reader", 1);
	assert_int_equal(config_load(CDATA "/full.yaml", &cfg, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_true(cfg.found);
	assert_string_equal(cfg.path, CDATA "/full.yaml");
	assert_string_equal(cfg.theme, "high-contrast");
	assert_int_equal(cfg.theme_line, 2);
	assert_int_equal(cfg.theme_col, 8);
	assert_int_equal(cfg.n_library, 3);
	assert_string_equal(cfg.library[0], "/home/reader/un/resolutions");
	assert_string_equal(cfg.library[1], "/srv/res");
	assert_string_equal(cfg.library[2], "/home/reader");
	assert_string_equal(cfg.opener, "xdg-open");
	assert_int_equal(cfg.n_bindings, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < cfg.n_bindings; i++) {
		const struct config_binding *b = &cfg.bindings[i];

		assert_string_equal(b->action, want[i].action);
		assert_int_equal(b->key, want[i].key);
		assert_int_equal(b->action_line, want[i].aline);
		assert_int_equal(b->action_col, want[i].acol);
		assert_int_equal(b->key_line, want[i].kline);
		assert_int_equal(b->key_col, want[i].kcol);
	}
	/* the UI reports actions it does not know with the binding's position */
	config_errorf(&cfg, cfg.bindings[9].action_line, cfg.bindings[9].action_col, err,
		      sizeof(err), "unknown action '%s'", cfg.bindings[9].action);
	assert_string_equal(err, CDATA "/full.yaml:12:3: unknown action 'frobnicate'");
	config_errorf(&cfg, 1, 2, err, sizeof(err), "evil '%s'", "\033[2J");
	assert_null(strchr(err, '\033'));
	config_free(&cfg);
	assert_null(cfg.theme);
	unsetenv("HOME");
}

static void expect_error(const char *file, const char *want)
{
	char path[512], full[1024], err[1024];
	struct config cfg;

	snprintf(path, sizeof(path), "%s/%s", CDATA, file);
	snprintf(full, sizeof(full), "%s:%s", path, want);
	if (config_load(path, &cfg, err, sizeof(err)) != -1)
		fail_msg("%s loaded", file);
	if (strcmp(err, full))
		fail_msg("%s:\n got:  %s\n want: %s", file, err, full);
	/* what is left is an empty, usable configuration */
	assert_true(cfg.found);
	assert_null(cfg.theme);
	assert_int_equal(cfg.n_bindings, 0);
	assert_int_equal(cfg.n_library, 0);
	assert_string_equal(cfg.path, path);
	config_free(&cfg);
}

static void test_errors(void **state)
{
	(void)state;
	setenv("HOME", "/home/reader", 1);
	expect_error("unknown-key.yaml",
		     "2:1: unknown key 'colours' in config (expected theme, library, opener, "
		     "keys)");
	expect_error("bad-key.yaml",
		     "2:13: invalid key 'Ctrl-Alt-Q' for action 'quit' (expected one character, "
		     "C-x, or a name like Enter, Esc, Tab, S-Tab, Space, Backspace, Up, PgDn, "
		     "Home, F1)");
	expect_error("keys-list.yaml", "2:3: 'keys' in config must be a mapping, not a sequence");
	expect_error("tilde-user.yaml",
		     "1:10: cannot expand '~someone/res': only ~ and ~/ are supported, with HOME "
		     "set");
	expect_error("esc-opener.yaml", "2:9: control character in 'opener'");
	expect_error("dup-action.yaml", "3:3: duplicate key 'quit' in keys");
	expect_error("theme-list.yaml", "1:8: 'theme' in config must be a scalar, not a sequence");
	unsetenv("HOME");
}

static void test_missing_and_empty(void **state)
{
	struct config cfg;
	char err[256];

	(void)state;
	strcpy(err, "stale");
	assert_int_equal(config_load(CDATA "/no-such-config.yaml", &cfg, err, sizeof(err)), 0);
	assert_false(cfg.found);
	assert_string_equal(err, "");
	assert_null(cfg.theme);
	config_free(&cfg);
	assert_int_equal(config_load(CDATA "/empty.yaml", &cfg, err, sizeof(err)), 0);
	assert_true(cfg.found);
	assert_int_equal(cfg.n_bindings, 0);
	config_free(&cfg);
	assert_int_equal(config_load(CDATA, &cfg, err, sizeof(err)), -1);
	assert_string_equal(err, CDATA ": is a directory");
	config_free(&cfg);
	/* default location from the environment */
	setenv("XDG_CONFIG_HOME", CDATA "/no-such-dir", 1);
	assert_int_equal(config_load(NULL, &cfg, err, sizeof(err)), 0);
	assert_false(cfg.found);
	assert_string_equal(cfg.path, CDATA "/no-such-dir/resolute/config.yaml");
	config_free(&cfg);
	unsetenv("XDG_CONFIG_HOME");
	/* a buffer */
	assert_int_equal(config_load_buffer("opener: less\nlibrary: /a\n", 25, "b.yaml", &cfg, err,
					    sizeof(err)),
			 0);
	assert_string_equal(cfg.opener, "less");
	assert_int_equal(cfg.n_library, 1);
	assert_string_equal(cfg.library[0], "/a");
	config_free(&cfg);
}

static void test_key_names(void **state)
{
	static const struct {
		const char *name;
		int key;
		const char *canon; /* canonical name; NULL: same as name */
	} t[] = {
		{ "q", 'q', NULL },
		{ "G", 'G', NULL },
		{ "]", ']', NULL },
		{ ":", ':', NULL },
		{ "?", '?', NULL },
		{ "\xC3\xA9", 0xE9, NULL },
		{ "C-d", CONFIG_KEY_CTRL('d'), NULL },
		{ "C-D", 4, "C-d" },
		{ "c-l", 12, "C-l" },
		{ "Ctrl-u", 21, "C-u" },
		{ "^F", 6, "C-f" },
		{ "C-i", CONFIG_KEY_TAB, "Tab" },
		{ "C-m", CONFIG_KEY_ENTER, "Enter" },
		{ "C-j", CONFIG_KEY_ENTER, "Enter" },
		{ "C-h", CONFIG_KEY_BACKSPACE, "Backspace" },
		{ "C-[", CONFIG_KEY_ESC, "Esc" },
		{ "^[", CONFIG_KEY_ESC, "Esc" },
		{ "C-Space", 0, NULL },
		{ "C-@", 0, "C-Space" },
		{ "C-\\", 28, NULL },
		{ "C-]", 29, NULL },
		{ "^^", 30, "C-^" },
		{ "Ctrl-_", 31, "C-_" },
		/* the forms action.c used to parse itself */
		{ "C-L", 12, "C-l" },
		{ "^l", 12, "C-l" },
		{ "^L", 12, "C-l" },
		{ "Ctrl-l", 12, "C-l" },
		{ "return", '\n', "Enter" },
		{ "RET", '\n', "Enter" },
		{ "escape", 27, "Esc" },
		{ "PageDown", CONFIG_KEY_PGDN, "PgDn" },
		{ "BS", 127, "Backspace" },
		{ "Enter", '\n', NULL },
		{ "Return", '\n', "Enter" },
		{ "Esc", 27, NULL },
		{ "Escape", 27, "Esc" },
		{ "Tab", '\t', NULL },
		{ "S-Tab", CONFIG_KEY_BACKTAB, NULL },
		{ "BackTab", CONFIG_KEY_BACKTAB, "S-Tab" },
		{ "Space", ' ', NULL },
		{ " ", ' ', "Space" },
		{ "space", ' ', "Space" },
		{ "Backspace", 127, NULL },
		{ "Up", CONFIG_KEY_UP, NULL },
		{ "Down", CONFIG_KEY_DOWN, NULL },
		{ "Left", CONFIG_KEY_LEFT, NULL },
		{ "Right", CONFIG_KEY_RIGHT, NULL },
		{ "PgUp", CONFIG_KEY_PGUP, NULL },
		{ "PageUp", CONFIG_KEY_PGUP, "PgUp" },
		{ "PgDn", CONFIG_KEY_PGDN, NULL },
		{ "pagedown", CONFIG_KEY_PGDN, "PgDn" },
		{ "Home", CONFIG_KEY_HOME, NULL },
		{ "End", CONFIG_KEY_END, NULL },
		{ "Delete", CONFIG_KEY_DELETE, NULL },
		{ "Del", CONFIG_KEY_DELETE, "Delete" },
		{ "Insert", CONFIG_KEY_INSERT, NULL },
		{ "F1", CONFIG_KEY_F(1), NULL },
		{ "f5", CONFIG_KEY_F(5), "F5" },
		{ "F10", CONFIG_KEY_F(10), NULL },
		{ "F12", CONFIG_KEY_F(12), NULL },
		/* invalid */
		{ "", CONFIG_KEY_NONE, NULL },
		{ "qq", CONFIG_KEY_NONE, NULL },
		{ "jj", CONFIG_KEY_NONE, NULL },
		{ "F99", CONFIG_KEY_NONE, NULL },
		{ "Hyper-x", CONFIG_KEY_NONE, NULL },
		{ "C-|", CONFIG_KEY_NONE, NULL },
		{ "Foo", CONFIG_KEY_NONE, NULL },
		{ "F0", CONFIG_KEY_NONE, NULL },
		{ "F13", CONFIG_KEY_NONE, NULL },
		{ "F1x", CONFIG_KEY_NONE, NULL },
		{ "F123", CONFIG_KEY_NONE, NULL },
		{ "C-", CONFIG_KEY_NONE, NULL },
		{ "C-1", CONFIG_KEY_NONE, NULL },
		{ "C-dd", CONFIG_KEY_NONE, NULL },
		{ "C-Alt-q", CONFIG_KEY_NONE, NULL },
		{ "M-x", CONFIG_KEY_NONE, NULL },
		{ "\t", CONFIG_KEY_NONE, NULL },
		{ "\033", CONFIG_KEY_NONE, NULL },
		{ "\x7f", CONFIG_KEY_NONE, NULL },
		{ "\xC2\x9B", CONFIG_KEY_NONE, NULL },
		{ "\xFF", CONFIG_KEY_NONE, NULL },
		{ "\xC3", CONFIG_KEY_NONE, NULL },
	};
	char buf[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int k = config_key_parse(t[i].name);

		if (k != t[i].key)
			fail_msg("'%s': got %d, want %d", t[i].name, k, t[i].key);
		if (k == CONFIG_KEY_NONE)
			continue;
		config_key_name(k, buf, sizeof(buf));
		assert_string_equal(buf, t[i].canon ? t[i].canon : t[i].name);
		/* canonical names parse back */
		assert_int_equal(config_key_parse(buf), k);
	}
	assert_null(config_key_parse(NULL) == CONFIG_KEY_NONE ? NULL : "x");
	assert_string_equal(config_key_name(CONFIG_KEY_NONE, buf, sizeof(buf)), "?");
	assert_string_equal(config_key_name(0x110000 + 99, buf, sizeof(buf)), "?");
	assert_string_equal(config_key_name(CONFIG_KEY_F(5), buf, sizeof(buf)), "F5");
	/* truncation */
	assert_string_equal(config_key_name(CONFIG_KEY_BACKSPACE, buf, 5), "Back");
	/* raw terminal characters */
	assert_int_equal(config_key_normalize('\r'), CONFIG_KEY_ENTER);
	assert_int_equal(config_key_normalize('\n'), CONFIG_KEY_ENTER);
	assert_int_equal(config_key_normalize(8), CONFIG_KEY_BACKSPACE);
	assert_int_equal(config_key_normalize(127), CONFIG_KEY_BACKSPACE);
	assert_int_equal(config_key_normalize(9), CONFIG_KEY_TAB);
	assert_int_equal(config_key_normalize(27), CONFIG_KEY_ESC);
	assert_int_equal(config_key_normalize(4), CONFIG_KEY_CTRL('d'));
	assert_int_equal(config_key_normalize('x'), 'x');
	assert_int_equal(config_key_normalize(0x9B), CONFIG_KEY_NONE);
	assert_int_equal(config_key_normalize(0xD800), CONFIG_KEY_NONE);
	assert_int_equal(config_key_normalize(0x110000), CONFIG_KEY_NONE);
}

static void test_expand_home(void **state)
{
	struct util_arena a = { 0 };

	(void)state;
	setenv("HOME", "/home/reader", 1);
	assert_string_equal(config_expand_home(&a, "~"), "/home/reader");
	assert_string_equal(config_expand_home(&a, "~/un/res"), "/home/reader/un/res");
	assert_string_equal(config_expand_home(&a, "/srv/res"), "/srv/res");
	assert_string_equal(config_expand_home(&a, "rel/~/x"), "rel/~/x");
	assert_null(config_expand_home(&a, "~bob/res"));
	setenv("HOME", "relative/home", 1);
	assert_null(config_expand_home(&a, "~/x"));
	unsetenv("HOME");
	assert_null(config_expand_home(&a, "~/x"));
	assert_string_equal(config_expand_home(&a, "/abs"), "/abs");
	util_arena_free(&a);
}

static void test_xdg(void **state)
{
	static const struct {
		enum config_xdg which;
		const char *var, *fallback;
	} t[] = {
		{ CONFIG_XDG_CONFIG, "XDG_CONFIG_HOME", "/.config/resolute" },
		{ CONFIG_XDG_DATA, "XDG_DATA_HOME", "/.local/share/resolute" },
		{ CONFIG_XDG_CACHE, "XDG_CACHE_HOME", "/.cache/resolute" },
	};
	char buf[256], want[256];
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		setenv("HOME", "/home/reader", 1);
		unsetenv(t[i].var);
		snprintf(want, sizeof(want), "/home/reader%s", t[i].fallback);
		assert_int_equal(config_xdg_dir(t[i].which, buf, sizeof(buf)), 0);
		assert_string_equal(buf, want);
		/* absolute: used */
		setenv(t[i].var, "/xdg/base", 1);
		assert_int_equal(config_xdg_dir(t[i].which, buf, sizeof(buf)), 0);
		assert_string_equal(buf, "/xdg/base/resolute");
		/* relative or empty: ignored */
		setenv(t[i].var, "xdg/base", 1);
		assert_int_equal(config_xdg_dir(t[i].which, buf, sizeof(buf)), 0);
		assert_string_equal(buf, want);
		setenv(t[i].var, "", 1);
		assert_int_equal(config_xdg_dir(t[i].which, buf, sizeof(buf)), 0);
		assert_string_equal(buf, want);
		/* no usable HOME either: nothing */
		unsetenv("HOME");
		assert_int_equal(config_xdg_dir(t[i].which, buf, sizeof(buf)), -1);
		setenv("HOME", "home/reader", 1);
		assert_int_equal(config_xdg_dir(t[i].which, buf, sizeof(buf)), -1);
		/* an absolute XDG variable works without HOME */
		setenv(t[i].var, "/xdg", 1);
		assert_int_equal(config_xdg_dir(t[i].which, buf, sizeof(buf)), 0);
		assert_string_equal(buf, "/xdg/resolute");
		/* too small a buffer */
		assert_int_equal(config_xdg_dir(t[i].which, buf, 8), -1);
		unsetenv(t[i].var);
	}
	setenv("HOME", "/h", 1);
	assert_int_equal(config_path(buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/h/.config/resolute/config.yaml");
	setenv("XDG_CONFIG_HOME", "/c", 1);
	assert_int_equal(config_path(buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/c/resolute/config.yaml");
	assert_int_equal(config_path(buf, 20), -1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	assert_int_equal(config_path(buf, sizeof(buf)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_example),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_missing_and_empty),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_expand_home),
		cmocka_unit_test(test_xdg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
