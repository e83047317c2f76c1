/* parse.c: entry points, decoding, line splitting, page furniture and
 * the per-line dispatch between header, body, footnotes and trailer.
 * One pass over the lines; see parse_int.h for the other parts. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "parse.h"
#include "parse_int.h"
#include "xref.h"

#define QN 8          /* lines of look-behind for running page headers */
#define LEARN_MAX 4   /* running-title lines remembered */
#define PRESCAN 400   /* lines looked at to decide the layout */

/* Running page headers/footers of PDF text: "A/RES/80/5", the running
 * title, "25-17700", "2/18". Lines wait in a short queue so that title
 * lines printed just before the symbol can be dropped too. */
struct furniture {
	struct pline q[QN];
	bool drop[QN], pagebreak[QN], blank[QN];
	size_t head, n;
	bool open, fwd, job, page;
	int eaten;
	struct { const char *s; size_t n; } learned[LEARN_MAX];
	int nlearned;
};

static bool detect_wrapped(const char *s, size_t len, size_t *used);

#define DROP_STEP (1u << 20) /* give back mapped input in steps this big */

/* A big mapped file need not stay in memory once parsed: tell the kernel
 * that the pages before `off` (the start of a new document) are no longer
 * needed. They are clean pages of a file, so anything that looks at them
 * again (a learned running title) simply reads them back. */
static void release_before(struct pctx *c, size_t off)
{
	long pg = sysconf(_SC_PAGESIZE);
	size_t upto;

	if (!c->drop || pg <= 0)
		return;
	upto = off & ~((size_t)pg - 1);
	if (upto < c->dropped + DROP_STEP)
		return;
	(void)madvise((void *)(uintptr_t)(c->src + c->dropped), upto - c->dropped, MADV_DONTNEED);
	c->dropped = upto;
}

/* References are found in a second thread on big inputs: the parser hands
 * each finished document over (it never touches it again) and the worker
 * scans them in order. Documents are added to the set by the parser, so
 * the order is the same; the set is complete when the worker is joined. */
#define PAR_MIN (1u << 20) /* inputs smaller than this stay single-threaded */

struct xqueue {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct doc **docs;
	size_t n, cap, head;
	bool done;
};

static void compact(struct doc *d);

static void *xref_worker(void *arg)
{
	struct xqueue *q = arg;

	for (;;) {
		struct doc *d;

		pthread_mutex_lock(&q->mu);
		while (q->head == q->n && !q->done)
			pthread_cond_wait(&q->cv, &q->mu);
		if (q->head == q->n) {
			pthread_mutex_unlock(&q->mu);
			return NULL;
		}
		d = q->docs[q->head++];
		pthread_mutex_unlock(&q->mu);
		xref_scan_doc(d);
		compact(d);
	}
}

