/* theme.c: colour themes, compiled-in default and YAML loading. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "theme.h"
#include "userconfig.h"
#include "yamlutil.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/resolute"
#endif

_Static_assert(THEME_ROLE_COUNT <= 32, "theme.defined has one bit per role");

static const struct {
	const char *name;
	const char *help;
	struct theme_style dflt;
} roles[THEME_ROLE_COUNT] = {
#define X(id, name, fg, bg, attrs, help) \
	[THEME_ROLE_##id] = { name, help, { (fg), (bg), (attrs) } },
	THEME_ROLES(X)
#undef X
};

static const char *const attr_names[THEME_ATTR_COUNT] = {
#define X(id, name) [THEME_ATTR_INDEX_##id] = name,
	THEME_ATTRS(X)
#undef X
};

/* Colour names: index = palette number; bright-NAME adds 8. */
static const char *const color_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

const char *theme_role_name(enum theme_role r)
{
	return (unsigned)r < THEME_ROLE_COUNT ? roles[r].name : NULL;
}

const char *theme_role_help(enum theme_role r)
{
	return (unsigned)r < THEME_ROLE_COUNT ? roles[r].help : NULL;
}

int theme_role_from_name(const char *name)
{
	int i;

	for (i = 0; i < THEME_ROLE_COUNT; i++)
		if (!strcmp(roles[i].name, name))
			return i;
	return -1;
}

const char *theme_attr_name(unsigned attr)
{
	int i;

	for (i = 0; i < THEME_ATTR_COUNT; i++)
		if (attr == 1u << i)
			return attr_names[i];
	return NULL;
}

