/* notes.c: the notes store: YAML files, locked merging saves, listing,
 * export and the command-line entry points. Anchoring: notes_anchor.c. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "fsutil.h"
#include "json.h"
#include "notes.h"
#include "parse.h"
#include "yamlutil.h"

#define LOCK_NAME ".lock"
#define FILE_EXT ".yaml"
#define STORE_SUBDIR "resolute"
#define TEXT_KEY_PREFIX "text:"
#define TEXT_FILE_PREFIX "_text-"
#define SYMBOL_MAX 256
#define TITLE_MAX 1024

/* ---- small helpers ------------------------------------------------------- */

static int seterr(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static char *xstrdup_or_null(const char *s)
{
	return s ? util_xstrdup(s) : NULL;
}

/* Copy s as valid UTF-8 (each invalid byte becomes U+FFFD). */
static char *utf8_dup(const char *s)
{
	struct util_buf b = { 0 };
	size_t n = strlen(s), i = 0;

	while (i < n) {
		size_t ok = util_utf8_valid_prefix(s + i, n - i);

		util_buf_append(&b, s + i, ok);
		i += ok;
		if (i < n) {
			util_buf_puts(&b, "\xEF\xBF\xBD");
			i++;
		}
	}
	util_buf_append(&b, "", 0);
	return b.data;
}

static void note_free(struct note *n)
{
	free(n->para_id);
	free(n->quote);
	free(n->prefix);
	free(n->suffix);
	free(n->text);
	memset(n, 0, sizeof(*n));
}

static void note_copy(struct note *dst, const struct note *src)
{
	*dst = *src;
	dst->para_id = xstrdup_or_null(src->para_id);
	dst->quote = xstrdup_or_null(src->quote);
	dst->prefix = xstrdup_or_null(src->prefix);
	dst->suffix = xstrdup_or_null(src->suffix);
	dst->text = xstrdup_or_null(src->text);
}

static struct note *note_push(struct notes_doc *nd)
{
	struct note *n;

	if (nd->n == nd->cap) {
		nd->cap = nd->cap ? nd->cap * 2 : 8;
		nd->notes = util_xrealloc(nd->notes, nd->cap, sizeof(*nd->notes));
	}
	n = &nd->notes[nd->n++];
	memset(n, 0, sizeof(*n));
	n->para = -1;
	return n;
}

static void note_remove(struct notes_doc *nd, size_t i)
{
	note_free(&nd->notes[i]);
	memmove(&nd->notes[i], &nd->notes[i + 1], (nd->n - i - 1) * sizeof(*nd->notes));
	nd->n--;
}

void notes_doc_free(struct notes_doc *nd)
{
	size_t i;

	for (i = 0; i < nd->n; i++)
		note_free(&nd->notes[i]);
	free(nd->notes);
	free(nd->key);
	free(nd->symbol);
	free(nd->doc_hash);
	free(nd->title);
	free(nd->file);
	memset(nd, 0, sizeof(*nd));
}

/* ---- file names -------------------------------------------------------- */

static bool keep_byte(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '.';
}

void notes_file_name(const char *symbol, char *out, size_t outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	char name[4 * SYMBOL_MAX + 64];
	size_t i, k = 0, cut = 0;
	bool long_name = false;

	for (i = 0; symbol[i]; i++) {
		unsigned char c = (unsigned char)symbol[i];

		if (k + 4 >= sizeof(name) - 40) {
			long_name = true;
			break;
		}
		if (k <= NOTES_NAME_MAX - 24)
			cut = k; /* the last boundary that leaves room for the hash */
		if (c == '/') {
			name[k++] = '-';
		} else if (keep_byte(c) && !(i == 0 && c == '.')) {
			name[k++] = (char)c;
		} else {
			name[k++] = '_';
			name[k++] = hex[c >> 4];
			name[k++] = hex[c & 15];
		}
	}
	if (k > NOTES_NAME_MAX || long_name) {
		char h[NOTES_HASH_LEN + 1];

		/* Cut on an escape boundary and add a hash of the whole symbol:
		 * '+' never occurs in a name that was not cut. */
		notes_text_hash(symbol, strlen(symbol), h);
		k = cut;
		name[k++] = '+';
		memcpy(name + k, h, NOTES_HASH_LEN);
		k += NOTES_HASH_LEN;
	}
	if (k == 0) {
		memcpy(name, "_", 1); /* empty symbol: never happens for real symbols */
		k = 1;
	}
	name[k] = '\0';
	snprintf(out, outlen, "%s%s", name, FILE_EXT);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool notes_file_symbol(const char *name, char *out, size_t outlen)
{
	size_t n = strlen(name), el = strlen(FILE_EXT), i, k = 0;

	if (n <= el || strcmp(name + n - el, FILE_EXT) || outlen == 0)
		return false;
	n -= el;
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (k + 1 >= outlen)
			return false;
		if (c == '-') {
			out[k++] = '/';
		} else if (c == '_') {
			int a, b;

			if (i + 2 >= n || (a = hexval(name[i + 1])) < 0 ||
			    (b = hexval(name[i + 2])) < 0)
				return false;
			out[k++] = (char)(a << 4 | b);
			i += 2;
		} else if (keep_byte((unsigned char)c)) {
			out[k++] = c;
		} else {
			return false;
		}
	}
	out[k] = '\0';
	return k > 0;
}

/* Hash of the whole text, for documents without a symbol. */
static void doc_text_hash(const struct doc *d, char *out)
{
	struct util_buf b = { 0 };
	size_t i;

	for (i = 0; i < d->n_paras; i++) {
		char h[NOTES_HASH_LEN + 1];

		notes_text_hash(d->paras[i].text ? d->paras[i].text : "",
				d->paras[i].text ? d->paras[i].text_len : 0, h);
		util_buf_puts(&b, h);
	}
	notes_text_hash(b.data ? b.data : "", b.len, out);
	util_buf_free(&b);
}

void notes_doc_init(struct notes_doc *nd, const struct doc *d)
{
	char name[256];

	memset(nd, 0, sizeof(*nd));
	if (d->symbol && d->symbol[0]) {
		nd->symbol = utf8_dup(d->symbol);
		nd->key = util_xstrdup(nd->symbol);
		notes_file_name(d->symbol, name, sizeof(name));
	} else {
		char h[NOTES_HASH_LEN + 1];

		doc_text_hash(d, h);
		nd->doc_hash = util_xstrdup(h);
		nd->key = util_xmalloc(sizeof(TEXT_KEY_PREFIX) + NOTES_HASH_LEN);
		snprintf(nd->key, sizeof(TEXT_KEY_PREFIX) + NOTES_HASH_LEN, "%s%s",
			 TEXT_KEY_PREFIX, h);
		snprintf(name, sizeof(name), "%s%s%s", TEXT_FILE_PREFIX, h, FILE_EXT);
	}
	nd->file = util_xstrdup(name);
	if (d->title && d->title[0]) {
		struct util_buf b = { 0 };
		char *t = utf8_dup(d->title);
		size_t i;
		bool sp = false;

		for (i = 0; t[i]; i++) { /* one line, single spaces */
			unsigned char c = (unsigned char)t[i];

			if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				sp = true;
				continue;
			}
			if (sp && b.len)
				util_buf_putc(&b, ' ');
			sp = false;
			util_buf_putc(&b, (char)c);
		}
		free(t);
		if (b.len > TITLE_MAX) { /* cut at a character */
			b.len = TITLE_MAX;
			while (b.len && ((unsigned char)b.data[b.len] & 0xC0) == 0x80)
				b.len--;
			b.data[b.len] = '\0';
		}
		util_buf_append(&b, "", 0);
		nd->title = b.data;
	}
}

