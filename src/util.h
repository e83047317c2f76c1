/* util.h: memory, buffers, files and UTF-8 helpers shared by every module.
 * Knows nothing of resolutions or of the terminal. */
#ifndef RESOLUTE_UTIL_H
#define RESOLUTE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

/** Say "out of memory (n bytes)" and abort: what util_xmalloc() and the
 * others do when memory runs out. */
void util_die_oom(size_t n) __attribute__((noreturn));
/** Allocate or abort with a message: resolute never limps on after OOM. */
void *util_xmalloc(size_t n);
/** Zeroed allocation of nmemb * size, checked for overflow. */
void *util_xcalloc(size_t nmemb, size_t size);
/** Reallocate nmemb * size bytes, checked for overflow. */
void *util_xrealloc(void *p, size_t nmemb, size_t size);
/** strdup that aborts on OOM. */
char *util_xstrdup(const char *s);

/** Bump allocator: many small strings freed at once. Pointers stay valid
 * until util_arena_free(). Chunks grow geometrically. */
struct util_arena {
	struct util_arena_chunk *head;
	size_t total; /* bytes handed out, for statistics */
};
/** Return n bytes aligned for any object. */
void *util_arena_alloc(struct util_arena *a, size_t n);
/** Copy s[0..n) into the arena with a terminating NUL. */
char *util_arena_strndup(struct util_arena *a, const char *s, size_t n);
/** Copy a NUL-terminated string into the arena. */
char *util_arena_strdup(struct util_arena *a, const char *s);
/** printf into the arena. */
char *util_arena_printf(struct util_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/** Release every chunk. The arena may be reused afterwards. */
void util_arena_free(struct util_arena *a);

/** Growable byte buffer, always NUL-terminated when len > 0 or after
 * any append. */
struct util_buf {
	char *data;
	size_t len, cap;
};
void util_buf_append(struct util_buf *b, const void *p, size_t n);
void util_buf_putc(struct util_buf *b, char c);
void util_buf_puts(struct util_buf *b, const char *s);
void util_buf_printf(struct util_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void util_buf_clear(struct util_buf *b);
void util_buf_free(struct util_buf *b);

/** A file's bytes, mapped read-only where possible (or read, for pipes). */
struct util_file {
	const char *data;
	size_t len;
	bool mapped; /* data came from mmap and is unmapped by util_file_close */
	int fd;      /* the mapped file, open until util_file_close (pread); else -1 */
};
/** Open and map PATH ("-" is standard input). On failure returns -1 and
 * writes a one-line reason (no file name, no newline) to err. */
int util_file_open(const char *path, struct util_file *f, char *err, size_t errlen);
void util_file_close(struct util_file *f);

/** Fault in, with one call each, 64 KiB (and, where the mapping reaches,
 * 48 KiB more) of stack below the caller and the
 * heap from `from` (a block just allocated) up to the program break when
 * that is at most `limit` bytes: in some virtual machines a page fault costs
 * ~10 us, more than the rest of start-up. Best effort: nothing happens
 * without MADV_POPULATE_WRITE (Linux < 5.14) or when the heap is not a brk
 * heap right above `from` (ASan). `from` NULL: the stack only. */
void util_prefault(const void *from, size_t limit);

/** FNV-1a, 64 bits, of s[0..n): a stable content hash (not for security). */
uint64_t util_fnv1a64(const char *s, size_t n);

/** Length of the valid UTF-8 prefix of s[0..n). */
size_t util_utf8_valid_prefix(const char *s, size_t n);
/** Decode one UTF-8 code point at s (n bytes available). Stores the code
 * point in *cp and returns the byte length (>= 1). An invalid sequence
 * yields U+FFFD and length 1. */
size_t util_utf8_decode(const char *s, size_t n, uint32_t *cp);
/** Encode cp as UTF-8 into out (4 bytes room); returns the length. */
size_t util_utf8_encode(uint32_t cp, char *out);
/** Transcode Windows-1252 bytes to UTF-8 into b. */
void util_cp1252_to_utf8(struct util_buf *b, const char *s, size_t n);

/** Append s[0..n) to b with every C0 control (except TAB, which becomes a
 * space), DEL, C1 control (U+0080..U+009F) and invalid byte made visible
 * (^[ , ^?, <9B>, <FF>): the result is safe to write to a terminal. */
void util_sanitize(struct util_buf *b, const char *s, size_t n);

/** Write one line "resolute: A: B\n" (B may be NULL) to f, both parts
 * sanitized: the form of every error message of the program. */
void util_err_line(FILE *f, const char *a, const char *b);

#endif
