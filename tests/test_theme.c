/* test_theme.c: bundled and compiled-in themes, colours, loading errors
 * with exact positions, NO_COLOR, the shared YAML helpers. */
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

#include "theme.h"
#include "util.h"
#include "yamlutil.h"

#ifdef SRCDIR_THEMES
#define THEMES SRCDIR_THEMES
#else
#define THEMES TEST_DATADIR "/../../themes"
#endif
#define TDATA TEST_DATADIR "/theme"

static const char *const bundled[] = { "default", "light", "high-contrast", "mono" };

#define ALL_ROLES ((uint32_t)((1ull << THEME_ROLE_COUNT) - 1))

static void assert_style(const struct theme_style *s, int fg, int bg, unsigned attrs)
{
	assert_int_equal(s->fg, fg);
	assert_int_equal(s->bg, bg);
	assert_int_equal(s->attrs, attrs);
}

static void test_roles(void **state)
{
	static const char *const required[] = {
		"normal", "outline", "outline_current", "selection", "lead", "number",
		"marker", "reference", "link_focus", "note_mark", "popup", "popup_border",
		"status", "prompt", "search_match", "header", "heading", "error",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		int r = theme_role_from_name(required[i]);

		assert_true(r >= 0);
		assert_string_equal(theme_role_name((enum theme_role)r), required[i]);
		assert_non_null(theme_role_help((enum theme_role)r));
		assert_true(strlen(theme_role_help((enum theme_role)r)) > 5);
	}
	assert_int_equal(theme_role_from_name("leed"), -1);
	assert_int_equal(theme_role_from_name(""), -1);
	assert_null(theme_role_name(THEME_ROLE_COUNT));
	assert_string_equal(theme_role_name(THEME_ROLE_LINK_FOCUS), "link_focus");
	assert_string_equal(theme_attr_name(THEME_ATTR_ITALIC), "italic");
	assert_string_equal(theme_attr_name(THEME_ATTR_STANDOUT), "standout");
	assert_null(theme_attr_name(THEME_ATTR_BOLD | THEME_ATTR_DIM));
}

static void test_colors(void **state)
{
	static const struct {
		const char *s;
		int want; /* -2: invalid */
	} t[] = {
		{ "default", -1 }, { "black", 0 }, { "red", 1 }, { "green", 2 },
		{ "yellow", 3 }, { "blue", 4 }, { "magenta", 5 }, { "cyan", 6 },
		{ "white", 7 }, { "bright-black", 8 }, { "bright-red", 9 },
		{ "bright-green", 10 }, { "bright-yellow", 11 }, { "bright-blue", 12 },
		{ "bright-magenta", 13 }, { "bright-cyan", 14 }, { "bright-white", 15 },
		{ "Red", 1 }, { "0", 0 }, { "7", 7 }, { "208", 208 }, { "255", 255 },
		{ "#000000", 16 }, { "#ffffff", 231 }, { "#FF0000", 196 }, { "#00ff00", 46 },
		{ "#0000ff", 21 }, { "#5f87af", 67 }, { "#808080", 244 }, { "#eeeeee", 255 },
		{ "#080808", 232 }, { "#d7d7ff", 189 },
		{ "256", -2 }, { "1000", -2 }, { "-1", -2 }, { "+3", -2 }, { "3x", -2 },
		{ "purple", -2 }, { "bright-", -2 }, { "brightred", -2 }, { "#fff", -2 },
		{ "#gggggg", -2 }, { "#ff00000", -2 }, { "", -2 }, { "bright-default", -2 },
	};
	char buf[32];
	size_t i;
	int c;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		c = 12345;
		if (t[i].want == -2) {
			assert_int_equal(theme_color_parse(t[i].s, &c), -1);
			assert_int_equal(c, 12345);
		} else {
			assert_int_equal(theme_color_parse(t[i].s, &c), 0);
			assert_int_equal(c, t[i].want);
		}
	}
	/* names round-trip */
	for (c = -1; c < 256; c++) {
		int back;

		theme_color_name(c, buf, sizeof(buf));
		assert_int_equal(theme_color_parse(buf, &back), 0);
		assert_int_equal(back, c);
	}
	assert_string_equal(theme_color_name(13, buf, sizeof(buf)), "bright-magenta");
	/* every cube colour and grey maps to itself */
	for (c = 16; c < 232; c++) {
		static const unsigned lv[6] = { 0, 95, 135, 175, 215, 255 };
		int k = c - 16;

		assert_int_equal(theme_color_from_rgb(lv[k / 36], lv[k / 6 % 6], lv[k % 6]), c);
	}
	for (c = 232; c < 256; c++) {
		unsigned g = 8 + 10 * (unsigned)(c - 232);

		assert_int_equal(theme_color_from_rgb(g, g, g), c);
	}
}

