/* library_cmd.c: the library commands, --refs and --cited-by: lines
 * built in one buffer from the library's records and written in batches.
 * Opening the library and its index is library.c. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "library.h"
#include "library_int.h"
#include "util.h"
#include "xref.h"

/* ---- commands ---- */

/* Output of a command: lines built in one buffer, written in batches of
 * about 64 KiB. Fields are sanitized (util_sanitize); runs of printable
 * ASCII, nearly all of the text, are copied as they are. */
struct out_span {
	const char *s;
	size_t n;
};

struct out {
	char *buf;
	size_t len, cap;
	FILE *f;               /* NULL: everything kept in buf (a huge-page mapping) */
	size_t hint;           /* ... of about this size */
	int fail;
	struct util_buf tmp;   /* a field that is not clean, sanitized */
	struct out_span *path; /* per file: its path as written, once made */
	char **dirty;          /* the sanitized copies among them */
	size_t n_dirty, cap_dirty;
};

static void out_grow(struct out *o, size_t n)
{
	size_t cap = o->cap ? o->cap : 1 << 17;

	if (!o->f) {
		struct library_buf b = { o->buf, o->len, o->cap };

		library_buf_reserve(&b, n, o->hint);
		o->buf = b.data;
		o->cap = b.cap;
		return;
	}
	while (cap - o->len < n)
		cap *= 2;
	o->buf = util_xrealloc(o->buf, cap, 1);
	o->cap = cap;
}

/* Room for n more bytes at o->buf + o->len. */
static inline char *out_room(struct out *o, size_t n)
{
	if (o->cap - o->len < n)
		out_grow(o, n);
	return o->buf + o->len;
}

static inline void out_raw(struct out *o, const char *s, size_t n)
{
	memcpy(out_room(o, n), s, n);
	o->len += n;
}

static inline void out_char(struct out *o, char c)
{
	*out_room(o, 1) = c;
	o->len++;
}

/* Does any byte of x fall outside printable ASCII (0x20..0x7E)? Below
 * 0x20: the borrow test; 0x7F and up: the high bit, once 1 is added. Each
 * test can be wrong about which byte, never about whether there is one. */
static inline bool word_dirty(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;

	return (((x - 0x20 * ones) & ~x) | (x + ones) | x) & high;
}

/* Is s[0..n) printable ASCII only, which util_sanitize copies unchanged?
 * Eight bytes at a time, the last word overlapping the one before. */
static bool all_clean(const char *s, size_t n)
{
	uint64_t x;

	if (n < 8) {
		uint32_t a, b;

		if (n < 4) {
			for (size_t i = 0; i < n; i++)
				if ((unsigned char)s[i] - 0x20u >= 0x5Fu)
					return false;
			return true;
		}
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		return !word_dirty((uint64_t)a << 32 | b);
	}
	for (size_t i = 0; i + 8 < n; i += 8) {
		memcpy(&x, s + i, 8);
		if (word_dirty(x))
			return false;
	}
	memcpy(&x, s + n - 8, 8);
	return !word_dirty(x);
}

/* s[0..n), sanitized (util_sanitize), copied as it is when clean: nearly
 * all of the text. */
static void out_strn(struct out *o, const char *s, size_t n)
{
	if (all_clean(s, n)) {
		out_raw(o, s, n);
		return;
	}
	util_buf_clear(&o->tmp);
	util_sanitize(&o->tmp, s, n);
	out_raw(o, o->tmp.data, o->tmp.len);
}

static void out_str(struct out *o, const char *s)
{
	out_strn(o, s, strlen(s));
}

/* A field: a tab before every field but the first of a line; "-" for
 * none. */
static void out_field(struct out *o, bool first, const char *s)
{
	if (!first)
		out_char(o, '\t');
	if (s && s[0])
		out_str(o, s);
	else
		out_char(o, '-');
}

/* The path of file fi, sanitized once however many lines name it: the
 * path itself when it is clean (nearly always), else a copy. */
static const struct out_span *path_span(struct out *o, const struct library *lib, size_t fi)
{
	struct out_span *sp;

	if (!o->path)
		o->path = util_xcalloc(lib->n_files ? lib->n_files : 1, sizeof(*o->path));
	sp = &o->path[fi];
	if (!sp->s) {
		const char *p = lib->files[fi].path;
		size_t n = p ? strlen(p) : 0;

		if (!n) {
			sp->s = "-";
			sp->n = 1;
		} else if (all_clean(p, n)) {
			sp->s = p;
			sp->n = n;
		} else {
			struct util_buf t = { 0 };

			util_sanitize(&t, p, n);
			sp->s = t.data;
			sp->n = t.len;
			o->dirty = library_grow(o->dirty, o->n_dirty, &o->cap_dirty, sizeof(char *));
			o->dirty[o->n_dirty++] = t.data;
		}
	}
	return sp;
}

static void out_path(struct out *o, const struct library *lib, size_t fi)
{
	const struct out_span *sp = path_span(o, lib, fi);

	out_raw(o, sp->s, sp->n);
}

