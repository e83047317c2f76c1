/* yamlutil.c: safe loading and table-driven walking of small YAML files. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "yamlutil.h"

/* Longest piece of user text quoted in a message. */
#define QUOTE_MAX 80

/* The limits of yamlutil_load(), for settings files. */
static const struct yamlutil_limits settings_limits = {
	YAMLUTIL_MAX_FILE,
	YAMLUTIL_MAX_SCALAR,
	YAMLUTIL_MAX_DEPTH,
};

/* "4096 bytes", "64 KiB", "1024 KiB", "16 MiB": the largest unit giving a
 * whole number of at least 16. */
static const char *size_phrase(size_t bytes, char *buf, size_t n)
{
	static const struct {
		size_t unit;
		const char *name;
	} units[] = { { (size_t)1 << 20, "MiB" }, { (size_t)1 << 10, "KiB" } };
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (bytes % units[i].unit == 0 && bytes / units[i].unit >= 16) {
			snprintf(buf, n, "%zu %s", bytes / units[i].unit, units[i].name);
			return buf;
		}
	}
	snprintf(buf, n, "%zu bytes", bytes);
	return buf;
}

/* Start c afresh for path, with no error recorded. */
static void ctx_init(struct yamlutil_ctx *c, const char *path, char *err, size_t errlen)
{
	memset(c, 0, sizeof(*c));
	c->path = path;
	c->err = err;
	c->errlen = errlen;
	if (err && errlen)
		err[0] = '\0';
}

/* Copy the sanitized message into c->err, cut at a UTF-8 boundary. */
static void set_err(struct yamlutil_ctx *c, const char *msg)
{
	struct util_buf b = { 0 };
	size_t n;

	if (!c->err || c->errlen == 0)
		return;
	util_sanitize(&b, msg, strlen(msg));
	n = b.len;
	if (n >= c->errlen) {
		n = c->errlen - 1;
		while (n > 0 && ((unsigned char)b.data[n] & 0xC0) == 0x80)
			n--;
	}
	if (n)
		memcpy(c->err, b.data, n);
	c->err[n] = '\0';
	util_buf_free(&b);
}

static bool have_err(const struct yamlutil_ctx *c)
{
	return c->err && c->errlen && c->err[0];
}

/* "PATH:LINE:COL: message" with 1-based line and col. */
static int verror_at(struct yamlutil_ctx *c, size_t line, size_t col, const char *fmt,
		     va_list ap) __attribute__((format(printf, 4, 0)));
static int verror_at(struct yamlutil_ctx *c, size_t line, size_t col, const char *fmt,
		     va_list ap)
{
	char msg[1024];
	char full[1200];

	if (have_err(c))
		return -1;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	snprintf(full, sizeof(full), "%s:%zu:%zu: %s", c->path ? c->path : "<yaml>", line,
		 col, msg);
	set_err(c, full);
	return -1;
}

static int error_at(struct yamlutil_ctx *c, size_t line, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int error_at(struct yamlutil_ctx *c, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = verror_at(c, line, col, fmt, ap);
	va_end(ap);
	return rc;
}

/* "PATH: message", for problems with the file as a whole. */
static int file_error(struct yamlutil_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int file_error(struct yamlutil_ctx *c, const char *fmt, ...)
{
	char msg[512];
	char full[1200];
	va_list ap;

	if (have_err(c))
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "%s: %s", c->path ? c->path : "<yaml>", msg);
	set_err(c, full);
	return -1;
}

int yamlutil_verror(struct yamlutil_ctx *c, const yaml_node_t *n, const char *fmt, va_list ap)
{
	return verror_at(c, yamlutil_line(n), yamlutil_col(n), fmt, ap);
}

int yamlutil_error(struct yamlutil_ctx *c, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = yamlutil_verror(c, n, fmt, ap);
	va_end(ap);
	return rc;
}

unsigned yamlutil_line(const yaml_node_t *n)
{
	return n ? (unsigned)n->start_mark.line + 1 : 1;
}

unsigned yamlutil_col(const yaml_node_t *n)
{
	return n ? (unsigned)n->start_mark.column + 1 : 1;
}

/* Length of the longest prefix of s[0..n) of at most max bytes that ends
 * on a UTF-8 character boundary. */
static int clip(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return (int)n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return (int)max;
}

/* Line and column (1-based, counting characters) of byte offset off. */
static void offset_pos(const char *data, size_t len, size_t off, size_t *line, size_t *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	if (off > len)
		off = len;
	for (i = 0; i < off; i++) {
		unsigned char b = (unsigned char)data[i];

		if (b == '\n') {
			++*line;
			*col = 1;
		} else if ((b & 0xC0) != 0x80) {
			++*col;
		}
	}
}

static int parser_error(struct yamlutil_ctx *c, const yaml_parser_t *p, const char *data,
			size_t len)
{
	const char *problem = p->problem ? p->problem : "malformed document";
	size_t line, col;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return file_error(c, "out of memory while reading YAML");
	case YAML_READER_ERROR:
		offset_pos(data, len, p->problem_offset, &line, &col);
		if (p->problem_value != -1)
			return error_at(c, line, col, "not a YAML text file: %s (byte 0x%02X)",
					problem, (unsigned)p->problem_value & 0xFFu);
		return error_at(c, line, col, "not a YAML text file: %s", problem);
	default:
		line = p->problem_mark.line + 1;
		col = p->problem_mark.column + 1;
		if (p->context)
			return error_at(c, line, col, "invalid YAML: %s %s", p->context, problem);
		return error_at(c, line, col, "invalid YAML: %s", problem);
	}
}

