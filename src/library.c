/* library.c: a library of resolution files and its index.
 *
 * Opening runs in five steps:
 *   1. walk the roots: every file with its cache key (absolute path),
 *      size and mtime, each file and directory once (device, inode);
 *      with no index to match, sizes and mtimes are left to step 3;
 *   2. map the index and take the record of every file whose key, size
 *      and mtime match;
 *   3. parse the other files, in several forked processes when there are
 *      many (each writes its records down a pipe, into huge pages):
 *      library_parse.c;
 *   4. decode every record, in library order, into entries and references
 *      whose strings point into the record buffers (no copies); for the
 *      commands, which read each reference once, references are only
 *      checked and read again from the record as lines are written;
 *   5. rewrite the index when anything changed, record by record.
 *
 * Much of the time of a warm open is page faults and bytes touched: the
 * index is mapped, not copied; nothing of the size of all references is
 * allocated for the commands; output fields are copied as they are when
 * printable ASCII (checked eight bytes at a time).
 *
 * A file record (varints and strings of cache.h, prefixed by its length):
 *     str key, size, mtime_s, mtime_ns, str error (NULL if parsed), n_docs,
 *     per doc: str symbol, str title, str adopted, body, n_refs,
 *     per ref: kind, str target, str target_para, str para id, str text. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "cache.h"
#include "doc.h"
#include "library.h"
#include "library_int.h"
#include "parse.h"
#include "util.h"
#include "xref.h"

/* Bump when the record layout or what the parser puts in it changes. */
#define RECORD_VERSION 1u
/* Below this many files no index is written (unless opts.cache_small). */
#define CACHE_MIN_FILES 16
#define MAX_DEPTH 64

void *library_grow(void *arr, size_t n, size_t *cap, size_t elem)
{
	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 16;
	return util_xrealloc(arr, *cap, elem);
}

static void add_error(struct library *lib, const char *path, const char *msg, bool fatal)
{
	struct library_error *e;

	lib->errors = library_grow(lib->errors, lib->n_errors, &lib->cap_errors, sizeof(*e));
	e = &lib->errors[lib->n_errors++];
	e->path = util_arena_strdup(&lib->arena, path);
	e->msg = util_arena_strdup(&lib->arena, msg);
	e->fatal = fatal;
}

void library_add_blob(struct library *lib, void *mem, size_t map_len)
{
	lib->blobs = library_grow(lib->blobs, lib->n_blobs, &lib->cap_blobs,
				  sizeof(*lib->blobs));
	lib->blobs[lib->n_blobs++] = (struct library_blob){ mem, map_len };
}

/* Hash of a C string for the in-memory tables (never stored, so the
 * byte order does not matter): eight bytes at a time, the last word
 * overlapping the one before. */
static uint64_t str_hash_n(const char *s, size_t n)
{
	const uint64_t k = 0xff51afd7ed558ccdULL;
	uint64_t h = 0xcbf29ce484222325ULL ^ n, w;

	if (n < 8) {
		for (size_t i = 0; i < n; i++)
			h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	} else {
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&w, s + i, 8);
			h = (h ^ w) * k;
			h ^= h >> 32;
		}
		memcpy(&w, s + n - 8, 8);
		h = (h ^ w) * k;
	}
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 29);
}

static uint64_t str_hash(const char *s)
{
	return str_hash_n(s, strlen(s));
}

/* ---- step 1: the walk ---- */

/* A slot: dev + 1 (0: empty; no device number is all ones). */
struct devino {
	uint64_t dev1;
	uint64_t ino;
};

struct devino_set {
	struct devino *v;
	size_t cap, n;
};

/* Add (dev, ino); false if it was already there. */
static bool devino_add(struct devino_set *s, dev_t dev, ino_t ino)
{
	size_t i;

	if (2 * (s->n + 1) > s->cap) {
		struct devino *old = s->v;
		size_t oldcap = s->cap;

		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = util_xcalloc(s->cap, sizeof(*s->v));
		s->n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i].dev1)
				devino_add(s, (dev_t)(old[i].dev1 - 1), (ino_t)old[i].ino);
		free(old);
	}
	i = (size_t)((uint64_t)dev * 0x9E3779B97F4A7C15ULL ^
		     (uint64_t)ino * 0xC2B2AE3D27D4EB4FULL);
	for (i &= s->cap - 1; s->v[i].dev1; i = (i + 1) & (s->cap - 1))
		if (s->v[i].dev1 == (uint64_t)dev + 1 && s->v[i].ino == (uint64_t)ino)
			return false;
	s->v[i].dev1 = (uint64_t)dev + 1;
	s->v[i].ino = (uint64_t)ino;
	s->n++;
	return true;
}

