/* parse.c: entry points, decoding, line splitting, page furniture and
 * the per-line dispatch between header, body, footnotes and trailer.
 * One pass over the lines; see parse_int.h for the other parts. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
#define XQ_BATCH 8         /* documents queued before the worker is woken */

struct xqueue {
	pthread_mutex_t mu;
	pthread_cond_t cv;   /* a document was queued, or done */
	pthread_cond_t idle; /* a document was finished */
	struct doc **docs;
	size_t n, cap, head, finished;
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
		pthread_mutex_lock(&q->mu);
		if (++q->finished == q->n)
			pthread_cond_broadcast(&q->idle); /* all caught up */
		pthread_mutex_unlock(&q->mu);
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
	/* wake the worker for a few documents at a time, not for each */
	if (q->n - q->head >= XQ_BATCH)
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

/* Work on a resolution that needs nothing but the document itself. */
static void finish_resolution(struct doc *d, bool no_leads)
{
	pn_attach_markers(d);
	if (!no_leads)
		set_leads(d);
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
		finish_resolution(d, c->no_leads);
	}
	if (c->xq) {
		xqueue_push(c->xq, d);
	} else {
		if (!c->no_refs)
			xref_scan_doc(d);
		compact(d);
	}
	doc_set_add(c->out, d);
	c->d = NULL;
	c->ndocs++;
}

/* Does the line l hold "<<ODS"? Lines come in order, so one search
 * finds the next one for all the lines before it. */