/* Event pass: refuse anchors, aliases, deep nesting, long scalars and
 * several documents before the document API builds anything. */
static int check_events(struct yamlutil_ctx *c, const char *data, size_t len,
			const struct yamlutil_limits *lim)
{
	char size[32];
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, docs = 0, rc = 0;
	bool done = false;

	if (!yaml_parser_initialize(&p))
		return file_error(c, "out of memory while reading YAML");
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done && rc == 0) {
		size_t line, col;
		const yaml_char_t *anchor = NULL;

		if (!yaml_parser_parse(&p, &ev)) {
			rc = parser_error(c, &p, data, len);
			break;
		}
		line = ev.start_mark.line + 1;
		col = ev.start_mark.column + 1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				rc = error_at(c, line, col,
					      "more than one YAML document (only one is read)");
			break;
		case YAML_ALIAS_EVENT:
			rc = error_at(c, line, col, "aliases are not allowed (*%.*s)",
				      clip((const char *)ev.data.alias.anchor,
					   strlen((const char *)ev.data.alias.anchor), QUOTE_MAX),
				      (const char *)ev.data.alias.anchor);
			break;
		case YAML_SCALAR_EVENT:
			anchor = ev.data.scalar.anchor;
			if (!anchor && ev.data.scalar.length > lim->max_scalar)
				rc = error_at(c, line, col, "scalar longer than %s",
					      size_phrase(lim->max_scalar, size, sizeof(size)));
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			anchor = ev.type == YAML_SEQUENCE_START_EVENT ?
					 ev.data.sequence_start.anchor :
					 ev.data.mapping_start.anchor;
			if (++depth > lim->max_depth && !anchor)
				rc = error_at(c, line, col, "nested deeper than %d levels",
					      lim->max_depth);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		if (anchor)
			rc = error_at(c, line, col, "anchors are not allowed (&%.*s)",
				      clip((const char *)anchor, strlen((const char *)anchor),
					   QUOTE_MAX),
				      (const char *)anchor);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

int yamlutil_load_limits(struct yamlutil_ctx *c, const char *path, const char *data, size_t len,
			 const struct yamlutil_limits *lim, unsigned flags, char *err,
			 size_t errlen)
{
	yaml_parser_t p;
	char size[32];

	ctx_init(c, path, err, errlen);
	if (len > lim->max_file)
		return file_error(c, "file is larger than %s",
				  size_phrase(lim->max_file, size, sizeof(size)));
	if (check_events(c, data, len, lim) < 0)
		return -1;
	if (!yaml_parser_initialize(&p))
		return file_error(c, "out of memory while reading YAML");
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&p, &c->doc)) {
		int rc = parser_error(c, &p, data, len);

		yaml_parser_delete(&p);
		return rc;
	}
	yaml_parser_delete(&p);
	c->loaded = true;
	if (!yaml_document_get_root_node(&c->doc) && !(flags & YAMLUTIL_ALLOW_EMPTY))
		return error_at(c, 1, 1, "empty file: no YAML document");
	return 0;
}

int yamlutil_load(struct yamlutil_ctx *c, const char *path, const char *data, size_t len,
		  unsigned flags, char *err, size_t errlen)
{
	return yamlutil_load_limits(c, path, data, len, &settings_limits, flags, err, errlen);
}

