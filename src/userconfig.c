/* userconfig.c: config.yaml, XDG base directories and key names. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "userconfig.h"
#include "util.h"
#include "yamlutil.h"

/* ---- keys ----------------------------------------------------------- */

/* Canonical names first: config_key_name() takes the first match. */
static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Space", CONFIG_KEY_SPACE },
	{ "Tab", CONFIG_KEY_TAB },
	{ "S-Tab", CONFIG_KEY_BACKTAB },
	{ "Enter", CONFIG_KEY_ENTER },
	{ "Backspace", CONFIG_KEY_BACKSPACE },
	{ "Esc", CONFIG_KEY_ESC },
	{ "Up", CONFIG_KEY_UP },
	{ "Down", CONFIG_KEY_DOWN },
	{ "Left", CONFIG_KEY_LEFT },
	{ "Right", CONFIG_KEY_RIGHT },
	{ "PgUp", CONFIG_KEY_PGUP },
	{ "PgDn", CONFIG_KEY_PGDN },
	{ "Home", CONFIG_KEY_HOME },
	{ "End", CONFIG_KEY_END },
	{ "Delete", CONFIG_KEY_DELETE },
	{ "Insert", CONFIG_KEY_INSERT },
	/* aliases */
	{ "Return", CONFIG_KEY_ENTER },
	{ "RET", CONFIG_KEY_ENTER },
	{ "BS", CONFIG_KEY_BACKSPACE },
	{ "Escape", CONFIG_KEY_ESC },
	{ "BackTab", CONFIG_KEY_BACKTAB },
	{ "BTab", CONFIG_KEY_BACKTAB },
	{ "PageUp", CONFIG_KEY_PGUP },
	{ "PageDown", CONFIG_KEY_PGDN },
	{ "Del", CONFIG_KEY_DELETE },
	{ "Ins", CONFIG_KEY_INSERT },
};

#define N_KEY_NAMES (sizeof(key_names) / sizeof(key_names[0]))

static bool printable_cp(uint32_t cp)
{
	return cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp <= 0x9F) && cp < 0x110000 &&
	       !(cp >= 0xD800 && cp <= 0xDFFF);
}

/* Ctrl plus x (the text after "C-", "Ctrl-" or "^"), as the terminal
 * sends it. */
static int ctrl_key(const char *x)
{
	char c;

	if (!strcasecmp(x, "Space") || !strcmp(x, "@"))
		return CONFIG_KEY_CTRL(' ');
	if (!x[0] || x[1])
		return CONFIG_KEY_NONE;
	if (x[0] == '[')
		return CONFIG_KEY_ESC;
	if (strchr("\\]^_", x[0]))
		return CONFIG_KEY_CTRL(x[0]); /* 28 .. 31 */
	c = (char)(x[0] >= 'A' && x[0] <= 'Z' ? x[0] - 'A' + 'a' : x[0]);
	if (c < 'a' || c > 'z')
		return CONFIG_KEY_NONE;
	if (c == 'm' || c == 'j')
		return CONFIG_KEY_ENTER; /* the UI reads CR and LF as Enter */
	if (c == 'h')
		return CONFIG_KEY_BACKSPACE; /* and BS as Backspace */
	return CONFIG_KEY_CTRL(c);
}

int config_key_parse(const char *name)
{
	size_t len, i;
	uint32_t cp;

	if (!name || !name[0])
		return CONFIG_KEY_NONE;
	len = strlen(name);
	if (util_utf8_decode(name, len, &cp) == len) {
		/* One character. U+FFFD also stands for an invalid byte. */
		if (cp == 0xFFFD && strcmp(name, "\xEF\xBF\xBD"))
			return CONFIG_KEY_NONE;
		return printable_cp(cp) ? (int)cp : CONFIG_KEY_NONE;
	}
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-')
		return ctrl_key(name + 2);
	if (!strncasecmp(name, "Ctrl-", 5))
		return ctrl_key(name + 5);
	if (name[0] == '^')
		return ctrl_key(name + 1);
	for (i = 0; i < N_KEY_NAMES; i++)
		if (!strcasecmp(name, key_names[i].name))
			return key_names[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
		int n = name[1] - '0';

		if (name[2] >= '0' && name[2] <= '9' && !name[3])
			n = n * 10 + (name[2] - '0');
		else if (name[2])
			return CONFIG_KEY_NONE;
		if (n >= 1 && n <= CONFIG_KEY_F_MAX)
			return CONFIG_KEY_F(n);
	}
	return CONFIG_KEY_NONE;
}

