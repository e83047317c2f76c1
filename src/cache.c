/* cache.c: index files (header, checksum, atomic writes) and the varint
 * encoding of their records. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "fsutil.h"
#include "userconfig.h"
#include "util.h"

static const char cache_magic[8] = { 'R', 'S', 'L', 'V', 'I', 'D', 'X', '\n' };

/* ---- hash (XXH64) ---- */

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static uint64_t rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* Little-endian loads: one unaligned load where the machine is
 * little-endian (the byte loop was 7 instructions per hashed byte). */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static uint64_t rd64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t rd32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}
#else
static uint64_t rd64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}
#endif

static void wr64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		p[i] = (unsigned char)v;
}

static void wr32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++, v >>= 8)
		p[i] = (unsigned char)v;
}

static uint64_t xround(uint64_t acc, uint64_t in)
{
	acc += in * P2;
	acc = rotl64(acc, 31);
	return acc * P1;
}

static uint64_t xmerge(uint64_t acc, uint64_t v)
{
	acc ^= xround(0, v);
	return acc * P1 + P4;
}

void cache_hash_init(struct cache_hasher *h, uint64_t seed)
{
	memset(h, 0, sizeof(*h));
	h->seed = seed;
	h->v[0] = seed + P1 + P2;
	h->v[1] = seed + P2;
	h->v[2] = seed;
	h->v[3] = seed - P1;
}

static void hash_stripe(uint64_t *v, const unsigned char *p)
{
	v[0] = xround(v[0], rd64(p));
	v[1] = xround(v[1], rd64(p + 8));
	v[2] = xround(v[2], rd64(p + 16));
	v[3] = xround(v[3], rd64(p + 24));
}

void cache_hash_update(struct cache_hasher *h, const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;

	h->total += len;
	if (h->n + len < 32) {
		if (len)
			memcpy(h->buf + h->n, p, len);
		h->n += len;
		return;
	}
	if (h->n) {
		size_t k = 32 - h->n;

		memcpy(h->buf + h->n, p, k);
		hash_stripe(h->v, h->buf);
		p += k;
		h->n = 0;
	}
	for (; end - p >= 32; p += 32)
		hash_stripe(h->v, p);
	h->n = (size_t)(end - p);
	if (h->n)
		memcpy(h->buf, p, h->n);
}