static int attr_from_name(const char *s)
{
	int i;

	for (i = 0; i < THEME_ATTR_COUNT; i++)
		if (!strcmp(attr_names[i], s))
			return 1 << i;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Levels of the xterm 6x6x6 colour cube. */
static const unsigned cube[6] = { 0, 95, 135, 175, 215, 255 };

static unsigned nearest_level(unsigned v)
{
	unsigned i, best = 0;

	for (i = 1; i < 6; i++)
		if ((v > cube[i] ? v - cube[i] : cube[i] - v) <
		    (v > cube[best] ? v - cube[best] : cube[best] - v))
			best = i;
	return best;
}

static unsigned long dist2(unsigned r1, unsigned g1, unsigned b1, unsigned r2, unsigned g2,
			   unsigned b2)
{
	long dr = (long)r1 - (long)r2, dg = (long)g1 - (long)g2, db = (long)b1 - (long)b2;

	return (unsigned long)(dr * dr + dg * dg + db * db);
}

int theme_color_from_rgb(unsigned r, unsigned g, unsigned b)
{
	unsigned ri = nearest_level(r), gi = nearest_level(g), bi = nearest_level(b);
	unsigned long dc = dist2(r, g, b, cube[ri], cube[gi], cube[bi]);
	unsigned avg = (r + g + b) / 3, gi2, grey;
	unsigned long dg;

	/* Greys 232..255 are 8, 18, ..., 238. */
	gi2 = avg < 8 ? 0 : (avg - 8 + 5) / 10;
	if (gi2 > 23)
		gi2 = 23;
	grey = 8 + 10 * gi2;
	dg = dist2(r, g, b, grey, grey, grey);
	if (dg < dc)
		return 232 + (int)gi2;
	return 16 + (int)(36 * ri + 6 * gi + bi);
}

int theme_color_parse(const char *s, int *out)
{
	int i;

	if (!strcasecmp(s, "default")) {
		*out = THEME_COLOR_DEFAULT;
		return 0;
	}
	for (i = 0; i < 8; i++) {
		if (!strcasecmp(s, color_names[i])) {
			*out = i;
			return 0;
		}
		if (!strncasecmp(s, "bright-", 7) && !strcasecmp(s + 7, color_names[i])) {
			*out = i + 8;
			return 0;
		}
	}
	if (s[0] >= '0' && s[0] <= '9') {
		int v = 0;

		for (i = 0; s[i]; i++) {
			if (s[i] < '0' || s[i] > '9' || i >= 3)
				return -1;
			v = v * 10 + (s[i] - '0');
		}
		if (v > 255)
			return -1;
		*out = v;
		return 0;
	}
	if (s[0] == '#' && strlen(s) == 7) {
		int h[6];

		for (i = 0; i < 6; i++)
			if ((h[i] = hexval(s[1 + i])) < 0)
				return -1;
		*out = theme_color_from_rgb((unsigned)(h[0] * 16 + h[1]),
					    (unsigned)(h[2] * 16 + h[3]),
					    (unsigned)(h[4] * 16 + h[5]));
		return 0;
	}
	return -1;
}

const char *theme_color_name(int color, char *buf, size_t n)
{
	if (color < 0)
		snprintf(buf, n, "default");
	else if (color < 8)
		snprintf(buf, n, "%s", color_names[color]);
	else if (color < 16)
		snprintf(buf, n, "bright-%s", color_names[color - 8]);
	else
		snprintf(buf, n, "%d", color);
	return buf;
}

void theme_default(struct theme *out)
{
	int i;

	memset(out, 0, sizeof(*out));
	snprintf(out->name, sizeof(out->name), "default");
	snprintf(out->description, sizeof(out->description), "Dark-friendly default");
	for (i = 0; i < THEME_ROLE_COUNT; i++)
		out->style[i] = roles[i].dflt;
}

/* ---- loading ------------------------------------------------------- */

/* What a style handler needs: the theme and the role being filled. */
struct style_ctx {
	struct theme *t;
	int role;
	char what[64]; /* "style 'lead'" */
};

static int set_color(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *val,
		     const void *arg, void *data)
{
	struct style_ctx *sc = data;
	const char *which = (const char *)key->data.scalar.value; /* "fg" or "bg" */
	const char *s;
	char what[96];
	int color;

	(void)arg;
	snprintf(what, sizeof(what), "%s in %s", which, sc->what);
	if (yamlutil_is_null(val))
		return yamlutil_error(c, val, "missing colour for %s (quote \"#rrggbb\": "
					      "a bare # starts a comment)", what);
	if (!(s = yamlutil_string(c, val, what, 64)))
		return -1;
	if (theme_color_parse(s, &color) < 0)
		return yamlutil_error(c, val,
				      "unknown colour '%s' for %s (expected default, a name like "
				      "red or bright-red, 0-255 or \"#rrggbb\")", s, what);
	if (which[0] == 'f')
		sc->t->style[sc->role].fg = (int16_t)color;
	else
		sc->t->style[sc->role].bg = (int16_t)color;
	return 0;
}

static int add_attr(struct yamlutil_ctx *c, const yaml_node_t *n, struct style_ctx *sc,
		    uint16_t *attrs)
{
	char what[96];
	const char *s;
	int a;

	snprintf(what, sizeof(what), "attrs of %s", sc->what);
	if (!(s = yamlutil_string(c, n, what, 64)))
		return -1;
	if (!(a = attr_from_name(s)))
		return yamlutil_error(c, n,
				      "unknown attribute '%s' in %s (expected bold, italic, "
				      "underline, reverse, dim, standout)", s, sc->what);
	*attrs |= (uint16_t)a;
	return 0;
}

static int set_attrs(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *val,
		     const void *arg, void *data)
{
	struct style_ctx *sc = data;
	uint16_t attrs = 0;
	size_t i, n;

	(void)key;
	(void)arg;
	if (val->type == YAML_MAPPING_NODE)
		return yamlutil_error(c, val, "attrs in %s must be a list, not a mapping",
				      sc->what);
	if (val->type == YAML_SCALAR_NODE) {
		/* "attrs: bold" is read as "attrs: [bold]"; null as []. */
		if (!yamlutil_is_null(val) && add_attr(c, val, sc, &attrs) < 0)
			return -1;
	} else {
		n = yamlutil_seq_len(val);
		for (i = 0; i < n; i++)
			if (add_attr(c, yamlutil_seq_item(c, val, i), sc, &attrs) < 0)
				return -1;
	}
	sc->t->style[sc->role].attrs = attrs;
	return 0;
}

static const struct yamlutil_entry style_table[] = {
	{ "fg", YAML_SCALAR_NODE, set_color, NULL },
	{ "bg", YAML_SCALAR_NODE, set_color, NULL },
	{ "attrs", YAML_NO_NODE, set_attrs, NULL },
	{ NULL, YAML_NO_NODE, NULL, NULL },
};

static int set_style(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *val,
		     const void *arg, void *data)
{
	struct theme *t = data;
	const char *name = (const char *)key->data.scalar.value;
	struct style_ctx sc;
	int role = -1;

	(void)arg;
	if (strlen(name) == key->data.scalar.length)
		role = theme_role_from_name(name);
	if (role < 0) {
		char list[512];
		size_t n = 0;
		int i;

		for (i = 0; i < THEME_ROLE_COUNT && n < sizeof(list); i++)
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", i ? ", " : "",
					      roles[i].name);
		return yamlutil_error(c, key, "unknown role '%.64s' in styles (expected %s)", name,
				      list);
	}
	if (val->type != YAML_MAPPING_NODE)
		return yamlutil_error(c, val, "style '%s' must be a mapping, not %s%s", name,
				      strcmp(yamlutil_node_type_name(val), "null") ? "a " : "",
				      yamlutil_node_type_name(val));
	sc.t = t;
	sc.role = role;
	snprintf(sc.what, sizeof(sc.what), "style '%s'", name);
	/* A role the file names is described by the file alone. */
	t->style[role].fg = THEME_COLOR_DEFAULT;
	t->style[role].bg = THEME_COLOR_DEFAULT;
	t->style[role].attrs = 0;
	t->defined |= 1u << role;
	return yamlutil_walk(c, val, style_table, sc.what, &sc);
}

