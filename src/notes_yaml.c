/* notes_yaml.c: store files: parsing and serializing the YAML of one
 * document's notes (layout: doc/notes.md). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "notes.h"
#include "notes_int.h"
#include "yamlutil.h"

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
		note = notes_note_push(nd);
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
		size_t n = sizeof(NOTES_TEXT_KEY_PREFIX) + NOTES_HASH_LEN;

		nd->key = util_xmalloc(n);
		snprintf(nd->key, n, "%s%s", NOTES_TEXT_KEY_PREFIX, nd->doc_hash);
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

		if (!notes_keep_byte(c) && c != '/' && c != '-' && c != '_')
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
	char *v = notes_utf8_dup(s);

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