static void test_default_compiled(void **state)
{
	struct theme t;

	(void)state;
	theme_default(&t);
	assert_string_equal(t.name, "default");
	assert_true(t.description[0] != '\0');
	assert_style(&t.style[THEME_ROLE_NORMAL], THEME_COLOR_DEFAULT, THEME_COLOR_DEFAULT, 0);
	assert_style(&t.style[THEME_ROLE_LEAD], THEME_COLOR_DEFAULT, THEME_COLOR_DEFAULT,
		     THEME_ATTR_ITALIC);
	assert_style(&t.style[THEME_ROLE_MARKER], 6, THEME_COLOR_DEFAULT, THEME_ATTR_BOLD);
	assert_int_equal(t.defined, 0);
}

/* Every bundled theme loads by name, names itself, sets every role. */
static void test_bundled(void **state)
{
	const char *dirs[] = { THEMES, NULL };
	char err[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bundled) / sizeof(bundled[0]); i++) {
		struct theme t;

		memset(&t, 0xAA, sizeof(t));
		if (theme_load(bundled[i], dirs, &t, err, sizeof(err)) != 0)
			fail_msg("%s: %s", bundled[i], err);
		assert_string_equal(err, "");
		assert_string_equal(t.name, bundled[i]);
		assert_true(t.description[0] != '\0');
		assert_int_equal(t.defined, ALL_ROLES);
		for (int r = 0; r < THEME_ROLE_COUNT; r++) {
			assert_true(t.style[r].fg >= -1 && t.style[r].fg <= 255);
			assert_true(t.style[r].bg >= -1 && t.style[r].bg <= 255);
			assert_int_equal(t.style[r].attrs & ~0x3Fu, 0);
		}
	}
}

/* The compiled-in default is exactly themes/default.yaml, parsed; loading
 * that file skips the parse and gives the same theme. */
static void test_default_file_matches(void **state)
{
	struct theme file, compiled, loaded;
	struct yamlutil_ctx c;
	char err[512], *data;
	size_t len;

	(void)state;
	assert_int_equal(yamlutil_read_file(&c, THEMES "/default.yaml", &data, &len, err,
					    sizeof(err)), 0);
	/* the file as shipped is recognised ... */
	if (!theme_is_default_file(data, len)) {
		uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a 64, as theme.c */

		for (size_t i = 0; i < len; i++)
			h = (h ^ (unsigned char)data[i]) * 0x100000001b3ull;
		fail_msg("themes/default.yaml changed: set DEFAULT_FILE_LEN %zu and "
			 "DEFAULT_FILE_HASH 0x%016llxull in src/theme.c", len,
			 (unsigned long long)h);
	}
	assert_int_equal(theme_load_buffer(data, len, "default.yaml", &file, err, sizeof(err)), 0);
	/* ... and one byte changed is not */
	data[len - 2] ^= 1;
	assert_false(theme_is_default_file(data, len));
	assert_false(theme_is_default_file(data, len - 1));
	free(data);
	assert_int_equal(theme_load(THEMES "/default.yaml", NULL, &loaded, err, sizeof(err)), 0);
	assert_string_equal(loaded.name, file.name);
	assert_string_equal(loaded.description, file.description);
	assert_int_equal(loaded.defined, file.defined);
	assert_memory_equal(loaded.style, file.style, sizeof(loaded.style));
	theme_default(&compiled);
	assert_string_equal(file.name, compiled.name);
	assert_string_equal(file.description, compiled.description);
	assert_int_equal(file.defined, ALL_ROLES);
	for (int r = 0; r < THEME_ROLE_COUNT; r++) {
		if (memcmp(&file.style[r], &compiled.style[r], sizeof(file.style[r])))
			fail_msg("role %s differs: file %d/%d/%u, compiled %d/%d/%u",
				 theme_role_name((enum theme_role)r), file.style[r].fg,
				 file.style[r].bg, file.style[r].attrs, compiled.style[r].fg,
				 compiled.style[r].bg, compiled.style[r].attrs);
	}
}