static int set_styles(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *val,
		      const void *arg, void *data)
{
	(void)key;
	(void)arg;
	return yamlutil_each_pair(c, val, "styles", set_style, NULL, data);
}

static int set_text(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *val,
		    const void *arg, void *data)
{
	struct theme *t = data;
	bool is_name = !strcmp((const char *)key->data.scalar.value, "name");
	char *dst = is_name ? t->name : t->description;
	size_t max = is_name ? sizeof(t->name) : sizeof(t->description);
	const char *s;

	(void)arg;
	if (!(s = yamlutil_string(c, val, is_name ? "'name'" : "'description'", max - 1)))
		return -1;
	memcpy(dst, s, strlen(s) + 1);
	return 0;
}

static const struct yamlutil_entry theme_table[] = {
	{ "name", YAML_SCALAR_NODE, set_text, NULL },
	{ "description", YAML_SCALAR_NODE, set_text, NULL },
	{ "styles", YAML_MAPPING_NODE, set_styles, NULL },
	{ NULL, YAML_NO_NODE, NULL, NULL },
};

/* Theme name from a path: basename without ".yaml", cut to fit. */
static void name_from_path(const char *path, char *out, size_t n)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 5 && !strcmp(base + len - 5, ".yaml"))
		len -= 5;
	if (len >= n)
		len = n - 1;
	memcpy(out, base, len);
	out[len] = '\0';
	/* Keep only safe bytes: the name goes to the status line. */
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)out[i] < 0x20 || (unsigned char)out[i] >= 0x7F)
			out[i] = '?';
}

static int load_ctx(struct yamlutil_ctx *c, const char *path, struct theme *out)
{
	struct theme t;

	theme_default(&t);
	t.description[0] = '\0';
	name_from_path(path, t.name, sizeof(t.name));
	if (yamlutil_walk(c, yamlutil_root(c), theme_table, "theme", &t) < 0) {
		theme_default(out);
		return -1;
	}
	*out = t;
	return 0;
}

int theme_load_buffer(const char *data, size_t len, const char *path, struct theme *out,
		      char *err, size_t errlen)
{
	struct yamlutil_ctx c;
	int rc = -1;

	if (yamlutil_load(&c, path, data, len, 0, err, errlen) == 0)
		rc = load_ctx(&c, path, out);
	else
		theme_default(out);
	yamlutil_free(&c);
	return rc;
}

/* themes/default.yaml as shipped: its length and FNV-1a 64 hash (a test
 * checks both against the file). */
#define DEFAULT_FILE_LEN 1029
#define DEFAULT_FILE_HASH 0xad410f9f165bdb7full

bool theme_is_default_file(const char *data, size_t len)
{
	return len == DEFAULT_FILE_LEN && util_fnv1a64(data, len) == DEFAULT_FILE_HASH;
}

static int load_path(const char *path, struct theme *out, char *err, size_t errlen)
{
	struct yamlutil_ctx c;
	char *data;
	size_t len;
	int rc;

	rc = yamlutil_read_file(&c, path, &data, &len, err, errlen);
	if (rc == 0 && theme_is_default_file(data, len)) {
		/* the shipped default.yaml (found on every start): what parsing
		 * it gives, without parsing it */
		theme_default(out);
		out->defined = (uint32_t)((1ull << THEME_ROLE_COUNT) - 1);
	} else if (rc == 0 && (rc = yamlutil_load(&c, path, data, len, 0, err, errlen)) == 0) {
		rc = load_ctx(&c, path, out);
	} else {
		theme_default(out);
	}
	free(data);
	yamlutil_free(&c);
	return rc;
}

static bool valid_name(const char *s)
{
	size_t i;

	if (!s[0] || s[0] == '.' || strlen(s) >= THEME_NAME_MAX)
		return false;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_' || s[i] == '.'))
			return false;
	return true;
}

static void set_error(char *err, size_t errlen, const char *msg)
{
	struct util_buf b = { 0 };
	size_t n;

	if (!err || !errlen)
		return;
	util_sanitize(&b, msg, strlen(msg));
	n = b.len < errlen ? b.len : errlen - 1;
	while (n > 0 && n < b.len && ((unsigned char)b.data[n] & 0xC0) == 0x80)
		n--;
	if (n)
		memcpy(err, b.data, n);
	err[n] = '\0';
	util_buf_free(&b);
}