static bool has_ods(struct pctx *c, const struct pline *l)
{
	size_t off = (size_t)(l->s - c->src);

	if (off < c->ods_from || off > c->ods_at) {
		const char *p = pl_find(l->s, c->srclen - off, "<<ODS");

		c->ods_from = off;
		c->ods_at = p ? (size_t)(p - c->src) : c->srclen;
	}
	return c->ods_at < c->srclen && c->ods_at + 5 <= off + l->n;
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
	if (has_ods(c, l)) {
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
	/* the tests below look at the first byte before calling: a rule
	 * starts with its character, page and job numbers with a digit or
	 * '*' (l->n > 0 here) */
	if (l->s[0] == '-' && pl_is_rule(l->s, l->n, '-')) {
		if (l->n == 3 && c->phase >= PH_PREAMBLE && c->phase <= PH_END) {
			pa_commit(c, true);
			pn_commit(c);
			c->phase = PH_FOOTNOTES;
		}
		return;
	}
	if (l->s[0] == '_' && pl_is_rule(l->s, l->n, '_')) {
		if (c->wrapped && c->phase != PH_HEADER)
			c->fn_block = true;
		return;
	}
	if (((l->s[0] >= '0' && l->s[0] <= '9') || l->s[0] == '*') &&
	    (pl_is_page_number(l->s, l->n) || pl_is_job_number(l->s, l->n)))
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

/* Parsing state between parse_next() calls: the per-document context,
 * the furniture queue and where the line loop stands. */
struct parse_stream {
	struct pctx c;
	struct furniture f;
	size_t i;             /* offset of the next line in c.src */
	int no;               /* lines read so far */
	bool ended;           /* every document has been handed out */
	const char *name;
	struct util_file file; /* the mapped input (parse_open) */
	bool have_file;
	struct util_buf conv; /* the input converted from Windows-1252 */
	struct xqueue xq;
	pthread_t worker;
	size_t nul;           /* offset of the first NUL byte, or the length */
	bool want_worker;     /* a second thread is to be started */
};

/* Read lines until `max` more documents are finished or the input ends. */
static void run(struct parse_stream *ps, size_t max)
{
	struct pctx *c = &ps->c;
	struct furniture *f = &ps->f;
	const char *s = c->src;
	size_t len = c->srclen, i = ps->i, goal = c->ndocs + max;

	if (max > SIZE_MAX - c->ndocs)
		goal = SIZE_MAX;
	while (i < len && c->ndocs < goal) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len, b = i;
		struct pline l;

		memset(&l, 0, sizeof l);
		l.no = ++ps->no;
		l.tab_led = b < e && s[b] == '\t';
		l.indented = e - b >= 2 && s[b] == ' ' && s[b + 1] == ' ';
		while (e > b && (s[e - 1] == '\r' || s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		while (b < e && (s[b] == ' ' || s[b] == '\t'))
			b++;
		/* a lone NBSP or similar blank-looking line (trimmed of spaces
		 * and TABs, only a NBSP, C2 A0, can start one) */
		l.s = s + b;
		l.n = e - b;
		push_line(c, f, &l,
			  l.n == 0 || ((unsigned char)l.s[0] == 0xC2 && pl_is_blank(l.s, l.n)));
		i = nl ? (size_t)(nl - s) + 1 : len;
	}
	ps->i = i;
	if (i < len || ps->ended)
		return;
	while (f->n > 0) {
		dispatch(c, f, f->head);
		f->head = (f->head + 1) % QN;
		f->n--;
	}
	finish_doc(c);
	if (c->ndocs == 0) {
		/* empty text: one empty plain document, so callers always get one */
		struct doc *d = doc_new();

		d->first_line = d->last_line = 1;
		doc_warn(d, 1, "no text");
		doc_set_add(c->out, d);
		c->ndocs++;
	}
	ps->ended = true;
}

static void start_worker(struct parse_stream *ps)
{
	struct xqueue *q = &ps->xq;

	if (pthread_mutex_init(&q->mu, NULL) != 0)
		return;
	if (pthread_cond_init(&q->cv, NULL) != 0) {
		pthread_mutex_destroy(&q->mu);
		return;
	}
	if (pthread_cond_init(&q->idle, NULL) != 0) {
		pthread_cond_destroy(&q->cv);
		pthread_mutex_destroy(&q->mu);
		return;
	}
	if (pthread_create(&ps->worker, NULL, xref_worker, q) != 0) {
		pthread_cond_destroy(&q->idle);
		pthread_cond_destroy(&q->cv);
		pthread_mutex_destroy(&q->mu);
		return;
	}
	ps->c.xq = q;
}

/* Wait until the worker has finished every document handed to it. */
static void drain_worker(struct xqueue *q)
{
	pthread_mutex_lock(&q->mu);
	pthread_cond_signal(&q->cv); /* fewer than XQ_BATCH may be waiting */
	while (q->finished < q->n)
		pthread_cond_wait(&q->idle, &q->mu);
	pthread_mutex_unlock(&q->mu);
}

static void stop_worker(struct parse_stream *ps)
{
	struct xqueue *q = ps->c.xq;

	if (!q)
		return;
	pthread_mutex_lock(&q->mu);
	q->done = true;
	pthread_cond_signal(&q->cv);
	pthread_mutex_unlock(&q->mu);
	pthread_join(ps->worker, NULL);
	pthread_cond_destroy(&q->idle);
	pthread_cond_destroy(&q->cv);
	pthread_mutex_destroy(&q->mu);
	free(q->docs);
	ps->c.xq = NULL;
}

#define SCAN_BLOCK 64

/* Is block s[0..64) plain ASCII without a NUL? */
static inline bool block_plain(const char *s)
{
#if defined(__SSE2__)
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + 16));
	__m128i c = _mm_loadu_si128((const __m128i *)(const void *)(s + 32));
	__m128i d = _mm_loadu_si128((const __m128i *)(const void *)(s + 48));
	__m128i any = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
	__m128i low = _mm_min_epu8(_mm_min_epu8(a, b), _mm_min_epu8(c, d));

	return !_mm_movemask_epi8(any) &&
	       !_mm_movemask_epi8(_mm_cmpeq_epi8(low, _mm_setzero_si128()));
#else
	for (int i = 0; i < SCAN_BLOCK; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		/* a high bit, or a zero byte (the classic has-zero test) */
		if ((w & 0x8080808080808080ull) ||
		    ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull))
			return false;
	}
	return true;
#endif
}

/* One look at the whole input before parsing, at memory speed on plain
 * text: is it UTF-8, and where is its first NUL byte (*nul = len if
 * none)? */