static void test_mono_has_no_colour(void **state)
{
	const char *dirs[] = { THEMES, NULL };
	struct theme t;
	char err[256];

	(void)state;
	assert_int_equal(theme_load("mono", dirs, &t, err, sizeof(err)), 0);
	for (int r = 0; r < THEME_ROLE_COUNT; r++) {
		assert_int_equal(t.style[r].fg, THEME_COLOR_DEFAULT);
		assert_int_equal(t.style[r].bg, THEME_COLOR_DEFAULT);
	}
	assert_int_equal(t.style[THEME_ROLE_LEAD].attrs, THEME_ATTR_ITALIC);
}

static void test_hex_and_numbers(void **state)
{
	struct theme t;
	char err[256];

	(void)state;
	assert_int_equal(theme_load(TDATA "/hex.yaml", NULL, &t, err, sizeof(err)), 0);
	assert_string_equal(t.name, "hexes");
	assert_string_equal(t.description, "256 colours and hex");
	assert_style(&t.style[THEME_ROLE_LEAD], 196, 17, THEME_ATTR_ITALIC);
	assert_style(&t.style[THEME_ROLE_MARKER], 14, 67, 0x3F);
	assert_int_equal(t.defined, (1u << THEME_ROLE_LEAD) | (1u << THEME_ROLE_MARKER));
	/* roles the file does not name keep the default */
	assert_style(&t.style[THEME_ROLE_ERROR], 1, THEME_COLOR_DEFAULT, THEME_ATTR_BOLD);
}

static void test_search_order(void **state)
{
	const char *dirs[] = { TDATA "/user", THEMES, NULL };
	const char *nodirs[] = { TDATA "/nonexistent", NULL };
	struct theme t;
	char err[512];

	(void)state;
	/* the first directory wins */
	assert_int_equal(theme_load("light", dirs, &t, err, sizeof(err)), 0);
	assert_string_equal(t.name, "user-light");
	assert_int_equal(t.style[THEME_ROLE_NORMAL].fg, 4);
	/* falls through to the next directory */
	assert_int_equal(theme_load("mono", dirs, &t, err, sizeof(err)), 0);
	assert_string_equal(t.name, "mono");
	/* no name key: named after the file */
	assert_int_equal(theme_load("custom", dirs, &t, err, sizeof(err)), 0);
	assert_string_equal(t.name, "custom");
	assert_style(&t.style[THEME_ROLE_STATUS], 7, 1, 0);
	/* "default" works without any file */
	assert_int_equal(theme_load("default", nodirs, &t, err, sizeof(err)), 0);
	assert_string_equal(t.name, "default");
	assert_int_equal(theme_load("default", NULL, &t, err, sizeof(err)), 0);
	/* not found: message, default theme in out */
	memset(&t, 0, sizeof(t));
	assert_int_equal(theme_load("solarized", dirs, &t, err, sizeof(err)), -1);
	assert_string_equal(err, "theme 'solarized' not found (searched " TDATA "/user, " THEMES
				 ")");
	assert_string_equal(t.name, "default");
	assert_int_equal(t.style[THEME_ROLE_LEAD].attrs, THEME_ATTR_ITALIC);
	assert_int_equal(theme_load("mine.yaml", nodirs, &t, err, sizeof(err)), -1);
	assert_string_equal(err, "theme 'mine.yaml' not found (searched " TDATA "/nonexistent; "
				 "a file is given as a path: ./mine.yaml)");
	assert_int_equal(theme_load("light", NULL, &t, err, sizeof(err)), -1);
	assert_string_equal(err, "theme 'light' not found (no theme directories)");
	/* names are names */
	assert_int_equal(theme_load("a b", dirs, &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "invalid theme name 'a b'"));
	assert_int_equal(theme_load(".hidden", dirs, &t, err, sizeof(err)), -1);
	assert_int_equal(theme_load("", dirs, &t, err, sizeof(err)), -1);
	assert_int_equal(theme_load("esc\033[2J", dirs, &t, err, sizeof(err)), -1);
	assert_null(strchr(err, '\033'));
	/* a path that does not exist */
	assert_int_equal(theme_load(TDATA "/nope.yaml", dirs, &t, err, sizeof(err)), -1);
	assert_string_equal(err, TDATA "/nope.yaml: No such file or directory");
	/* a directory */
	assert_int_equal(theme_load(TDATA "/user/", dirs, &t, err, sizeof(err)), -1);
	assert_string_equal(err, TDATA "/user/: is a directory");
}