struct walk {
	struct library *lib;
	bool stat_files; /* an index will be matched: it needs sizes and mtimes */
	struct devino_set dirs, files;
	char **root_keys; /* absolute roots, for the index name */
	size_t n_roots, cap_roots;
};

struct dirent_info {
	char *name;
	struct stat st;
	bool unstated; /* st has only type, device and inode */
};

static bool has_text_ext(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && dot != name &&
	       (strcasecmp(dot, ".txt") == 0 || strcasecmp(dot, ".text") == 0);
}

static void add_file(struct walk *w, const char *path, const char *key, const struct stat *st,
		     bool unstated, bool primary, bool explicit_arg)
{
	struct library *lib = w->lib;
	struct library_file *f;

	if (st && !devino_add(&w->files, st->st_dev, st->st_ino))
		return;
	lib->files = library_grow(lib->files, lib->n_files, &lib->cap_files, sizeof(*f));
	f = &lib->files[lib->n_files++];
	memset(f, 0, sizeof(*f));
	f->path = util_arena_strdup(&lib->arena, path);
	f->primary = primary;
	f->explicit_arg = explicit_arg;
	/* only regular files are cached: not standard input, pipes, devices */
	if (key && st && S_ISREG(st->st_mode)) {
		/* one copy when the path given was absolute and canonical */
		f->key = strcmp(key, path) == 0 ? f->path : util_arena_strdup(&lib->arena, key);
		f->unstated = unstated;
		f->size = (uint64_t)st->st_size;
		f->mtime_s = (int64_t)st->st_mtim.tv_sec;
		f->mtime_ns = st->st_mtim.tv_nsec;
	}
}

