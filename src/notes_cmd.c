/* notes_cmd.c: exporting notes (markdown, JSON) and the command-line
 * entry points --notes, --annotate and --export-notes. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fsutil.h"
#include "json.h"
#include "notes.h"
#include "notes_int.h"
#include "parse.h"

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
			json_key_str(b, "          ", "match",
				     d ? match_name(no->match) : "stored", true);
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
		return fsutil_seterr(err, errlen, "unknown export format '%.40s' (markdown, json)",
				     format);
	if (b.len)
		fwrite(b.data, 1, b.len, f);
	util_buf_free(&b);
	return 0;
}

/* ---- command line ---------------------------------------------------------- */

static void print_err(FILE *errf, const char *msg)
{
	util_err_line(errf, msg, NULL);
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

/* The notes --notes and --export-notes show: every document of the store
 * (lib; texts is NULL) or the documents of the given texts, their notes
 * anchored to them (sets, texts). */
struct loaded {
	struct notes_library lib;
	struct doc_set *sets;
	size_t n_sets;
	struct notes_doc *docs; /* lib.docs or the notes of each text */
	const struct doc **texts;
	size_t n, cap;
};

static void loaded_free(struct loaded *l)
{
	size_t i;

	if (l->texts) {
		for (i = 0; i < l->n; i++)
			notes_doc_free(&l->docs[i]);
		free(l->docs);
	}
	notes_library_free(&l->lib);
	for (i = 0; i < l->n_sets; i++)
		doc_set_free(&l->sets[i]);
	free(l->sets);
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

/* Load every document of the store, reporting the files that do not parse.
 * Returns the exit status so far (0, or 1 if a file did not parse), or -1
 * with nothing to free when the store cannot be read. */
static int load_library(struct notes_store *s, struct loaded *l, FILE *errf)
{
	char err[1024];
	size_t i;

	memset(l, 0, sizeof(*l));
	if (notes_list_all(s, &l->lib, err, sizeof(err)) < 0) {
		print_err(errf, err);
		return -1;
	}
	for (i = 0; i < l->lib.n_errors; i++)
		print_err(errf, l->lib.errors[i]);
	l->docs = l->lib.docs;
	l->n = l->lib.n;
	return l->lib.n_errors ? 1 : 0;
}

/* Open the store and load the notes of paths[0..n), or of the whole store
 * when n is 0. Returns the exit status so far (0 or 1; l to be freed), or -1
 * with the error printed and nothing to free. */
static int load_notes(const char *const *paths, size_t n, struct loaded *l, FILE *errf)
{
	struct notes_store s;
	char err[1024];
	int status;

	if (notes_store_open(&s, NULL, err, sizeof(err)) < 0) {
		print_err(errf, err);
		return -1;
	}
	if (n == 0)
		status = load_library(&s, l, errf);
	else
		status = load_paths(&s, paths, n, l, errf);
	notes_store_close(&s);
	return status;
}

int notes_cmd_list(const char *const *paths, size_t n, FILE *out, FILE *errf)
{
	struct util_buf b = { 0 };
	struct loaded l;
	int status = load_notes(paths, n, &l, errf);
	size_t i, j;

	if (status < 0)
		return 1;
	for (i = 0; i < l.n; i++)
		for (j = 0; j < l.docs[i].n; j++)
			print_note(&b, &l.docs[i], &l.docs[i].notes[j],
				   l.texts ? l.texts[i] : NULL);
	loaded_free(&l);
	if (b.len)
		fwrite(b.data, 1, b.len, out);
	util_buf_free(&b);
	if (fflush(out) == EOF || ferror(out))
		status = 1;
	return status;
}

int notes_cmd_export(const char *format, const char *const *paths, size_t n, FILE *out,
		     FILE *errf)
{
	struct loaded l;
	char err[1024];
	int status;

	if (strcmp(format, "markdown") && strcmp(format, "json")) {
		snprintf(err, sizeof(err), "unknown export format '%.40s' (markdown, json)",
			 format);
		print_err(errf, err);
		return 2;
	}
	status = load_notes(paths, n, &l, errf);
	if (status < 0)
		return 1;
	notes_export(out, format, l.docs, l.texts, l.n, err, sizeof(err));
	loaded_free(&l);
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
			return fsutil_seterr(err, errlen, "note is longer than %zu KiB",
					     NOTES_MAX_SCALAR >> 10);
		util_buf_append(b, chunk, r);
	}
	if (ferror(in))
		return fsutil_seterr(err, errlen, "cannot read the note: %s", strerror(errno));
	util_buf_append(b, "", 0);
	if (strlen(b->data) != b->len)
		return fsutil_seterr(err, errlen, "the note contains a NUL byte");
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
	if (notes_blank(text.data) ? notes_delete(&s, &nd, d, para, err, sizeof(err)) :
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
