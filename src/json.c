/* json.c: the JSON writer of the document model (schema in doc/json.md).
 *
 * Everything is appended to one growable buffer that is flushed to the
 * FILE in large chunks; paragraph trees are walked iteratively through
 * first_child/next_sibling/parent, so neither deep nesting nor a long
 * document costs more than a linear pass. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "json.h"

#define FLUSH_AT (1u << 16)

struct jw {
	FILE *f;
	struct util_buf b;
};

static void jw_flush(struct jw *w)
{
	if (w->b.len) {
		fwrite(w->b.data, 1, w->b.len, w->f);
		w->b.len = 0;
	}
}

static void jw_maybe_flush(struct jw *w)
{
	if (w->b.len >= FLUSH_AT)
		jw_flush(w);
}

static void jw_raw(struct jw *w, const char *s, size_t n)
{
	util_buf_append(&w->b, s, n);
}

static void jw_lit(struct jw *w, const char *s)
{
	jw_raw(w, s, strlen(s));
}

static void jw_indent(struct jw *w, int level)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)(level > 0 ? level : 0) * 2;

	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		jw_raw(w, spaces, k);
		n -= k;
	}
}

/* Start a member: newline, indent, "key": */
static void jw_key(struct jw *w, int level, const char *key, bool first)
{
	jw_raw(w, first ? "\n" : ",\n", first ? 1 : 2);
	jw_indent(w, level);
	util_buf_putc(&w->b, '"');
	jw_lit(w, key);
	jw_raw(w, "\": ", 3);
}

static void jw_str(struct jw *w, const char *s)
{
	if (s)
		json_append_string(&w->b, s, strlen(s));
	else
		jw_raw(w, "null", 4);
}

static void jw_strn(struct jw *w, const char *s, size_t n)
{
	json_append_string(&w->b, s, n);
}

static void jw_int(struct jw *w, long long v)
{
	char tmp[32];
	int k = snprintf(tmp, sizeof(tmp), "%lld", v);

	jw_raw(w, tmp, (size_t)k);
}

/* Length of a well-formed UTF-8 sequence at s (n >= 1 bytes, s[0] >= 0x80),
 * or 0: no overlongs, no surrogates, nothing above U+10FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];

	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;

		if (n < 3 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80)
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;

		if (n < 4 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		return 4;
	}
	return 0;
}

static void put_u_escape(struct util_buf *b, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";
	char e[6] = { '\\', 'u', hex[(v >> 12) & 15], hex[(v >> 8) & 15],
		      hex[(v >> 4) & 15], hex[v & 15] };

	util_buf_append(b, e, sizeof(e));
}

void json_append_string(struct util_buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0;

	util_buf_putc(b, '"');
	while (i < n) {
		unsigned char c = s[i];

		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (c >= 0x80) {
			size_t k = utf8_seq(s + i, n - i);

			if (k == 2 && c == 0xC2 && s[i + 1] < 0xA0) {
				/* C1 control */
			} else if (k == 3 && c == 0xE2 && s[i + 1] == 0x80 &&
				   (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
				/* U+2028/U+2029: valid JSON, but not in JavaScript */
			} else if (k > 0) {
				i += k;
				continue;
			}
			util_buf_append(b, s + run, i - run);
			if (k == 0) {
				put_u_escape(b, 0xFFFD);
				i++;
			} else if (k == 2) {
				put_u_escape(b, s[i + 1]);
				i += 2;
			} else {
				put_u_escape(b, s[i + 2] == 0xA8 ? 0x2028 : 0x2029);
				i += 3;
			}
			run = i;
			continue;
		}
		util_buf_append(b, s + run, i - run);
		if (c == '"')
			util_buf_append(b, "\\\"", 2);
		else if (c == '\\')
			util_buf_append(b, "\\\\", 2);
		else
			put_u_escape(b, c);
		i++;
		run = i;
	}
	util_buf_append(b, s + run, n - run);
	util_buf_putc(b, '"');
}

static bool para_ok(const struct doc *d, int i)
{
	return i >= 0 && (size_t)i < d->n_paras;
}

/* The members of a paragraph up to and including the "children" key. */
static void para_open(struct jw *w, const struct doc_para *p, int level)
{
	jw_raw(w, "{", 1);
	jw_key(w, level + 1, "id", true);
	jw_str(w, p->id);
	jw_key(w, level + 1, "kind", false);
	jw_str(w, doc_para_kind_name(p->kind));
	jw_key(w, level + 1, "number", false);
	jw_str(w, p->number);
	jw_key(w, level + 1, "lead", false);
	jw_str(w, p->lead);
	jw_key(w, level + 1, "text", false);
	if (p->text)
		jw_strn(w, p->text, p->text_len);
	else
		jw_str(w, "");
	jw_key(w, level + 1, "children", false);
}

static void para_close(struct jw *w, const struct doc_para *p, int level)
{
	jw_key(w, level + 1, "line", false);
	jw_int(w, p->line);
	jw_raw(w, "\n", 1);
	jw_indent(w, level);
	jw_raw(w, "}", 1);
}