/* ---- reading a store file ---------------------------------------------- */

/* A notes file may be larger and hold longer scalars than a settings file. */
static const struct yamlutil_limits notes_limits = {
	NOTES_MAX_FILE,
	NOTES_MAX_SCALAR,
	NOTES_MAX_DEPTH,
};

/* What a field holds, for the table-driven handlers below. */
enum field_kind {
	F_TEXT,      /* any text without NUL, may be empty or null (whatever
		      * resolute writes must read back) */
	F_HASH,      /* 16 lowercase hex digits */
	F_BOOL,      /* true or false */
	F_TIME,      /* 2026-11-22T12:00:00Z */
	F_VERSION,   /* 1 */
};

struct field {
	enum field_kind kind;
	size_t offset; /* in struct note or struct notes_doc */
	unsigned bit;  /* seen bit */
	const char *name;
};

/* What handlers fill. */
struct fill {
	void *obj;
	unsigned seen;
};

static bool is_hash(const char *s, size_t n)
{
	size_t i;

	if (n != NOTES_HASH_LEN)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static bool is_time(const char *s, size_t n)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	if (n != sizeof(pat) - 1)
		return false;
	for (i = 0; i < n; i++) {
		if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != pat[i])
			return false;
	}
	return true;
}

static int field_handler(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *v,
			 const void *arg, void *data)
{
	const struct field *f = arg;
	struct fill *fl = data;
	const char *s = yamlutil_scalar(v);
	size_t n = v->data.scalar.length;
	char what[64];
	/* void *: the field is a char *, a bool or an array, aligned for its type */
	void *dst = (char *)fl->obj + f->offset;

	snprintf(what, sizeof(what), "'%s'", f->name);
	fl->seen |= f->bit;
	switch (f->kind) {
	case F_TEXT:
		if (yamlutil_is_null(v)) {
			s = "";
			n = 0;
		}
		if (strlen(s) != n)
			return yamlutil_error(c, v, "NUL character in %s", what);
		free(*(char **)dst);
		*(char **)dst = util_xstrdup(s);
		return 0;
	case F_HASH:
		if (!is_hash(s, n))
			return yamlutil_error(c, v, "%s must be %d lowercase hexadecimal digits",
					      what, NOTES_HASH_LEN);
		memcpy(dst, s, NOTES_HASH_LEN + 1);
		return 0;
	case F_BOOL:
		if (v->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
		    (strcmp(s, "true") && strcmp(s, "false")))
			return yamlutil_error(c, v, "%s must be true or false", what);
		*(bool *)dst = !strcmp(s, "true");
		return 0;
	case F_TIME:
		if (!is_time(s, n))
			return yamlutil_error(c, v,
					      "%s must be a UTC time like 2026-11-22T12:00:00Z",
					      what);
		memcpy(dst, s, n + 1);
		return 0;
	case F_VERSION:
		if (strcmp(s, "1"))
			return yamlutil_error(c, v,
					      "unsupported version '%.20s' (this resolute reads "
					      "version 1); the file is left alone",
					      s);
		return 0;
	}
	(void)key;
	return 0;
}

#define NOTE_FIELD(k, member, bit, name) { k, offsetof(struct note, member), bit, name }
static const struct field f_paragraph = NOTE_FIELD(F_TEXT, para_id, 1u << 0, "paragraph");
static const struct field f_hash = NOTE_FIELD(F_HASH, hash, 1u << 1, "hash");
static const struct field f_quote = NOTE_FIELD(F_TEXT, quote, 1u << 2, "quote");
static const struct field f_prefix = NOTE_FIELD(F_TEXT, prefix, 1u << 3, "prefix");
static const struct field f_suffix = NOTE_FIELD(F_TEXT, suffix, 1u << 4, "suffix");
static const struct field f_note = NOTE_FIELD(F_TEXT, text, 1u << 5, "note");
static const struct field f_highlight = NOTE_FIELD(F_BOOL, highlight, 1u << 6, "highlight");
static const struct field f_created = NOTE_FIELD(F_TIME, created, 1u << 7, "created");
static const struct field f_modified = NOTE_FIELD(F_TIME, modified, 1u << 8, "modified");
static const unsigned note_required = 1u << 0 | 1u << 1 | 1u << 2 | 1u << 5 | 1u << 7 | 1u << 8;

static const struct yamlutil_entry note_table[] = {
	{ "paragraph", YAML_SCALAR_NODE, field_handler, &f_paragraph },
	{ "hash", YAML_SCALAR_NODE, field_handler, &f_hash },
	{ "quote", YAML_SCALAR_NODE, field_handler, &f_quote },
	{ "prefix", YAML_SCALAR_NODE, field_handler, &f_prefix },
	{ "suffix", YAML_SCALAR_NODE, field_handler, &f_suffix },
	{ "note", YAML_SCALAR_NODE, field_handler, &f_note },
	{ "highlight", YAML_SCALAR_NODE, field_handler, &f_highlight },
	{ "created", YAML_SCALAR_NODE, field_handler, &f_created },
	{ "modified", YAML_SCALAR_NODE, field_handler, &f_modified },
	{ NULL, YAML_NO_NODE, NULL, NULL },
};

/* Names of the required fields missing from `seen`, for the message. */
static void missing_names(const struct yamlutil_entry *table, unsigned seen, unsigned required,
			  char *out, size_t outlen)
{
	const struct yamlutil_entry *e;
	size_t k = 0;

	out[0] = '\0';
	for (e = table; e->key; e++) {
		const struct field *f = e->arg;

		if ((required & f->bit) && !(seen & f->bit) && k < outlen)
			k += (size_t)snprintf(out + k, outlen - k, "%s'%s'", k ? ", " : "",
					      f->name);
	}
}