static int cmp_dirent(const void *a, const void *b)
{
	const struct dirent_info *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static void join(struct util_buf *b, const char *dir, const char *name)
{
	size_t n = strlen(dir);

	util_buf_clear(b);
	util_buf_append(b, dir, n);
	if (n == 0 || dir[n - 1] != '/')
		util_buf_putc(b, '/');
	util_buf_puts(b, name);
}

/* Walk the directory key (shown as disp), on device dev. */
static void walk_dir(struct walk *w, const char *disp, const char *key, dev_t dev, bool primary,
		     int depth)
{
	struct dirent_info *ents = NULL, **order;
	size_t n = 0, cap = 0;
	struct util_buf dp = { 0 }, kp = { 0 };
	struct dirent *de;
	DIR *d;

	if (depth > MAX_DEPTH)
		return;
	d = opendir(key);
	if (!d) {
		add_error(w->lib, disp, strerror(errno), primary && depth == 0);
		return;
	}
	while ((de = readdir(d))) {
		struct stat st;
		bool unstated = false;

		if (de->d_name[0] == '.')
			continue; /* ".", ".." and hidden names */
#ifdef DT_REG
		if (de->d_type == DT_REG && !has_text_ext(de->d_name))
			continue; /* spare a stat() */
		if (de->d_type == DT_REG && !w->stat_files) {
			/* Nothing to match: the file's size and mtime come
			 * from the fstat() of the parse, in parallel. Its
			 * identity is the directory's device and the entry's
			 * inode (st_ino on every common file system). The
			 * stat()s were 50 of the 80 ms of walking 20,000 files. */
			memset(&st, 0, sizeof(st));
			st.st_mode = S_IFREG;
			st.st_dev = dev;
			st.st_ino = de->d_ino;
			unstated = true;
		} else
#endif
		if (fstatat(dirfd(d), de->d_name, &st, 0) < 0)
			continue; /* dangling symlink, vanished */
		if (!S_ISDIR(st.st_mode) && !(S_ISREG(st.st_mode) && has_text_ext(de->d_name)))
			continue;
		ents = library_grow(ents, n, &cap, sizeof(*ents));
		ents[n].name = util_xstrdup(de->d_name);
		ents[n].st = st;
		ents[n].unstated = unstated;
		n++;
	}
	closedir(d);
	/* sorted by name: pointers, not the entries (which are large) */
	order = util_xcalloc(n ? n : 1, sizeof(*order));
	for (size_t i = 0; i < n; i++)
		order[i] = &ents[i];
	if (n > 1)
		qsort(order, n, sizeof(*order), cmp_dirent);
	for (size_t j = 0; j < n; j++) {
		struct dirent_info *ent = order[j];

		join(&dp, disp, ent->name);
		join(&kp, key, ent->name);
		if (S_ISDIR(ent->st.st_mode)) {
			if (devino_add(&w->dirs, ent->st.st_dev, ent->st.st_ino)) {
				char *dcopy = util_xstrdup(dp.data);
				char *kcopy = util_xstrdup(kp.data);

				walk_dir(w, dcopy, kcopy, ent->st.st_dev, primary, depth + 1);
				free(dcopy);
				free(kcopy);
			}
		} else {
			add_file(w, dp.data, kp.data, &ent->st, ent->unstated, primary, false);
		}
		free(ent->name);
	}
	free(order);
	free(ents);
	util_buf_free(&dp);
	util_buf_free(&kp);
}

/* A path given: resolved before the walk, since the index's name (and
 * so whether there is an index to match) depends on the roots alone. */
struct root {
	const char *arg;
	bool primary;
	int err;     /* errno of stat() or realpath(), or 0 */
	struct stat st;
	char *real;  /* owned by walk.root_keys */
};

static void root_resolve(struct walk *w, struct root *r, const char *arg, bool primary)
{
	memset(r, 0, sizeof(*r));
	r->arg = arg;
	r->primary = primary;
	if (strcmp(arg, "-") == 0)
		return;
	if (stat(arg, &r->st) < 0 || !(r->real = realpath(arg, NULL))) {
		r->err = errno ? errno : ENOENT;
		return;
	}
	w->root_keys = library_grow(w->root_keys, w->n_roots, &w->cap_roots, sizeof(char *));
	w->root_keys[w->n_roots++] = r->real;
}

static void root_walk(struct walk *w, const struct root *r)
{
	char *disp;
	size_t len;

	if (strcmp(r->arg, "-") == 0) {
		add_file(w, "-", NULL, NULL, false, r->primary, r->primary);
		return;
	}
	if (r->err) {
		add_error(w->lib, r->arg, strerror(r->err), r->primary);
		return;
	}
	disp = util_xstrdup(r->arg);
	len = strlen(disp);
	while (len > 1 && disp[len - 1] == '/')
		disp[--len] = '\0';
	if (S_ISDIR(r->st.st_mode)) {
		if (devino_add(&w->dirs, r->st.st_dev, r->st.st_ino))
			walk_dir(w, disp, r->real, r->st.st_dev, r->primary, 0);
	} else {
		add_file(w, disp, r->real, &r->st, false, r->primary, r->primary);
	}
	free(disp);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Name of the index for this set of roots, and the key its contents must
 * carry: format, record layout, this program (size and mtime of the
 * executable: a rebuilt parser invalidates) and the roots. */
static void index_identity(struct walk *w, char *name, size_t namelen, uint64_t *key)
{
	struct util_buf b = { 0 };
	struct stat st;
	uint64_t roots;

	qsort(w->root_keys, w->n_roots, sizeof(char *), cmp_str);
	for (size_t i = 0; i < w->n_roots; i++) {
		if (i && strcmp(w->root_keys[i], w->root_keys[i - 1]) == 0)
			continue; /* a root given twice is the same library */
		util_buf_puts(&b, w->root_keys[i]);
		util_buf_putc(&b, '\n');
	}
	roots = cache_hash(b.data ? b.data : "", b.len, 0);
	snprintf(name, namelen, "library-%016llx.idx", (unsigned long long)roots);
	util_buf_clear(&b);
	cache_put_varint(&b, CACHE_VERSION);
	cache_put_varint(&b, RECORD_VERSION);
	cache_put_varint(&b, roots);
	if (stat("/proc/self/exe", &st) == 0) {
		cache_put_varint(&b, (uint64_t)st.st_size);
		cache_put_varint(&b, (uint64_t)st.st_mtim.tv_sec);
		cache_put_varint(&b, (uint64_t)st.st_mtim.tv_nsec);
	}
	*key = cache_hash(b.data, b.len, 0x7265736f6c757465ULL);
	util_buf_free(&b);
}

/* Is there a file where the index would be? (Only a hint: a walk for
 * an index stats every file; cache_load() checks the rest.) */
static bool index_exists(const char *dir, const char *name)
{
	char path[PATH_MAX + 80];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* ---- step 2: match the index ---- */

/* Open-addressing map from cache key to file index. */
struct file_map {
	size_t *slots; /* file index + 1 */
	size_t cap;
};

static void file_map_build(struct file_map *m, const struct library *lib)
{
	m->cap = 16;
	while (m->cap < 2 * lib->n_files)
		m->cap *= 2;
	m->slots = util_xcalloc(m->cap, sizeof(size_t));
	for (size_t i = 0; i < lib->n_files; i++) {
		size_t h;

		if (!lib->files[i].key)
			continue;
		h = (size_t)str_hash(lib->files[i].key) & (m->cap - 1);
		while (m->slots[h])
			h = (h + 1) & (m->cap - 1);
		m->slots[h] = i + 1;
	}
}

static struct library_file *file_map_find(const struct file_map *m, struct library *lib,
					  const char *key)
{
	size_t h = (size_t)str_hash(key) & (m->cap - 1);

	for (; m->slots[h]; h = (h + 1) & (m->cap - 1)) {
		struct library_file *f = &lib->files[m->slots[h] - 1];

		if (strcmp(f->key, key) == 0)
			return f;
	}
	return NULL;
}

/* Header of a record: key, size, mtime. */
const char *library_record_head(struct cache_reader *r, uint64_t *size, int64_t *ms, long *mns)
{
	const char *key = cache_get_str(r);

	*size = cache_get_varint(r);
	*ms = (int64_t)cache_get_varint(r);
	*mns = (long)cache_get_varint(r);
	return r->bad ? NULL : key;
}

/* Take the index's record of every unchanged file. Returns how many
 * records of the index were not used (files gone or changed). */
static size_t match_index(struct library *lib, const unsigned char *p, size_t len)
{
	struct cache_reader r = { p, p + len, false };
	struct file_map m;
	size_t unused = 0;

	file_map_build(&m, lib);
	while (r.p < r.end && !r.bad) {
		uint64_t rl = cache_get_varint(&r), size;
		struct cache_reader rr;
		struct library_file *f;
		const char *key;
		int64_t ms;
		long mns;

		if (r.bad || rl > (uint64_t)(r.end - r.p))
			break;
		rr = (struct cache_reader){ r.p, r.p + rl, false };
		key = library_record_head(&rr, &size, &ms, &mns);
		f = key ? file_map_find(&m, lib, key) : NULL;
		if (f && !f->rec && !f->unstated && f->size == size && f->mtime_s == ms &&
		    f->mtime_ns == mns) {
			f->rec = r.p;
			f->rec_len = (size_t)rl;
			f->rec_cached = true;
		} else {
			unused++;
		}
		r.p += rl;
	}
	free(m.slots);
	return unused + (r.p != r.end);
}

/* ---- step 3: parse: library_parse.c ---- */

/* ---- step 4: decode ---- */

static void push_ref(struct library *lib, const struct library_ref *r)
{
	lib->refs = library_grow(lib->refs, lib->n_refs, &lib->cap_refs, sizeof(*r));
	lib->refs[lib->n_refs++] = *r;
}

/* One reference of a record into *ref; false (r->bad set) if malformed. */
static bool decode_ref(struct cache_reader *r, struct library_ref *ref, size_t entry)
{
	uint64_t kind = cache_get_varint(r);

	ref->target = cache_get_str(r);
	ref->target_para = cache_get_str(r);
	ref->para = cache_get_str(r);
	ref->text = cache_get_str(r);
	if (kind > DOC_REF_PARAGRAPH || !ref->target || !ref->para || !ref->text)
		r->bad = true;
	ref->kind = (enum doc_ref_kind)kind;
	ref->entry = entry;
	return !r->bad;
}

/* Decode the record of file fi into entries; false (nothing added) if it
 * is malformed. With lib->lazy_refs the references are checked but not
 * kept: an entry's first_ref is then the offset of its first reference
 * in the record (read again by refs_each()). */
static bool decode_file(struct library *lib, size_t fi)
{
	struct library_file *f = &lib->files[fi];
	struct cache_reader r = { f->rec, f->rec + f->rec_len, false };
	size_t e0 = lib->n_entries, r0 = lib->n_refs;
	const char *error;
	uint64_t n_docs, size;
	int64_t ms;
	long mns;

	(void)library_record_head(&r, &size, &ms, &mns);
	error = cache_get_str(&r);
	n_docs = cache_get_varint(&r);
	for (uint64_t d = 0; d < n_docs && !r.bad; d++) {
		struct library_entry e = { 0 };
		uint64_t body, n_refs;

		e.symbol = cache_get_str(&r);
		e.title = cache_get_str(&r);
		e.adopted = cache_get_str(&r);
		body = cache_get_varint(&r);
		n_refs = cache_get_varint(&r);
		if (body > DOC_BODY_ECOSOC || d > INT_MAX || n_refs > (uint64_t)(r.end - r.p))
			r.bad = true;
		e.body = (enum doc_body)body;
		e.path = f->path;
		e.doc_index = (int)d;
		e.file = fi;
		e.primary = f->primary;
		if (lib->lazy_refs) {
			struct library_ref ref;

			e.first_ref = (size_t)(r.p - f->rec);
			for (uint64_t k = 0; k < n_refs && !r.bad; k++)
				decode_ref(&r, &ref, lib->n_entries);
			e.n_refs = (size_t)n_refs;
		} else {
			e.first_ref = lib->n_refs;
			for (uint64_t k = 0; k < n_refs && !r.bad; k++) {
				struct library_ref ref;

				if (decode_ref(&r, &ref, lib->n_entries))
					push_ref(lib, &ref);
			}
			e.n_refs = lib->n_refs - e.first_ref;
		}
		lib->entries = library_grow(lib->entries, lib->n_entries, &lib->cap_entries, sizeof(e));
		lib->entries[lib->n_entries++] = e;
	}
	if (r.bad || r.p != r.end) {
		lib->n_entries = e0;
		lib->n_refs = r0;
		return false;
	}
	f->error = error;
	f->first_entry = e0;
	f->n_entries = lib->n_entries - e0;
	return true;
}


/* A string of a record checked already by decode_file(): no NUL search,
 * and its length for free. */
static const char *get_checked_str(struct cache_reader *r, size_t *len)
{
	uint64_t n = cache_get_varint(r);
	const char *s = (const char *)r->p;

	*len = 0;
	if (r->bad || n == 0 || n > (uint64_t)(r->end - r->p))
		return NULL;
	*len = (size_t)n - 1;
	r->p += n;
	return s;
}

/* Decode every file in order. A malformed record from the index is parsed
 * afresh and everything decoded again (rare: the checksum matched). */
static bool decode_all(struct library *lib)
{
	size_t *bad = NULL, n_bad = 0, cap_bad = 0;
	bool any_bad = false;

	for (int pass = 0; pass < 2; pass++) {
		lib->n_entries = lib->n_refs = 0;
		n_bad = 0;
		for (size_t i = 0; i < lib->n_files; i++) {
			struct library_file *f = &lib->files[i];

			if (f->rec && decode_file(lib, i))
				continue;
			if (pass == 0 && f->rec_cached) {
				f->rec = NULL;
				f->rec_cached = false;
				lib->stats.n_from_cache--;
				bad = library_grow(bad, n_bad, &cap_bad, sizeof(size_t));
				bad[n_bad++] = i;
			} else {
				f->error = "internal error: malformed index record";
				f->first_entry = lib->n_entries;
				f->n_entries = 0;
			}
		}
		if (!n_bad)
			break;
		any_bad = true;
		library_parse_files(lib, bad, n_bad, 1);
	}
	free(bad);
	return any_bad;
}

/* ---- symbols ---- */

/* Does slot hold symbol s (n bytes, hash h)? Compared in the slot when
 * the symbol fits in it (nearly always), without reaching for the entry
 * and its string: with the slot prefetched (library_refs_each()), a
 * lookup costs no cache miss. */
static bool slot_is(const struct library *lib, const struct library_slot *slot, uint64_t h,
		    const char *s, size_t n)
{
	if (slot->hash != h)
		return false;
	if (n < sizeof(slot->key))
		return memcmp(slot->key, s, n + 1) == 0;
	return memcmp(slot->key, s, sizeof(slot->key)) == 0 &&
	       strcmp(lib->entries[slot->entry - 1].symbol + sizeof(slot->key),
		      s + sizeof(slot->key)) == 0;
}

static void build_symbols(struct library *lib)
{
	lib->sym_cap = 16;
	while (lib->sym_cap < 2 * lib->n_entries)
		lib->sym_cap *= 2;
	lib->sym_slots = util_xcalloc(lib->sym_cap, sizeof(*lib->sym_slots));
	for (size_t i = 0; i < lib->n_entries && i < UINT32_MAX; i++) {
		const char *s = lib->entries[i].symbol;
		struct library_slot *slot;
		uint64_t h;
		size_t k, n;

		if (!s || !s[0])
			continue;
		n = strlen(s);
		h = str_hash_n(s, n);
		for (k = (size_t)h & (lib->sym_cap - 1);; k = (k + 1) & (lib->sym_cap - 1)) {
			slot = &lib->sym_slots[k];
			if (!slot->entry || slot_is(lib, slot, h, s, n))
				break;
		}
		if (!slot->entry) { /* the first copy wins */
			slot->hash = h;
			slot->entry = (uint32_t)i + 1;
			memcpy(slot->key, s, n < sizeof(slot->key) ? n : sizeof(slot->key));
		}
	}
}

/* Where the search for hash h starts. */
static inline const struct library_slot *sym_home(const struct library *lib, uint64_t h)
{
	return &lib->sym_slots[(size_t)h & (lib->sym_cap - 1)];
}

/* The entry of symbol s (n bytes, hash h), or NULL. */
static const struct library_entry *find_symbol_h(const struct library *lib, const char *s,
						 size_t n, uint64_t h)
{
	if (!lib->sym_slots || !n)
		return NULL;
	for (size_t k = (size_t)h & (lib->sym_cap - 1); lib->sym_slots[k].entry;
	     k = (k + 1) & (lib->sym_cap - 1)) {
		const struct library_slot *slot = &lib->sym_slots[k];

		if (slot_is(lib, slot, h, s, n))
			return &lib->entries[slot->entry - 1];
	}
	return NULL;
}

static const struct library_entry *find_symbol(const struct library *lib, const char *s)
{
	size_t n = strlen(s);

	return find_symbol_h(lib, s, n, str_hash_n(s, n));
}

/* library_ref_target() of r, whose target has n bytes and hash h. */
static const struct library_entry *ref_target_h(const struct library *lib,
						const struct library_ref *r, size_t n, uint64_t h)
{
	const struct library_entry *self = &lib->entries[r->entry];

	if (!n || (self->symbol && strcmp(self->symbol, r->target) == 0))
		return self;
	return find_symbol_h(lib, r->target, n, h);
}

/* References are decoded eight at a time and the symbol-table slots of
 * their targets prefetched before any is looked up: one lookup per line
 * written, each a cache miss otherwise (a third of a warm --refs). */
#define REFS_BATCH 8

void library_refs_each(const struct library *lib, size_t ei,
		       void (*fn)(const struct library *, const struct lazy_ref *, void *),
		       void *user)
{
	const struct library_entry *e = &lib->entries[ei];
	const struct library_file *f = &lib->files[e->file];
	struct cache_reader r = { f->rec + e->first_ref, f->rec + f->rec_len, false };
	struct lazy_ref lr[REFS_BATCH];
	uint64_t h[REFS_BATCH];

	for (size_t k = 0; k < e->n_refs;) {
		size_t m = e->n_refs - k < REFS_BATCH ? e->n_refs - k : REFS_BATCH, got = 0;

		for (; got < m; got++) {
			struct lazy_ref *l = &lr[got];

			l->ref.entry = ei;
			l->ref.kind = (enum doc_ref_kind)cache_get_varint(&r);
			l->ref.target = get_checked_str(&r, &l->target_len);
			l->ref.target_para = get_checked_str(&r, &l->target_para_len);
			l->ref.para = get_checked_str(&r, &l->para_len);
			l->ref.text = get_checked_str(&r, &l->text_len);
			if (r.bad || !l->ref.target || !l->ref.para || !l->ref.text)
				break; /* cannot happen: decode_file() checked it */
			h[got] = str_hash_n(l->ref.target, l->target_len);
			if (lib->sym_slots)
				__builtin_prefetch(sym_home(lib, h[got]));
		}
		for (size_t j = 0; j < got; j++) {
			lr[j].target = ref_target_h(lib, &lr[j].ref, lr[j].target_len, h[j]);
			fn(lib, &lr[j], user);
		}
		if (got < m)
			return;
		k += m;
	}
}

/* ---- open and close ---- */

static void write_index(struct library *lib, int dirfd, const char *name, uint64_t key)
{
	struct cache_writer *w = cache_writer_open(dirfd, name, key);
	struct util_buf len = { 0 };

	if (!w)
		return;
	for (size_t i = 0; i < lib->n_files; i++) {
		const struct library_file *f = &lib->files[i];

		/* failures (unreadable, empty, binary) are retried every time */
		if (!f->key || !f->rec || f->error)
			continue;
		util_buf_clear(&len);
		cache_put_varint(&len, f->rec_len);
		cache_writer_put(w, len.data, len.len);
		cache_writer_put(w, f->rec, f->rec_len);
	}
	if (cache_writer_commit(w) == 0)
		lib->stats.cache_written = true;
	util_buf_free(&len);
}

void library_open_lazy(struct library *lib, const char *const *paths, size_t n,
		     const struct library_opts *o, bool lazy_refs)
{
	static const struct library_opts defaults = { 0 };
	struct walk w = { 0 };
	struct root *roots;
	size_t *todo, n_todo = 0, unused = 0, n_cacheable = 0;
	char dir[PATH_MAX], name[64];
	uint64_t key = 0;
	int dirfd = -1;
	bool dirty;

	if (!o)
		o = &defaults;
	memset(lib, 0, sizeof(*lib));
	lib->lazy_refs = lazy_refs;
	lib->stats.jobs = 1;
	w.lib = lib;
	roots = util_xcalloc(n + o->n_extra + 1, sizeof(*roots));
	for (size_t i = 0; i < n; i++)
		root_resolve(&w, &roots[i], paths[i], true);
	for (size_t i = 0; i < o->n_extra; i++)
		root_resolve(&w, &roots[n + i], o->extra_dirs[i], false);
	index_identity(&w, name, sizeof(name), &key);
	dir[0] = '\0';
	if (!o->no_cache) {
		if (o->cache_dir)
			snprintf(dir, sizeof(dir), "%s", o->cache_dir);
		else if (cache_default_dir(dir, sizeof(dir)) < 0)
			dir[0] = '\0';
	}
	/* with no index to match, sizes and mtimes wait for the parse */
	w.stat_files = dir[0] && index_exists(dir, name);
	for (size_t i = 0; i < n + o->n_extra; i++)
		root_walk(&w, &roots[i]);
	free(roots);
	for (size_t i = 0; i < w.n_roots; i++)
		free(w.root_keys[i]);
	free(w.root_keys);
	free(w.dirs.v);
	free(w.files.v);
	lib->stats.n_files = lib->n_files;

	for (size_t i = 0; i < lib->n_files; i++)
		if (lib->files[i].key)
			n_cacheable++;
	/* a handful of files is parsed faster than an index is managed */
	if (dir[0] && (o->cache_small || n_cacheable >= CACHE_MIN_FILES))
		dirfd = cache_dir_open(dir);
	if (dirfd >= 0) {
		lib->cache_path = util_arena_printf(&lib->arena, "%s/%s", dir, name);
		if (cache_load(dirfd, name, key, &lib->index) == 0) {
			lib->stats.cache_loaded = true;
			unused = match_index(lib, lib->index.payload, lib->index.len);
		}
	}

	todo = util_xcalloc(lib->n_files ? lib->n_files : 1, sizeof(size_t));
	for (size_t i = 0; i < lib->n_files; i++) {
		if (lib->files[i].rec)
			lib->stats.n_from_cache++;
		else
			todo[n_todo++] = i;
	}
	if (n_todo)
		library_parse_files(lib, todo, n_todo, library_auto_jobs(o->jobs));
	free(todo);
	dirty = decode_all(lib) || !lib->stats.cache_loaded || unused;
	for (size_t i = 0; i < lib->n_files && !dirty; i++) {
		const struct library_file *f = &lib->files[i];

		/* a new record to keep (failures are not kept, so not news) */
		dirty = f->key && f->rec && !f->rec_cached && !f->error;
	}

	for (size_t i = 0; i < lib->n_entries && !lib->lazy_refs; i++)
		lib->entries[i].refs = lib->refs + lib->entries[i].first_ref;
	for (size_t i = 0; i < lib->n_files; i++) {
		const struct library_file *f = &lib->files[i];

		if (f->error)
			add_error(lib, f->path, f->error, f->explicit_arg);
	}
	build_symbols(lib);

	if (dirfd >= 0) {
		if (dirty)
			write_index(lib, dirfd, name, key);
		close(dirfd);
	}
}

void library_open(struct library *lib, const char *const *paths, size_t n,
		  const struct library_opts *o)
{
	library_open_lazy(lib, paths, n, o, false);
}

void library_close(struct library *lib)
{
	cache_blob_free(&lib->index);
	for (size_t i = 0; i < lib->n_blobs; i++) {
		if (lib->blobs[i].map_len)
			munmap(lib->blobs[i].mem, lib->blobs[i].map_len);
		else
			free(lib->blobs[i].mem);
	}
	free(lib->blobs);
	free(lib->files);
	free(lib->entries);
	free(lib->refs);
	free(lib->errors);
	free(lib->sym_slots);
	util_arena_free(&lib->arena);
	memset(lib, 0, sizeof(*lib));
}

/* ---- queries ---- */

const struct library_entry *library_resolve(const struct library *lib, const char *symbol)
{
	const struct library_entry *e;
	char canon[128];

	if (!symbol)
		return NULL;
	e = find_symbol(lib, symbol);
	if (!e && xref_canonical(symbol, DOC_BODY_GA, canon, sizeof(canon)) &&
	    strcmp(canon, symbol) != 0)
		e = find_symbol(lib, canon);
	return e;
}

const struct library_entry *library_ref_target(const struct library *lib,
					       const struct library_ref *r)
{
	size_t n = strlen(r->target);

	return ref_target_h(lib, r, n, str_hash_n(r->target, n));
}

/* Is id the paragraph want or one below it (op5 for op5, op5.c, op5.c.ii)? */
static bool para_under(const char *id, const char *want)
{
	size_t n = strlen(want);

	return id && strncmp(id, want, n) == 0 && (id[n] == '\0' || id[n] == '.');
}

size_t library_cited_by(const struct library *lib, const char *symbol, const char *para,
			struct library_citation **out)
{
	char canon[128], pid[64];
	struct library_citation *v = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	if (!symbol || !symbol[0])
		return 0;
	if (!xref_canonical(symbol, DOC_BODY_GA, canon, sizeof(canon)))
		snprintf(canon, sizeof(canon), "%s", symbol);
	if (para && para[0] && !doc_normalize_id(para, pid, sizeof(pid)))
		snprintf(pid, sizeof(pid), "%s", para);
	for (size_t i = 0; i < lib->n_refs; i++) {
		const struct library_ref *r = &lib->refs[i];
		const struct library_entry *e = &lib->entries[r->entry];

		if (strcmp(r->target, canon) != 0)
			continue;
		if (e->symbol && strcmp(e->symbol, canon) == 0)
			continue; /* a resolution's references to itself */
		if (para && para[0] && !para_under(r->target_para, pid))
			continue;
		v = library_grow(v, n, &cap, sizeof(*v));
		v[n].entry = e;
		v[n].ref = r;
		n++;
	}
	*out = v;
	return n;
}