int theme_load(const char *name_or_path, const char *const *search_dirs, struct theme *out,
	       char *err, size_t errlen)
{
	char path[4096 + THEME_NAME_MAX + 8];
	char msg[1024];
	size_t i, n, start;
	int rc;

	if (err && errlen)
		err[0] = '\0';
	if (strchr(name_or_path, '/'))
		return load_path(name_or_path, out, err, errlen) < 0 ? -1 : 0;
	if (!valid_name(name_or_path)) {
		theme_default(out);
		snprintf(msg, sizeof(msg),
			 "invalid theme name '%.64s' (letters, digits, '-', '_', '.'; "
			 "a file is given as a path containing '/')", name_or_path);
		set_error(err, errlen, msg);
		return -1;
	}
	for (i = 0; search_dirs && search_dirs[i]; i++) {
		if (!search_dirs[i][0])
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s.yaml", search_dirs[i],
				     name_or_path) >= sizeof(path))
			continue;
		rc = load_path(path, out, err, errlen);
		if (rc != -2)
			return rc;
		if (err && errlen)
			err[0] = '\0';
	}
	theme_default(out);
	if (!strcmp(name_or_path, "default"))
		return 0;
	n = start = (size_t)snprintf(msg, sizeof(msg), "theme '%s' not found (", name_or_path);
	for (i = 0; search_dirs && search_dirs[i] && n < sizeof(msg); i++)
		if (search_dirs[i][0])
			n += (size_t)snprintf(msg + n, sizeof(msg) - n, "%s%s",
					      n == start ? "searched " : ", ",
					      search_dirs[i]);
	if (n == start && n < sizeof(msg))
		n += (size_t)snprintf(msg + n, sizeof(msg) - n, "no theme directories");
	if (n < sizeof(msg) && strlen(name_or_path) > 5 &&
	    !strcmp(name_or_path + strlen(name_or_path) - 5, ".yaml"))
		n += (size_t)snprintf(msg + n, sizeof(msg) - n, "; a file is given as a path: ./%s",
				      name_or_path);
	if (n < sizeof(msg))
		snprintf(msg + n, sizeof(msg) - n, ")");
	set_error(err, errlen, msg);
	return -1;
}

void theme_apply_no_color(struct theme *t)
{
	int16_t base = t->style[THEME_ROLE_NORMAL].bg;
	int i;

	for (i = 0; i < THEME_ROLE_COUNT; i++) {
		struct theme_style *s = &t->style[i];

		/* A bar or highlight drawn by its background stays visible. */
		if (s->bg != base && i != THEME_ROLE_NORMAL)
			s->attrs |= THEME_ATTR_REVERSE;
		s->fg = THEME_COLOR_DEFAULT;
		s->bg = THEME_COLOR_DEFAULT;
	}
}

bool theme_no_color_requested(void)
{
	const char *v = getenv("NO_COLOR");

	return v && v[0];
}

void theme_dirs_init(struct theme_dirs *d, const char *extra)
{
	size_t k = 0;

	memset(d, 0, sizeof(*d));
	if (config_xdg_dir(CONFIG_XDG_CONFIG, d->user, sizeof(d->user) - 8) == 0) {
		strcat(d->user, "/themes");
		d->dirs[k++] = d->user;
	}
	d->dirs[k++] = PKGDATADIR "/themes";
	if (extra && extra[0] && strlen(extra) < sizeof(d->extra)) {
		memcpy(d->extra, extra, strlen(extra) + 1);
		d->dirs[k++] = d->extra;
	}
	d->dirs[k] = NULL;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

size_t theme_list(const char *const *search_dirs, char (*names)[THEME_NAME_MAX], size_t max)
{
	size_t n = 0, total = 0, i, j;
	bool have_default = false;

	for (i = 0; search_dirs && search_dirs[i]; i++) {
		DIR *dir = opendir(search_dirs[i]);
		struct dirent *e;

		if (!dir)
			continue;
		while ((e = readdir(dir))) {
			size_t len = strlen(e->d_name);
			char name[THEME_NAME_MAX];

			if (len <= 5 || strcmp(e->d_name + len - 5, ".yaml") || len - 5 >= sizeof(name))
				continue;
			memcpy(name, e->d_name, len - 5);
			name[len - 5] = '\0';
			if (!valid_name(name))
				continue;
			for (j = 0; j < n && strcmp(names[j], name); j++)
				;
			if (j < n)
				continue;
			if (!strcmp(name, "default"))
				have_default = true;
			if (n < max)
				memcpy(names[n++], name, strlen(name) + 1);
			total++;
		}
		closedir(dir);
	}
	if (!have_default) {
		if (n < max)
			memcpy(names[n++], "default", 8);
		total++;
	}
	qsort(names, n, sizeof(*names), name_cmp);
	return total > n ? total : n;
}