static void test_list(void **state)
{
	const char *dirs[] = { TDATA "/user", THEMES, TDATA "/nonexistent", NULL };
	char names[16][THEME_NAME_MAX];
	size_t n;

	(void)state;
	n = theme_list(dirs, names, 16);
	assert_int_equal(n, 5);
	assert_string_equal(names[0], "custom");
	assert_string_equal(names[1], "default");
	assert_string_equal(names[2], "high-contrast");
	assert_string_equal(names[3], "light");
	assert_string_equal(names[4], "mono");
	n = theme_list(NULL, names, 16);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "default");
}

/* A bad file: -1, exact message, default theme in out. */
static void expect_error(const char *file, const char *want)
{
	char path[512], full[1024], err[1024];
	struct theme t;

	snprintf(path, sizeof(path), "%s/%s", TDATA, file);
	snprintf(full, sizeof(full), "%s:%s", path, want);
	memset(&t, 0, sizeof(t));
	if (theme_load(path, NULL, &t, err, sizeof(err)) != -1)
		fail_msg("%s loaded", file);
	if (strcmp(err, full))
		fail_msg("%s:\n got:  %s\n want: %s", file, err, full);
	assert_string_equal(t.name, "default");
	assert_int_equal(t.style[THEME_ROLE_LEAD].attrs, THEME_ATTR_ITALIC);
	assert_null(strchr(err, '\033'));
	assert_null(strchr(err, '\n'));
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("unknown-key.yaml",
		     "3:11: unknown key 'colour' in style 'lead' (expected fg, bg, attrs)");
	expect_error("unknown-role.yaml",
		     "5:3: unknown role 'leed' in styles (expected normal, outline, "
		     "outline_current, selection, lead, number, marker, reference, link_focus, "
		     "note_mark, popup, popup_border, status, prompt, search_match, header, "
		     "heading, error)");
	expect_error("unknown-colour.yaml",
		     "4:9: unknown colour 'purple' for bg in style 'marker' (expected default, a "
		     "name like red or bright-red, 0-255 or \"#rrggbb\")");
	expect_error("bad-attr.yaml",
		     "2:28: unknown attribute 'blink' in style 'heading' (expected bold, italic, "
		     "underline, reverse, dim, standout)");
	expect_error("wrong-type.yaml", "3:3: 'styles' in theme must be a mapping, not a sequence");
	expect_error("wrong-type-style.yaml", "2:9: style 'lead' must be a mapping, not a sequence");
	expect_error("anchor.yaml", "2:9: anchors are not allowed (&it)");
	expect_error("alias.yaml", "3:12: aliases are not allowed (*it)");
	expect_error("deep.yaml", "2:39: nested deeper than 32 levels");
	expect_error("long-scalar.yaml", "2:14: scalar longer than 4096 bytes");
	expect_error("empty.yaml", "1:1: empty file: no YAML document");
	expect_error("comments-only.yaml", "1:1: empty file: no YAML document");
	expect_error("prose.yaml", "1:1: theme must be a mapping, not a scalar");
	expect_error("binary.yaml",
		     "1:1: not a YAML text file: invalid leading UTF-8 octet (byte 0x89)");
	expect_error("syntax.yaml",
		     "3:1: invalid YAML: while parsing a flow mapping did not find expected ',' "
		     "or '}'");
	expect_error("esc-escape.yaml", "1:7: control character in 'name'");
	expect_error("esc-raw.yaml",
		     "1:10: not a YAML text file: control characters are not allowed (byte 0x1B)");
	expect_error("c1-desc.yaml", "1:14: control character in 'description'");
	expect_error("duplicate.yaml", "4:3: duplicate key 'lead' in styles");
	expect_error("bare-hash.yaml",
		     "3:8: missing colour for fg in style 'error' (quote \"#rrggbb\": a bare # "
		     "starts a comment)");
}

