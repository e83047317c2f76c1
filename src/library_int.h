/* library_int.h: what library.c shares with library_cmd.c and
 * library_parse.c (internal). */
#ifndef RESOLUTE_LIBRARY_INT_H
#define RESOLUTE_LIBRARY_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "cache.h"
#include "library.h"

/** A reference decoded again by library_refs_each(), with its string lengths. */
struct lazy_ref {
	struct library_ref ref;
	size_t target_len, target_para_len, para_len, text_len;
	const struct library_entry *target; /* library_ref_target(), found ahead */
};

/** library_open(); with lazy_refs, references stay in the records (for
 * the commands, which read each once: no array of them in memory). */
void library_open_lazy(struct library *lib, const char *const *paths, size_t n,
		       const struct library_opts *o, bool lazy_refs);

/** Call fn for every reference of entry ei of a library opened with
 * lazy_refs, in order, decoded again from its record (checked when the
 * library was opened). */
void library_refs_each(const struct library *lib, size_t ei,
		       void (*fn)(const struct library *, const struct lazy_ref *, void *),
		       void *user);

/** A buffer of megabytes in huge pages where the system has them (page
 * faults are what large buffers cost most on a virtual machine). */
struct library_buf {
	char *data;
	size_t len, cap; /* cap: the mapping's length */
};

/** Room for more bytes after b->len; hint: the size expected in all (only
 * address space is reserved: pages come as they are written). Aborts
 * without memory, as util_xmalloc() does. */
void library_buf_reserve(struct library_buf *b, size_t more, size_t hint);
/** Unmap b and empty it. */
void library_buf_free(struct library_buf *b);

/** Workers for a job setting (library_opts.jobs): jobs itself, or with
 * 0 the CPUs online; at most 8. */
int library_auto_jobs(int jobs);

/** Keep mem (records, and so strings) until library_close(): mapped with
 * map_len bytes, or from malloc with map_len 0. */
void library_add_blob(struct library *lib, void *mem, size_t map_len);

/** A record's head: returns its key and sets size and mtime, or NULL. */
const char *library_record_head(struct cache_reader *r, uint64_t *size, int64_t *ms,
				long *mns);

/** Parse lib->files[todo[i]] for every i into records (library_parse.c),
 * with jobs processes. */
void library_parse_files(struct library *lib, const size_t *todo, size_t n_todo, int jobs);

/** arr with room for one more than n elements (capacity doubles). */
void *library_grow(void *arr, size_t n, size_t *cap, size_t elem);

#endif
