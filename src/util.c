/* util.c: memory, buffers, files and UTF-8 helpers. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util.h"

void util_die_oom(size_t n)
{
	fprintf(stderr, "resolute: out of memory (%zu bytes)\n", n);
	abort();
}

void *util_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		util_die_oom(n);
	return p;
}

void *util_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		util_die_oom(nmemb * size);
	return p;
}

void *util_xrealloc(void *p, size_t nmemb, size_t size)
{
	size_t n;

	if (size && nmemb > SIZE_MAX / size)
		util_die_oom(SIZE_MAX);
	n = nmemb * size;
	p = realloc(p, n ? n : 1);
	if (!p)
		util_die_oom(n);
	return p;
}

char *util_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = util_xmalloc(n);

	memcpy(p, s, n);
	return p;
}

/* ---- arena ---- */

struct util_arena_chunk {
	struct util_arena_chunk *next;
	size_t used, size;
	max_align_t data[]; /* flexible, aligned */
};

#define ARENA_ALIGN (_Alignof(max_align_t))
#define ARENA_MIN_CHUNK (8 * 1024)
#define ARENA_MAX_CHUNK (1024 * 1024)

static struct util_arena_chunk *chunk_new(size_t size)
{
	struct util_arena_chunk *c = util_xmalloc(sizeof(*c) + size);

	c->size = size;
	c->used = 0;
	return c;
}

/* arena_take() when the head chunk has no room (or there is none). */
static __attribute__((noinline)) void *arena_grow(struct util_arena *a, size_t n, size_t align)
{
	struct util_arena_chunk *c = a->head;
	size_t at = 0;

	if (n > SIZE_MAX / 2)
		util_die_oom(n);
	if (c)
		at = (c->used + align - 1) & ~(align - 1);
	if (!c || at > c->size || c->size - at < n) {
		size_t size = c ? c->size * 2 : ARENA_MIN_CHUNK;

		if (size > ARENA_MAX_CHUNK)
			size = ARENA_MAX_CHUNK;
		if (c && n > size / 4) {
			/* a big block gets a chunk of its own, behind the
			 * head, whose free room stays in use */
			struct util_arena_chunk *b = chunk_new(n);

			b->used = n;
			b->next = c->next;
			c->next = b;
			a->total += n;
			return b->data;
		}
		if (size < n)
			size = n;
		c = chunk_new(size);
		c->next = a->head;
		a->head = c;
		at = 0;
	}
	c->used = at + n;
	a->total += n;
	return (char *)c->data + at;
}

/* n bytes at a multiple of align (a power of two <= ARENA_ALIGN). Strings
 * take align 1: no padding between them. The common case inline: a call
 * that may allocate a chunk saves registers, which cost as much. */
static inline void *arena_take(struct util_arena *a, size_t n, size_t align)
{
	struct util_arena_chunk *c = a->head;

	if (c && n <= SIZE_MAX / 2) {
		size_t at = (c->used + align - 1) & ~(align - 1);

		if (at <= c->size && c->size - at >= n) {
			c->used = at + n;
			a->total += n;
			return (char *)c->data + at;
		}
	}
	return arena_grow(a, n, align);
}

void *util_arena_alloc(struct util_arena *a, size_t n)
{
	return arena_take(a, n, ARENA_ALIGN);
}