static bool scan_input(const char *src, size_t len, size_t *nul)
{
	size_t off = 0;
	const char *z;

	*nul = len;
	while (off < len) {
		size_t left = len - off, w, ok;

		if (left >= SCAN_BLOCK && block_plain(src + off)) {
			off += SCAN_BLOCK;
			continue;
		}
		/* a block with a NUL or non-ASCII bytes (or the tail), and up to
		 * 3 bytes past it, so that a sequence across it is whole */
		w = left < SCAN_BLOCK + 3 ? left : SCAN_BLOCK + 3;
		z = memchr(src + off, '\0', w);
		if (z) {
			*nul = (size_t)(z - src);
			return util_utf8_valid_prefix(src + off, *nul - off) == *nul - off;
		}
		ok = util_utf8_valid_prefix(src + off, w);
		if (ok < w && (ok < SCAN_BLOCK || w == left))
			break; /* not UTF-8: still look for a NUL */
		off += ok; /* on a sequence boundary */
	}
	if (off < len) {
		z = memchr(src + off, '\0', len - off);
		if (z)
			*nul = (size_t)(z - src);
		return false;
	}
	return true;
}

/* scan_input over a file read with pread() into a small buffer rather than
 * over its mapping: the kernel copies through its own large-page mapping
 * and the buffer stays in cache, while walking a 4 kB page table costs more
 * than the comparisons here (5 MB: 1.1-1.4 ms against 1.9-4.7 ms mapped).
 * The pages the parser needs are faulted in as it goes. A character cut by
 * the end of a buffer is carried into the next. False (and *ok false)
 * when the file cannot be read like that: the caller looks at the mapping. */
static bool scan_fd(int fd, size_t len, size_t *nul, bool *ok)
{
	enum { BUF = 1 << 16 };
	char *buf = util_xmalloc(BUF + 4);
	size_t off = 0, carry = 0, z;
	bool utf8 = true;

	*ok = true;
	*nul = len;
	while (off < len) {
		size_t want = len - off < BUF ? len - off : BUF, n, keep = 0;
		ssize_t r = pread(fd, buf + carry, want, (off_t)off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			*ok = false;
			break;
		}
		n = carry + (size_t)r;
		off += (size_t)r;
		if (off < len) {
			/* a sequence cut at the end waits for the next buffer */
			size_t k = 0;

			while (k < 3 && k < n && ((unsigned char)buf[n - 1 - k] & 0xC0) == 0x80)
				k++;
			if (k < n && ((unsigned char)buf[n - 1 - k] & 0xC0) == 0xC0)
				keep = k + 1;
		}
		if (utf8) {
			utf8 = scan_input(buf, n - keep, &z);
		} else {
			const char *p = memchr(buf, '\0', n - keep);

			z = p ? (size_t)(p - buf) : n - keep;
		}
		if (z < n - keep) {
			*nul = off - n + z;
			break;
		}
		memmove(buf, buf + n - keep, keep);
		carry = keep;
	}
	if (*ok && *nul == len && carry) {
		/* the file ended inside a character */
		utf8 = false;
	}
	free(buf);
	return utf8;
}

/* A new stream over data[0..len), or over file f (parse_open; the stream
 * owns it from here): a file with a NUL byte is left alone, the caller
 * refuses it (ps->nul); a mapped one is looked at with pread (scan_fd). */