int yamlutil_read_file(struct yamlutil_ctx *c, const char *path, char **data, size_t *len,
		       char *err, size_t errlen)
{
	struct stat st;
	char *buf, size[32];
	size_t n = 0, cap;
	int fd;

	*data = NULL;
	*len = 0;
	ctx_init(c, path, err, errlen);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		int e = errno;

		file_error(c, "%s", strerror(e));
		errno = e;
		return e == ENOENT ? -2 : -1;
	}
	if (fstat(fd, &st) < 0) {
		file_error(c, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return file_error(c, "is a directory");
	}
	if (S_ISREG(st.st_mode) && st.st_size > (off_t)YAMLUTIL_MAX_FILE) {
		close(fd);
		return file_error(c, "file is larger than %s",
				  size_phrase(YAMLUTIL_MAX_FILE, size, sizeof(size)));
	}
	/* A regular file's size plus one byte (to see it grow), else the most
	 * accepted plus one: reads stop there, which also bounds FIFOs. */
	cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : YAMLUTIL_MAX_FILE + 1;
	buf = util_xmalloc(cap + 1);
	while (n <= YAMLUTIL_MAX_FILE) {
		ssize_t r;

		if (n == cap) {
			cap = cap * 2 < YAMLUTIL_MAX_FILE + 1 ? cap * 2 : YAMLUTIL_MAX_FILE + 1;
			buf = util_xrealloc(buf, cap + 1, 1);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			free(buf);
			close(fd);
			return file_error(c, "%s", strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int yamlutil_load_file(struct yamlutil_ctx *c, const char *path, unsigned flags, char *err,
		       size_t errlen)
{
	char *buf;
	size_t len;
	int rc;

	rc = yamlutil_read_file(c, path, &buf, &len, err, errlen);
	if (rc < 0)
		return rc;
	rc = yamlutil_load(c, path, buf, len, flags, err, errlen);
	free(buf);
	return rc;
}

void yamlutil_free(struct yamlutil_ctx *c)
{
	if (c->loaded)
		yaml_document_delete(&c->doc);
	c->loaded = false;
}

yaml_node_t *yamlutil_root(struct yamlutil_ctx *c)
{
	return c->loaded ? yaml_document_get_root_node(&c->doc) : NULL;
}

bool yamlutil_is_null(const yaml_node_t *n)
{
	const char *s;

	if (!n || n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = (const char *)n->data.scalar.value;
	return n->data.scalar.length == 0 || !strcmp(s, "~") || !strcmp(s, "null") ||
	       !strcmp(s, "Null") || !strcmp(s, "NULL");
}

const char *yamlutil_node_type_name(const yaml_node_t *n)
{
	if (!n)
		return "nothing";
	switch (n->type) {
	case YAML_MAPPING_NODE:
		return "mapping";
	case YAML_SEQUENCE_NODE:
		return "sequence";
	case YAML_SCALAR_NODE:
		return yamlutil_is_null(n) ? "null" : "scalar";
	default:
		return "nothing";
	}
}

/* "a mapping", "a sequence", "a scalar", "null": for messages. */
static const char *type_phrase(const yaml_node_t *n)
{
	const char *t = yamlutil_node_type_name(n);

	if (!strcmp(t, "mapping"))
		return "a mapping";
	if (!strcmp(t, "sequence"))
		return "a sequence";
	if (!strcmp(t, "scalar"))
		return "a scalar";
	return t;
}

static const char *expected_phrase(yaml_node_type_t t)
{
	switch (t) {
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_SEQUENCE_NODE:
		return "a sequence";
	default:
		return "a scalar";
	}
}

const char *yamlutil_scalar(const yaml_node_t *n)
{
	if (!n || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

const char *yamlutil_string(struct yamlutil_ctx *c, const yaml_node_t *n, const char *what,
			    size_t maxlen)
{
	const unsigned char *s;
	size_t i, len;

	if (!n || n->type != YAML_SCALAR_NODE) {
		yamlutil_error(c, n, "%s must be a string, not %s", what, type_phrase(n));
		return NULL;
	}
	if (yamlutil_is_null(n)) {
		yamlutil_error(c, n, "missing value for %s", what);
		return NULL;
	}
	s = n->data.scalar.value;
	len = n->data.scalar.length;
	if (len > maxlen) {
		yamlutil_error(c, n, "%s is longer than %zu bytes", what, maxlen);
		return NULL;
	}
	for (i = 0; i < len; i++) {
		if (s[i] < 0x20 || s[i] == 0x7F ||
		    (s[i] == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)) {
			yamlutil_error(c, n, "control character in %s", what);
			return NULL;
		}
	}
	return (const char *)s;
}

size_t yamlutil_seq_len(const yaml_node_t *seq)
{
	if (!seq || seq->type != YAML_SEQUENCE_NODE)
		return 0;
	return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

yaml_node_t *yamlutil_seq_item(struct yamlutil_ctx *c, const yaml_node_t *seq, size_t i)
{
	if (i >= yamlutil_seq_len(seq))
		return NULL;
	return yaml_document_get_node(&c->doc, seq->data.sequence.items.start[i]);
}

/* A key of a mapping, for the duplicate check. */
struct keyref {
	const char *s;
	size_t len;
	size_t idx;
	const yaml_node_t *node;
};

static int keyref_cmp(const void *a, const void *b)
{
	const struct keyref *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int d = memcmp(x->s, y->s, n);

	if (d)
		return d;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Keys must be scalars and unique. Sorting keeps this O(n log n) however
 * large the mapping. */
static int check_keys(struct yamlutil_ctx *c, yaml_node_t *map, const char *what)
{
	yaml_node_pair_t *pr;
	size_t n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
	struct keyref *k;
	const struct keyref *dup = NULL;
	size_t i = 0;

	if (n < 2) {
		if (n == 1) {
			yaml_node_t *key = yaml_document_get_node(&c->doc,
								   map->data.mapping.pairs.start->key);
			if (!key || key->type != YAML_SCALAR_NODE)
				return yamlutil_error(c, key, "keys in %s must be scalars, not %s",
						      what, type_phrase(key));
		}
		return 0;
	}
	k = util_xcalloc(n, sizeof(*k));
	for (pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top; pr++, i++) {
		yaml_node_t *key = yaml_document_get_node(&c->doc, pr->key);

		if (!key || key->type != YAML_SCALAR_NODE) {
			free(k);
			return yamlutil_error(c, key, "keys in %s must be scalars, not %s", what,
					      type_phrase(key));
		}
		k[i].s = (const char *)key->data.scalar.value;
		k[i].len = key->data.scalar.length;
		k[i].idx = i;
		k[i].node = key;
	}
	qsort(k, n, sizeof(*k), keyref_cmp);
	for (i = 1; i < n; i++) {
		if (k[i].len == k[i - 1].len && !memcmp(k[i].s, k[i - 1].s, k[i].len) &&
		    (!dup || k[i].idx < dup->idx))
			dup = &k[i];
	}
	if (dup) {
		int rc = yamlutil_error(c, dup->node, "duplicate key '%.*s' in %s",
					clip(dup->s, dup->len, QUOTE_MAX), dup->s, what);
		free(k);
		return rc;
	}
	free(k);
	return 0;
}

int yamlutil_each_pair(struct yamlutil_ctx *c, yaml_node_t *map, const char *what,
		       yamlutil_handler fn, const void *arg, void *data)
{
	yaml_node_pair_t *pr;

	if (!map || map->type != YAML_MAPPING_NODE) {
		if (yamlutil_is_null(map))
			return 0;
		return yamlutil_error(c, map, "%s must be a mapping, not %s", what,
				      type_phrase(map));
	}
	if (check_keys(c, map, what) < 0)
		return -1;
	for (pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top; pr++) {
		yaml_node_t *key = yaml_document_get_node(&c->doc, pr->key);
		yaml_node_t *val = yaml_document_get_node(&c->doc, pr->value);

		if (fn(c, key, val, arg, data) < 0)
			return -1;
	}
	return 0;
}

/* Walker state passed through yamlutil_each_pair. */
struct walk {
	const struct yamlutil_entry *table;
	const char *what;
	void *data;
};

static int walk_pair(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *val,
		     const void *arg, void *data)
{
	const struct walk *w = arg;
	const struct yamlutil_entry *e;
	const char *ks = (const char *)key->data.scalar.value;
	size_t klen = key->data.scalar.length;

	(void)data;
	for (e = w->table; e->key; e++) {
		if (strlen(e->key) == klen && !memcmp(e->key, ks, klen))
			break;
	}
	if (!e->key) {
		char expected[512];
		size_t n = 0;
		const struct yamlutil_entry *x;

		expected[0] = '\0';
		for (x = w->table; x->key && n < sizeof(expected); x++)
			n += (size_t)snprintf(expected + n, sizeof(expected) - n, "%s%s",
					      x == w->table ? "" : ", ", x->key);
		return yamlutil_error(c, key, "unknown key '%.*s' in %s (expected %s)",
				      clip(ks, klen, QUOTE_MAX), ks, w->what, expected);
	}
	if (e->type != YAML_NO_NODE && val->type != e->type) {
		if (e->type != YAML_SCALAR_NODE && yamlutil_is_null(val))
			return 0;
		return yamlutil_error(c, val, "'%s' in %s must be %s, not %s", e->key, w->what,
				      expected_phrase(e->type), type_phrase(val));
	}
	return e->handler(c, key, val, e->arg, w->data);
}

int yamlutil_walk(struct yamlutil_ctx *c, yaml_node_t *map, const struct yamlutil_entry *table,
		  const char *what, void *data)
{
	struct walk w = { table, what, data };

	return yamlutil_each_pair(c, map, what, walk_pair, &w, data);
}