/* End a line; write the batch once it is large enough. */
static void out_eol(struct out *o)
{
	out_char(o, '\n');
	if (o->len >= 65536 && o->f) {
		if (fwrite(o->buf, 1, o->len, o->f) != o->len)
			o->fail = 1;
		o->len = 0;
	}
}

/* Write what is left and release; 1 on a write error. */
static int out_close(struct out *o)
{
	if (o->len && o->f && fwrite(o->buf, 1, o->len, o->f) != o->len)
		o->fail = 1;
	if (o->f) {
		free(o->buf);
	} else {
		struct library_buf b = { o->buf, o->len, o->cap };

		library_buf_free(&b);
	}
	free(o->path);
	for (size_t i = 0; i < o->n_dirty; i++)
		free(o->dirty[i]);
	free(o->dirty);
	util_buf_free(&o->tmp);
	return o->fail;
}

static int report_errors(const struct library *lib, FILE *err)
{
	int status = 0;

	for (size_t i = 0; i < lib->n_errors; i++) {
		util_err_line(err, lib->errors[i].path, lib->errors[i].msg);
		if (lib->errors[i].fatal)
			status = 1;
	}
	return status;
}

static int finish_out(FILE *out, FILE *err, int status, int wrote_fail)
{
	if (fflush(out) != 0 || ferror(out) || wrote_fail) {
		util_err_line(err, "standard output", "write error");
		return 1;
	}
	return status;
}

/* One line of --refs. */
struct refs_line {
	struct out *o;
	struct util_buf sym; /* the citing symbol, sanitized */
};

/* A field of n bytes, "-" if empty (room checked, sanitized). */
static void out_strn_or_dash(struct out *o, const char *s, size_t n)
{
	if (n)
		out_strn(o, s, n);
	else
		out_char(o, '-');
}

static char *put_or_dash(char *d, const char *s, size_t n)
{
	if (!n) {
		*d = '-';
		return d + 1;
	}
	memcpy(d, s, n);
	return d + n;
}

/* One line. When every field is clean (nearly always) in room reserved
 * once for all of it, copied as it is; else field by field, sanitized. */
static void refs_line(const struct library *lib, const struct lazy_ref *lr, void *user)
{
	struct refs_line *l = user;
	struct out *o = l->o;
	const struct library_ref *r = &lr->ref;
	const struct library_entry *t = lr->target;
	const struct out_span *path = t ? path_span(o, lib, t->file) : NULL;
	const char *last = path ? path->s : "-";
	char url[256];
	size_t last_len = path ? path->n : 1, tp = lr->target_para_len;
	char *d;

	if (!t && lr->target_len) {
		xref_url(r->target, url, sizeof(url));
		last = url;
		last_len = strlen(url);
	}
	if (!all_clean(r->para, lr->para_len) || !all_clean(r->text, lr->text_len) ||
	    !all_clean(r->target, lr->target_len) || !all_clean(r->target_para, tp) ||
	    (!path && !all_clean(last, last_len))) {
		out_raw(o, l->sym.data, l->sym.len);
		out_char(o, '\t');
		out_strn_or_dash(o, r->para, lr->para_len);
		out_char(o, '\t');
		out_strn_or_dash(o, r->text, lr->text_len);
		out_char(o, '\t');
		out_strn_or_dash(o, r->target, lr->target_len);
		if (tp) {
			out_char(o, '#');
			out_strn(o, r->target_para, tp);
		}
		out_char(o, '\t');
		if (path)
			out_raw(o, path->s, path->n); /* sanitized already */
		else
			out_strn(o, last, last_len);
		if (path && tp) {
			out_char(o, '#');
			out_strn(o, r->target_para, tp);
		}
		out_eol(o);
		return;
	}
	/* symbol, 4 tabs, up to 3 dashes, 2 times "#op5", the last field */
	d = out_room(o, l->sym.len + lr->para_len + lr->text_len + lr->target_len + 2 * tp +
				last_len + 9);
	memcpy(d, l->sym.data, l->sym.len);
	d += l->sym.len;
	*d++ = '\t';
	d = put_or_dash(d, r->para, lr->para_len);
	*d++ = '\t';
	d = put_or_dash(d, r->text, lr->text_len);
	*d++ = '\t';
	d = put_or_dash(d, r->target, lr->target_len);
	if (tp) {
		*d++ = '#';
		memcpy(d, r->target_para, tp);
		d += tp;
	}
	*d++ = '\t';
	memcpy(d, last, last_len);
	d += last_len;
	if (path && tp) {
		*d++ = '#';
		memcpy(d, r->target_para, tp);
		d += tp;
	}
	o->len = (size_t)(d - o->buf);
	out_eol(o);
}

/* The lines of entries [from, to). */
struct refs_part {
	const struct library *lib;
	size_t from, to;
	struct out ob;
	struct refs_line l;
};

