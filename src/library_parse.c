/* library_parse.c: step 3 of opening a library (library.c): parsing the
 * files the index lacks into records, in one forked process per CPU, each
 * taking every other file and sending its records down a pipe. Records
 * and what the parent reads from the pipes live in huge-page buffers
 * (struct library_buf). The record layout is described in library.c. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache.h"
#include "doc.h"
#include "library.h"
#include "library_int.h"
#include "parse.h"
#include "util.h"

/* Each parse process gets at least this many files. */
#define PAR_MIN_FILES 24
#define MAX_JOBS 8

/* Where parsed records go: megabytes written once, then read until the
 * library is closed. Mapped, in 2 MiB-aligned steps advised as huge
 * pages where the system has them: on a virtual machine a 4 kB page
 * fault costs 5-25 us, and the 17 MB of records of 20,000 files took
 * 7,000 of them, most in the process everything waits for (8 MiB
 * touched: 50-68 ms in 4 kB pages, 1-5 ms in huge pages). Where the
 * system has no huge pages, these are mappings like any other. The
 * buffer is struct library_buf (library_int.h). */
#define REC_ALIGN ((size_t)2 << 20)

/* A mapping of len bytes (a multiple of REC_ALIGN) at a REC_ALIGN
 * boundary, or NULL. */
