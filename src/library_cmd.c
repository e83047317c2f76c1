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

/* One worker's lines: entries [from, to) into p->ob. */
struct refs_part {
	const struct library *lib;
	struct out ob;
	struct refs_line l;
};

static void refs_range(struct refs_part *p, size_t from, size_t to)
{
	p->l.o = &p->ob;
	for (size_t i = from; i < to; i++) {
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

/* Below this many lines, one thread makes them all. */
#define REFS_SPLIT_MIN 1024
/* Lines in a segment: at most (about 700 KB), and at least. */
#define REFS_SEG_MAX 8192
#define REFS_SEG_MIN 256

/* Two threads, segment by segment: this one makes the even segments and
 * writes every segment in order; the other makes the odd ones into one
 * of two buffers, which this one writes and hands back. Memory: two
 * segments, whatever the output's size. */
struct refs_pipe {
	size_t *seg;              /* segment k: entries [seg[k], seg[k + 1]) */
	size_t n_seg;
	struct refs_part part;    /* the other thread's */
	struct library_buf store[2];
	size_t filled[2];         /* segment in store[i] + 1; 0: free */
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static void *refs_thread(void *arg)
{
	struct refs_pipe *rp = arg;
	struct out *o = &rp->part.ob;

	for (size_t k = 1; k < rp->n_seg; k += 2) {
		struct library_buf *b = &rp->store[(k / 2) % 2];

		pthread_mutex_lock(&rp->mu);
		while (rp->filled[(k / 2) % 2])
			pthread_cond_wait(&rp->cv, &rp->mu);
		pthread_mutex_unlock(&rp->mu);
		o->buf = b->data;
		o->cap = b->cap;
		o->len = 0;
		refs_range(&rp->part, rp->seg[k], rp->seg[k + 1]);
		b->data = o->buf;
		b->cap = o->cap;
		b->len = o->len;
		pthread_mutex_lock(&rp->mu);
		rp->filled[(k / 2) % 2] = k + 1;
		pthread_cond_broadcast(&rp->cv);
		pthread_mutex_unlock(&rp->mu);
	}
	return NULL;
}

/* Segment k of the other thread, written after everything before it. */
static void refs_take(struct refs_pipe *rp, struct out *a, size_t k)
{
	struct library_buf *b = &rp->store[(k / 2) % 2];

	pthread_mutex_lock(&rp->mu);
	while (rp->filled[(k / 2) % 2] != k + 1)
		pthread_cond_wait(&rp->cv, &rp->mu);
	pthread_mutex_unlock(&rp->mu);
	if (a->len && fwrite(a->buf, 1, a->len, a->f) != a->len)
		a->fail = 1;
	a->len = 0;
	if (b->len && fwrite(b->data, 1, b->len, a->f) != b->len)
		a->fail = 1;
	pthread_mutex_lock(&rp->mu);
	rp->filled[(k / 2) % 2] = 0;
	pthread_cond_broadcast(&rp->cv);
	pthread_mutex_unlock(&rp->mu);
}

/* Cut the primary entries' lines into segments of about per lines. */
static size_t refs_segments(const struct library *lib, size_t per, size_t **seg)
{
	size_t n = 0, cap = 0, in = 0;

	*seg = NULL;
	for (size_t i = 0; i < lib->n_entries; i++) {
		if (in == 0) {
			*seg = library_grow(*seg, n, &cap, sizeof(**seg));
			(*seg)[n++] = i;
		}
		if (lib->entries[i].primary)
			in += lib->entries[i].n_refs;
		if (in >= per)
			in = 0;
	}
	*seg = library_grow(*seg, n, &cap, sizeof(**seg));
	(*seg)[n] = lib->n_entries;
	return n;
}

/* Every line, in library order. With two CPUs or more (opts.jobs) and
 * enough lines, a second thread makes every other segment: the lines
 * of 20,000 files took a third of a warm --refs. */
static int refs_write(const struct library *lib, FILE *out, int jobs)
{
	struct refs_part a = { .lib = lib, .ob = { .f = out } };
	struct refs_pipe rp = { .part = { .lib = lib } };
	size_t lines = 0, per;
	pthread_t t;
	bool two = false;
	int fail;

	for (size_t i = 0; i < lib->n_entries; i++)
		if (lib->entries[i].primary)
			lines += lib->entries[i].n_refs;
	if (lines < REFS_SPLIT_MIN || library_auto_jobs(jobs) < 2) {
		refs_range(&a, 0, lib->n_entries);
		fail = out_close(&a.ob);
		util_buf_free(&a.l.sym);
		return fail;
	}
	per = lines / 8;
	if (per < REFS_SEG_MIN)
		per = REFS_SEG_MIN;
	if (per > REFS_SEG_MAX)
		per = REFS_SEG_MAX;
	rp.n_seg = refs_segments(lib, per, &rp.seg);
	rp.part.ob.hint = per * 128; /* about 90 bytes a line */
	pthread_mutex_init(&rp.mu, NULL);
	pthread_cond_init(&rp.cv, NULL);
	two = pthread_create(&t, NULL, refs_thread, &rp) == 0;
	for (size_t k = 0; k < rp.n_seg; k++) {
		if (k % 2 == 0 || !two)
			refs_range(&a, rp.seg[k], rp.seg[k + 1]);
		else
			refs_take(&rp, &a.ob, k);
	}
	if (two)
		pthread_join(t, NULL);
	pthread_cond_destroy(&rp.cv);
	pthread_mutex_destroy(&rp.mu);
	fail = out_close(&a.ob);
	/* the other thread's buffers are the stores' */
	rp.part.ob.buf = NULL;
	rp.part.ob.cap = rp.part.ob.len = 0;
	out_close(&rp.part.ob);
	library_buf_free(&rp.store[0]);
	library_buf_free(&rp.store[1]);
	util_buf_free(&a.l.sym);
	util_buf_free(&rp.part.l.sym);
	free(rp.seg);
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