static int notes_handler(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *seq,
			 const void *arg, void *data)
{
	struct notes_doc *nd = ((struct fill *)data)->obj;
	size_t i, n = yamlutil_seq_len(seq);

	((struct fill *)data)->seen |= *(const unsigned *)arg;
	for (i = 0; i < n; i++) {
		yaml_node_t *item = yamlutil_seq_item(c, seq, i);
		struct note *note;
		struct fill fl;
		char what[48], miss[160];

		if (!item || item->type != YAML_MAPPING_NODE)
			return yamlutil_error(c, item, "each note must be a mapping, not %s",
					      yamlutil_node_type_name(item));
		note = note_push(nd);
		note->line = (int)yamlutil_line(item);
		fl.obj = note;
		fl.seen = 0;
		snprintf(what, sizeof(what), "note %zu", i + 1);
		if (yamlutil_walk(c, item, note_table, what, &fl) < 0)
			return -1;
		if ((fl.seen & note_required) != note_required) {
			missing_names(note_table, fl.seen, note_required, miss, sizeof(miss));
			return yamlutil_error(c, item, "note %zu is missing %s", i + 1, miss);
		}
		if (!note->prefix)
			note->prefix = util_xstrdup("");
		if (!note->suffix)
			note->suffix = util_xstrdup("");
	}
	(void)key;
	return 0;
}

#define DOC_FIELD(k, member, bit, name) { k, offsetof(struct notes_doc, member), bit, name }
static const struct field f_version = DOC_FIELD(F_VERSION, key, 1u << 0, "version");
static const struct field f_symbol = DOC_FIELD(F_TEXT, symbol, 1u << 1, "symbol");
static const struct field f_dochash = DOC_FIELD(F_HASH, doc_hash, 1u << 2, "text-hash");
static const struct field f_title = DOC_FIELD(F_TEXT, title, 1u << 3, "title");
static const unsigned notes_bit = 1u << 4;

/* text-hash is a string in struct notes_doc, not an array: own handler. */
static int dochash_handler(struct yamlutil_ctx *c, const yaml_node_t *key, yaml_node_t *v,
			   const void *arg, void *data)
{
	struct fill *fl = data;
	struct notes_doc *nd = fl->obj;
	const char *s = yamlutil_scalar(v);

	fl->seen |= f_dochash.bit;
	if (!is_hash(s, v->data.scalar.length))
		return yamlutil_error(c, v, "'text-hash' must be %d lowercase hexadecimal digits",
				      NOTES_HASH_LEN);
	free(nd->doc_hash);
	nd->doc_hash = util_xstrdup(s);
	(void)key;
	(void)arg;
	return 0;
}

static const struct yamlutil_entry doc_table[] = {
	{ "version", YAML_SCALAR_NODE, field_handler, &f_version },
	{ "symbol", YAML_SCALAR_NODE, field_handler, &f_symbol },
	{ "text-hash", YAML_SCALAR_NODE, dochash_handler, &f_dochash },
	{ "title", YAML_SCALAR_NODE, field_handler, &f_title },
	{ "notes", YAML_SEQUENCE_NODE, notes_handler, &notes_bit },
	{ NULL, YAML_NO_NODE, NULL, NULL },
};

int notes_parse(const char *path, const char *data, size_t len, struct notes_doc *nd, char *err,
		size_t errlen)
{
	struct yamlutil_ctx c;
	struct fill fl;
	yaml_node_t *root;
	int rc = -1;

	memset(nd, 0, sizeof(*nd));
	if (yamlutil_load_limits(&c, path, data, len, &notes_limits, 0, err, errlen) < 0)
		goto out;
	root = yamlutil_root(&c);
	if (root->type != YAML_MAPPING_NODE) {
		yamlutil_error(&c, root, "a notes file must be a mapping, not %s",
			       yamlutil_node_type_name(root));
		goto out;
	}
	fl.obj = nd;
	fl.seen = 0;
	if (yamlutil_walk(&c, root, doc_table, "the notes file", &fl) < 0)
		goto out;
	if (!(fl.seen & f_version.bit)) {
		yamlutil_error(&c, root, "missing 'version: 1'");
		goto out;
	}
	if (!!nd->symbol == !!nd->doc_hash) {
		yamlutil_error(&c, root, "exactly one of 'symbol' and 'text-hash' is required");
		goto out;
	}
	if (nd->symbol) {
		nd->key = util_xstrdup(nd->symbol);
	} else {
		size_t n = sizeof(TEXT_KEY_PREFIX) + NOTES_HASH_LEN;

		nd->key = util_xmalloc(n);
		snprintf(nd->key, n, "%s%s", TEXT_KEY_PREFIX, nd->doc_hash);
	}
	rc = 0;
out:
	yamlutil_free(&c);
	if (rc < 0)
		notes_doc_free(nd);
	return rc;
}

/* ---- writing a store file ---------------------------------------------- */

static int emit_out(void *data, unsigned char *buffer, size_t size)
{
	util_buf_append(data, buffer, size);
	return 1;
}

/* Plain when it is a safe word that no YAML reader takes for another type. */
static bool plain_ok(const char *s)
{
	static const char *const reserved[] = { "null", "true", "false", "yes", "no", "on",
						"off", "y", "n" };
	size_t i;

	if (!((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return false;
	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!keep_byte(c) && c != '/' && c != '-' && c != '_')
			return false;
	}
	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (!strcasecmp(s, reserved[i]))
			return false;
	return true;
}

static void emit(yaml_emitter_t *e, yaml_event_t *ev)
{
	/* Strings were made valid UTF-8 and the output is a buffer: the
	 * emitter has nothing that can fail but memory. */
	if (!yaml_emitter_emit(e, ev)) {
		fprintf(stderr, "resolute: cannot write YAML: %s\n",
			e->problem ? e->problem : "out of memory");
		abort();
	}
}

static void emit_scalar(yaml_emitter_t *e, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	char *v = utf8_dup(s);

	if (style == YAML_PLAIN_SCALAR_STYLE && !plain_ok(v))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)v, (int)strlen(v), 1, 1,
				     style);
	emit(e, &ev);
	free(v);
}

/* A value written exactly as given (controlled formats: times, booleans). */
static void emit_raw(yaml_emitter_t *e, const char *s)
{
	yaml_event_t ev;

	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
				     YAML_PLAIN_SCALAR_STYLE);
	emit(e, &ev);
}

static void emit_pair(yaml_emitter_t *e, const char *key, const char *val,
		      yaml_scalar_style_t style)
{
	emit_raw(e, key);
	emit_scalar(e, val, style);
}