char *util_arena_strndup(struct util_arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		util_die_oom(n);
	p = arena_take(a, n + 1, 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *util_arena_strdup(struct util_arena *a, const char *s)
{
	return util_arena_strndup(a, s, strlen(s));
}

char *util_arena_printf(struct util_arena *a, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return util_arena_strdup(a, "");
	if ((size_t)n < sizeof(small))
		return util_arena_strndup(a, small, (size_t)n);
	char *p = arena_take(a, (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void util_arena_free(struct util_arena *a)
{
	struct util_arena_chunk *c = a->head;

	while (c) {
		struct util_arena_chunk *next = c->next;

		free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}

/* ---- growable buffer ---- */

static void buf_grow(struct util_buf *b, size_t want);

/* Room for extra more bytes and a NUL; the common case inline. */
static inline void buf_reserve(struct util_buf *b, size_t extra)
{
	size_t want = b->len + extra + 1;

	if (want < b->len)
		util_die_oom(SIZE_MAX);
	if (want > b->cap)
		buf_grow(b, want);
}

static void buf_grow(struct util_buf *b, size_t want)
{
	size_t cap = b->cap ? b->cap : 64;

	while (cap < want) {
		if (cap > SIZE_MAX / 2)
			util_die_oom(SIZE_MAX);
		cap *= 2;
	}
	b->data = util_xrealloc(b->data, cap, 1);
	b->cap = cap;
}

void util_buf_append(struct util_buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void util_buf_putc(struct util_buf *b, char c)
{
	buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void util_buf_puts(struct util_buf *b, const char *s)
{
	util_buf_append(b, s, strlen(s));
}

void util_buf_printf(struct util_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void util_buf_clear(struct util_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void util_buf_free(struct util_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* ---- files ---- */

static int read_all(int fd, struct util_file *f, char *err, size_t errlen)
{
	struct util_buf b = { 0 };
	char chunk[65536];

	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			snprintf(err, errlen, "%s", strerror(errno));
			util_buf_free(&b);
			return -1;
		}
		if (n == 0)
			break;
		util_buf_append(&b, chunk, (size_t)n);
	}
	f->data = b.data ? b.data : util_xstrdup("");
	f->len = b.len;
	f->mapped = false;
	return 0;
}

int util_file_open(const char *path, struct util_file *f, char *err, size_t errlen)
{
	struct stat st;
	int fd, rc;

	f->data = NULL;
	f->len = 0;
	f->mapped = false;
	f->fd = -1;
	if (strcmp(path, "-") == 0)
		return read_all(STDIN_FILENO, f, err, errlen);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "is a directory");
		close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);

		if (p != MAP_FAILED) {
			(void)madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
			f->data = p;
			f->len = (size_t)st.st_size;
			f->mapped = true;
			f->fd = fd;
			return 0;
		}
	}
	rc = read_all(fd, f, err, errlen);
	close(fd);
	return rc;
}

void util_file_close(struct util_file *f)
{
	if (f->mapped)
		munmap((void *)f->data, f->len);
	else
		free((void *)f->data);
	if (f->mapped && f->fd >= 0)
		close(f->fd);
	f->data = NULL;
	f->len = 0;
	f->mapped = false;
	f->fd = -1;
}

/* ---- UTF-8 ---- */

size_t util_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t len, i;

	if (n == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		len = 2;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		len = 3;
		c = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		len = 4;
		c = u[0] & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (n < len) {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	/* overlong, surrogates, out of range */
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return len;
}

void util_prefault(const void *from, size_t limit)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), lo, hi;
	char here;

	if (page == 0 || (page & (page - 1)))
		return;
	if (!from) {
		/* inside the stack mapping: the kernel makes it at least 128 KiB;
		 * then 48 KiB more (reading a terminfo entry, ncurses goes ~110 KiB
		 * deep), which may lie below the mapping: then that call fails and
		 * changes nothing (one call for both would fail as a whole) */
		hi = (uintptr_t)&here & ~(page - 1);
		(void)madvise((void *)(hi - 64 * 1024), 64 * 1024, MADV_POPULATE_WRITE);
		(void)madvise((void *)(hi - 112 * 1024), 48 * 1024, MADV_POPULATE_WRITE);
		return;
	}
	lo = (uintptr_t)from & ~(page - 1);
	hi = (uintptr_t)sbrk(0);
	if (hi > lo && hi - lo <= limit)
		(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#else
	(void)from;
	(void)limit;
#endif
}

uint64_t util_fnv1a64(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

size_t util_utf8_valid_prefix(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		/* fast paths over ASCII: sixteen or eight bytes at a time,
		 * then one */
#if defined(__SSE2__)
		if (i + 16 <= n) {
			unsigned m = (unsigned)_mm_movemask_epi8(
				_mm_loadu_si128((const __m128i *)(const void *)(s + i)));

			if (!m) {
				i += 16;
				continue;
			}
			i += (size_t)__builtin_ctz(m); /* to the first non-ASCII byte */
		}
#endif
		if (i + 8 <= n) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (!(w & 0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t l = util_utf8_decode(s + i, n - i, &cp);

		if (cp == 0xFFFD && l == 1)
			return i;
		i += l;
	}
	return n;
}

size_t util_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Windows-1252 0x80..0x9F; 0 marks the five undefined bytes, kept as C1. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

void util_cp1252_to_utf8(struct util_buf *b, const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char enc[4];
		uint32_t cp;

		if (c < 0x80)
			continue;
		util_buf_append(b, s + run, i - run);
		run = i + 1;
		cp = c;
		if (c < 0xA0 && cp1252_high[c - 0x80])
			cp = cp1252_high[c - 0x80];
		util_buf_append(b, enc, util_utf8_encode(cp, enc));
	}
	util_buf_append(b, s + run, n - run);
}

void util_sanitize(struct util_buf *b, const char *s, size_t n)
{
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c;

#if defined(__SSE2__)
		/* sixteen printable ASCII bytes at a time: 0x20..0x7E, moved to
		 * -128..-34 for one signed compare */
		if (i + 16 <= n) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i v = _mm_add_epi8(x, _mm_set1_epi8((char)0x60));
			unsigned m = (unsigned)_mm_movemask_epi8(
				_mm_cmplt_epi8(v, _mm_set1_epi8((char)0xDF)));

			if (m == 0xFFFFu) {
				i += 16;
				continue;
			}
			i += (size_t)__builtin_ctz(~m); /* to the first other byte */
		}
#endif
		c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		util_buf_append(b, s + run, i - run);
		if (c < 0x80) {
			if (c == '\t')
				util_buf_putc(b, ' ');
			else if (c == 0x7F)
				util_buf_puts(b, "^?");
			else {
				util_buf_putc(b, '^');
				util_buf_putc(b, (char)(c + 0x40));
			}
			i++;
		} else {
			uint32_t cp;
			size_t l = util_utf8_decode(s + i, n - i, &cp);

			if (cp == 0xFFFD && l == 1)
				util_buf_printf(b, "<%02X>", c);
			else if (cp >= 0x80 && cp <= 0x9F)
				util_buf_printf(b, "<%02X>", (unsigned)cp);
			else
				util_buf_append(b, s + i, l);
			i += l;
		}
		run = i;
	}
	util_buf_append(b, s + run, n - run);
}

void util_err_line(FILE *f, const char *a, const char *b)
{
	struct util_buf m = { 0 };

	util_buf_puts(&m, "resolute: ");
	util_sanitize(&m, a, strlen(a));
	if (b) {
		util_buf_puts(&m, ": ");
		util_sanitize(&m, b, strlen(b));
	}
	util_buf_putc(&m, '\n');
	fwrite(m.data, 1, m.len, f);
	util_buf_free(&m);
}