uint64_t cache_hash_final(const struct cache_hasher *s)
{
	const unsigned char *p = s->buf, *end = p + s->n;
	uint64_t h;

	if (s->total >= 32) {
		h = rotl64(s->v[0], 1) + rotl64(s->v[1], 7) + rotl64(s->v[2], 12) +
		    rotl64(s->v[3], 18);
		for (int i = 0; i < 4; i++)
			h = xmerge(h, s->v[i]);
	} else {
		h = s->seed + P5;
	}
	h += s->total;
	for (; p + 8 <= end; p += 8) {
		h ^= xround(0, rd64(p));
		h = rotl64(h, 27) * P1 + P4;
	}
	if (p + 4 <= end) {
		h ^= (uint64_t)rd32(p) * P1;
		h = rotl64(h, 23) * P2 + P3;
		p += 4;
	}
	for (; p < end; p++) {
		h ^= (uint64_t)*p * P5;
		h = rotl64(h, 11) * P1;
	}
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

uint64_t cache_hash(const void *data, size_t len, uint64_t seed)
{
	struct cache_hasher h;

	cache_hash_init(&h, seed);
	cache_hash_update(&h, data, len);
	return cache_hash_final(&h);
}

/* ---- directory ---- */

int cache_default_dir(char *buf, size_t n)
{
	return config_xdg_dir(CONFIG_XDG_CACHE, buf, n);
}

int cache_dir_open(const char *dir)
{
	char err[256];

	/* the same private-directory rules as the notes store; a cache that
	 * cannot be used is simply not used, so the message is dropped */
	return fsutil_open_private_dir(dir, err, sizeof(err));
}

/* ---- index files ---- */

/* The whole of fd (size bytes): mapped, else read. NULL on failure. */
static unsigned char *load_all(int fd, size_t size, size_t *map_len)
{
	unsigned char *mem;
	size_t got = 0;
#ifdef MAP_POPULATE
	/* every page is read (checksum, then records): map them at once
	 * rather than fault them in one by one */
	void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
#else
	void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
#endif

	if (p != MAP_FAILED) {
		*map_len = size;
		return p;
	}
	*map_len = 0;
	mem = util_xmalloc(size);
	while (got < size) {
		ssize_t k = read(fd, mem + got, size - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	if (got != size) {
		free(mem);
		return NULL;
	}
	return mem;
}

void cache_blob_free(struct cache_blob *b)
{
	if (b->map_len)
		munmap((void *)b->mem, b->map_len);
	else
		free((void *)b->mem);
	memset(b, 0, sizeof(*b));
}

int cache_load(int dirfd, const char *name, uint64_t key, struct cache_blob *out)
{
	struct stat st;
	unsigned char *mem;
	size_t size, map_len = 0;
	int fd;

	memset(out, 0, sizeof(*out));
	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < CACHE_HEADER_SIZE ||
	    (uint64_t)st.st_size > CACHE_MAX_SIZE) {
		close(fd);
		return -1;
	}
	size = (size_t)st.st_size;
	mem = load_all(fd, size, &map_len);
	close(fd);
	out->mem = mem;
	out->map_len = map_len;
	if (!mem || memcmp(mem, cache_magic, sizeof(cache_magic)) != 0 ||
	    rd32(mem + 8) != CACHE_VERSION || rd32(mem + 12) != CACHE_HEADER_SIZE ||
	    rd64(mem + 16) != key || rd64(mem + 24) != size - CACHE_HEADER_SIZE ||
	    rd64(mem + 32) != cache_hash(mem + CACHE_HEADER_SIZE, size - CACHE_HEADER_SIZE, key)) {
		cache_blob_free(out);
		return -1;
	}
	out->payload = mem + CACHE_HEADER_SIZE;
	out->len = size - CACHE_HEADER_SIZE;
	return 0;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t k = write(fd, p, len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

struct cache_writer {
	int dirfd, fd;
	bool failed;
	uint64_t key;
	struct cache_hasher hash;
	char tmp[512], name[512];
	size_t n;
	unsigned char buf[1 << 16];
};

struct cache_writer *cache_writer_open(int dirfd, const char *name, uint64_t key)
{
	const int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY;
	struct cache_writer *w = util_xmalloc(sizeof(*w));
	int k = snprintf(w->tmp, sizeof(w->tmp), "%s.%ld.tmp", name, (long)getpid());

	if (k < 0 || (size_t)k >= sizeof(w->tmp) ||
	    snprintf(w->name, sizeof(w->name), "%s", name) >= (int)sizeof(w->name)) {
		free(w);
		return NULL;
	}
	w->fd = openat(dirfd, w->tmp, flags, 0600);
	if (w->fd < 0 && errno == EEXIST) {
		/* left over by a crashed process with our pid */
		(void)unlinkat(dirfd, w->tmp, 0);
		w->fd = openat(dirfd, w->tmp, flags, 0600);
	}
	if (w->fd < 0) {
		free(w);
		return NULL;
	}
	w->dirfd = dirfd;
	w->failed = false;
	w->key = key;
	cache_hash_init(&w->hash, key);
	/* room for the header, written last */
	memset(w->buf, 0, CACHE_HEADER_SIZE);
	w->n = CACHE_HEADER_SIZE;
	return w;
}

static void writer_flush(struct cache_writer *w)
{
	if (!w->failed && write_all(w->fd, w->buf, w->n) < 0)
		w->failed = true;
	w->n = 0;
}

void cache_writer_put(struct cache_writer *w, const void *data, size_t len)
{
	const unsigned char *p = data;

	cache_hash_update(&w->hash, data, len);
	while (len) {
		size_t k = sizeof(w->buf) - w->n;

		if (k > len)
			k = len;
		memcpy(w->buf + w->n, p, k);
		w->n += k;
		p += k;
		len -= k;
		if (w->n == sizeof(w->buf))
			writer_flush(w);
	}
}

int cache_writer_commit(struct cache_writer *w)
{
	unsigned char hdr[CACHE_HEADER_SIZE];
	int rc;

	writer_flush(w);
	memcpy(hdr, cache_magic, sizeof(cache_magic));
	wr32(hdr + 8, CACHE_VERSION);
	wr32(hdr + 12, CACHE_HEADER_SIZE);
	wr64(hdr + 16, w->key);
	wr64(hdr + 24, w->hash.total);
	wr64(hdr + 32, cache_hash_final(&w->hash));
	rc = w->failed ? -1 : 0;
	if (rc == 0 && pwrite(w->fd, hdr, sizeof(hdr), 0) != (ssize_t)sizeof(hdr))
		rc = -1;
	if (close(w->fd) < 0)
		rc = -1;
	if (rc == 0)
		rc = renameat(w->dirfd, w->tmp, w->dirfd, w->name);
	if (rc != 0)
		(void)unlinkat(w->dirfd, w->tmp, 0);
	free(w);
	return rc;
}

int cache_store(int dirfd, const char *name, uint64_t key, const void *payload, size_t len)
{
	struct cache_writer *w = cache_writer_open(dirfd, name, key);

	if (!w)
		return -1;
	cache_writer_put(w, payload, len);
	return cache_writer_commit(w);
}

/* ---- encoding ---- */

size_t cache_varint(unsigned char *out, uint64_t v)
{
	size_t n = 0;

	do {
		unsigned char c = v & 0x7F;

		v >>= 7;
		out[n++] = v ? c | 0x80 : c;
	} while (v);
	return n;
}

void cache_put_varint(struct util_buf *b, uint64_t v)
{
	unsigned char tmp[10];

	util_buf_append(b, tmp, cache_varint(tmp, v));
}

/* A string of n bytes (no NUL among them): one append when short. */
static void put_bytes(struct util_buf *b, const char *s, size_t n)
{
	unsigned char tmp[128];
	size_t k;

	if (n + 11 <= sizeof(tmp)) {
		k = cache_varint(tmp, (uint64_t)n + 1);
		memcpy(tmp + k, s, n);
		tmp[k + n] = '\0';
		util_buf_append(b, tmp, k + n + 1);
		return;
	}
	cache_put_varint(b, (uint64_t)n + 1);
	util_buf_append(b, s, n);
	util_buf_putc(b, '\0');
}

void cache_put_strn(struct util_buf *b, const char *s, size_t n)
{
	put_bytes(b, s, strnlen(s, n)); /* a NUL would end the string when read back */
}

void cache_put_str(struct util_buf *b, const char *s)
{
	if (!s)
		cache_put_varint(b, 0);
	else
		put_bytes(b, s, strlen(s));
}

uint64_t cache_get_varint_any(struct cache_reader *r)
{
	uint64_t v = 0;

	if (r->bad)
		return 0;
	for (int shift = 0; shift < 64; shift += 7) {
		unsigned char c;

		if (r->p >= r->end)
			break;
		c = *r->p++;
		if (shift == 63 && c > 1)
			break;
		v |= (uint64_t)(c & 0x7F) << shift;
		if (!(c & 0x80))
			return v;
	}
	r->bad = true;
	return 0;
}

const char *cache_get_str_any(struct cache_reader *r)
{
	uint64_t n = cache_get_varint(r);
	const char *s;

	if (r->bad || n == 0)
		return NULL;
	n--;
	if (n >= (uint64_t)(r->end - r->p) || r->p[n] != '\0' || memchr(r->p, '\0', n)) {
		r->bad = true;
		return NULL;
	}
	s = (const char *)r->p;
	r->p += n + 1;
	return s;
}
