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

#include "util.h"

#define CACHE_VERSION 1u
#define CACHE_HEADER_SIZE 40u
/** Index files larger than this are not read (1 GiB). */
#define CACHE_MAX_SIZE ((uint64_t)1 << 30)

/** 64-bit hash of data[0..len) (the XXH64 algorithm). Fast enough to
 * checksum tens of megabytes in a few milliseconds. */
uint64_t cache_hash(const void *data, size_t len, uint64_t seed);

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
	unsigned char *mem;           /* the whole file; free() it */
	const unsigned char *payload; /* mem + CACHE_HEADER_SIZE */
	size_t len;                   /* payload bytes */
};

/** Read index NAME in directory DIRFD (not following a symlink) and verify
 * header, key, length and checksum. Returns 0 and fills *out, or -1 (missing,
 * unreadable, not a regular file, too large, or invalid) with *out zeroed. */
int cache_load(int dirfd, const char *name, uint64_t key, struct cache_blob *out);

/** Write PAYLOAD as index NAME in DIRFD atomically. Returns 0 or -1 (the old
 * file, if any, is then untouched). */
int cache_store(int dirfd, const char *name, uint64_t key, const void *payload, size_t len);

/* ---- encoding ------------------------------------------------------- */

/** Append v as an unsigned LEB128 varint (1-10 bytes). */
void cache_put_varint(struct util_buf *b, uint64_t v);
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

uint64_t cache_get_varint(struct cache_reader *r);
/** A string written by cache_put_str: points into the span (its NUL is
 * checked, so it is a valid C string). NULL for a NULL string or on error;
 * tell them apart with `bad`. */
const char *cache_get_str(struct cache_reader *r);

#endif