static struct parse_stream *stream_new(const char *data, size_t len, const char *name,
				       const struct parse_opts *o, const struct util_file *f)
{
	struct parse_stream *ps = util_xcalloc(1, sizeof(*ps));
	struct pctx *c = &ps->c;
	bool utf8, read_ok = false, mapped = f && f->mapped;

	if (f) {
		ps->file = *f; /* closed by parse_close */
		ps->have_file = true;
	}

	ps->name = name;
	c->ods_from = SIZE_MAX; /* not searched yet */
	c->no_refs = o && o->no_refs;
	c->no_leads = o && o->no_leads;
	c->drop = mapped && data && ((uintptr_t)data & 4095) == 0;
	c->src = data ? data : "";
	c->srclen = data ? len : 0;
	utf8 = false;
	if (mapped && f->fd >= 0)
		utf8 = scan_fd(f->fd, c->srclen, &ps->nul, &read_ok);
	if (!read_ok)
		utf8 = scan_input(c->src, c->srclen, &ps->nul);
	c->no_nul = ps->nul >= c->srclen; /* lines need no NUL check (parse_asm.c) */
	if (ps->nul < c->srclen) {
		if (f)
			return ps;
		/* the look stopped at the NUL: the rest decides too */
		utf8 = util_utf8_valid_prefix(c->src, c->srclen) == c->srclen;
	}
	if (!utf8) {
		util_cp1252_to_utf8(&ps->conv, c->src, c->srclen);
		c->src = ps->conv.data ? ps->conv.data : "";
		c->srclen = ps->conv.len;
		c->cp1252 = true;
		c->drop = false;
	}
	if (c->srclen >= 3 && memcmp(c->src, "\xEF\xBB\xBF", 3) == 0)
		ps->i = 3;
	/* a second thread for references pays on big inputs only (started
	 * by parse_next). Without references there is none: handing it the
	 * footnote markers and leads instead was measured slower (0.16 ->
	 * 0.20 s on 60 MB): the work is too small for the hand-over. */
	ps->want_worker = c->srclen >= PAR_MIN && !c->no_refs;
	return ps;
}

struct parse_stream *parse_open_buffer(const char *data, size_t len, const char *name,
				       const struct parse_opts *o)
{
	return stream_new(data, len, name, o, NULL);
}

struct parse_stream *parse_open(const char *path, const struct parse_opts *o, char *err,
				size_t errlen)
{
	struct util_file f;
	struct parse_stream *ps;

	if (util_file_open(path, &f, err, errlen) < 0)
		return NULL;
	if (f.len == 0 || pl_is_blank(f.data, f.len)) {
		snprintf(err, errlen, "empty file");
		util_file_close(&f);
		return NULL;
	}
	ps = stream_new(f.data, f.len, path, o, &f);
	if (ps->nul < f.len) {
		snprintf(err, errlen, "binary file: NUL byte at offset %zu", ps->nul);
		parse_close(ps);
		return NULL;
	}
	return ps;
}

size_t parse_next(struct parse_stream *ps, struct doc_set *out, size_t max)
{
	size_t before = out->n;

	if (ps->ended || max == 0)
		return 0;
	if (ps->name && !out->name)
		out->name = ps->name;
	ps->c.out = out;
	/* not for a first document asked for alone (a reader's first
	 * screen): starting a thread and waiting for it costs more there */
	if (ps->want_worker && !ps->c.xq && (max > 1 || ps->c.ndocs > 0))
		start_worker(ps);
	ps->want_worker = ps->want_worker && !ps->c.xq;
	run(ps, max);
	if (ps->c.xq)
		drain_worker(ps->c.xq);
	ps->c.out = NULL;
	return out->n - before;
}

bool parse_done(const struct parse_stream *ps)
{
	return ps->ended;
}

double parse_progress(const struct parse_stream *ps)
{
	if (ps->ended || ps->c.srclen == 0)
		return 1.0;
	return (double)ps->i / (double)ps->c.srclen;
}

void parse_close(struct parse_stream *ps)
{
	struct pctx *c;

	if (!ps)
		return;
	c = &ps->c;
	stop_worker(ps);
	if (c->d)
		doc_free(c->d); /* closed before the end: the unfinished document */
	util_buf_free(&c->cur);
	util_buf_free(&c->fn);
	util_buf_free(&c->title);
	util_buf_free(&c->scratch);
	free(c->idset);
	util_buf_free(&ps->conv);
	if (ps->have_file)
		util_file_close(&ps->file);
	free(ps);
}

size_t parse_buffer(const char *data, size_t len, const char *name, struct doc_set *out)
{
	struct parse_stream *ps = parse_open_buffer(data, len, name, NULL);
	size_t n = parse_next(ps, out, SIZE_MAX);

	parse_close(ps);
	return n;
}

int parse_file(const char *path, struct doc_set *out, char *err, size_t errlen)
{
	struct parse_stream *ps = parse_open(path, NULL, err, errlen);
	size_t n;

	if (!ps)
		return -1;
	n = parse_next(ps, out, SIZE_MAX);
	parse_close(ps);
	return (int)n;
}