static void test_buffer_limits(void **state)
{
	size_t n = YAMLUTIL_MAX_FILE + 1;
	char *big = util_xmalloc(n);
	char err[256], path[] = "/tmp/resolute-theme-XXXXXX";
	struct theme t;
	int fd;

	(void)state;
	/* a comment line repeated: valid YAML, but too large */
	memset(big, '#', n);
	for (size_t i = 79; i < n; i += 80)
		big[i] = '\n';
	assert_int_equal(theme_load_buffer(big, n, "big.yaml", &t, err, sizeof(err)), -1);
	assert_string_equal(err, "big.yaml: file is larger than 1024 KiB");
	/* the same through a file */
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, big, n), (ssize_t)n);
	close(fd);
	assert_int_equal(theme_load(path, NULL, &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ": file is larger than 1024 KiB"));
	unlink(path);
	free(big);
	/* a small buffer with a NUL byte */
	assert_int_equal(theme_load_buffer("name: a\0b\n", 10, "nul.yaml", &t, err, sizeof(err)),
			 -1);
	assert_string_equal(err, "nul.yaml:1:8: not a YAML text file: control characters are "
				 "not allowed (byte 0x00)");
	/* a message cut to a small err buffer stays a valid string */
	assert_int_equal(theme_load(TDATA "/unknown-role.yaml", NULL, &t, err, 40), -1);
	assert_int_equal(strlen(err), 39);
	/* a theme from a buffer */
	assert_int_equal(theme_load_buffer("styles: { lead: { attrs: [] } }", 31, "x/mine.yaml", &t,
					   err, sizeof(err)),
			 0);
	assert_string_equal(t.name, "mine");
	assert_int_equal(t.style[THEME_ROLE_LEAD].attrs, 0);
}