const char *config_key_name(int key, char *buf, size_t n)
{
	size_t i;

	if (!buf || n == 0)
		return buf;
	for (i = 0; i < N_KEY_NAMES; i++) {
		if (key_names[i].key == key) {
			snprintf(buf, n, "%s", key_names[i].name);
			return buf;
		}
	}
	if (key == 0) {
		snprintf(buf, n, "C-Space");
	} else if (key >= 1 && key <= 26) {
		snprintf(buf, n, "C-%c", 'a' + key - 1);
	} else if (key >= 28 && key <= 31) {
		snprintf(buf, n, "C-%c", '@' + key); /* C-\ C-] C-^ C-_ */
	} else if (key > 0 && printable_cp((uint32_t)key)) {
		char u[5];
		size_t l = util_utf8_encode((uint32_t)key, u);

		u[l] = '\0';
		snprintf(buf, n, "%s", u);
	} else if (key >= CONFIG_KEY_F(1) && key <= CONFIG_KEY_F(CONFIG_KEY_F_MAX)) {
		snprintf(buf, n, "F%d", key - CONFIG_KEY_F(0));
	} else {
		snprintf(buf, n, "?");
	}
	return buf;
}

int config_key_normalize(uint32_t ch)
{
	if (ch == '\r')
		return CONFIG_KEY_ENTER;
	if (ch == 8)
		return CONFIG_KEY_BACKSPACE;
	if (ch < 0x20 || ch == 0x7F)
		return (int)ch;
	return printable_cp(ch) ? (int)ch : CONFIG_KEY_NONE;
}

/* ---- XDG ----------------------------------------------------------- */

static const struct {
	const char *var;
	const char *fallback; /* under $HOME */
} xdg[] = {
	[CONFIG_XDG_CONFIG] = { "XDG_CONFIG_HOME", "/.config" },
	[CONFIG_XDG_DATA] = { "XDG_DATA_HOME", "/.local/share" },
	[CONFIG_XDG_CACHE] = { "XDG_CACHE_HOME", "/.cache" },
};

static const char *home_dir(void)
{
	const char *h = getenv("HOME");

	return h && h[0] == '/' ? h : NULL;
}

int config_xdg_dir(enum config_xdg which, char *buf, size_t n)
{
	const char *v, *home;
	int r;

	if ((unsigned)which > CONFIG_XDG_CACHE || !buf || n == 0)
		return -1;
	v = getenv(xdg[which].var);
	if (v && v[0] == '/') {
		r = snprintf(buf, n, "%s/resolute", v);
	} else {
		/* Unset, empty or relative: the spec says to ignore it. */
		if (!(home = home_dir()))
			return -1;
		r = snprintf(buf, n, "%s%s/resolute", home, xdg[which].fallback);
	}
	if (r < 0 || (size_t)r >= n) {
		buf[0] = '\0';
		return -1;
	}
	return 0;
}

int config_path(char *buf, size_t n)
{
	size_t len;

	if (config_xdg_dir(CONFIG_XDG_CONFIG, buf, n) < 0)
		return -1;
	len = strlen(buf);
	if (len + sizeof("/config.yaml") > n) {
		buf[0] = '\0';
		return -1;
	}
	memcpy(buf + len, "/config.yaml", sizeof("/config.yaml"));
	return 0;
}

const char *config_expand_home(struct util_arena *a, const char *path)
{
	const char *home;

	if (path[0] != '~')
		return util_arena_strdup(a, path);
	if (path[1] && path[1] != '/')
		return NULL; /* ~user */
	if (!(home = home_dir()))
		return NULL;
	return util_arena_printf(a, "%s%s", home, path + 1);
}

/* ---- config.yaml --------------------------------------------------- */

void config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
}

void config_free(struct config *cfg)
{
	free(cfg->library);
	free(cfg->bindings);
	util_arena_free(&cfg->arena);
	config_init(cfg);
}