static void xqueue_push(struct xqueue *q, struct doc *d)
{
	pthread_mutex_lock(&q->mu);
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 64;
		q->docs = util_xrealloc(q->docs, q->cap, sizeof(*q->docs));
	}
	q->docs[q->n++] = d;
	pthread_cond_signal(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

/* Give back the unused tail of the document's arrays (they grew by doubling). */
static void compact(struct doc *d)
{
	if (d->cap_paras > d->n_paras && d->n_paras > 0) {
		d->paras = util_xrealloc(d->paras, d->n_paras, sizeof(*d->paras));
		d->cap_paras = d->n_paras;
	}
	if (d->cap_refs > d->n_refs && d->n_refs > 0) {
		d->refs = util_xrealloc(d->refs, d->n_refs, sizeof(*d->refs));
		d->cap_refs = d->n_refs;
	}
}

static void new_doc(struct pctx *c, const struct pline *l, size_t off)
{
	/* each document may come in another layout; a prescan stops at the
	 * next document, so every line is prescanned about once */
	if (off >= c->scan_end) {
		size_t used;

		c->wrapped = detect_wrapped(c->src + off, c->srclen - off, &used);
		c->scan_end = off + (used > 0 ? used : 1);
	}
	release_before(c, off);
	c->d = doc_new();
	c->d->first_line = c->du1_line ? c->du1_line : l->no;
	c->du1_line = 0;
	c->phase = PH_HEADER;
	c->saw_formula = c->saw_number = c->has_body = false;
	c->title_open = c->adopted_pending = c->date_pending = false;
	util_buf_clear(&c->title);
	c->doc_start = off;
	c->fn_open = c->fn_block = false;
	c->fn_expected = 1;
	c->fn_last = 0;
	pa_reset(c);
	if (c->cp1252 && c->ndocs == 0)
		doc_warn(c->d, l->no, "not valid UTF-8: decoded as Windows-1252");
}

static void set_leads(struct doc *d)
{
	for (size_t i = 0; i < d->n_paras; i++) {
		struct doc_para *p = &d->paras[i];
		size_t k = 0;

		if (p->kind == DOC_PARA_PREAMBULAR)
			k = pl_pp_lead(p->text, p->text_len, false);
		else if (p->kind == DOC_PARA_OPERATIVE)
			k = pl_op_lead(p->text, p->text_len);
		if (k > 0 && k <= p->text_len) {
			p->lead = util_arena_strndup(&d->arena, p->text, k);
			p->lead_len = k;
		}
	}
}

static void finish_doc(struct pctx *c)
{
	struct doc *d = c->d;
	bool res;

	if (!d)
		return;
	pa_finish(c);
	pn_commit(c);
	d->last_line = c->last_line > d->first_line ? c->last_line : d->first_line;
	ph_finish(c);
	res = (c->saw_formula || c->saw_number) && (c->n_pp > 0 || c->n_op > 0);
	if (!res) {
		struct doc *p = doc_new();

		p->first_line = d->first_line;
		p->last_line = d->last_line;
		for (size_t i = 0; i < d->n_warnings; i++)
			doc_warn(p, d->warnings[i].line, "%s", d->warnings[i].msg);
		doc_warn(p, d->first_line, "not a resolution: opened as plain text");
		doc_free(d);
		c->d = d = p;
		pa_plain_rebuild(c, c->doc_start, c->doc_end, d->first_line);
	} else {
		d->is_resolution = true;
		pn_attach_markers(d);
		set_leads(d);
	}
	if (c->xq) {
		xqueue_push(c->xq, d);
	} else {
		xref_scan_doc(d);
		compact(d);
	}
	doc_set_add(c->out, d);
	c->d = NULL;
	c->ndocs++;
}

/* One non-blank line that survived the furniture filter. */
static void content_line(struct pctx *c, struct pline *l, size_t off)
{
	if (pl_starts(l->s, l->n, "[DU1]")) {
		l->s += 5;
		l->n -= 5;
		if (l->n == 0) {
			if (c->d && c->has_body)
				finish_doc(c);
			if (!c->d && !c->du1_line)
				c->du1_line = l->no; /* the export's first line */
			return;
		}
	}
	if (c->d && c->has_body && ph_new_doc_trigger(c, l))
		finish_doc(c);
	if (c->d && c->phase == PH_TRAILER && pl_is_formula(l->s, l->n, &(enum doc_body){ 0 }))
		finish_doc(c);
	if (!c->d)
		new_doc(c, l, off);
	c->last_line = l->no;
	if (pl_find(l->s, l->n, "<<ODS")) {
		pa_commit(c, true);
		pn_commit(c);
		c->phase = PH_TRAILER;
		ph_trailer_line(c, l);
		return;
	}
	if (c->phase == PH_TRAILER) {
		ph_trailer_line(c, l);
		if (l->n < 200) {
			c->cand = l->s;
			c->cand_len = l->n;
		}
		return;
	}
	if (pl_is_rule(l->s, l->n, '-')) {
		if (l->n == 3 && c->phase >= PH_PREAMBLE && c->phase <= PH_END) {
			pa_commit(c, true);
			pn_commit(c);
			c->phase = PH_FOOTNOTES;
		}
		return;
	}
	if (pl_is_rule(l->s, l->n, '_')) {
		if (c->wrapped && c->phase != PH_HEADER)
			c->fn_block = true;
		return;
	}
	if (pl_is_page_number(l->s, l->n) || pl_is_job_number(l->s, l->n))
		return;
	if (c->phase == PH_HEADER) {
		ph_header_line(c, l);
		return;
	}
	if (c->phase != PH_ANNEX && ph_meeting_line(c, l)) {
		pa_commit(c, true);
		pn_commit(c);
		if (c->phase < PH_END)
			c->phase = PH_END;
		return;
	}
	if (pn_line(c, l))
		return;
	pn_commit(c);
	if (c->phase == PH_END || c->phase == PH_FOOTNOTES) {
		if (pl_is_annex(l->s, l->n)) {
			pa_start_annex(c, l);
		} else if (l->n < 200) {
			c->cand = l->s;
			c->cand_len = l->n;
		}
		return;
	}
	if (c->phase == PH_OPERATIVE && pl_is_annex(l->s, l->n)) {
		pa_start_annex(c, l);
		return;
	}
	pa_body_line(c, l);
}

static void dispatch(struct pctx *c, struct furniture *f, size_t k)
{
	struct pline *l = &f->q[k];
	size_t off = (size_t)(l->s - c->src);

	if (f->pagebreak[k]) {
		pn_commit(c);
		c->fn_block = false;
	}
	if (f->drop[k])
		return;
	if (f->blank[k]) {
		c->blank = true;
		return;
	}
	c->doc_end = off + l->n;
	if (l->tab_led)
		c->blank = true; /* a TAB-led line starts a paragraph like a blank line */
	content_line(c, l, off);
	c->blank = false;
}

static bool learned(const struct furniture *f, const struct pline *l)
{
	for (int i = 0; i < f->nlearned; i++)
		if (f->learned[i].n == l->n && memcmp(f->learned[i].s, l->s, l->n) == 0)
			return true;
	return false;
}

/* Mark page furniture as the line enters the queue (PDF text only). */
static void furniture_mark(struct pctx *c, struct furniture *f, size_t k)
{
	const struct pline *l = &f->q[k];
	bool sym = false, job, page;

	if (f->blank[k] || !c->wrapped)
		return;
	job = pl_is_job_number(l->s, l->n);
	page = pl_is_page_number(l->s, l->n) && memchr(l->s, '/', l->n);
	if (c->d && c->saw_formula && c->d->symbol)
		sym = strlen(c->d->symbol) == l->n && memcmp(c->d->symbol, l->s, l->n) == 0;
	if (sym || job || page) {
		f->drop[k] = true;
		if (!f->open) {
			f->open = true;
			f->fwd = sym;
			f->job = f->page = false;
			f->eaten = 0;
		}
		f->job |= job;
		f->page |= page;
		if (sym) {
			/* running title printed above the symbol */
			size_t i = k;

			for (int back = 0; back < 3 && i != f->head; back++) {
				i = (i + QN - 1) % QN;
				if (f->blank[i] || !learned(f, &f->q[i]))
					break;
				f->drop[i] = true;
			}
		}
		if (f->job && f->page) {
			f->open = false;
			f->pagebreak[k] = true;
		}
		return;
	}
	if (f->open && f->fwd && f->eaten < 3 && l->n < 200) {
		f->drop[k] = true;
		f->eaten++;
		if (f->nlearned < LEARN_MAX && !learned(f, l)) {
			f->learned[f->nlearned].s = l->s;
			f->learned[f->nlearned++].n = l->n;
		}
		return;
	}
	f->open = false;
}

static void push_line(struct pctx *c, struct furniture *f, const struct pline *l, bool blank)
{
	size_t k;

	if (f->n == QN) {
		dispatch(c, f, f->head);
		f->head = (f->head + 1) % QN;
		f->n--;
	}
	k = (f->head + f->n) % QN;
	f->q[k] = *l;
	f->blank[k] = blank;
	f->drop[k] = f->pagebreak[k] = false;
	f->n++;
	furniture_mark(c, f, k);
}

/* Is this PDF text with wrapped lines? Look at the first lines only;
 * *used: bytes looked at. */
static bool detect_wrapped(const char *s, size_t len, size_t *used)
{
	size_t i = 0, nonblank = 0, wrappy = 0;
	bool body = false;

	for (int lines = 0; i < len && lines < PRESCAN; lines++) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len, b = i;

		while (e > b && (s[e - 1] == '\r' || s[e - 1] == ' '))
			e--;
		while (b < e && (s[b] == ' ' || s[b] == '\t'))
			b++;
		/* stop at the next document: prescans never overlap */
		if (!body && pl_is_formula(s + b, e - b, &(enum doc_body){ 0 }))
			body = true;
		if (body && ((e - b == 14 && memcmp(s + b, "United Nations", 14) == 0) ||
				  pl_starts(s + b, e - b, "Resolution adopted by")))
			break;
		if (e > b) {
			nonblank++;
			if (e - b >= 40 && e - b <= 110 && !pl_ends_terminal(s + b, e - b, NULL))
				wrappy++;
		}
		i = nl ? (size_t)(nl - s) + 1 : len;
	}
	*used = i;
	return wrappy >= 8 && wrappy * 4 >= nonblank;
}