static char *rec_map(size_t len)
{
	char *p = mmap(NULL, len + REC_ALIGN, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	size_t head;

	if (p == MAP_FAILED)
		return NULL;
	head = (REC_ALIGN - (uintptr_t)p % REC_ALIGN) % REC_ALIGN;
	if (head)
		munmap(p, head);
	munmap(p + head + len, REC_ALIGN - head);
	p += head;
#ifdef MADV_HUGEPAGE
	(void)madvise(p, len, MADV_HUGEPAGE);
#endif
	return p;
}

/* Room for more bytes; hint: the size expected in all (a reservation
 * of address space only: pages come as they are written). */
void library_buf_reserve(struct library_buf *b, size_t more, size_t hint)
{
	size_t cap;
	char *p;

	if (b->cap - b->len >= more)
		return;
	if (more > SIZE_MAX / 4 - b->len)
		util_die_oom(more);
	cap = b->cap ? b->cap * 2 : hint;
	if (cap < b->len + more)
		cap = b->len + more;
	cap = (cap + REC_ALIGN - 1) / REC_ALIGN * REC_ALIGN;
	p = rec_map(cap);
	if (!p)
		util_die_oom(cap);
	if (b->len)
		memcpy(p, b->data, b->len);
	if (b->cap)
		munmap(b->data, b->cap);
	b->data = p;
	b->cap = cap;
}

static void rec_append(struct library_buf *b, const void *p, size_t n, size_t hint)
{
	library_buf_reserve(b, n, hint);
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void library_buf_free(struct library_buf *b)
{
	if (b->cap)
		munmap(b->data, b->cap);
	memset(b, 0, sizeof(*b));
}


static void encode_doc(struct util_buf *b, const struct doc *d)
{
	cache_put_str(b, d->symbol);
	cache_put_str(b, d->title);
	cache_put_str(b, d->adopted);
	cache_put_varint(b, (uint64_t)d->body);
	cache_put_varint(b, d->n_refs);
	for (size_t i = 0; i < d->n_refs; i++) {
		const struct doc_ref *r = &d->refs[i];
		const char *where = "", *text = "";
		size_t tlen = 0, avail = 0;

		if (r->para >= 0 && (size_t)r->para < d->n_paras) {
			where = d->paras[r->para].id;
			text = d->paras[r->para].text;
			avail = d->paras[r->para].text_len;
		} else if (r->footnote >= 0 && (size_t)r->footnote < d->n_footnotes) {
			where = d->footnotes[r->footnote].id;
			text = d->footnotes[r->footnote].text;
			avail = text ? strlen(text) : 0;
		}
		if (text && r->start <= avail && r->len <= avail - r->start) {
			text += r->start;
			tlen = r->len;
		} else {
			text = "";
		}
		cache_put_varint(b, (uint64_t)r->kind);
		cache_put_str(b, r->target ? r->target : "");
		cache_put_str(b, r->target_para && r->target_para[0] ? r->target_para : NULL);
		cache_put_str(b, where ? where : "");
		cache_put_strn(b, text, tlen);
	}
}

/* Scratch space of one parsing process. */
struct parse_scratch {
	struct util_buf rec; /* one record */
	char *data;          /* the file being parsed */
	size_t cap;
};

/* Read a regular file into s->data: one reused buffer rather than a
 * mapping per file (unmapping costs a TLB flush, which dominated cold
 * opens). The size walk_dir() saw is read, without the read() that
 * would only confirm the end: a file changed since has another size or
 * mtime, so its record is stale at the next open. Returns the length,
 * or -1. */
static long long read_file(struct parse_scratch *s, struct library_file *f)
{
	size_t len = 0;
	uint64_t size = f->size;
	int fd = open(f->key, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;

	if (fd < 0)
		return -1;
	if (f->unstated) {
		/* a cold walk left this to the parse (see walk_dir()) */
		if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
			close(fd);
			return -1;
		}
		f->size = size = (uint64_t)st.st_size;
		f->mtime_s = (int64_t)st.st_mtim.tv_sec;
		f->mtime_ns = st.st_mtim.tv_nsec;
		f->unstated = false;
	}
	for (;;) {
		ssize_t k;

		if (s->cap - len < 4096 || s->cap < size + 1) {
			s->cap = s->cap * 2 > size + 4096 ? s->cap * 2 : size + 4096;
			s->data = util_xrealloc(s->data, s->cap, 1);
		}
		k = read(fd, s->data + len, s->cap - len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			close(fd);
			return -1;
		}
		if (k == 0)
			break;
		len += (size_t)k;
		if (size && len == size)
			break;
	}
	close(fd);
	return (long long)len;
}

static bool has_alnum(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((s[i] >= '0' && s[i] <= '9') || ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
			return true;
	return false;
}

/* Parse one file and append its record (length-prefixed) to out. Files
 * that are empty, blank, binary or unreadable go through parse_file()
 * for its error message. */
static void encode_file(struct library_buf *out, size_t hint, struct parse_scratch *s,
			struct library_file *f)
{
	struct util_buf *rec = &s->rec;
	struct doc_set set = { 0 };
	char err[256] = "";
	long long len = f->key ? read_file(s, f) : -1;
	int rc;

	if (len > 0 && !memchr(s->data, '\0', (size_t)len) && has_alnum(s->data, (size_t)len)) {
		/* the index keeps no paragraph leads: not made (-4.5%) */
		static const struct parse_opts opts = { .no_leads = true };
		struct parse_stream *ps = parse_open_buffer(s->data, (size_t)len, f->path, &opts);

		rc = (int)parse_next(ps, &set, SIZE_MAX);
		parse_close(ps);
	} else
		rc = parse_file(f->path, &set, err, sizeof(err));

	util_buf_clear(rec);
	cache_put_str(rec, f->key ? f->key : f->path);
	cache_put_varint(rec, f->size);
	cache_put_varint(rec, (uint64_t)f->mtime_s);
	cache_put_varint(rec, (uint64_t)f->mtime_ns);
	if (rc < 0) {
		cache_put_str(rec, err[0] ? err : "cannot be read");
		cache_put_varint(rec, 0);
	} else if (set.n == 0) {
		cache_put_str(rec, "no resolution found");
		cache_put_varint(rec, 0);
	} else {
		cache_put_str(rec, NULL);
		cache_put_varint(rec, set.n);
		for (size_t i = 0; i < set.n; i++)
			encode_doc(rec, set.docs[i]);
	}
	doc_set_free(&set);
	{
		unsigned char head[10];
		size_t k = cache_varint(head, rec->len);

		library_buf_reserve(out, k + rec->len, hint);
		rec_append(out, head, k, hint);
		rec_append(out, rec->data, rec->len, hint);
	}
}

/* Records in data[0..len) belong to todo[start], todo[start + stride], ...
 * (only the files with a cache key if keyed_only: children leave standard
 * input and the like to the parent). A short or foreign record stops the
 * assignment (a crashed child). */
static void assign_records(struct library *lib, const unsigned char *data, size_t len,
			   const size_t *todo, size_t n_todo, size_t start, size_t stride,
			   bool keyed_only)
{
	struct cache_reader r = { data, data + len, false };

	for (size_t i = start; i < n_todo && r.p < r.end; i += stride) {
		struct library_file *f = &lib->files[todo[i]];
		uint64_t rl, size;
		struct cache_reader rr;
		const char *key;
		int64_t ms;
		long mns;

		if (keyed_only && !f->key)
			continue;
		rl = cache_get_varint(&r);
		if (r.bad || rl > (uint64_t)(r.end - r.p))
			return;
		rr = (struct cache_reader){ r.p, r.p + rl, false };
		key = library_record_head(&rr, &size, &ms, &mns);
		if (!key || strcmp(key, f->key ? f->key : f->path) != 0)
			return;
		if (f->unstated) { /* the child's fstat() */
			f->size = size;
			f->mtime_s = ms;
			f->mtime_ns = mns;
			f->unstated = false;
		}
		f->rec = r.p;
		f->rec_len = (size_t)rl;
		f->rec_cached = false;
		r.p += rl;
	}
}

static void read_fd(int fd, struct library_buf *b, size_t hint)
{
	for (;;) {
		ssize_t k;

		library_buf_reserve(b, 65536, hint);
		k = read(fd, b->data + b->len, b->cap - b->len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		b->len += (size_t)k;
	}
}

static void write_fd(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t k = write(fd, p, len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return;
		p += k;
		len -= (size_t)k;
	}
}

int library_auto_jobs(int jobs)
{
	if (jobs > 0)
		return jobs > MAX_JOBS ? MAX_JOBS : jobs;
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (int)n;
}

/* Bytes of records expected from the files todo[start], todo[start +
 * stride], ...: about 7 % of the text in a real library; a reservation,
 * so room is made for a quarter. */
static size_t share_hint(const struct library *lib, const size_t *todo, size_t n_todo,
			 size_t start, size_t stride)
{
	uint64_t bytes = 0;

	for (size_t i = start; i < n_todo; i += stride)
		bytes += lib->files[todo[i]].unstated ? 16384 : lib->files[todo[i]].size;
	bytes = bytes / 4 + REC_ALIGN;
	return bytes > SIZE_MAX / 8 ? SIZE_MAX / 8 : (size_t)bytes;
}

/* Records of out (if any) to the files they belong to; out is then the
 * library's (or unmapped) and emptied. */
static void take_records(struct library *lib, struct library_buf *out, const size_t *todo,
			 size_t n_todo, size_t start, size_t stride, bool keyed_only)
{
	if (out->len) {
		assign_records(lib, (unsigned char *)out->data, out->len, todo, n_todo, start,
			       stride, keyed_only);
		library_add_blob(lib, out->data, out->cap);
		*out = (struct library_buf){ 0 };
	} else {
		library_buf_free(out);
	}
}

/* Parse lib->files[todo[i]] for every i. With jobs > 1, children parse
 * shares 1..jobs-1 (every jobs-th file) while this process parses share 0;
 * whatever a child failed to deliver is parsed here afterwards. Standard
 * input is always parsed here. */
void library_parse_files(struct library *lib, const size_t *todo, size_t n_todo, int jobs)
{
	struct { pid_t pid; int fd; size_t share; } ch[MAX_JOBS];
	struct library_buf out = { 0 };
	struct parse_scratch scr = { 0 };
	size_t nch = 0, *left, n_left = 0, hint;

	if (jobs > (int)(n_todo / PAR_MIN_FILES))
		jobs = (int)(n_todo / PAR_MIN_FILES);
	if (jobs < 1)
		jobs = 1;
	for (int k = 1; k < jobs; k++) {
		int pfd[2];
		pid_t pid;

		if (pipe(pfd) < 0)
			break;
		fflush(NULL); /* nothing buffered may be written twice */
		pid = fork();
		if (pid < 0) {
			close(pfd[0]);
			close(pfd[1]);
			break;
		}
		if (pid == 0) {
			close(pfd[0]);
			for (size_t j = 0; j < nch; j++)
				close(ch[j].fd);
			hint = share_hint(lib, todo, n_todo, (size_t)k, (size_t)jobs);
			for (size_t i = (size_t)k; i < n_todo; i += (size_t)jobs)
				if (lib->files[todo[i]].key)
					encode_file(&out, hint, &scr, &lib->files[todo[i]]);
			write_fd(pfd[1], out.data, out.len);
			_exit(0);
		}
		close(pfd[1]);
		ch[nch].pid = pid;
		ch[nch].fd = pfd[0];
		ch[nch].share = (size_t)k;
		nch++;
	}
	lib->stats.jobs = (int)nch + 1;
	if (nch) {
		hint = share_hint(lib, todo, n_todo, 0, (size_t)jobs);
		for (size_t i = 0; i < n_todo; i += (size_t)jobs)
			encode_file(&out, hint, &scr, &lib->files[todo[i]]);
		take_records(lib, &out, todo, n_todo, 0, (size_t)jobs, false);
		for (size_t j = 0; j < nch; j++) {
			int status;

			hint = share_hint(lib, todo, n_todo, ch[j].share, (size_t)jobs);
			read_fd(ch[j].fd, &out, hint);
			close(ch[j].fd);
			while (waitpid(ch[j].pid, &status, 0) < 0 && errno == EINTR)
				;
			take_records(lib, &out, todo, n_todo, ch[j].share, (size_t)jobs, true);
		}
	}
	/* everything not delivered yet, in this process */
	left = util_xcalloc(n_todo ? n_todo : 1, sizeof(size_t));
	for (size_t i = 0; i < n_todo; i++)
		if (!lib->files[todo[i]].rec)
			left[n_left++] = todo[i];
	hint = share_hint(lib, left, n_left, 0, 1);
	for (size_t i = 0; i < n_left; i++)
		encode_file(&out, hint, &scr, &lib->files[left[i]]);
	take_records(lib, &out, left, n_left, 0, 1, false);
	free(left);
	util_buf_free(&scr.rec);
	free(scr.data);
	lib->stats.n_parsed += n_todo;
}