/* Empty the configuration after an error, keeping the path. */
static void config_reset(struct config *cfg)
{
	const char *path = cfg->path;
	bool found = cfg->found;
	char keep[4096];

	snprintf(keep, sizeof(keep), "%s", path ? path : "");
	config_free(cfg);
	cfg->found = found;
	if (path)
		cfg->path = util_arena_strdup(&cfg->arena, keep);
}

static int set_theme(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *val,
		     const void *arg, void *data)
{
	struct config *cfg = data;
	const char *s;

	(void)key;
	(void)arg;
	if (!(s = yamlutil_string(c, val, "'theme'", 1024)))
		return -1;
	cfg->theme = util_arena_strdup(&cfg->arena, s);
	cfg->theme_line = yamlutil_line(val);
	cfg->theme_col = yamlutil_col(val);
	return 0;
}

static int set_opener(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *val,
		      const void *arg, void *data)
{
	struct config *cfg = data;
	const char *s;

	(void)key;
	(void)arg;
	if (!(s = yamlutil_string(c, val, "'opener'", 1024)))
		return -1;
	cfg->opener = util_arena_strdup(&cfg->arena, s);
	return 0;
}

static int add_library(struct yamlutil_ctx *c, struct config *cfg, const yaml_node_t *n)
{
	const char *s, *dir;

	/* YAML reads a bare ~ as null; here it can only mean the home directory. */
	if (yamlutil_is_null(n) && !strcmp(yamlutil_scalar(n), "~"))
		s = "~";
	else if (!(s = yamlutil_string(c, n, "a library directory", 4000)))
		return -1;
	if (cfg->n_library >= CONFIG_MAX_LIBRARY)
		return yamlutil_error(c, n, "more than %d library directories",
				      CONFIG_MAX_LIBRARY);
	if (!(dir = config_expand_home(&cfg->arena, s)))
		return yamlutil_error(c, n, "cannot expand '%.64s': only ~ and ~/ are supported, "
					    "with HOME set", s);
	cfg->library = util_xrealloc(cfg->library, cfg->n_library + 1, sizeof(*cfg->library));
	cfg->library[cfg->n_library++] = dir;
	return 0;
}

static int set_library(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *val,
		       const void *arg, void *data)
{
	struct config *cfg = data;
	size_t i, n;

	(void)key;
	(void)arg;
	if (val->type == YAML_SCALAR_NODE)
		return yamlutil_is_null(val) && strcmp(yamlutil_scalar(val), "~") ?
			       0 :
			       add_library(c, cfg, val);
	if (val->type != YAML_SEQUENCE_NODE)
		return yamlutil_error(c, val, "'library' must be a list of directories, not a %s",
				      yamlutil_node_type_name(val));
	n = yamlutil_seq_len(val);
	for (i = 0; i < n; i++)
		if (add_library(c, cfg, yamlutil_seq_item(c, val, i)) < 0)
			return -1;
	return 0;
}

static int add_binding(struct yamlutil_ctx *c, struct config *cfg, const char *action,
		       const yaml_node_t *akey, const yaml_node_t *k)
{
	struct config_binding *b;
	char what[160];
	const char *s;
	int key = CONFIG_KEY_NONE;

	if (cfg->n_bindings >= CONFIG_MAX_BINDINGS)
		return yamlutil_error(c, k ? k : akey, "more than %d key bindings",
				      CONFIG_MAX_BINDINGS);
	if (k) {
		snprintf(what, sizeof(what), "a key of action '%.64s'", action);
		if (!(s = yamlutil_string(c, k, what, 64)))
			return -1;
		if ((key = config_key_parse(s)) == CONFIG_KEY_NONE)
			return yamlutil_error(c, k,
					      "invalid key '%s' for action '%.64s' (expected one "
					      "character, C-x, or a name like Enter, Esc, Tab, "
					      "S-Tab, Space, Backspace, Up, PgDn, Home, F1)",
					      s, action);
	}
	cfg->bindings = util_xrealloc(cfg->bindings, cfg->n_bindings + 1, sizeof(*cfg->bindings));
	b = &cfg->bindings[cfg->n_bindings++];
	b->action = action;
	b->key = key;
	b->action_line = yamlutil_line(akey);
	b->action_col = yamlutil_col(akey);
	b->key_line = yamlutil_line(k ? k : akey);
	b->key_col = yamlutil_col(k ? k : akey);
	return 0;
}