static void test_no_color(void **state)
{
	const char *dirs[] = { THEMES, NULL };
	struct theme t;
	char err[256];

	(void)state;
	theme_default(&t);
	theme_apply_no_color(&t);
	for (int r = 0; r < THEME_ROLE_COUNT; r++) {
		assert_int_equal(t.style[r].fg, THEME_COLOR_DEFAULT);
		assert_int_equal(t.style[r].bg, THEME_COLOR_DEFAULT);
	}
	/* attributes kept */
	assert_int_equal(t.style[THEME_ROLE_LEAD].attrs, THEME_ATTR_ITALIC);
	assert_int_equal(t.style[THEME_ROLE_MARKER].attrs, THEME_ATTR_BOLD);
	assert_int_equal(t.style[THEME_ROLE_NORMAL].attrs, 0);
	/* a highlight drawn by its background stays visible */
	assert_int_equal(t.style[THEME_ROLE_SEARCH_MATCH].attrs, THEME_ATTR_REVERSE);
	assert_int_equal(t.style[THEME_ROLE_LINK_FOCUS].attrs, THEME_ATTR_BOLD | THEME_ATTR_REVERSE);
	/* high-contrast: normal has a black background; text on the same
	 * background is not reversed, bars are */
	assert_int_equal(theme_load("high-contrast", dirs, &t, err, sizeof(err)), 0);
	theme_apply_no_color(&t);
	assert_int_equal(t.style[THEME_ROLE_NORMAL].attrs, 0);
	assert_int_equal(t.style[THEME_ROLE_LEAD].attrs, THEME_ATTR_BOLD | THEME_ATTR_ITALIC);
	assert_int_equal(t.style[THEME_ROLE_STATUS].attrs, THEME_ATTR_BOLD | THEME_ATTR_REVERSE);
	assert_int_equal(t.style[THEME_ROLE_NORMAL].bg, THEME_COLOR_DEFAULT);

	unsetenv("NO_COLOR");
	assert_false(theme_no_color_requested());
	setenv("NO_COLOR", "", 1);
	assert_false(theme_no_color_requested());
	setenv("NO_COLOR", "1", 1);
	assert_true(theme_no_color_requested());
	unsetenv("NO_COLOR");
}

static void test_dirs(void **state)
{
	struct theme_dirs d;

	(void)state;
	setenv("HOME", "/home/reader", 1);
	setenv("XDG_CONFIG_HOME", "/cfg", 1);
	theme_dirs_init(&d, "/src/themes");
	assert_string_equal(d.dirs[0], "/cfg/resolute/themes");
	assert_string_equal(d.dirs[1], PKGDATADIR "/themes");
	assert_string_equal(d.dirs[2], "/src/themes");
	assert_null(d.dirs[3]);
	setenv("XDG_CONFIG_HOME", "relative/cfg", 1);
	theme_dirs_init(&d, NULL);
	assert_string_equal(d.dirs[0], "/home/reader/.config/resolute/themes");
	assert_null(d.dirs[2]);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	theme_dirs_init(&d, "");
	assert_string_equal(d.dirs[0], PKGDATADIR "/themes");
	assert_null(d.dirs[1]);
}

/* The walker itself: null values, types, messages. */
static int count_pair(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *val,
		      const void *arg, void *data)
{
	(void)c;
	(void)key;
	(void)val;
	(void)arg;
	++*(int *)data;
	return 0;
}

static const struct yamlutil_entry walk_table[] = {
	{ "m", YAML_MAPPING_NODE, count_pair, NULL },
	{ "s", YAML_SEQUENCE_NODE, count_pair, NULL },
	{ "x", YAML_SCALAR_NODE, count_pair, NULL },
	{ NULL, YAML_NO_NODE, NULL, NULL },
};

