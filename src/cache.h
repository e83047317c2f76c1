/* cache.h: the on-disk container of the library index, and the compact
 * binary encoding its records use.
 *
 * An index file is a 40-byte header followed by a payload:
 *
 *     0  magic "RSLVIDX\n"          8 bytes
 *     8  format version            u32 little-endian (CACHE_VERSION)
 *    12  header size               u32 (CACHE_HEADER_SIZE)
 *    16  key                       u64: what the payload is valid for (the
 *                                  caller's choice: format, program, library)
 *    24  payload length            u64
 *    32  checksum of the payload   u64 (cache_hash seeded with the key)
 *
 * Nothing in a loaded file is trusted: a wrong magic, version, key, length
 * or checksum makes cache_load() fail, and the payload is then read with
 * cache_reader, which checks every length against the bytes left.
 *
 * Files live in a private directory (mode 0700, owned by the user, never a
 * symlink) and are written atomically: a temporary file (O_EXCL,
 * O_NOFOLLOW, mode 0600) in the same directory renamed over the old one.
 * No curses, no output: failures only make the cache unavailable. */
#ifndef RESOLUTE_CACHE_H
#define RESOLUTE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

#define CACHE_VERSION 1u
#define CACHE_HEADER_SIZE 40u
/** Index files larger than this are not read (1 GiB). */
#define CACHE_MAX_SIZE ((uint64_t)1 << 30)

/** 64-bit hash of data[0..len) (the XXH64 algorithm). Fast enough to
 * checksum tens of megabytes in a few milliseconds. */
uint64_t cache_hash(const void *data, size_t len, uint64_t seed);

/** XXH64 over data given in pieces: init, update any number of times,
 * final; the same value as cache_hash() over the pieces joined. */
struct cache_hasher {
	uint64_t v[4], seed, total;
	unsigned char buf[32];
	size_t n;
};
void cache_hash_init(struct cache_hasher *h, uint64_t seed);
void cache_hash_update(struct cache_hasher *h, const void *data, size_t len);
uint64_t cache_hash_final(const struct cache_hasher *h);

/** resolute's cache directory into buf: $XDG_CACHE_HOME/resolute when that
 * variable is an absolute path, else $HOME/.cache/resolute ($HOME absolute).
 * Returns 0, or -1 when neither is usable or buf is too small. */
int cache_default_dir(char *buf, size_t n);

/** Open the cache directory DIR, creating it (mode 0700, and missing parents
 * 0700) if needed. Refuses a symlink, a non-directory, or a directory owned
 * by another user or writable by group or others. Returns a directory file
 * descriptor (close it with close()) or -1. */
int cache_dir_open(const char *dir);

/** A verified payload in memory. */
struct cache_blob {
	const unsigned char *mem;     /* the whole file; cache_blob_free() it */
	const unsigned char *payload; /* mem + CACHE_HEADER_SIZE */
	size_t len;                   /* payload bytes */
	size_t map_len;               /* internal: bytes mapped, 0 if read into memory */
};

/** Read index NAME in directory DIRFD (not following a symlink; mapped
 * read-only where possible: index files are replaced by rename, never
 * rewritten in place) and verify header, key, length and checksum.
 * Returns 0 and fills *out, or -1 (missing, unreadable, not a regular
 * file, too large, or invalid) with *out zeroed. */
int cache_load(int dirfd, const char *name, uint64_t key, struct cache_blob *out);

/** Release a blob filled by cache_load() (a zeroed one is fine) and zero it. */
void cache_blob_free(struct cache_blob *b);

/** Write PAYLOAD as index NAME in DIRFD atomically. Returns 0 or -1 (the old
 * file, if any, is then untouched). */
int cache_store(int dirfd, const char *name, uint64_t key, const void *payload, size_t len);

/** An index written in pieces, without the payload whole in memory:
 * open (NULL if the temporary file cannot be made), put the payload in
 * any number of pieces, commit (the cache_store() of the pieces joined:
 * 0, or -1 with the old file untouched). Commit always releases w. */
struct cache_writer;
struct cache_writer *cache_writer_open(int dirfd, const char *name, uint64_t key);
void cache_writer_put(struct cache_writer *w, const void *data, size_t len);
int cache_writer_commit(struct cache_writer *w);

/* ---- encoding ------------------------------------------------------- */

/** Append v as an unsigned LEB128 varint (1-10 bytes). */
void cache_put_varint(struct util_buf *b, uint64_t v);
/** v as a varint into out (room for 10 bytes); returns its length. */
size_t cache_varint(unsigned char *out, uint64_t v);
/** Append a string: varint (length + 1), the bytes, a NUL; NULL is varint 0. */
void cache_put_str(struct util_buf *b, const char *s);
/** As cache_put_str for s[0..n) (cut at a NUL byte, if any). */
void cache_put_strn(struct util_buf *b, const char *s, size_t n);

/** Reads an encoded span; any overrun or malformed item sets `bad`, after
 * which every read returns 0 / NULL. */
struct cache_reader {
	const unsigned char *p, *end;
	bool bad;
};

/** Internal: the general cases of the two readers below, whose common
 * case (a one-byte varint, a string shorter than 127 bytes) is inline. */
uint64_t cache_get_varint_any(struct cache_reader *r);
const char *cache_get_str_any(struct cache_reader *r);

static inline uint64_t cache_get_varint(struct cache_reader *r)
{
	if (!r->bad && r->p < r->end && *r->p < 0x80)
		return *r->p++;
	return cache_get_varint_any(r);
}

/** A string written by cache_put_str: points into the span (its NUL is
 * checked, so it is a valid C string of the length written). NULL for a
 * NULL string or on error; tell them apart with `bad`. */
static inline const char *cache_get_str(struct cache_reader *r)
{
	if (!r->bad && r->p < r->end && *r->p >= 1 && *r->p < 0x80) {
		size_t n = (size_t)*r->p - 1;
		const unsigned char *s = r->p + 1;

		if (n < (size_t)(r->end - s) && s[n] == '\0' && !memchr(s, '\0', n)) {
			r->p = s + n + 1;
			return (const char *)s;
		}
	}
	return cache_get_str_any(r);
}

#endif
