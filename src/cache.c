/* cache.c: index files (header, checksum, atomic writes) and the varint
 * encoding of their records. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

uint64_t cache_hash(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data, *end = p + len;
	uint64_t h;

	if (len >= 32) {
		const unsigned char *limit = end - 32;
		uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;

		do {
			v1 = xround(v1, rd64(p));
			v2 = xround(v2, rd64(p + 8));
			v3 = xround(v3, rd64(p + 16));
			v4 = xround(v4, rd64(p + 24));
			p += 32;
		} while (p <= limit);
		h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
		h = xmerge(h, v1);
		h = xmerge(h, v2);
		h = xmerge(h, v3);
		h = xmerge(h, v4);
	} else {
		h = seed + P5;
	}
	h += (uint64_t)len;
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

int cache_load(int dirfd, const char *name, uint64_t key, struct cache_blob *out)
{
	struct stat st;
	unsigned char *mem;
	size_t size, got = 0;
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
	mem = util_xmalloc(size);
	while (got < size) {
		ssize_t k = read(fd, mem + got, size - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	if (got != size || memcmp(mem, cache_magic, sizeof(cache_magic)) != 0 ||
	    rd32(mem + 8) != CACHE_VERSION || rd32(mem + 12) != CACHE_HEADER_SIZE ||
	    rd64(mem + 16) != key || rd64(mem + 24) != size - CACHE_HEADER_SIZE ||
	    rd64(mem + 32) != cache_hash(mem + CACHE_HEADER_SIZE, size - CACHE_HEADER_SIZE, key)) {
		free(mem);
		return -1;
	}
	out->mem = mem;
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

int cache_store(int dirfd, const char *name, uint64_t key, const void *payload, size_t len)
{
	const int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY;
	unsigned char hdr[CACHE_HEADER_SIZE];
	char tmp[512];
	int fd, k, rc;

	k = snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", name, (long)getpid());
	if (k < 0 || (size_t)k >= sizeof(tmp))
		return -1;
	fd = openat(dirfd, tmp, flags, 0600);
	if (fd < 0 && errno == EEXIST) {
		/* left over by a crashed process with our pid */
		(void)unlinkat(dirfd, tmp, 0);
		fd = openat(dirfd, tmp, flags, 0600);
	}
	if (fd < 0)
		return -1;
	memcpy(hdr, cache_magic, sizeof(cache_magic));
	wr32(hdr + 8, CACHE_VERSION);
	wr32(hdr + 12, CACHE_HEADER_SIZE);
	wr64(hdr + 16, key);
	wr64(hdr + 24, (uint64_t)len);
	wr64(hdr + 32, cache_hash(payload, len, key));
	rc = write_all(fd, hdr, sizeof(hdr));
	if (rc == 0)
		rc = write_all(fd, payload, len);
	if (close(fd) < 0)
		rc = -1;
	if (rc == 0)
		rc = renameat(dirfd, tmp, dirfd, name);
	if (rc != 0)
		(void)unlinkat(dirfd, tmp, 0);
	return rc;
}

/* ---- encoding ---- */

void cache_put_varint(struct util_buf *b, uint64_t v)
{
	char tmp[10];
	size_t n = 0;

	do {
		unsigned char c = v & 0x7F;

		v >>= 7;
		tmp[n++] = (char)(v ? c | 0x80 : c);
	} while (v);
	util_buf_append(b, tmp, n);
}

void cache_put_strn(struct util_buf *b, const char *s, size_t n)
{
	n = strnlen(s, n); /* a NUL would end the string when read back */
	cache_put_varint(b, (uint64_t)n + 1);
	util_buf_append(b, s, n);
	util_buf_putc(b, '\0');
}

void cache_put_str(struct util_buf *b, const char *s)
{
	if (!s)
		cache_put_varint(b, 0);
	else
		cache_put_strn(b, s, strlen(s));
}

uint64_t cache_get_varint(struct cache_reader *r)
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

const char *cache_get_str(struct cache_reader *r)
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