static void test_yamlutil(void **state)
{
	struct yamlutil_ctx c;
	char err[256];
	int n = 0;
	const char *ok = "m:\ns: ~\nx: 1\n";
	const char *bad = "x: [1]\n";
	const char *key = "? [a]\n: 1\n";

	(void)state;
	assert_int_equal(yamlutil_load(&c, "w.yaml", ok, strlen(ok), 0, err, sizeof(err)), 0);
	assert_string_equal(yamlutil_node_type_name(yamlutil_root(&c)), "mapping");
	assert_int_equal(yamlutil_walk(&c, yamlutil_root(&c), walk_table, "test", &n), 0);
	assert_int_equal(n, 1); /* null mapping and sequence skipped */
	yamlutil_free(&c);
	assert_int_equal(yamlutil_load(&c, "w.yaml", bad, strlen(bad), 0, err, sizeof(err)), 0);
	assert_int_equal(yamlutil_walk(&c, yamlutil_root(&c), walk_table, "test", &n), -1);
	assert_string_equal(err, "w.yaml:1:4: 'x' in test must be a scalar, not a sequence");
	yamlutil_free(&c);
	assert_int_equal(yamlutil_load(&c, "w.yaml", key, strlen(key), 0, err, sizeof(err)), 0);
	assert_int_equal(yamlutil_walk(&c, yamlutil_root(&c), walk_table, "test", &n), -1);
	assert_string_equal(err, "w.yaml:1:3: keys in test must be scalars, not a sequence");
	yamlutil_free(&c);
	/* empty allowed on request */
	assert_int_equal(yamlutil_load(&c, "e.yaml", "", 0, YAMLUTIL_ALLOW_EMPTY, err,
				       sizeof(err)), 0);
	assert_null(yamlutil_root(&c));
	yamlutil_free(&c);
	/* two documents */
	assert_int_equal(yamlutil_load(&c, "d.yaml", "a: 1\n---\nb: 2\n", 14, 0, err,
				       sizeof(err)), -1);
	assert_string_equal(err, "d.yaml:2:1: more than one YAML document (only one is read)");
	yamlutil_free(&c);
	/* depth 32 is fine, 33 is not */
	{
		char doc[80];

		memset(doc, '[', 32);
		memset(doc + 32, ']', 32);
		assert_int_equal(yamlutil_load(&c, "d.yaml", doc, 64, 0, err, sizeof(err)), 0);
		yamlutil_free(&c);
		memset(doc, '[', 33);
		memset(doc + 33, ']', 33);
		assert_int_equal(yamlutil_load(&c, "d.yaml", doc, 66, 0, err, sizeof(err)), -1);
		assert_string_equal(err, "d.yaml:1:33: nested deeper than 32 levels");
		yamlutil_free(&c);
	}
	/* reading a file: its bytes, NUL-terminated; a missing file is -2 */
	{
		char path[] = "/tmp/resolute-yamlutil-XXXXXX", *data;
		size_t len;
		int fd = mkstemp(path);

		assert_true(fd >= 0);
		assert_int_equal(write(fd, "a: 1\n", 5), 5);
		close(fd);
		assert_int_equal(yamlutil_read_file(&c, path, &data, &len, err, sizeof(err)), 0);
		assert_int_equal(len, 5);
		assert_string_equal(data, "a: 1\n");
		free(data);
		unlink(path);
		assert_int_equal(yamlutil_read_file(&c, path, &data, &len, err, sizeof(err)), -2);
		assert_null(data);
		assert_non_null(strstr(err, "No such file"));
		/* a file that says it is empty but is not (like those of /proc) */
		assert_int_equal(yamlutil_read_file(&c, "/proc/self/status", &data, &len, err,
						    sizeof(err)), 0);
		assert_true(len > 0);
		assert_int_equal(strlen(data), len);
		free(data);
	}
	/* a scalar of exactly 4096 bytes is fine */
	{
		char *doc = util_xmalloc(4200);
		size_t len;

		memcpy(doc, "x: ", 3);
		memset(doc + 3, 'a', 4096);
		len = 3 + 4096;
		assert_int_equal(yamlutil_load(&c, "s.yaml", doc, len, 0, err, sizeof(err)), 0);
		yamlutil_free(&c);
		doc[len++] = 'a';
		assert_int_equal(yamlutil_load(&c, "s.yaml", doc, len, 0, err, sizeof(err)), -1);
		yamlutil_free(&c);
		free(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_colors),
		cmocka_unit_test(test_default_compiled),
		cmocka_unit_test(test_bundled),
		cmocka_unit_test(test_default_file_matches),
		cmocka_unit_test(test_mono_has_no_colour),
		cmocka_unit_test(test_hex_and_numbers),
		cmocka_unit_test(test_search_order),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_buffer_limits),
		cmocka_unit_test(test_no_color),
		cmocka_unit_test(test_dirs),
		cmocka_unit_test(test_yamlutil),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