static int set_binding(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *val,
		       const void *arg, void *data)
{
	struct config *cfg = data;
	const char *name, *action;
	size_t i, n;

	(void)arg;
	if (!(name = yamlutil_string(c, key, "an action name", 64)))
		return -1;
	action = util_arena_strdup(&cfg->arena, name);
	if (val->type == YAML_SCALAR_NODE && !yamlutil_is_null(val))
		return add_binding(c, cfg, action, key, val);
	if (val->type == YAML_MAPPING_NODE)
		return yamlutil_error(c, val, "keys of action '%s' must be a key or a list of "
					      "keys, not a mapping", action);
	n = yamlutil_seq_len(val);
	if (n == 0) /* "quit: []" or "quit:": unbind */
		return add_binding(c, cfg, action, key, NULL);
	for (i = 0; i < n; i++)
		if (add_binding(c, cfg, action, key, yamlutil_seq_item(c, val, i)) < 0)
			return -1;
	return 0;
}

static int set_keys(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *val,
		    const void *arg, void *data)
{
	(void)key;
	(void)arg;
	return yamlutil_each_pair(c, val, "keys", set_binding, NULL, data);
}

static const struct yamlutil_entry config_table[] = {
	{ "theme", YAML_SCALAR_NODE, set_theme, NULL },
	{ "library", YAML_NO_NODE, set_library, NULL },
	{ "opener", YAML_SCALAR_NODE, set_opener, NULL },
	{ "keys", YAML_MAPPING_NODE, set_keys, NULL },
	{ NULL, YAML_NO_NODE, NULL, NULL },
};

static int load_ctx(struct yamlutil_ctx *c, struct config *cfg)
{
	yaml_node_t *root = yamlutil_root(c);

	if (!root)
		return 0; /* empty file: all defaults */
	if (yamlutil_walk(c, root, config_table, "config", cfg) < 0) {
		config_reset(cfg);
		return -1;
	}
	return 0;
}

int config_load_buffer(const char *data, size_t len, const char *path, struct config *cfg,
		       char *err, size_t errlen)
{
	struct yamlutil_ctx c;
	int rc;

	config_init(cfg);
	cfg->path = util_arena_strdup(&cfg->arena, path);
	cfg->found = true;
	rc = yamlutil_load(&c, cfg->path, data, len, YAMLUTIL_ALLOW_EMPTY, err, errlen);
	if (rc == 0)
		rc = load_ctx(&c, cfg);
	yamlutil_free(&c);
	return rc;
}

int config_load(const char *path, struct config *cfg, char *err, size_t errlen)
{
	char buf[4096];
	struct yamlutil_ctx c;
	int rc;

	config_init(cfg);
	if (err && errlen)
		err[0] = '\0';
	if (!path) {
		if (config_path(buf, sizeof(buf)) < 0)
			return 0; /* no HOME, no XDG_CONFIG_HOME: nothing to read */
		path = buf;
	}
	cfg->path = util_arena_strdup(&cfg->arena, path);
	rc = yamlutil_load_file(&c, cfg->path, YAMLUTIL_ALLOW_EMPTY, err, errlen);
	if (rc == -2) {
		if (err && errlen)
			err[0] = '\0';
		yamlutil_free(&c);
		return 0;
	}
	cfg->found = true;
	if (rc == 0)
		rc = load_ctx(&c, cfg);
	yamlutil_free(&c);
	return rc;
}

void config_errorf(const struct config *cfg, unsigned line, unsigned col, char *err,
		   size_t errlen, const char *fmt, ...)
{
	struct util_buf raw = { 0 }, safe = { 0 };
	char msg[1024];
	va_list ap;
	size_t n;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	util_buf_printf(&raw, "%s:%u:%u: %s", cfg && cfg->path ? cfg->path : "config.yaml", line,
			col, msg);
	util_sanitize(&safe, raw.data, raw.len);
	n = safe.len < errlen ? safe.len : errlen - 1;
	while (n > 0 && n < safe.len && ((unsigned char)safe.data[n] & 0xC0) == 0x80)
		n--;
	if (n)
		memcpy(err, safe.data, n);
	err[n] = '\0';
	util_buf_free(&raw);
	util_buf_free(&safe);
}