/* One paragraph and all its descendants as an object at `level`, walked
 * without recursion. */
static void para_tree(struct jw *w, const struct doc *d, int root, int level)
{
	int cur = root, lv = level;

	for (;;) {
		const struct doc_para *p = &d->paras[cur];

		para_open(w, p, lv);
		if (para_ok(d, p->first_child)) {
			jw_raw(w, "[\n", 2);
			lv += 2;
			jw_indent(w, lv);
			cur = p->first_child;
			continue;
		}
		jw_raw(w, "[]", 2);
		para_close(w, p, lv);
		jw_maybe_flush(w);
		/* climb until a node has a next sibling */
		while (cur != root) {
			const struct doc_para *q = &d->paras[cur];

			if (para_ok(d, q->next_sibling)) {
				jw_raw(w, ",\n", 2);
				jw_indent(w, lv);
				cur = q->next_sibling;
				break;
			}
			if (!para_ok(d, q->parent))
				return; /* broken links: stop rather than loop */
			cur = q->parent;
			lv -= 2;
			jw_raw(w, "\n", 1);
			jw_indent(w, lv + 1);
			jw_raw(w, "]", 1);
			para_close(w, &d->paras[cur], lv);
		}
		if (cur == root)
			return;
	}
}

/* "key": [ top-level paragraphs among paras[from, to) of annex `annex` ] */
static void para_array(struct jw *w, const struct doc *d, size_t from, size_t to,
		       int annex, int level)
{
	bool first = true;

	jw_raw(w, "[", 1);
	for (size_t i = from; i < to && i < d->n_paras; i++) {
		const struct doc_para *p = &d->paras[i];

		if (p->parent != -1 || p->annex != annex)
			continue;
		jw_raw(w, first ? "\n" : ",\n", first ? 1 : 2);
		jw_indent(w, level + 1);
		para_tree(w, d, (int)i, level + 1);
		first = false;
	}
	if (!first) {
		jw_raw(w, "\n", 1);
		jw_indent(w, level);
	}
	jw_raw(w, "]", 1);
}

/* Open an array element object at level: handles the comma and newline. */
static void elem_open(struct jw *w, int level, bool first)
{
	jw_raw(w, first ? "\n" : ",\n", first ? 1 : 2);
	jw_indent(w, level);
	jw_raw(w, "{", 1);
}

static void elem_close(struct jw *w, int level)
{
	jw_raw(w, "\n", 1);
	jw_indent(w, level);
	jw_raw(w, "}", 1);
}

static void array_close(struct jw *w, int level, bool empty)
{
	if (!empty) {
		jw_raw(w, "\n", 1);
		jw_indent(w, level);
	}
	jw_raw(w, "]", 1);
}

static const char *para_id(const struct doc *d, int i)
{
	return para_ok(d, i) ? d->paras[i].id : NULL;
}

static void write_annexes(struct jw *w, const struct doc *d, int level)
{
	jw_raw(w, "[", 1);
	for (size_t i = 0; i < d->n_annexes; i++) {
		const struct doc_annex *a = &d->annexes[i];
		size_t from = a->first_para > 0 ? (size_t)a->first_para : 0;
		size_t to = from + (a->n_paras > 0 ? (size_t)a->n_paras : 0);

		elem_open(w, level + 1, i == 0);
		jw_key(w, level + 2, "id", true);
		jw_str(w, a->id);
		jw_key(w, level + 2, "label", false);
		jw_str(w, a->label);
		jw_key(w, level + 2, "title", false);
		jw_str(w, a->title);
		jw_key(w, level + 2, "paragraphs", false);
		para_array(w, d, from, to, (int)i, level + 2);
		elem_close(w, level + 1);
	}
	array_close(w, level, d->n_annexes == 0);
}

static void write_footnotes(struct jw *w, const struct doc *d, int level)
{
	jw_raw(w, "[", 1);
	for (size_t i = 0; i < d->n_footnotes; i++) {
		const struct doc_footnote *fn = &d->footnotes[i];
		bool placed = para_ok(d, fn->para);

		elem_open(w, level + 1, i == 0);
		jw_key(w, level + 2, "id", true);
		jw_str(w, fn->id);
		jw_key(w, level + 2, "number", false);
		jw_str(w, fn->number);
		jw_key(w, level + 2, "text", false);
		jw_str(w, fn->text);
		jw_key(w, level + 2, "paragraph", false);
		jw_str(w, para_id(d, fn->para));
		jw_key(w, level + 2, "offset", false);
		if (placed)
			jw_int(w, (long long)fn->offset);
		else
			jw_str(w, NULL);
		elem_close(w, level + 1);
		jw_maybe_flush(w);
	}
	array_close(w, level, d->n_footnotes == 0);
}