static void refs_range(struct refs_part *p)
{
	p->l.o = &p->ob;
	for (size_t i = p->from; i < p->to; i++) {
		const struct library_entry *e = &p->lib->entries[i];

		if (!e->primary || !e->n_refs)
			continue;
		/* the citing symbol starts each of its lines: sanitized once */
		util_buf_clear(&p->l.sym);
		if (e->symbol && e->symbol[0])
			util_sanitize(&p->l.sym, e->symbol, strlen(e->symbol));
		else
			util_buf_putc(&p->l.sym, '-');
		library_refs_each(p->lib, i, refs_line, &p->l);
	}
}

static void *refs_thread(void *arg)
{
	refs_range(arg);
	return NULL;
}

/* Below this many lines, one thread writes them all. */
#define REFS_SPLIT_MIN 1024

/* Every line, in library order. With two CPUs or more (opts.jobs) and
 * enough lines, a second thread makes the later half in memory while
 * this one makes and writes the first: the lines of 20,000 files took a
 * third of a warm --refs. */
static int refs_write(const struct library *lib, FILE *out, int jobs)
{
	struct refs_part a = { .lib = lib, .to = lib->n_entries, .ob = { .f = out } };
	struct refs_part b = { .lib = lib, .to = lib->n_entries };
	size_t lines = 0, half = 0, mid = lib->n_entries;
	pthread_t t;
	bool split = false;
	int fail;

	for (size_t i = 0; i < lib->n_entries; i++)
		if (lib->entries[i].primary)
			lines += lib->entries[i].n_refs;
	if (jobs != 1 && lines >= REFS_SPLIT_MIN && library_auto_jobs(jobs) > 1) {
		for (mid = 0; mid < lib->n_entries && half < lines / 2; mid++)
			if (lib->entries[mid].primary)
				half += lib->entries[mid].n_refs;
		a.to = b.from = mid;
		b.ob.hint = (lines - half) * 128; /* about 90 bytes a line */
		split = pthread_create(&t, NULL, refs_thread, &b) == 0;
	}
	refs_range(&a);
	if (mid < lib->n_entries) {
		if (split)
			pthread_join(t, NULL);
		else
			refs_range(&b);
		/* the later half after all of the first */
		if (a.ob.len && fwrite(a.ob.buf, 1, a.ob.len, out) != a.ob.len)
			a.ob.fail = 1;
		a.ob.len = 0;
		if (b.ob.len && fwrite(b.ob.buf, 1, b.ob.len, out) != b.ob.len)
			a.ob.fail = 1;
	}
	fail = out_close(&a.ob) | out_close(&b.ob);
	util_buf_free(&a.l.sym);
	util_buf_free(&b.l.sym);
	return fail;
}

int library_cmd_refs_opts(const struct library_opts *o, const char *const *paths, size_t n,
			  FILE *out, FILE *err)
{
	struct library lib;
	int status, fail;

	if (n == 0) {
		util_err_line(err, "--refs", "no FILE given");
		return 2;
	}
	library_open_lazy(&lib, paths, n, o, true);
	status = report_errors(&lib, err);
	fail = refs_write(&lib, out, o ? o->jobs : 0);
	library_close(&lib);
	return finish_out(out, err, status, fail);
}

int library_cmd_cited_by_opts(const struct library_opts *o, const char *symbol,
			      const char *const *paths, size_t n, FILE *out, FILE *err)
{
	struct library lib;
	struct library_citation *c;
	struct out ob = { .f = out };
	char sym[160], canon[128];
	const char *para = NULL;
	char *hash;
	size_t nc;
	int status, fail;

	snprintf(sym, sizeof(sym), "%s", symbol ? symbol : "");
	hash = strchr(sym, '#');
	if (hash) {
		*hash = '\0';
		para = hash + 1;
	}
	if (!xref_canonical(sym, DOC_BODY_GA, canon, sizeof(canon))) {
		util_err_line(err, symbol ? symbol : "", "not a resolution symbol");
		return 2;
	}
	if (n == 0) {
		util_err_line(err, "--cited-by", "no FILE given");
		return 2;
	}
	library_open(&lib, paths, n, o);
	status = report_errors(&lib, err);
	nc = library_cited_by(&lib, canon, para, &c);
	for (size_t i = 0; i < nc; i++) {
		out_field(&ob, true, c[i].entry->symbol);
		out_field(&ob, false, c[i].ref->para);
		out_field(&ob, false, c[i].ref->text);
		out_char(&ob, '\t');
		out_path(&ob, &lib, c[i].entry->file);
		out_eol(&ob);
	}
	fail = out_close(&ob);
	free(c);
	library_close(&lib);
	return finish_out(out, err, status, fail);
}

int library_cmd_refs(const char *const *paths, size_t n, FILE *out, FILE *err)
{
	return library_cmd_refs_opts(NULL, paths, n, out, err);
}

int library_cmd_cited_by(const char *symbol, const char *const *paths, size_t n, FILE *out,
			 FILE *err)
{
	return library_cmd_cited_by_opts(NULL, symbol, paths, n, out, err);
}