void notes_serialize(const struct notes_doc *nd, struct util_buf *b)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	size_t i;

	util_buf_puts(b, "# resolute notes: one file per document, format in doc/notes.md.\n"
			 "# Comments are not kept when resolute saves this file.\n");
	yaml_emitter_initialize(&e);
	yaml_emitter_set_output(&e, emit_out, b);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	yaml_emitter_set_indent(&e, 2);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(&e, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(&e, &ev);
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	emit(&e, &ev);
	emit_raw(&e, "version");
	emit_raw(&e, "1");
	if (nd->symbol)
		emit_pair(&e, "symbol", nd->symbol, YAML_PLAIN_SCALAR_STYLE);
	else
		emit_pair(&e, "text-hash", nd->doc_hash ? nd->doc_hash : "",
			  YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	if (nd->title)
		emit_pair(&e, "title", nd->title, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	emit_raw(&e, "notes");
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
	emit(&e, &ev);
	for (i = 0; i < nd->n; i++) {
		const struct note *n = &nd->notes[i];
		const char *text = n->text ? n->text : "";

		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
		emit(&e, &ev);
		emit_pair(&e, "paragraph", n->para_id ? n->para_id : "", YAML_PLAIN_SCALAR_STYLE);
		emit_pair(&e, "hash", n->hash, YAML_PLAIN_SCALAR_STYLE);
		emit_pair(&e, "quote", n->quote ? n->quote : "", YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		emit_pair(&e, "prefix", n->prefix ? n->prefix : "",
			  YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		emit_pair(&e, "suffix", n->suffix ? n->suffix : "",
			  YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		/* Several lines: a literal block (the emitter falls back to a
		 * quoted string when a block cannot hold the text exactly). */
		emit_pair(&e, "note", text,
			  strchr(text, '\n') ? YAML_LITERAL_SCALAR_STYLE :
					       YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		emit_raw(&e, "highlight");
		emit_raw(&e, n->highlight ? "true" : "false");
		emit_raw(&e, "created");
		emit_raw(&e, is_time(n->created, strlen(n->created)) ? n->created :
									"1970-01-01T00:00:00Z");
		emit_raw(&e, "modified");
		emit_raw(&e, is_time(n->modified, strlen(n->modified)) ? n->modified :
									  "1970-01-01T00:00:00Z");
		yaml_mapping_end_event_initialize(&ev);
		emit(&e, &ev);
	}
	yaml_sequence_end_event_initialize(&ev);
	emit(&e, &ev);
	yaml_mapping_end_event_initialize(&ev);
	emit(&e, &ev);
	yaml_document_end_event_initialize(&ev, 1);
	emit(&e, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(&e, &ev);
	yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
}

/* ---- the store ------------------------------------------------------------ */

int notes_store_open(struct notes_store *s, const char *dir, char *err, size_t errlen)
{
	char path[4096];
	int lk;

	memset(s, 0, sizeof(*s));
	s->dirfd = -1;
	if (!dir) {
		if (fsutil_data_dir(STORE_SUBDIR, path, sizeof(path), err, errlen) < 0)
			return -1;
		dir = path;
	}
	s->dirfd = fsutil_open_private_dir(dir, err, errlen);
	if (s->dirfd < 0)
		return -1;
	s->dir = util_xstrdup(dir);
	/* Temporary files only exist while a writer holds the lock. */
	lk = fsutil_lock(s->dirfd, LOCK_NAME, err, errlen);
	if (lk < 0) {
		notes_store_close(s);
		return -1;
	}
	fsutil_clean_tmp(s->dirfd);
	fsutil_unlock(lk);
	return 0;
}

void notes_store_close(struct notes_store *s)
{
	if (s->dirfd >= 0)
		close(s->dirfd);
	free(s->dir);
	s->dirfd = -1;
	s->dir = NULL;
}

static char *file_path(const struct notes_store *s, const char *file)
{
	size_t n = strlen(s->dir) + strlen(file) + 2;
	char *p = util_xmalloc(n);

	snprintf(p, n, "%s/%s", s->dir, file);
	return p;
}

/* Read and parse one store file. 0, -2 (absent) or -1 with the message. */
static int read_file(struct notes_store *s, const char *file, struct notes_doc *nd, char *err,
		     size_t errlen)
{
	struct util_buf b = { 0 };
	char *path = file_path(s, file);
	char msg[512];
	int rc = fsutil_read_at(s->dirfd, file, NOTES_MAX_FILE, &b, msg, sizeof(msg));

	memset(nd, 0, sizeof(*nd));
	if (rc == -1) {
		seterr(err, errlen, "%s: %s", path, msg);
	} else if (rc == 0) {
		rc = notes_parse(path, b.data ? b.data : "", b.len, nd, err, errlen);
		if (rc == 0)
			nd->file = util_xstrdup(file);
	}
	util_buf_free(&b);
	free(path);
	return rc;
}

/* Load the file of d into nd (fresh notes_doc); an absent file is empty. */
static int load_for(struct notes_store *s, const struct doc *d, struct notes_doc *nd, char *err,
		    size_t errlen)
{
	struct notes_doc want;
	int rc;

	notes_doc_init(&want, d);
	rc = read_file(s, want.file, nd, err, errlen);
	if (rc == -2) {
		*nd = want;
		return 0;
	}
	if (rc < 0) {
		notes_doc_free(&want);
		return -1;
	}
	if (strcmp(nd->key, want.key)) {
		char *path = file_path(s, want.file);

		seterr(err, errlen, "%s:1:1: holds the notes of %s, not of %s; the file is left "
			"alone", path, nd->key, want.key);
		free(path);
		notes_doc_free(nd);
		notes_doc_free(&want);
		return -1;
	}
	/* The title follows the text. */
	if (want.title) {
		free(nd->title);
		nd->title = want.title;
		want.title = NULL;
	}
	notes_doc_free(&want);
	return 0;
}

int notes_load(struct notes_store *s, const struct doc *d, struct notes_doc *nd, char *err,
	       size_t errlen)
{
	if (load_for(s, d, nd, err, errlen) < 0) {
		notes_doc_init(nd, d);
		return -1;
	}
	return 0;
}

static bool same_key(const struct note *a, const struct note *b)
{
	return !strcmp(a->para_id ? a->para_id : "", b->para_id ? b->para_id : "") &&
	       !strcmp(a->hash, b->hash) && !strcmp(a->created, b->created);
}

/* The single change a save makes. */
enum change_kind {
	CH_ADD,       /* append repl */
	CH_TEXT,      /* set the text (and anchor) of `old` from repl */
	CH_HIGHLIGHT, /* set the highlight (and anchor) of `old` from repl */
	CH_DELETE,    /* remove `old` */
};

static void move_anchor(struct note *dst, const struct note *src)
{
	free(dst->para_id);
	free(dst->quote);
	free(dst->prefix);
	free(dst->suffix);
	dst->para_id = xstrdup_or_null(src->para_id);
	dst->quote = xstrdup_or_null(src->quote);
	dst->prefix = xstrdup_or_null(src->prefix);
	dst->suffix = xstrdup_or_null(src->suffix);
	memcpy(dst->hash, src->hash, sizeof(dst->hash));
	memcpy(dst->modified, src->modified, sizeof(dst->modified));
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* Apply a change to the freshly read notes. Only the field the change is
 * about is taken from the caller's (possibly stale) copy, so a concurrent
 * edit of another field of the same note survives. A note deleted
 * meanwhile by another process comes back when edited: the edit wins. */
static void apply_change(struct notes_doc *fresh, enum change_kind kind, const struct note *old,
			 const struct note *repl)
{
	size_t i = fresh->n;
	struct note *n;

	if (old) {
		for (i = 0; i < fresh->n; i++)
			if (same_key(&fresh->notes[i], old))
				break;
	}
	if (i == fresh->n) {
		if (kind == CH_ADD || kind == CH_TEXT || (kind == CH_HIGHLIGHT && repl->highlight))
			note_copy(note_push(fresh), repl);
		return;
	}
	n = &fresh->notes[i];
	switch (kind) {
	case CH_ADD: /* not reached: old is NULL */
		break;
	case CH_TEXT:
		free(n->text);
		n->text = util_xstrdup(repl->text ? repl->text : "");
		move_anchor(n, repl);
		break;
	case CH_HIGHLIGHT:
		n->highlight = repl->highlight;
		move_anchor(n, repl);
		break;
	case CH_DELETE:
		note_remove(fresh, i);
		return;
	}
	if (!n->highlight && blank(n->text ? n->text : ""))
		note_remove(fresh, i);
}

/* Save one change: under the lock, re-read the file (so what other
 * processes saved in the meantime is kept), apply the change, replace the
 * file atomically. On success nd becomes the saved state, anchored to d. */
static int save_change(struct notes_store *s, struct notes_doc *nd, const struct doc *d,
		       enum change_kind kind, const struct note *old, const struct note *repl,
		       char *err, size_t errlen)
{
	struct notes_doc fresh;
	struct util_buf b = { 0 };
	char msg[512];
	int lk, rc = -1;

	if (s->dirfd < 0)
		return seterr(err, errlen, "the notes store is not open");
	lk = fsutil_lock(s->dirfd, LOCK_NAME, msg, sizeof(msg));
	if (lk < 0)
		return seterr(err, errlen, "%s: %s", s->dir, msg);
	if (load_for(s, d, &fresh, err, errlen) < 0)
		goto unlock;
	apply_change(&fresh, kind, old, repl);
	if (fresh.n == 0) {
		if (unlinkat(s->dirfd, fresh.file, 0) < 0 && errno != ENOENT) {
			seterr(err, errlen, "%s/%s: %s", s->dir, fresh.file, strerror(errno));
			notes_doc_free(&fresh);
			goto unlock;
		}
		fsync(s->dirfd);
	} else {
		notes_serialize(&fresh, &b);
		if (fsutil_write_atomic(s->dirfd, fresh.file, b.data, b.len, msg, sizeof(msg)) <
		    0) {
			seterr(err, errlen, "%s/%s: %s", s->dir, fresh.file, msg);
			notes_doc_free(&fresh);
			goto unlock;
		}
	}
	notes_doc_free(nd);
	*nd = fresh;
	notes_anchor(nd, d);
	rc = 0;
unlock:
	fsutil_unlock(lk);
	util_buf_free(&b);
	return rc;
}

static void now_iso(const struct notes_store *s, char *out)
{
	time_t t = s->now ? s->now : time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The text as stored: CR LF as LF, no white space at the end. */
static char *clean_text(const char *text, char *err, size_t errlen)
{
	size_t n = strlen(text), i, k = 0;
	char *t;

	if (n > NOTES_MAX_SCALAR) {
		seterr(err, errlen, "note is longer than %zu KiB", NOTES_MAX_SCALAR >> 10);
		return NULL;
	}
	if (util_utf8_valid_prefix(text, n) != n) {
		seterr(err, errlen, "note is not valid UTF-8 text");
		return NULL;
	}
	t = util_xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		if (text[i] == '\r' && text[i + 1] == '\n')
			continue;
		t[k++] = text[i];
	}
	while (k && (t[k - 1] == ' ' || t[k - 1] == '\t' || t[k - 1] == '\n' || t[k - 1] == '\r'))
		k--;
	t[k] = '\0';
	return t;
}

static int check_para(const struct doc *d, int para, char *err, size_t errlen)
{
	if (para < 0 || (size_t)para >= d->n_paras)
		return seterr(err, errlen, "no paragraph %d in this document", para);
	return 0;
}

int notes_set(struct notes_store *s, struct notes_doc *nd, const struct doc *d, int para,
	      const char *text, char *err, size_t errlen)
{
	struct note repl, old;
	char *t;
	int i, rc;

	if (check_para(d, para, err, errlen) < 0)
		return -1;
	t = clean_text(text, err, errlen);
	if (!t)
		return -1;
	i = notes_find(nd, para);
	if (i < 0 && blank(t)) {
		free(t);
		return 0;
	}
	memset(&repl, 0, sizeof(repl));
	repl.text = t;
	now_iso(s, repl.created);
	now_iso(s, repl.modified);
	notes_make_anchor(d, para, &repl);
	if (i < 0) {
		rc = save_change(s, nd, d, CH_ADD, NULL, &repl, err, errlen);
	} else {
		note_copy(&old, &nd->notes[i]);
		repl.highlight = old.highlight;
		memcpy(repl.created, old.created, sizeof(repl.created));
		rc = save_change(s, nd, d, CH_TEXT, &old, &repl, err, errlen);
		note_free(&old);
	}
	note_free(&repl);
	return rc;
}

int notes_delete(struct notes_store *s, struct notes_doc *nd, const struct doc *d, int para,
		 char *err, size_t errlen)
{
	struct note old;
	int i, rc;

	if (check_para(d, para, err, errlen) < 0)
		return -1;
	i = notes_find(nd, para);
	if (i < 0)
		return 0;
	note_copy(&old, &nd->notes[i]);
	rc = save_change(s, nd, d, CH_DELETE, &old, NULL, err, errlen);
	note_free(&old);
	return rc;
}

int notes_toggle_highlight(struct notes_store *s, struct notes_doc *nd, const struct doc *d,
			   int para, char *err, size_t errlen)
{
	struct note repl, old;
	int i, rc;

	if (check_para(d, para, err, errlen) < 0)
		return -1;
	i = notes_find(nd, para);
	memset(&repl, 0, sizeof(repl));
	repl.text = util_xstrdup("");
	now_iso(s, repl.created);
	now_iso(s, repl.modified);
	notes_make_anchor(d, para, &repl);
	if (i < 0) {
		repl.highlight = true;
		rc = save_change(s, nd, d, CH_ADD, NULL, &repl, err, errlen);
	} else {
		note_copy(&old, &nd->notes[i]);
		repl.highlight = !old.highlight;
		free(repl.text);
		repl.text = xstrdup_or_null(old.text);
		memcpy(repl.created, old.created, sizeof(repl.created));
		rc = save_change(s, nd, d, CH_HIGHLIGHT, &old, &repl, err, errlen);
		note_free(&old);
	}
	note_free(&repl);
	return rc;
}

/* ---- the library ----------------------------------------------------------- */

static int cmp_doc(const void *a, const void *b)
{
	return strcmp(((const struct notes_doc *)a)->key, ((const struct notes_doc *)b)->key);
}

int notes_list_all(struct notes_store *s, struct notes_library *lib, char *err, size_t errlen)
{
	struct dirent *de;
	DIR *dir;
	int fd;
	size_t cap = 0, ecap = 0, el = strlen(FILE_EXT);

	memset(lib, 0, sizeof(*lib));
	fd = openat(s->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || !(dir = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return seterr(err, errlen, "%s: %s", s->dir, strerror(errno));
	}
	while ((de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);
		struct notes_doc nd;
		char msg[1024];

		if (de->d_name[0] == '.' || len <= el || strcmp(de->d_name + len - el, FILE_EXT))
			continue;
		if (read_file(s, de->d_name, &nd, msg, sizeof(msg)) < 0) {
			if (lib->n_errors == ecap) {
				ecap = ecap ? ecap * 2 : 4;
				lib->errors = util_xrealloc(lib->errors, ecap, sizeof(char *));
			}
			lib->errors[lib->n_errors++] = util_xstrdup(msg);
			continue;
		}
		if (lib->n == cap) {
			cap = cap ? cap * 2 : 16;
			lib->docs = util_xrealloc(lib->docs, cap, sizeof(*lib->docs));
		}
		lib->docs[lib->n++] = nd;
	}
	closedir(dir);
	if (lib->n > 1)
		qsort(lib->docs, lib->n, sizeof(*lib->docs), cmp_doc);
	return 0;
}

void notes_library_free(struct notes_library *lib)
{
	size_t i;

	for (i = 0; i < lib->n; i++)
		notes_doc_free(&lib->docs[i]);
	for (i = 0; i < lib->n_errors; i++)
		free(lib->errors[i]);
	free(lib->docs);
	free(lib->errors);
	memset(lib, 0, sizeof(*lib));
}

void notes_first_line(const struct note *n, char *out, size_t outlen)
{
	const char *t = n->text ? n->text : "";
	size_t len, cut;

	if (outlen == 0)
		return;
	while (*t == ' ' || *t == '\t' || *t == '\n')
		t++;
	len = strcspn(t, "\n");
	if (len < outlen && (t[len] == '\0' || blank(t + len))) {
		memcpy(out, t, len);
		out[len] = '\0';
		return;
	}
	cut = len < outlen - 4 ? len : outlen > 4 ? outlen - 4 : 0;
	while (cut > 0 && ((unsigned char)t[cut] & 0xC0) == 0x80)
		cut--;
	memcpy(out, t, cut);
	snprintf(out + cut, outlen - cut, "...");
}

/* ---- export ------------------------------------------------------------ */

static const char *match_name(enum notes_match m)
{
	static const char *const names[] = {
		[NOTES_UNANCHORED] = "stored", [NOTES_EXACT] = "exact", [NOTES_MOVED] = "moved",
		[NOTES_FUZZY] = "fuzzy",       [NOTES_ORPHAN] = "orphan",
	};

	return names[m];
}

/* Append text line by line, each sanitized and preceded by lead. */
static void put_lines(struct util_buf *b, const char *lead, const char *text)
{
	const char *p = text;

	for (;;) {
		size_t n = strcspn(p, "\n");

		util_buf_puts(b, lead);
		util_sanitize(b, p, n);
		util_buf_putc(b, '\n');
		if (!p[n])
			break;
		p += n + 1;
	}
}

/* Paragraph id a note has in the given text (or its stored id). */
static const char *shown_id(const struct note *n, const struct doc *d)
{
	if (d && n->para >= 0 && (size_t)n->para < d->n_paras && d->paras[n->para].id)
		return d->paras[n->para].id;
	return n->para_id ? n->para_id : "?";
}

static void export_markdown(struct util_buf *b, struct notes_doc *docs,
			    const struct doc *const *texts, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct notes_doc *nd = &docs[i];
		const struct doc *d = texts ? texts[i] : NULL;

		if (nd->n == 0)
			continue;
		util_buf_puts(b, "# ");
		util_sanitize(b, nd->key, strlen(nd->key));
		if (nd->title) {
			util_buf_puts(b, ": ");
			util_sanitize(b, nd->title, strlen(nd->title));
		}
		util_buf_puts(b, "\n\n");
		for (j = 0; j < nd->n; j++) {
			const struct note *no = &nd->notes[j];
			const char *id = shown_id(no, d);

			util_buf_puts(b, "## ");
			util_sanitize(b, id, strlen(id));
			if (d && no->match == NOTES_ORPHAN) {
				util_buf_puts(b, " (orphan: no matching paragraph in this text)");
			} else if (d && strcmp(id, no->para_id ? no->para_id : "")) {
				util_buf_puts(b, " (was ");
				util_sanitize(b, no->para_id, strlen(no->para_id));
				util_buf_putc(b, ')');
			}
			util_buf_puts(b, "\n\n");
			if (d && no->para >= 0 && no->match != NOTES_ORPHAN) {
				const struct doc_para *p = &d->paras[no->para];

				put_lines(b, "> ", p->text ? p->text : "");
			} else {
				struct util_buf q = { 0 };

				util_buf_puts(&q, no->quote ? no->quote : "");
				if (no->suffix && no->suffix[0]) {
					util_buf_putc(&q, ' ');
					util_buf_puts(&q, no->suffix);
				}
				util_buf_puts(&q, "...");
				put_lines(b, "> ", q.data);
				util_buf_free(&q);
			}
			util_buf_putc(b, '\n');
			if (no->text && no->text[0]) {
				put_lines(b, "", no->text);
				util_buf_putc(b, '\n');
			}
			util_buf_printf(b, "_%sCreated %s, modified %s._\n\n",
					no->highlight ? "Highlighted. " : "", no->created,
					no->modified);
		}
	}
}

static void json_key_str(struct util_buf *b, const char *indent, const char *key, const char *v,
			 bool comma)
{
	util_buf_printf(b, "%s\"%s\": ", indent, key);
	if (v)
		json_append_string(b, v, strlen(v));
	else
		util_buf_puts(b, "null");
	util_buf_puts(b, comma ? ",\n" : "\n");
}

static void export_json(struct util_buf *b, struct notes_doc *docs,
			const struct doc *const *texts, size_t n)
{
	size_t i, j;

	util_buf_puts(b, "{\n  \"version\": 1,\n  \"documents\": [");
	for (i = 0; i < n; i++) {
		const struct notes_doc *nd = &docs[i];
		const struct doc *d = texts ? texts[i] : NULL;

		util_buf_puts(b, i ? ",\n    {\n" : "\n    {\n");
		json_key_str(b, "      ", "symbol", nd->symbol, true);
		json_key_str(b, "      ", "text_hash", nd->doc_hash, true);
		json_key_str(b, "      ", "title", nd->title, true);
		util_buf_puts(b, "      \"notes\": [");
		for (j = 0; j < nd->n; j++) {
			const struct note *no = &nd->notes[j];
			bool anchored = d && no->match != NOTES_ORPHAN && no->para >= 0;

			util_buf_puts(b, j ? ",\n        {\n" : "\n        {\n");
			json_key_str(b, "          ", "paragraph", no->para_id, true);
			json_key_str(b, "          ", "anchored_to",
				     anchored ? d->paras[no->para].id : NULL, true);
			json_key_str(b, "          ", "match", d ? match_name(no->match) : "stored",
				     true);
			json_key_str(b, "          ", "hash", no->hash, true);
			json_key_str(b, "          ", "quote", no->quote, true);
			json_key_str(b, "          ", "prefix", no->prefix, true);
			json_key_str(b, "          ", "suffix", no->suffix, true);
			json_key_str(b, "          ", "note", no->text, true);
			util_buf_printf(b, "          \"highlight\": %s,\n",
					no->highlight ? "true" : "false");
			json_key_str(b, "          ", "created", no->created, true);
			json_key_str(b, "          ", "modified", no->modified, false);
			util_buf_puts(b, "        }");
		}
		util_buf_puts(b, nd->n ? "\n      ]\n    }" : "]\n    }");
	}
	util_buf_puts(b, n ? "\n  ]\n}\n" : "]\n}\n");
}

int notes_export(FILE *f, const char *format, struct notes_doc *docs,
		 const struct doc *const *texts, size_t n, char *err, size_t errlen)
{
	struct util_buf b = { 0 };

	if (!strcmp(format, "markdown"))
		export_markdown(&b, docs, texts, n);
	else if (!strcmp(format, "json"))
		export_json(&b, docs, texts, n);
	else
		return seterr(err, errlen, "unknown export format '%.40s' (markdown, json)",
			      format);
	if (b.len)
		fwrite(b.data, 1, b.len, f);
	util_buf_free(&b);
	return 0;
}

/* ---- command line ---------------------------------------------------------- */

static void print_err(FILE *errf, const char *msg)
{
	struct util_buf b = { 0 };

	util_sanitize(&b, msg, strlen(msg));
	fprintf(errf, "resolute: %s\n", b.data ? b.data : "");
	util_buf_free(&b);
}

static void print_note(struct util_buf *b, const struct notes_doc *nd, const struct note *no,
		       const struct doc *d)
{
	const char *id = shown_id(no, d);

	util_sanitize(b, nd->key, strlen(nd->key));
	util_buf_putc(b, ' ');
	if (d && no->match == NOTES_ORPHAN) {
		util_buf_puts(b, "[orphan, was ");
		util_sanitize(b, no->para_id, strlen(no->para_id));
		util_buf_putc(b, ']');
	} else {
		util_sanitize(b, id, strlen(id));
		if (d && strcmp(id, no->para_id)) {
			util_buf_puts(b, " [was ");
			util_sanitize(b, no->para_id, strlen(no->para_id));
			util_buf_putc(b, ']');
		}
	}
	if (no->highlight)
		util_buf_puts(b, " [highlight]");
	util_buf_printf(b, " %.10s:", no->modified);
	if (no->text && no->text[0]) {
		util_buf_putc(b, '\n');
		put_lines(b, "    ", no->text);
	} else {
		util_buf_putc(b, '\n');
	}
}

/* Parsed texts and their notes, for --notes and --export-notes. */
struct loaded {
	struct doc_set *sets;
	size_t n_sets;
	struct notes_doc *docs;
	const struct doc **texts;
	size_t n, cap;
};

static void loaded_free(struct loaded *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		notes_doc_free(&l->docs[i]);
	for (i = 0; i < l->n_sets; i++)
		doc_set_free(&l->sets[i]);
	free(l->sets);
	free(l->docs);
	free(l->texts);
}

/* Parse each path, load and anchor the notes of each document. */
static int load_paths(struct notes_store *s, const char *const *paths, size_t n,
		      struct loaded *l, FILE *errf)
{
	size_t i, j;
	int status = 0;

	memset(l, 0, sizeof(*l));
	l->sets = util_xcalloc(n, sizeof(*l->sets));
	for (i = 0; i < n; i++) {
		char msg[1024];
		struct doc_set *set = &l->sets[l->n_sets];

		memset(set, 0, sizeof(*set));
		if (parse_file(paths[i], set, msg, sizeof(msg)) < 0) {
			char full[1400];

			snprintf(full, sizeof(full), "%s: %s", paths[i], msg);
			print_err(errf, full);
			doc_set_free(set);
			status = 1;
			continue;
		}
		l->n_sets++;
		for (j = 0; j < set->n; j++) {
			if (l->n == l->cap) {
				l->cap = l->cap ? l->cap * 2 : 8;
				l->docs = util_xrealloc(l->docs, l->cap, sizeof(*l->docs));
				l->texts = util_xrealloc(l->texts, l->cap, sizeof(*l->texts));
			}
			if (notes_load(s, set->docs[j], &l->docs[l->n], msg, sizeof(msg)) < 0) {
				print_err(errf, msg);
				status = 1;
			}
			notes_anchor(&l->docs[l->n], set->docs[j]);
			l->texts[l->n] = set->docs[j];
			l->n++;
		}
	}
	return status;
}

int notes_cmd_list(const char *const *paths, size_t n, FILE *out, FILE *errf)
{
	struct notes_store s;
	struct util_buf b = { 0 };
	char err[1024];
	int status = 0;
	size_t i, j;

	if (notes_store_open(&s, NULL, err, sizeof(err)) < 0) {
		print_err(errf, err);
		return 1;
	}
	if (n == 0) {
		struct notes_library lib;

		if (notes_list_all(&s, &lib, err, sizeof(err)) < 0) {
			print_err(errf, err);
			notes_store_close(&s);
			return 1;
		}
		for (i = 0; i < lib.n_errors; i++)
			print_err(errf, lib.errors[i]);
		status = lib.n_errors ? 1 : 0;
		for (i = 0; i < lib.n; i++)
			for (j = 0; j < lib.docs[i].n; j++)
				print_note(&b, &lib.docs[i], &lib.docs[i].notes[j], NULL);
		notes_library_free(&lib);
	} else {
		struct loaded l;

		status = load_paths(&s, paths, n, &l, errf);
		for (i = 0; i < l.n; i++)
			for (j = 0; j < l.docs[i].n; j++)
				print_note(&b, &l.docs[i], &l.docs[i].notes[j], l.texts[i]);
		loaded_free(&l);
	}
	if (b.len)
		fwrite(b.data, 1, b.len, out);
	util_buf_free(&b);
	notes_store_close(&s);
	if (fflush(out) == EOF || ferror(out))
		status = 1;
	return status;
}

int notes_cmd_export(const char *format, const char *const *paths, size_t n, FILE *out,
		     FILE *errf)
{
	struct notes_store s;
	char err[1024];
	int status = 0;

	if (strcmp(format, "markdown") && strcmp(format, "json")) {
		snprintf(err, sizeof(err), "unknown export format '%.40s' (markdown, json)",
			 format);
		print_err(errf, err);
		return 2;
	}
	if (notes_store_open(&s, NULL, err, sizeof(err)) < 0) {
		print_err(errf, err);
		return 1;
	}
	if (n == 0) {
		struct notes_library lib;
		size_t i;

		if (notes_list_all(&s, &lib, err, sizeof(err)) < 0) {
			print_err(errf, err);
			notes_store_close(&s);
			return 1;
		}
		for (i = 0; i < lib.n_errors; i++)
			print_err(errf, lib.errors[i]);
		status = lib.n_errors ? 1 : 0;
		notes_export(out, format, lib.docs, NULL, lib.n, err, sizeof(err));
		notes_library_free(&lib);
	} else {
		struct loaded l;

		status = load_paths(&s, paths, n, &l, errf);
		notes_export(out, format, l.docs, l.texts, l.n, err, sizeof(err));
		loaded_free(&l);
	}
	notes_store_close(&s);
	if (fflush(out) == EOF || ferror(out))
		status = 1;
	return status;
}

/* Read all of `in` (at most NOTES_MAX_SCALAR bytes). */
static int read_input(FILE *in, struct util_buf *b, char *err, size_t errlen)
{
	char chunk[4096];
	size_t r;

	while ((r = fread(chunk, 1, sizeof(chunk), in)) > 0) {
		if (b->len + r > NOTES_MAX_SCALAR)
			return seterr(err, errlen, "note is longer than %zu KiB",
				      NOTES_MAX_SCALAR >> 10);
		util_buf_append(b, chunk, r);
	}
	if (ferror(in))
		return seterr(err, errlen, "cannot read the note: %s", strerror(errno));
	util_buf_append(b, "", 0);
	if (strlen(b->data) != b->len)
		return seterr(err, errlen, "the note contains a NUL byte");
	return 0;
}

/* The document of set that "SYMBOL:" designates (symbol or number). */
static const struct doc *pick_doc(const struct doc_set *set, const char *sel, size_t sl)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		const struct doc *d = set->docs[i];

		if ((d->symbol && strlen(d->symbol) == sl && !strncasecmp(d->symbol, sel, sl)) ||
		    (d->number && strlen(d->number) == sl && !strncmp(d->number, sel, sl)))
			return d;
	}
	return NULL;
}

int notes_cmd_annotate(const char *id, const char *file, FILE *in, FILE *errf)
{
	struct doc_set set = { 0 };
	struct notes_store s;
	struct notes_doc nd;
	struct util_buf text = { 0 };
	const struct doc *d = NULL;
	const char *colon = strrchr(id, ':'), *pid = id;
	char err[1024], norm[128], full[1400];
	int status = 1, para;

	if (read_input(in, &text, err, sizeof(err)) < 0) {
		print_err(errf, err);
		util_buf_free(&text);
		return 1;
	}
	if (parse_file(file, &set, err, sizeof(err)) < 0) {
		snprintf(full, sizeof(full), "%s: %s", file, err);
		print_err(errf, full);
		goto out;
	}
	if (colon) {
		d = pick_doc(&set, id, (size_t)(colon - id));
		pid = colon + 1;
		if (!d) {
			snprintf(full, sizeof(full), "%s: no resolution %.*s in this file", file,
				 (int)(colon - id), id);
			print_err(errf, full);
			status = 2;
			goto out;
		}
	} else if (set.n == 1) {
		d = set.docs[0];
	} else {
		snprintf(full, sizeof(full),
			 "%s holds %zu resolutions; say which, e.g. %s:%s", file, set.n,
			 set.n && set.docs[0]->number ? set.docs[0]->number : "58/178", id);
		print_err(errf, full);
		status = 2;
		goto out;
	}
	if (!doc_normalize_id(pid, norm, sizeof(norm)) || (para = doc_find_para(d, norm)) < 0) {
		snprintf(full, sizeof(full), "%s: no paragraph '%s' in %s", file, pid,
			 d->symbol ? d->symbol : "this text");
		print_err(errf, full);
		status = 2;
		goto out;
	}
	if (notes_store_open(&s, NULL, err, sizeof(err)) < 0) {
		print_err(errf, err);
		goto out;
	}
	if (notes_load(&s, d, &nd, err, sizeof(err)) < 0) {
		print_err(errf, err);
		notes_doc_free(&nd);
		notes_store_close(&s);
		goto out;
	}
	notes_anchor(&nd, d);
	if (blank(text.data) ? notes_delete(&s, &nd, d, para, err, sizeof(err)) :
			       notes_set(&s, &nd, d, para, text.data, err, sizeof(err)))
		print_err(errf, err);
	else
		status = 0;
	notes_doc_free(&nd);
	notes_store_close(&s);
out:
	doc_set_free(&set);
	util_buf_free(&text);
	return status;
}