static void run(struct pctx *c)
{
	struct furniture f;
	const char *s = c->src;
	size_t len = c->srclen, i = 0;
	int no = 0;

	memset(&f, 0, sizeof f);
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len, b = i;
		struct pline l;

		no++;
		memset(&l, 0, sizeof l);
		l.no = no;
		l.tab_led = b < e && s[b] == '\t';
		l.indented = e - b >= 2 && s[b] == ' ' && s[b + 1] == ' ';
		while (e > b && (s[e - 1] == '\r' || s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		while (b < e && (s[b] == ' ' || s[b] == '\t'))
			b++;
		/* a lone NBSP or similar blank-looking line */
		l.s = s + b;
		l.n = e - b;
		push_line(c, &f, &l, l.n == 0 || pl_is_blank(l.s, l.n));
		i = nl ? (size_t)(nl - s) + 1 : len;
	}
	while (f.n > 0) {
		dispatch(c, &f, f.head);
		f.head = (f.head + 1) % QN;
		f.n--;
	}
	finish_doc(c);
}

static size_t parse_run(const char *data, size_t len, const char *name, struct doc_set *out,
			bool mapped)
{
	struct pctx c;
	struct util_buf conv = { 0 };
	size_t before = out->n;
	struct xqueue xq;
	pthread_t worker;

	memset(&c, 0, sizeof c);
	c.out = out;
	c.drop = mapped && data && ((uintptr_t)data & 4095) == 0;
	if (name && !out->name)
		out->name = name;
	c.src = data ? data : "";
	c.srclen = data ? len : 0;
	if (util_utf8_valid_prefix(c.src, c.srclen) != c.srclen) {
		util_cp1252_to_utf8(&conv, c.src, c.srclen);
		c.src = conv.data ? conv.data : "";
		c.srclen = conv.len;
		c.cp1252 = true;
		c.drop = false;
	}
	if (c.srclen >= PAR_MIN) {
		static struct xqueue zero;

		xq = zero;
		if (pthread_mutex_init(&xq.mu, NULL) == 0) {
			if (pthread_cond_init(&xq.cv, NULL) == 0) {
				if (pthread_create(&worker, NULL, xref_worker, &xq) == 0)
					c.xq = &xq;
				else
					pthread_cond_destroy(&xq.cv);
			}
			if (!c.xq)
				pthread_mutex_destroy(&xq.mu);
		}
	}
	run(&c);
	if (c.xq) {
		pthread_mutex_lock(&xq.mu);
		xq.done = true;
		pthread_cond_signal(&xq.cv);
		pthread_mutex_unlock(&xq.mu);
		pthread_join(worker, NULL);
		pthread_cond_destroy(&xq.cv);
		pthread_mutex_destroy(&xq.mu);
		free(xq.docs);
	}
	if (out->n == before) {
		/* empty text: one empty plain document, so callers always get one */
		struct doc *d = doc_new();

		d->first_line = d->last_line = 1;
		doc_warn(d, 1, "no text");
		doc_set_add(out, d);
	}
	util_buf_free(&c.cur);
	util_buf_free(&c.fn);
	util_buf_free(&c.title);
	util_buf_free(&c.scratch);
	free(c.idset);
	util_buf_free(&conv);
	return out->n - before;
}

size_t parse_buffer(const char *data, size_t len, const char *name, struct doc_set *out)
{
	return parse_run(data, len, name, out, false);
}

int parse_file(const char *path, struct doc_set *out, char *err, size_t errlen)
{
	struct util_file f;
	const char *nul;
	size_t n;

	if (util_file_open(path, &f, err, errlen) < 0)
		return -1;
	if (f.len == 0 || pl_is_blank(f.data, f.len)) {
		snprintf(err, errlen, "empty file");
		util_file_close(&f);
		return -1;
	}
	nul = memchr(f.data, '\0', f.len);
	if (nul) {
		snprintf(err, errlen, "binary file: NUL byte at offset %zu", (size_t)(nul - f.data));
		util_file_close(&f);
		return -1;
	}
	n = parse_run(f.data, f.len, path, out, f.mapped);
	util_file_close(&f);
	return (int)n;
}