/* The referenced span, clamped to the text it points into. */
static void write_ref_span(struct jw *w, const struct doc *d, const struct doc_ref *r)
{
	const char *t = NULL;
	size_t len = 0;

	if (para_ok(d, r->para)) {
		t = d->paras[r->para].text;
		len = d->paras[r->para].text_len;
	} else if (r->footnote >= 0 && (size_t)r->footnote < d->n_footnotes) {
		t = d->footnotes[r->footnote].text;
		len = t ? strlen(t) : 0;
	}
	if (!t || r->start > len) {
		jw_str(w, NULL);
		return;
	}
	jw_strn(w, t + r->start, r->len < len - r->start ? r->len : len - r->start);
}

static void write_refs(struct jw *w, const struct doc *d, int level)
{
	jw_raw(w, "[", 1);
	for (size_t i = 0; i < d->n_refs; i++) {
		const struct doc_ref *r = &d->refs[i];
		const char *where = para_id(d, r->para);

		if (!where && r->footnote >= 0 && (size_t)r->footnote < d->n_footnotes)
			where = d->footnotes[r->footnote].id;
		elem_open(w, level + 1, i == 0);
		jw_key(w, level + 2, "paragraph", true);
		jw_str(w, where);
		jw_key(w, level + 2, "text", false);
		write_ref_span(w, d, r);
		jw_key(w, level + 2, "kind", false);
		jw_str(w, doc_ref_kind_name(r->kind));
		jw_key(w, level + 2, "target", false);
		jw_str(w, r->target);
		jw_key(w, level + 2, "url", false);
		jw_str(w, r->url);
		if (r->target_para) {
			jw_key(w, level + 2, "target_paragraph", false);
			jw_str(w, r->target_para);
		}
		elem_close(w, level + 1);
		jw_maybe_flush(w);
	}
	array_close(w, level, d->n_refs == 0);
}

static void write_warnings(struct jw *w, const struct doc *d, int level)
{
	jw_raw(w, "[", 1);
	for (size_t i = 0; i < d->n_warnings; i++) {
		elem_open(w, level + 1, i == 0);
		jw_key(w, level + 2, "line", true);
		jw_int(w, d->warnings[i].line);
		jw_key(w, level + 2, "message", false);
		jw_str(w, d->warnings[i].msg);
		elem_close(w, level + 1);
	}
	array_close(w, level, d->n_warnings == 0);
}

static void write_doc(struct jw *w, const struct doc *d, int level)
{
	int l = level + 1;

	jw_raw(w, "{", 1);
	jw_key(w, l, "symbol", true);
	jw_str(w, d->symbol);
	jw_key(w, l, "body", false);
	jw_str(w, d->body == DOC_BODY_UNKNOWN ? NULL : doc_body_name(d->body));
	jw_key(w, l, "number", false);
	jw_str(w, d->number);
	jw_key(w, l, "title", false);
	jw_str(w, d->title);
	jw_key(w, l, "session", false);
	jw_str(w, d->session);
	jw_key(w, l, "agenda_items", false);
	jw_raw(w, "[", 1);
	for (size_t i = 0; i < d->n_agenda_items; i++) {
		jw_raw(w, i ? ",\n" : "\n", i ? 2 : 1);
		jw_indent(w, l + 1);
		jw_str(w, d->agenda_items[i]);
	}
	array_close(w, l, d->n_agenda_items == 0);
	jw_key(w, l, "adopted", false);
	jw_str(w, d->adopted);
	jw_key(w, l, "meeting", false);
	jw_str(w, d->meeting);
	jw_key(w, l, "adopted_on", false);
	jw_str(w, d->adopted_on);
	jw_key(w, l, "paragraphs", false);
	para_array(w, d, 0, d->n_paras, -1, l);
	jw_key(w, l, "annexes", false);
	write_annexes(w, d, l);
	jw_key(w, l, "footnotes", false);
	write_footnotes(w, d, l);
	jw_key(w, l, "references", false);
	write_refs(w, d, l);
	jw_key(w, l, "warnings", false);
	write_warnings(w, d, l);
	jw_raw(w, "\n", 1);
	jw_indent(w, level);
	jw_raw(w, "}", 1);
}

void json_write_doc(FILE *f, const struct doc *d)
{
	struct jw w = { .f = f };

	write_doc(&w, d, 0);
	jw_raw(&w, "\n", 1);
	jw_flush(&w);
	util_buf_free(&w.b);
}

void json_write_docs(FILE *f, const struct doc_set *s)
{
	struct jw w = { .f = f };

	if (s->n == 1) {
		json_write_doc(f, s->docs[0]);
		return;
	}
	jw_raw(&w, "[", 1);
	for (size_t i = 0; i < s->n; i++) {
		jw_raw(&w, i ? ",\n" : "\n", i ? 2 : 1);
		jw_indent(&w, 1);
		write_doc(&w, s->docs[i], 1);
		jw_maybe_flush(&w);
	}
	if (s->n)
		jw_raw(&w, "\n", 1);
	jw_raw(&w, "]\n", 2);
	jw_flush(&w);
	util_buf_free(&w.b);
}
