/* test_library.c: the library (walk, resolve, cited-by, commands) and its
 * index cache (built, reused, stale, corrupt, unusable, planted symlink). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cache.h"
#include "library.h"
#include "util.h"

#define FORMS TEST_DATADIR "/library/forms.txt"
#define S58 TEST_SAMPLES "/A-RES-58-178.txt"
#define S62 TEST_SAMPLES "/A-RES-62-152.txt"
#define S68 TEST_SAMPLES "/E-CN.4-RES-2004-68.txt"

struct fx {
	char root[256]; /* private temporary directory */
	char lib[300];  /* root/lib: the four good files, nothing else */
	char cache[300];
};

/* ---- helpers ---- */

static char *slurp(const char *path, size_t *len)
{
	struct util_file f;
	char err[128], *s;

	if (util_file_open(path, &f, err, sizeof(err)) < 0)
		return NULL;
	s = util_xmalloc(f.len + 1);
	memcpy(s, f.data, f.len);
	s[f.len] = '\0';
	if (len)
		*len = f.len;
	util_file_close(&f);
	return s;
}

static void spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void copy(const char *from, const char *to)
{
	size_t len;
	char *s = slurp(from, &len);

	assert_non_null(s);
	spit(to, s, len);
	free(s);
}

static char *pathf(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static char *pathf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return buf;
}

static void mkdirf(const char *path)
{
	assert_true(mkdir(path, 0755) == 0 || errno == EEXIST);
}

/* The four good files under dir: ga/58-178, ga/62-152, chr/2004-68, forms. */
static void make_lib(const char *dir)
{
	char p[512];

	mkdirf(dir);
	mkdirf(pathf(p, sizeof(p), "%s/ga", dir));
	mkdirf(pathf(p, sizeof(p), "%s/chr", dir));
	copy(S58, pathf(p, sizeof(p), "%s/ga/A-RES-58-178.txt", dir));
	copy(S62, pathf(p, sizeof(p), "%s/ga/A-RES-62-152.txt", dir));
	copy(S68, pathf(p, sizeof(p), "%s/chr/E-CN.4-RES-2004-68.txt", dir));
	copy(FORMS, pathf(p, sizeof(p), "%s/forms.txt", dir));
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP || flag == FTW_D)
		chmod(path, 0700), rmdir(path);
	else
		unlink(path);
	return 0;
}

static int setup(void **state)
{
	struct fx *f = util_xcalloc(1, sizeof(*f));
	const char *tmp = getenv("TMPDIR");

	snprintf(f->root, sizeof(f->root), "%s/resolute-lib.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->root))
		return -1;
	snprintf(f->lib, sizeof(f->lib), "%s/lib", f->root);
	snprintf(f->cache, sizeof(f->cache), "%s/cache", f->root);
	make_lib(f->lib);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	nftw(f->root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static const char *ends(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0 ? s : NULL;
}

/* Everything the library answers, as one string (paths relative to root),
 * to compare a cold open with a warm or rebuilt one. */
static char *digest(const struct library *lib, const char *root)
{
	struct util_buf b = { 0 };
	size_t skip = strlen(root);

	for (size_t i = 0; i < lib->n_entries; i++) {
		const struct library_entry *e = &lib->entries[i];

		util_buf_printf(&b, "%s|%s|%s|%d|%d|%s|%zu\n", e->symbol ? e->symbol : "-",
				e->adopted ? e->adopted : "-", e->title ? e->title : "-", e->body,
				e->doc_index, e->path + skip, e->n_refs);
		for (size_t k = 0; k < e->n_refs; k++) {
			const struct library_ref *r = &e->refs[k];
			const struct library_entry *t = library_ref_target(lib, r);

			util_buf_printf(&b, " %d|%s|%s|%s|%s|%s\n", r->kind, r->target,
					r->target_para ? r->target_para : "-", r->para, r->text,
					t ? t->path + skip : "-");
		}
	}
	for (size_t i = 0; i < lib->n_errors; i++)
		util_buf_printf(&b, "E %s %s %d\n", lib->errors[i].path + skip, lib->errors[i].msg,
				lib->errors[i].fatal);
	return b.data ? b.data : util_xstrdup("");
}

static void open_lib(struct library *lib, const char *dir, const char *cache)
{
	struct library_opts o = { 0 };
	const char *paths[1] = { dir };

	o.cache_dir = cache;
	o.no_cache = cache == NULL;
	o.cache_small = true;
	o.jobs = 1;
	library_open(lib, paths, 1, &o);
}

/* The digest of lib without any cache. */
static char *baseline(const struct fx *f)
{
	struct library lib;
	char *d;

	open_lib(&lib, f->lib, NULL);
	assert_null(lib.cache_path);
	assert_int_equal(lib.stats.n_parsed, 4);
	d = digest(&lib, f->root);
	library_close(&lib);
	return d;
}

/* ---- walking ---- */

static void test_walk(void **state)
{
	struct fx *f = *state;
	struct library lib;
	char dir[512], p[600], q[600];
	const char *names[5];

	pathf(dir, sizeof(dir), "%s/walk", f->root);
	make_lib(dir);
	mkdirf(pathf(p, sizeof(p), "%s/.hidden", dir));
	copy(S58, pathf(p, sizeof(p), "%s/.hidden/copy.txt", dir));  /* hidden: skipped */
	copy(S58, pathf(p, sizeof(p), "%s/notes.md", dir));          /* not text: skipped */
	copy(S62, pathf(p, sizeof(p), "%s/chr/other.TEXT", dir));    /* .text counts */
	spit(pathf(p, sizeof(p), "%s/empty.txt", dir), "", 0);       /* an error, not fatal */
	assert_int_equal(symlink("..", pathf(p, sizeof(p), "%s/ga/up", dir)), 0); /* loop */
	assert_int_equal(symlink(".", pathf(p, sizeof(p), "%s/self", dir)), 0);   /* loop */
	assert_int_equal(symlink("ga/A-RES-58-178.txt", pathf(p, sizeof(p), "%s/zz.txt", dir)), 0);
	assert_int_equal(symlink("nowhere", pathf(p, sizeof(p), "%s/dangling.txt", dir)), 0);

	open_lib(&lib, dir, NULL);
	/* sorted: chr/E-CN..., chr/other.TEXT, empty.txt, forms.txt, ga/58, ga/62 */
	assert_int_equal(lib.n_files, 6);
	names[0] = "/walk/chr/E-CN.4-RES-2004-68.txt";
	names[1] = "/walk/chr/other.TEXT";
	names[2] = "/walk/empty.txt";
	names[3] = "/walk/forms.txt";
	names[4] = "/walk/ga/A-RES-58-178.txt";
	for (size_t i = 0; i < 5; i++)
		assert_non_null(ends(lib.files[i].path, names[i]));
	assert_non_null(ends(lib.files[5].path, "/walk/ga/A-RES-62-152.txt"));
	/* the display path is the argument plus the path below it */
	assert_int_equal(strncmp(lib.files[0].path, dir, strlen(dir)), 0);
	assert_int_equal(lib.n_entries, 5);
	assert_int_equal(lib.n_errors, 1);
	assert_non_null(ends(lib.errors[0].path, "/empty.txt"));
	assert_false(lib.errors[0].fatal);
	/* two copies of 62/152: the first in library order wins */
	assert_non_null(ends(library_resolve(&lib, "A/RES/62/152")->path, "/chr/other.TEXT"));
	library_close(&lib);

	/* a trailing slash is not doubled */
	pathf(q, sizeof(q), "%s/chr/", dir);
	open_lib(&lib, q, NULL);
	assert_int_equal(lib.n_files, 2);
	assert_string_equal(lib.files[0].path,
			    pathf(p, sizeof(p), "%s/chr/E-CN.4-RES-2004-68.txt", dir));
	library_close(&lib);
	/* symlinks are followed: ga/up leads back to everything, once */
	pathf(q, sizeof(q), "%s/ga", dir);
	open_lib(&lib, q, NULL);
	assert_int_equal(lib.n_files, 6);
	assert_non_null(ends(lib.files[0].path, "/walk/ga/A-RES-58-178.txt"));
	assert_non_null(ends(lib.files[2].path, "/walk/ga/up/chr/E-CN.4-RES-2004-68.txt"));
	library_close(&lib);
}

static void test_errors(void **state)
{
	struct fx *f = *state;
	struct library lib;
	char missing[512], empty[512], bin[512];
	const char *paths[4];

	pathf(missing, sizeof(missing), "%s/no-such-dir", f->root);
	pathf(empty, sizeof(empty), "%s/empty.md", f->root);
	pathf(bin, sizeof(bin), "%s/binary.txt", f->root);
	spit(empty, "", 0);
	spit(bin, "abc\0def", 7);
	paths[0] = missing;
	paths[1] = empty;
	paths[2] = f->lib;
	paths[3] = bin;
	library_open(&lib, paths, 4, &(struct library_opts){ .no_cache = true });
	assert_int_equal(lib.n_files, 6);
	assert_int_equal(lib.n_entries, 4);
	assert_int_equal(lib.n_errors, 3);
	assert_string_equal(lib.errors[0].path, missing);
	assert_string_equal(lib.errors[0].msg, strerror(ENOENT));
	assert_true(lib.errors[0].fatal);
	/* a file named on the command line is read whatever its name */
	assert_string_equal(lib.errors[1].path, empty);
	assert_true(lib.errors[1].fatal);
	assert_string_equal(lib.errors[2].path, bin);
	assert_non_null(strstr(lib.errors[2].msg, "NUL"));
	assert_true(lib.errors[2].fatal);
	assert_non_null(library_resolve(&lib, "58/178"));
	library_close(&lib);
}

/* ---- resolving ---- */

struct form {
	const char *text, *target, *target_para, *para;
	const char *leads_to; /* path suffix, NULL: not in the library */
};

static void test_resolve_forms(void **state)
{
	static const struct form forms[] = {
		{ "58/178", "A/RES/58/178", NULL, "pp1", "/ga/A-RES-58-178.txt" },
		{ "62/152", "A/RES/62/152", NULL, "pp1", "/ga/A-RES-62-152.txt" },
		{ "2004/68", "E/CN.4/RES/2004/68", NULL, "pp2", "/chr/E-CN.4-RES-2004-68.txt" },
		{ "1325 (2000)", "S/RES/1325(2000)", NULL, "pp2", NULL },
		{ "paragraph 5", "A/RES/58/178", "op5", "pp3", "/ga/A-RES-58-178.txt" },
		{ "2200 A (XXI)", "A/RES/2200(XXI)", NULL, "pp3", NULL },
		{ "53/144", "A/RES/53/144", NULL, "op1", NULL },
		{ "paragraph 1", "A/RES/65/999", "op1", "op2", "/lib/forms.txt" },
		{ "5/1", "A/HRC/RES/5/1", NULL, "op2", NULL },
		{ "A/62/225", "A/62/225", NULL, "op3", NULL },
		{ "55/488", "A/DEC/55/488", NULL, "op3", NULL },
	};
	struct fx *f = *state;
	struct library lib;
	const struct library_entry *e, *fe;

	open_lib(&lib, f->lib, NULL);
	assert_int_equal(lib.n_files, 4);
	assert_int_equal(lib.n_entries, 4);
	assert_int_equal(lib.n_errors, 0);

	e = library_resolve(&lib, "A/RES/58/178");
	assert_non_null(e);
	assert_non_null(ends(e->path, "/lib/ga/A-RES-58-178.txt"));
	assert_int_equal(e->doc_index, 0);
	assert_string_equal(e->adopted, "2003-12-22");
	assert_non_null(strstr(e->title, "Declaration on the Right"));
	assert_int_equal(e->body, DOC_BODY_GA);
	assert_ptr_equal(library_resolve(&lib, "58/178"), e);
	assert_ptr_equal(library_resolve(&lib, "A/RES/58/178 "), e);
	e = library_resolve(&lib, "E/CN.4/RES/2004/68");
	assert_non_null(e);
	assert_int_equal(e->body, DOC_BODY_CHR);
	assert_non_null(ends(e->path, "/chr/E-CN.4-RES-2004-68.txt"));
	assert_null(library_resolve(&lib, "A/RES/53/144"));
	assert_null(library_resolve(&lib, "not a symbol"));
	assert_null(library_resolve(&lib, ""));

	fe = library_resolve(&lib, "A/RES/65/999");
	assert_non_null(fe);
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		const struct form *w = &forms[i];
		bool found = false;

		for (size_t k = 0; k < fe->n_refs && !found; k++) {
			const struct library_ref *r = &fe->refs[k];
			const struct library_entry *t;

			if (strcmp(r->text, w->text) != 0 || strcmp(r->para, w->para) != 0)
				continue;
			found = true;
			assert_string_equal(r->target, w->target);
			if (w->target_para)
				assert_string_equal(r->target_para, w->target_para);
			else
				assert_null(r->target_para);
			assert_ptr_equal(&lib.entries[r->entry], fe);
			t = library_ref_target(&lib, r);
			if (w->leads_to) {
				assert_non_null(t);
				assert_non_null(ends(t->path, w->leads_to));
			} else {
				assert_null(t);
			}
		}
		if (!found)
			fail_msg("no reference '%s' in %s", w->text, w->para);
	}
	library_close(&lib);
}

static void test_cited_by(void **state)
{
	struct fx *f = *state;
	struct library lib;
	struct library_citation *c;
	size_t n;
	bool chr = false;
	int forms = 0;

	open_lib(&lib, f->lib, NULL);
	n = library_cited_by(&lib, "A/RES/58/178", NULL, &c);
	assert_int_equal(n, 4); /* 2004/68 pp3; forms pp1, pp3 (paragraph 5), pp3 */
	for (size_t i = 0; i < n; i++) {
		assert_ptr_equal(&lib.entries[c[i].ref->entry], c[i].entry);
		assert_string_equal(c[i].ref->target, "A/RES/58/178");
		if (strcmp(c[i].entry->symbol, "E/CN.4/RES/2004/68") == 0) {
			chr = true;
			assert_string_equal(c[i].ref->para, "pp3");
			assert_string_equal(c[i].ref->text, "58/178");
			assert_non_null(ends(c[i].entry->path, "/chr/E-CN.4-RES-2004-68.txt"));
		} else {
			assert_string_equal(c[i].entry->symbol, "A/RES/65/999");
			forms++;
		}
	}
	assert_true(chr);
	assert_int_equal(forms, 3);
	free(c);

	/* the same as a reader types it */
	n = library_cited_by(&lib, "58/178", NULL, &c);
	assert_int_equal(n, 4);
	free(c);
	/* one paragraph: "paragraph 5 of resolution 58/178" only */
	n = library_cited_by(&lib, "58/178", "op5", &c);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].ref->text, "paragraph 5");
	assert_string_equal(c[0].ref->para, "pp3");
	free(c);
	n = library_cited_by(&lib, "A/RES/58/178", "5", &c);
	assert_int_equal(n, 1);
	free(c);
	assert_int_equal(library_cited_by(&lib, "A/RES/58/178", "op5.a", &c), 0);
	assert_null(c);
	/* "paragraph 1 above" is not a citation of itself */
	assert_int_equal(library_cited_by(&lib, "A/RES/65/999", NULL, &c), 0);
	assert_null(c);
	assert_int_equal(library_cited_by(&lib, "A/RES/99/1", NULL, &c), 0);
	assert_int_equal(library_cited_by(&lib, "", NULL, &c), 0);
	/* outside the library, still answered: who cites 53/144 */
	n = library_cited_by(&lib, "53/144", NULL, &c);
	assert_int_equal(n, 5); /* 58/178 pp1, 62/152 pp1 and fn5, 2004/68 pp1, forms op1 */
	free(c);
	library_close(&lib);
}

static void test_compilation(void **state)
{
	struct fx *f = *state;
	struct library lib;
	char dir[512], p[600];
	size_t l1, l2;
	char *a = slurp(S58, &l1), *b = slurp(S62, &l2), *both;
	const struct library_entry *e;

	pathf(dir, sizeof(dir), "%s/comp", f->root);
	mkdirf(dir);
	both = util_xmalloc(l1 + l2);
	memcpy(both, a, l1);
	memcpy(both + l1, b, l2);
	spit(pathf(p, sizeof(p), "%s/session.txt", dir), both, l1 + l2);
	copy(FORMS, pathf(p, sizeof(p), "%s/forms.txt", dir));
	open_lib(&lib, dir, f->cache);
	assert_int_equal(lib.n_files, 2);
	assert_int_equal(lib.n_entries, 3);
	e = library_resolve(&lib, "62/152");
	assert_non_null(e);
	assert_non_null(ends(e->path, "/comp/session.txt"));
	assert_int_equal(e->doc_index, 1);
	assert_int_equal(library_resolve(&lib, "58/178")->doc_index, 0);
	assert_int_equal(lib.files[1].n_entries, 2);
	library_close(&lib);
	/* the same from the index */
	open_lib(&lib, dir, f->cache);
	assert_true(lib.stats.cache_loaded);
	assert_int_equal(lib.stats.n_parsed, 0);
	assert_int_equal(library_resolve(&lib, "62/152")->doc_index, 1);
	library_close(&lib);
	free(a);
	free(b);
	free(both);
}

/* ---- the cache ---- */

static void test_cache_built_and_reused(void **state)
{
	struct fx *f = *state;
	struct library lib;
	struct stat st;
	char *base = baseline(f), *d;

	open_lib(&lib, f->lib, f->cache);
	assert_non_null(lib.cache_path);
	assert_int_equal(strncmp(lib.cache_path, f->cache, strlen(f->cache)), 0);
	assert_false(lib.stats.cache_loaded);
	assert_int_equal(lib.stats.n_parsed, 4);
	assert_true(lib.stats.cache_written);
	d = digest(&lib, f->root);
	assert_string_equal(d, base);
	free(d);
	assert_int_equal(lstat(lib.cache_path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(f->cache, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	library_close(&lib);

	open_lib(&lib, f->lib, f->cache);
	assert_true(lib.stats.cache_loaded);
	assert_int_equal(lib.stats.n_parsed, 0);
	assert_int_equal(lib.stats.n_from_cache, 4);
	assert_false(lib.stats.cache_written);
	d = digest(&lib, f->root);
	assert_string_equal(d, base);
	free(d);
	library_close(&lib);

	/* the same root twice, spelled differently: the same library and index */
	{
		char again[512];
		const char *paths[2] = { f->lib, again };

		pathf(again, sizeof(again), "%s/./", f->lib);
		library_open(&lib, paths, 2,
			     &(struct library_opts){ .cache_dir = f->cache, .cache_small = true });
		assert_int_equal(lib.n_files, 4);
		assert_true(lib.stats.cache_loaded);
		assert_int_equal(lib.stats.n_parsed, 0);
		library_close(&lib);
	}

	/* a handful of files is not worth an index: none, not even its directory */
	{
		char never[512];
		const char *paths[1] = { f->lib };

		pathf(never, sizeof(never), "%s/never", f->root);
		library_open(&lib, paths, 1, &(struct library_opts){ .cache_dir = never });
		assert_null(lib.cache_path);
		assert_int_equal(lib.n_entries, 4);
		library_close(&lib);
		assert_int_equal(access(never, F_OK), -1);
	}
	free(base);
}

static void test_cache_stale(void **state)
{
	struct fx *f = *state;
	struct library lib;
	struct library_citation *c;
	char p[512], *base = baseline(f), *d, *text, *at;
	struct timespec ts[2];
	struct stat st;
	size_t len, n;

	open_lib(&lib, f->lib, f->cache);
	library_close(&lib);

	/* a new mtime, same size: that file alone is parsed again */
	pathf(p, sizeof(p), "%s/ga/A-RES-62-152.txt", f->lib);
	assert_int_equal(stat(p, &st), 0);
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	ts[1].tv_sec += 10;
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	open_lib(&lib, f->lib, f->cache);
	assert_true(lib.stats.cache_loaded);
	assert_int_equal(lib.stats.n_parsed, 1);
	assert_int_equal(lib.stats.n_from_cache, 3);
	assert_true(lib.stats.cache_written);
	d = digest(&lib, f->root);
	assert_string_equal(d, base);
	free(d);
	library_close(&lib);
	open_lib(&lib, f->lib, f->cache);
	assert_int_equal(lib.stats.n_parsed, 0);
	library_close(&lib);

	/* new content of another size: parsed, and the new reference is seen */
	pathf(p, sizeof(p), "%s/forms.txt", f->lib);
	text = slurp(p, &len);
	at = strstr(text, "Decides to remain seized of the matter.");
	assert_non_null(at);
	*at = '\0';
	{
		struct util_buf b = { 0 };

		util_buf_printf(&b, "%sRecalls resolution 62/152 of 18 December 2007 again;\n",
				text);
		spit(p, b.data, b.len);
		util_buf_free(&b);
	}
	free(text);
	open_lib(&lib, f->lib, f->cache);
	assert_int_equal(lib.stats.n_parsed, 1);
	assert_int_equal(lib.stats.n_from_cache, 3);
	n = library_cited_by(&lib, "A/RES/62/152", NULL, &c);
	assert_int_equal(n, 2);
	assert_string_equal(c[1].ref->para, "op4");
	free(c);
	library_close(&lib);

	/* a file removed: nothing parsed, the index is rewritten without it */
	assert_int_equal(unlink(p), 0);
	open_lib(&lib, f->lib, f->cache);
	assert_int_equal(lib.n_files, 3);
	assert_int_equal(lib.stats.n_parsed, 0);
	assert_true(lib.stats.cache_written);
	assert_null(library_resolve(&lib, "A/RES/65/999"));
	library_close(&lib);
	copy(FORMS, p);
	free(base);
}

enum corruption {
	FLIP_PAYLOAD, FLIP_MAGIC, WRONG_VERSION, WRONG_KEY, TRUNCATE_HALF, TRUNCATE_HEADER,
	EMPTY, GARBAGE, LONGER, BAD_RECORD, N_CORRUPTIONS
};

static void corrupt(const char *path, enum corruption how)
{
	size_t len;
	unsigned char *s = (unsigned char *)slurp(path, &len);

	assert_non_null(s);
	assert_true(len > CACHE_HEADER_SIZE + 16);
	switch (how) {
	case FLIP_PAYLOAD:
		s[CACHE_HEADER_SIZE + (len - CACHE_HEADER_SIZE) / 2] ^= 0x10;
		break;
	case FLIP_MAGIC:
		s[0] ^= 0x01;
		break;
	case WRONG_VERSION:
		s[8]++;
		break;
	case WRONG_KEY:
		s[20] ^= 0x80;
		break;
	case TRUNCATE_HALF:
		len /= 2;
		break;
	case TRUNCATE_HEADER:
		len = 10;
		break;
	case EMPTY:
		len = 0;
		break;
	case GARBAGE:
		for (size_t i = 0; i < len; i++)
			s[i] = (unsigned char)(i * 131 + 7);
		break;
	case LONGER:
		s = util_xrealloc(s, len + 100, 1);
		memset(s + len, 'x', 100);
		len += 100;
		break;
	case BAD_RECORD: {
		/* a malformed first record under a valid checksum: the header
		 * cannot tell, the bounds checks must */
		struct cache_reader r = { s + CACHE_HEADER_SIZE, s + len, false };
		uint64_t key = 0, h;

		(void)cache_get_varint(&r); /* record length */
		assert_non_null(cache_get_str(&r)); /* key */
		(void)cache_get_varint(&r);
		(void)cache_get_varint(&r);
		(void)cache_get_varint(&r);
		assert_null(cache_get_str(&r)); /* no error */
		assert_false(r.bad);
		assert_int_equal(*r.p, 1); /* one document ... */
		*(unsigned char *)r.p = 0x7F; /* ... now 127 */
		for (int i = 7; i >= 0; i--)
			key = key << 8 | s[16 + i];
		h = cache_hash(s + CACHE_HEADER_SIZE, len - CACHE_HEADER_SIZE, key);
		for (int i = 0; i < 8; i++, h >>= 8)
			s[32 + i] = (unsigned char)h;
		break;
	}
	case N_CORRUPTIONS:
		break;
	}
	spit(path, (char *)s, len);
	free(s);
}

static void test_cache_corrupt(void **state)
{
	struct fx *f = *state;
	struct library lib;
	char *base = baseline(f), *d, *path;

	open_lib(&lib, f->lib, f->cache);
	path = util_xstrdup(lib.cache_path);
	library_close(&lib);
	for (int how = 0; how < N_CORRUPTIONS; how++) {
		corrupt(path, (enum corruption)how);
		open_lib(&lib, f->lib, f->cache);
		if (how == BAD_RECORD) {
			assert_true(lib.stats.cache_loaded);
			assert_int_equal(lib.stats.n_parsed, 1);
			assert_int_equal(lib.stats.n_from_cache, 3);
		} else {
			assert_false(lib.stats.cache_loaded);
			assert_int_equal(lib.stats.n_parsed, 4);
		}
		assert_true(lib.stats.cache_written);
		d = digest(&lib, f->root);
		assert_string_equal(d, base);
		free(d);
		library_close(&lib);
		/* rebuilt: good again */
		open_lib(&lib, f->lib, f->cache);
		assert_true(lib.stats.cache_loaded);
		assert_int_equal(lib.stats.n_parsed, 0);
		library_close(&lib);
	}
	free(path);
	free(base);
}

/* An index written for f->lib, to be damaged under a valid checksum. */
struct damaged {
	char *path;
	unsigned char *good, *s;
	size_t len;
	uint64_t key, seed;
};

static void damaged_open(struct damaged *d, struct fx *f, uint64_t seed)
{
	struct library lib;

	open_lib(&lib, f->lib, f->cache);
	d->path = util_xstrdup(lib.cache_path);
	library_close(&lib);
	d->good = (unsigned char *)slurp(d->path, &d->len);
	assert_non_null(d->good);
	d->key = 0;
	for (int i = 7; i >= 0; i--)
		d->key = d->key << 8 | d->good[16 + i];
	d->s = util_xmalloc(d->len);
	d->seed = seed;
}

/* Write the index with n random bytes of its payload changed (xorshift64)
 * and its checksum made right again. */
static void damaged_write(struct damaged *d, size_t n)
{
	uint64_t h;

	memcpy(d->s, d->good, d->len);
	for (size_t k = 0; k < n; k++) {
		d->seed ^= d->seed << 13;
		d->seed ^= d->seed >> 7;
		d->seed ^= d->seed << 17;
		d->s[CACHE_HEADER_SIZE + d->seed % (d->len - CACHE_HEADER_SIZE)] =
			(unsigned char)(d->seed >> 40);
	}
	h = cache_hash(d->s + CACHE_HEADER_SIZE, d->len - CACHE_HEADER_SIZE, d->key);
	for (int b = 0; b < 8; b++, h >>= 8)
		d->s[32 + b] = (unsigned char)h;
	spit(d->path, (char *)d->s, d->len);
}

static void damaged_close(struct damaged *d)
{
	free(d->s);
	free(d->good);
	free(d->path);
}

/* Random damage under a valid checksum: never a crash, never a lost file. */
static void test_cache_fuzz(void **state)
{
	struct fx *f = *state;
	struct library lib;
	struct damaged d;

	damaged_open(&d, f, 0x2545F4914F6CDD1DULL);
	for (int round = 0; round < 200; round++) {
		damaged_write(&d, 1 + (size_t)round % 4);
		open_lib(&lib, f->lib, f->cache);
		assert_true(lib.stats.cache_loaded);
		assert_int_equal(lib.n_files, 4);
		assert_int_equal(lib.n_entries, 4);
		for (size_t e = 0; e < lib.n_entries; e++)
			assert_int_equal(lib.entries[e].file, e);
		library_close(&lib);
	}
	damaged_close(&d);
}

static void test_cache_unusable(void **state)
{
	struct fx *f = *state;
	struct library lib;
	char p[512], real[512], *base = baseline(f), *d;
	struct stat st;

	/* the cache "directory" is a file */
	pathf(p, sizeof(p), "%s/afile", f->root);
	spit(p, "x", 1);
	open_lib(&lib, f->lib, p);
	assert_null(lib.cache_path);
	assert_int_equal(lib.stats.n_parsed, 4);
	d = digest(&lib, f->root);
	assert_string_equal(d, base);
	free(d);
	library_close(&lib);

	/* below a file: cannot be created */
	pathf(p, sizeof(p), "%s/afile/resolute", f->root);
	open_lib(&lib, f->lib, p);
	assert_null(lib.cache_path);
	assert_int_equal(lib.n_entries, 4);
	library_close(&lib);

	/* a symlink to a directory is not followed */
	pathf(real, sizeof(real), "%s/realcache", f->root);
	mkdirf(real);
	chmod(real, 0700);
	pathf(p, sizeof(p), "%s/linkcache", f->root);
	assert_int_equal(symlink(real, p), 0);
	open_lib(&lib, f->lib, p);
	assert_null(lib.cache_path);
	assert_int_equal(lib.n_entries, 4);
	library_close(&lib);
	assert_int_equal(rmdir(real), 0); /* still empty */

	/* a directory others may write to is not trusted */
	pathf(p, sizeof(p), "%s/opencache", f->root);
	mkdirf(p);
	assert_int_equal(chmod(p, 0777), 0);
	open_lib(&lib, f->lib, p);
	assert_null(lib.cache_path);
	assert_int_equal(lib.n_entries, 4);
	library_close(&lib);

	/* unreadable and unwritable (root may still read it: then it works) */
	pathf(p, sizeof(p), "%s/closedcache", f->root);
	mkdirf(p);
	assert_int_equal(chmod(p, 0), 0);
	open_lib(&lib, f->lib, p);
	assert_int_equal(lib.n_entries, 4);
	d = digest(&lib, f->root);
	assert_string_equal(d, base);
	free(d);
	if (geteuid() != 0) {
		assert_false(lib.stats.cache_written);
		assert_int_equal(stat(p, &st), 0);
	}
	library_close(&lib);
	chmod(p, 0700);
	free(base);
}

static void test_cache_symlink_planted(void **state)
{
	struct fx *f = *state;
	struct library lib;
	char victim[512], valid[512], *path, *s, *base = baseline(f), *d;
	struct stat st;

	open_lib(&lib, f->lib, f->cache);
	path = util_xstrdup(lib.cache_path);
	library_close(&lib);

	/* a symlink where the index goes: neither read nor written through */
	pathf(victim, sizeof(victim), "%s/victim", f->root);
	spit(victim, "precious\n", 9);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink(victim, path), 0);
	open_lib(&lib, f->lib, f->cache);
	assert_false(lib.stats.cache_loaded);
	assert_int_equal(lib.stats.n_parsed, 4);
	d = digest(&lib, f->root);
	assert_string_equal(d, base);
	free(d);
	library_close(&lib);
	s = slurp(victim, NULL);
	assert_string_equal(s, "precious\n");
	free(s);
	/* the symlink itself was replaced by a real index */
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));

	/* a symlink to a perfectly good index is not followed either */
	pathf(valid, sizeof(valid), "%s/valid.idx", f->root);
	copy(path, valid);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink(valid, path), 0);
	open_lib(&lib, f->lib, f->cache);
	assert_false(lib.stats.cache_loaded);
	assert_int_equal(lib.stats.n_parsed, 4);
	library_close(&lib);

	/* nor a FIFO (opening it must not hang) */
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkfifo(path, 0600), 0);
	open_lib(&lib, f->lib, f->cache);
	assert_false(lib.stats.cache_loaded);
	assert_int_equal(lib.n_entries, 4);
	library_close(&lib);
	free(path);
	free(base);
}

static void test_cache_default_dir(void **state)
{
	struct fx *f = *state;
	struct library lib;
	struct library_opts o = { .cache_small = true, .jobs = 1 };
	const char *paths[1] = { f->lib };
	char *old_x = getenv("XDG_CACHE_HOME"), *old_h = getenv("HOME");
	char want[512], buf[512], home[512];

	old_x = old_x ? util_xstrdup(old_x) : NULL;
	old_h = old_h ? util_xstrdup(old_h) : NULL;

	pathf(want, sizeof(want), "%s/xdg", f->root);
	setenv("XDG_CACHE_HOME", want, 1);
	assert_int_equal(cache_default_dir(buf, sizeof(buf)), 0);
	assert_string_equal(buf, pathf(want, sizeof(want), "%s/xdg/resolute", f->root));
	library_open(&lib, paths, 1, &o);
	assert_non_null(lib.cache_path);
	assert_int_equal(strncmp(lib.cache_path, want, strlen(want)), 0);
	assert_true(lib.stats.cache_written);
	library_close(&lib);

	/* a relative XDG_CACHE_HOME is ignored */
	setenv("XDG_CACHE_HOME", "relative/cache", 1);
	pathf(home, sizeof(home), "%s/home", f->root);
	mkdirf(home);
	setenv("HOME", home, 1);
	assert_int_equal(cache_default_dir(buf, sizeof(buf)), 0);
	assert_string_equal(buf, pathf(want, sizeof(want), "%s/home/.cache/resolute", f->root));
	library_open(&lib, paths, 1, &o);
	assert_int_equal(strncmp(lib.cache_path, want, strlen(want)), 0);
	library_close(&lib);
	assert_int_equal(cache_default_dir(buf, 10), -1); /* too small */
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", "not/absolute", 1);
	assert_int_equal(cache_default_dir(buf, sizeof(buf)), -1);
	library_open(&lib, paths, 1, &o);
	assert_null(lib.cache_path);
	assert_int_equal(lib.n_entries, 4);
	library_close(&lib);

	if (old_x)
		setenv("XDG_CACHE_HOME", old_x, 1);
	else
		unsetenv("XDG_CACHE_HOME");
	if (old_h)
		setenv("HOME", old_h, 1);
	else
		unsetenv("HOME");
	free(old_x);
	free(old_h);
}

/* Many files: children parse, the answers are the same. */
static void test_parallel(void **state)
{
	struct fx *f = *state;
	struct library lib;
	struct library_opts o = { .no_cache = true, .jobs = 1 };
	char dir[512], p[600], *one, *two;
	const char *paths[1] = { dir };

	pathf(dir, sizeof(dir), "%s/many", f->root);
	mkdirf(dir);
	for (int i = 0; i < 30; i++)
		make_lib(pathf(p, sizeof(p), "%s/d%02d", dir, i));
	library_open(&lib, paths, 1, &o);
	assert_int_equal(lib.n_entries, 120);
	assert_int_equal(lib.stats.jobs, 1);
	one = digest(&lib, f->root);
	library_close(&lib);
	o.jobs = 2;
	library_open(&lib, paths, 1, &o);
	assert_int_equal(lib.stats.jobs, 2);
	assert_int_equal(lib.stats.n_parsed, 120);
	two = digest(&lib, f->root);
	assert_string_equal(one, two);
	/* the first copy wins */
	assert_non_null(ends(library_resolve(&lib, "58/178")->path,
			     "/many/d00/ga/A-RES-58-178.txt"));
	library_close(&lib);

	/* standard input among them (in a child's share): parsed here, once */
	{
		const char *more[3] = { FORMS, "-", dir };

		assert_non_null(freopen(S68, "r", stdin));
		o.jobs = 2;
		library_open(&lib, more, 3, &o);
		assert_int_equal(lib.stats.jobs, 2);
		assert_int_equal(lib.n_files, 122);
		assert_int_equal(lib.n_entries, 122);
		assert_int_equal(lib.n_errors, 0);
		assert_string_equal(lib.files[1].path, "-");
		assert_null(lib.files[1].key);
		assert_string_equal(lib.entries[1].symbol, "E/CN.4/RES/2004/68");
		assert_string_equal(lib.entries[1].path, "-");
		/* the first copy wins: standard input */
		assert_string_equal(library_resolve(&lib, "E/CN.4/RES/2004/68")->path, "-");
		/* the rest as before: every file once, in order, all its references */
		{
			struct library rest;

			library_open(&rest, paths, 1, &(struct library_opts){ .no_cache = true });
			assert_int_equal(lib.n_refs, rest.n_refs + lib.entries[0].n_refs +
							     lib.entries[1].n_refs);
			for (size_t i = 0; i < rest.n_entries; i++) {
				const struct library_entry *a = &lib.entries[i + 2];
				const struct library_entry *b = &rest.entries[i];

				assert_string_equal(a->path, b->path);
				assert_string_equal(a->symbol, b->symbol);
				assert_int_equal(a->n_refs, b->n_refs);
			}
			library_close(&rest);
		}
		library_close(&lib);
	}
	free(one);
	free(two);
}

/* A walk with no index to match leaves sizes and mtimes to the parse (in
 * every process): the index it writes must be the one a walk with stat()s
 * matches, file for file, and a file met twice (hard link, symlink) is
 * still taken once. */
static void test_cold_walk(void **state)
{
	struct fx *f = *state;
	struct library lib;
	struct library_opts o = { .cache_dir = f->cache, .jobs = 2 };
	char dir[512], p[600], q[600], *cold, *warm, *plain;
	const char *paths[1] = { dir };
	struct stat st;

	pathf(dir, sizeof(dir), "%s/cold", f->root);
	mkdirf(dir);
	for (int i = 0; i < 16; i++)
		make_lib(pathf(p, sizeof(p), "%s/d%02d", dir, i));
	assert_int_equal(link(pathf(p, sizeof(p), "%s/d03/ga/A-RES-58-178.txt", dir),
			      pathf(q, sizeof(q), "%s/d15/hard.txt", dir)), 0);
	assert_int_equal(symlink(pathf(p, sizeof(p), "%s/d04/ga/A-RES-62-152.txt", dir),
				 pathf(q, sizeof(q), "%s/d15/soft.txt", dir)), 0);
	/* a file whose mtime has nanoseconds the index must keep exactly */
	pathf(p, sizeof(p), "%s/d07/forms.txt", dir);
	assert_int_equal(utimensat(AT_FDCWD, p,
				   (struct timespec[2]){ { 1, 0 }, { 1700000000, 123456789 } }, 0), 0);

	library_open(&lib, paths, 1, &(struct library_opts){ .no_cache = true });
	assert_int_equal(lib.n_files, 64); /* hard.txt and soft.txt: copies met before */
	plain = digest(&lib, f->root);
	library_close(&lib);

	library_open(&lib, paths, 1, &o);
	assert_false(lib.stats.cache_loaded);
	assert_int_equal(lib.stats.jobs, 2);
	assert_int_equal(lib.stats.n_parsed, 64);
	assert_true(lib.stats.cache_written);
	for (size_t i = 0; i < lib.n_files; i++) {
		assert_int_equal(stat(lib.files[i].key, &st), 0);
		assert_false(lib.files[i].unstated);
		assert_int_equal(lib.files[i].size, (uint64_t)st.st_size);
		assert_int_equal(lib.files[i].mtime_s, (int64_t)st.st_mtim.tv_sec);
		assert_int_equal(lib.files[i].mtime_ns, st.st_mtim.tv_nsec);
	}
	cold = digest(&lib, f->root);
	library_close(&lib);

	/* the same files, every one from the index */
	library_open(&lib, paths, 1, &o);
	assert_true(lib.stats.cache_loaded);
	assert_int_equal(lib.n_files, 64);
	assert_int_equal(lib.stats.n_from_cache, 64);
	assert_int_equal(lib.stats.n_parsed, 0);
	assert_false(lib.stats.cache_written);
	warm = digest(&lib, f->root);
	library_close(&lib);
	assert_string_equal(cold, plain);
	assert_string_equal(warm, plain);

	/* a file changed since: parsed again, the rest still from the index */
	pathf(p, sizeof(p), "%s/d07/forms.txt", dir);
	assert_int_equal(utimensat(AT_FDCWD, p,
				   (struct timespec[2]){ { 1, 0 }, { 1700000000, 123456788 } }, 0), 0);
	library_open(&lib, paths, 1, &o);
	assert_int_equal(lib.stats.n_parsed, 1);
	assert_int_equal(lib.stats.n_from_cache, 63);
	library_close(&lib);
	free(plain);
	free(cold);
	free(warm);
}

/* ---- commands ---- */

struct capture {
	char *out, *err;
	size_t out_len, err_len;
	FILE *fo, *fe;
};

static void cap_open(struct capture *c)
{
	memset(c, 0, sizeof(*c));
	c->fo = open_memstream(&c->out, &c->out_len);
	c->fe = open_memstream(&c->err, &c->err_len);
	assert_non_null(c->fo);
	assert_non_null(c->fe);
}

static void cap_close(struct capture *c)
{
	fclose(c->fo);
	fclose(c->fe);
}

static void cap_free(struct capture *c)
{
	free(c->out);
	free(c->err);
}

static int count_lines(const char *s, const char *needle)
{
	int n = 0;

	for (const char *l = s; l && *l;) {
		const char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);

		if (!needle || (strstr(l, needle) && (size_t)(strstr(l, needle) - l) < len))
			n++;
		l = nl ? nl + 1 : NULL;
	}
	return n;
}

static void test_cmd_refs(void **state)
{
	struct fx *f = *state;
	struct library_opts o = { .cache_dir = f->cache, .cache_small = true };
	struct capture c;
	char want[1024], missing[512], forms[512], ga[512];
	const char *paths[2];
	int rc;

	paths[0] = f->lib;
	cap_open(&c);
	rc = library_cmd_refs_opts(&o, paths, 1, c.fo, c.fe);
	cap_close(&c);
	assert_int_equal(rc, 0);
	assert_string_equal(c.err, "");
	pathf(want, sizeof(want),
	      "E/CN.4/RES/2004/68\tpp3\t58/178\tA/RES/58/178\t%s/ga/A-RES-58-178.txt\n", f->lib);
	assert_non_null(strstr(c.out, want));
	assert_non_null(strstr(c.out, "A/RES/58/178\tpp1\t53/144\tA/RES/53/144\t"
				      "https://undocs.org/A/RES/53/144\n"));
	pathf(want, sizeof(want), "A/RES/65/999\tpp3\tparagraph 5\tA/RES/58/178#op5\t"
				  "%s/ga/A-RES-58-178.txt#op5\n", f->lib);
	assert_non_null(strstr(c.out, want));
	/* five fields on every line */
	assert_true(count_lines(c.out, NULL) > 30);
	for (const char *l = c.out; *l; l = strchr(l, '\n') + 1) {
		int tabs = 0;

		for (const char *q = l; *q != '\n'; q++)
			tabs += *q == '\t';
		assert_int_equal(tabs, 4);
	}
	cap_free(&c);

	/* a missing path: reported, the rest still printed, status 1 */
	pathf(missing, sizeof(missing), "%s/missing.txt", f->root);
	paths[1] = missing;
	cap_open(&c);
	rc = library_cmd_refs_opts(&o, paths, 2, c.fo, c.fe);
	cap_close(&c);
	assert_int_equal(rc, 1);
	pathf(want, sizeof(want), "resolute: %s: %s\n", missing, strerror(ENOENT));
	assert_string_equal(c.err, want);
	assert_true(count_lines(c.out, NULL) > 30);
	cap_free(&c);

	/* only the documents given are listed; extra directories resolve */
	pathf(forms, sizeof(forms), "%s/forms.txt", f->lib);
	pathf(ga, sizeof(ga), "%s/ga", f->lib);
	paths[0] = forms;
	o.extra_dirs = (const char *const[]){ ga };
	o.n_extra = 1;
	cap_open(&c);
	rc = library_cmd_refs_opts(&o, paths, 1, c.fo, c.fe);
	cap_close(&c);
	assert_int_equal(rc, 0);
	assert_int_equal(count_lines(c.out, NULL), count_lines(c.out, "A/RES/65/999\t"));
	assert_int_equal(count_lines(c.out, NULL), 12);
	pathf(want, sizeof(want), "A/RES/65/999\tpp1\t62/152\tA/RES/62/152\t%s/A-RES-62-152.txt\n",
	      ga);
	assert_non_null(strstr(c.out, want));
	assert_non_null(strstr(c.out, "A/RES/65/999\tpp2\t2004/68\tE/CN.4/RES/2004/68\t"
				      "https://undocs.org/E/CN.4/RES/2004/68\n"));
	pathf(want, sizeof(want), "A/RES/65/999\top2\tparagraph 1\tA/RES/65/999#op1\t%s#op1\n",
	      forms);
	assert_non_null(strstr(c.out, want));
	cap_free(&c);

	/* output that cannot be written: status 1, one line on err */
	{
		FILE *full = fopen("/dev/full", "w");

		assert_non_null(full);
		cap_open(&c);
		rc = library_cmd_refs_opts(&o, paths, 1, full, c.fe);
		cap_close(&c);
		fclose(full);
		assert_int_equal(rc, 1);
		assert_string_equal(c.err, "resolute: standard output: write error\n");
		cap_free(&c);
	}

	/* no path at all */
	cap_open(&c);
	rc = library_cmd_refs(paths, 0, c.fo, c.fe);
	cap_close(&c);
	assert_int_equal(rc, 2);
	assert_string_equal(c.out, "");
	assert_non_null(strstr(c.err, "resolute: "));
	cap_free(&c);
}

/* Symbols longer than what the symbol table keeps in its slots (20
 * bytes): told apart by what follows. */
static void test_cmd_long_symbols(void **state)
{
	static const char a[] =
		"The Human Rights Council,\n\n"
		"\tRecalling its resolutions A/HRC/RES/S-35/1234567, A/HRC/RES/S-35/1234568 "
		"and A/HRC/RES/S-35/1234569,\n"
		"\t1.\tDecides to remain seized of the matter.\n\n"
		"<<ODS DOC SYMBOL1>>A/HRC/RES/S-35/1234567<<ODS DOC SYMBOL1>>\n";
	static const char b[] =
		"The Human Rights Council,\n\n"
		"\t1.\tDecides to remain seized of the matter.\n\n"
		"<<ODS DOC SYMBOL1>>A/HRC/RES/S-35/1234568<<ODS DOC SYMBOL1>>\n";
	struct fx *f = *state;
	struct library_opts o = { .no_cache = true };
	struct library lib;
	struct capture c;
	char dir[512], p[600], want[1024];
	const char *paths[1] = { dir };

	pathf(dir, sizeof(dir), "%s/long", f->root);
	mkdirf(dir);
	spit(pathf(p, sizeof(p), "%s/a.txt", dir), a, sizeof(a) - 1);
	spit(pathf(p, sizeof(p), "%s/b.txt", dir), b, sizeof(b) - 1);
	library_open(&lib, paths, 1, &o);
	assert_int_equal(lib.n_entries, 2);
	assert_non_null(ends(library_resolve(&lib, "A/HRC/RES/S-35/1234567")->path, "/a.txt"));
	assert_non_null(ends(library_resolve(&lib, "A/HRC/RES/S-35/1234568")->path, "/b.txt"));
	assert_null(library_resolve(&lib, "A/HRC/RES/S-35/1234569"));
	assert_null(library_resolve(&lib, "A/HRC/RES/S-35/123456"));
	assert_null(library_resolve(&lib, "A/HRC/RES/S-35/12345"));
	library_close(&lib);

	cap_open(&c);
	assert_int_equal(library_cmd_refs_opts(&o, paths, 1, c.fo, c.fe), 0);
	cap_close(&c);
	pathf(want, sizeof(want),
	      "A/HRC/RES/S-35/1234567\tpp1\tA/HRC/RES/S-35/1234568\tA/HRC/RES/S-35/1234568\t"
	      "%s/b.txt\n", dir);
	assert_non_null(strstr(c.out, want));
	assert_non_null(strstr(c.out, "A/HRC/RES/S-35/1234567\tpp1\tA/HRC/RES/S-35/1234569\t"
				      "A/HRC/RES/S-35/1234569\t"
				      "https://undocs.org/A/HRC/RES/S-35/1234569\n"));
	pathf(want, sizeof(want),
	      "A/HRC/RES/S-35/1234567\tpp1\tA/HRC/RES/S-35/1234567\tA/HRC/RES/S-35/1234567\t"
	      "%s/a.txt\n", dir);
	assert_non_null(strstr(c.out, want));
	assert_int_equal(count_lines(c.out, NULL), 3);
	cap_free(&c);
}

/* --refs with two threads (the later half made in memory, written after
 * the first): the same bytes as with one. */
static void test_cmd_refs_split(void **state)
{
	struct fx *f = *state;
	struct library_opts o = { .no_cache = true, .jobs = 1 };
	struct capture one, two;
	char dir[512], p[600];
	const char *paths[1] = { dir };

	pathf(dir, sizeof(dir), "%s/split", f->root);
	mkdirf(dir);
	for (int i = 0; i < 40; i++)
		make_lib(pathf(p, sizeof(p), "%s/d%02d", dir, i));
	cap_open(&one);
	assert_int_equal(library_cmd_refs_opts(&o, paths, 1, one.fo, one.fe), 0);
	cap_close(&one);
	/* enough lines to be split (REFS_SPLIT_MIN) */
	assert_true(count_lines(one.out, NULL) >= 1024);
	o.jobs = 2;
	cap_open(&two);
	assert_int_equal(library_cmd_refs_opts(&o, paths, 1, two.fo, two.fe), 0);
	cap_close(&two);
	assert_int_equal(two.out_len, one.out_len);
	assert_memory_equal(two.out, one.out, one.out_len);
	assert_string_equal(two.err, "");
	cap_free(&one);
	cap_free(&two);
}

static void test_cmd_cited_by(void **state)
{
	struct fx *f = *state;
	struct library_opts o = { .no_cache = true };
	struct capture c;
	const char *paths[1] = { f->lib };
	char want[1024];
	int rc;

	cap_open(&c);
	rc = library_cmd_cited_by_opts(&o, "58/178", paths, 1, c.fo, c.fe);
	cap_close(&c);
	assert_int_equal(rc, 0);
	assert_string_equal(c.err, "");
	assert_int_equal(count_lines(c.out, NULL), 4);
	pathf(want, sizeof(want),
	      "E/CN.4/RES/2004/68\tpp3\t58/178\t%s/chr/E-CN.4-RES-2004-68.txt\n", f->lib);
	assert_non_null(strstr(c.out, want));
	cap_free(&c);

	cap_open(&c);
	rc = library_cmd_cited_by_opts(&o, "A/RES/58/178#op5", paths, 1, c.fo, c.fe);
	cap_close(&c);
	assert_int_equal(rc, 0);
	pathf(want, sizeof(want), "A/RES/65/999\tpp3\tparagraph 5\t%s/forms.txt\n", f->lib);
	assert_string_equal(c.out, want);
	cap_free(&c);

	cap_open(&c);
	rc = library_cmd_cited_by_opts(&o, "hello\033[31m", paths, 1, c.fo, c.fe);
	cap_close(&c);
	assert_int_equal(rc, 2);
	assert_string_equal(c.out, "");
	assert_string_equal(c.err, "resolute: hello^[[31m: not a resolution symbol\n");
	cap_free(&c);
}

/* Nothing from a file name or a document reaches the output raw. */
static void test_cmd_sanitized(void **state)
{
	struct fx *f = *state;
	struct library_opts o = { .no_cache = true };
	struct capture c;
	char dir[512], p[600];
	const char *paths[1] = { dir };
	int rc;

	pathf(dir, sizeof(dir), "%s/evil", f->root);
	mkdirf(dir);
	copy(FORMS, pathf(p, sizeof(p), "%s/x\033]0;pwned\007.txt", dir));
	cap_open(&c);
	rc = library_cmd_refs_opts(&o, paths, 1, c.fo, c.fe);
	cap_close(&c);
	assert_int_equal(rc, 0);
	assert_int_equal(count_lines(c.out, NULL), 12);
	assert_null(memchr(c.out, '\033', c.out_len));
	assert_null(memchr(c.out, '\007', c.out_len));
	assert_non_null(strstr(c.out, "/x^[]0;pwned^G.txt#op1\n"));
	cap_free(&c);
}

/* Every byte class util_sanitize treats apart (C0, DEL, C1 as UTF-8, an
 * invalid byte, valid UTF-8), at every position of the first words of a
 * file name: --refs writes the path as util_sanitize does. */
static void test_cmd_sanitized_positions(void **state)
{
	static const char *const bad[] = { "\001", "\t", "\177", "\302\205", "\377",
					   "\303\251" };
	struct fx *f = *state;
	struct library_opts o = { .no_cache = true };
	char dir[512], name[64], p[700];
	const char *paths[1] = { dir };

	for (size_t b = 0; b < sizeof(bad) / sizeof(*bad); b++) {
		for (size_t at = 0; at < 18; at += (b ? 3 : 1)) {
			struct util_buf want = { 0 };
			struct capture c;
			int rc;

			memset(name, 'n', at);
			snprintf(name + at, sizeof(name) - at, "%sz.txt", bad[b]);
			pathf(dir, sizeof(dir), "%s/pos-%zu-%zu", f->root, b, at);
			mkdirf(dir);
			copy(FORMS, pathf(p, sizeof(p), "%s/%s", dir, name));
			pathf(p, sizeof(p), "%s/%s", dir, name);
			util_buf_putc(&want, '\t');
			util_sanitize(&want, p, strlen(p));
			util_buf_puts(&want, "#op1\n");
			cap_open(&c);
			rc = library_cmd_refs_opts(&o, paths, 1, c.fo, c.fe);
			cap_close(&c);
			assert_int_equal(rc, 0);
			assert_int_equal(count_lines(c.out, NULL), 12);
			assert_non_null(strstr(c.out, want.data));
			cap_free(&c);
			util_buf_free(&want);
		}
	}
}

/* --refs reads references from the index records twice (checked, then
 * written): with records changed under a valid checksum it must still
 * exit 0 and write only sanitized lines (and, under ASan, read nothing
 * outside them). */
static void test_cmd_refs_fuzzed_index(void **state)
{
	struct fx *f = *state;
	struct library_opts o = { .cache_dir = f->cache, .cache_small = true, .jobs = 1 };
	const char *paths[1] = { f->lib };
	struct damaged d;
	size_t good_lines = 0;

	damaged_open(&d, f, 0x9E3779B97F4A7C15ULL);
	for (int round = 0; round < 120; round++) {
		struct capture c;
		int rc;

		damaged_write(&d, round ? 1 + (size_t)round % 3 : 0);
		cap_open(&c);
		rc = library_cmd_refs_opts(&o, paths, 1, c.fo, c.fe);
		cap_close(&c);
		assert_int_equal(rc, 0);
		for (size_t i = 0; i < c.out_len; i++) {
			unsigned char ch = (unsigned char)c.out[i];

			assert_true(ch == '\t' || ch == '\n' || (ch >= 0x20 && ch != 0x7F));
		}
		if (round == 0)
			good_lines = (size_t)count_lines(c.out, NULL);
		else /* a broken record is parsed again; a changed one may lose lines */
			assert_true((size_t)count_lines(c.out, NULL) <= good_lines + 2);
		cap_free(&c);
	}
	assert_true(good_lines > 10);
	damaged_close(&d);
}

/* ---- encoding ---- */

/* The hash over pieces is the hash of the whole, however it is cut. */
static void test_hash_pieces(void **state)
{
	unsigned char data[150];

	(void)state;
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 37 + 11);
	for (size_t len = 0; len <= sizeof(data); len += 7) {
		uint64_t whole = cache_hash(data, len, 42);

		for (size_t a = 0; a <= len; a++) {
			struct cache_hasher h;
			size_t b = a + (len - a) / 3;

			cache_hash_init(&h, 42);
			cache_hash_update(&h, data, a);
			cache_hash_update(&h, data + a, b - a);
			cache_hash_update(&h, data + b, len - b);
			assert_true(cache_hash_final(&h) == whole);
		}
	}
}

/* An index written in pieces loads as the whole; an unfinished one is
 * no index. */
static void test_writer(void **state)
{
	struct fx *f = *state;
	struct cache_blob blob;
	struct cache_writer *w;
	char dir[512];
	unsigned char big[70000];
	int dfd;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i % 251);
	pathf(dir, sizeof(dir), "%s/wcache", f->root);
	dfd = cache_dir_open(dir);
	assert_true(dfd >= 0);
	w = cache_writer_open(dfd, "x.idx", 7);
	assert_non_null(w);
	cache_writer_put(w, big, 10);
	cache_writer_put(w, big + 10, sizeof(big) - 10); /* past one buffer */
	assert_int_equal(cache_writer_commit(w), 0);
	assert_int_equal(cache_load(dfd, "x.idx", 7, &blob), 0);
	assert_int_equal(blob.len, sizeof(big));
	assert_memory_equal(blob.payload, big, sizeof(big));
	assert_true(cache_hash(big, sizeof(big), 7) == cache_hash(blob.payload, blob.len, 7));
	cache_blob_free(&blob);
	assert_null(blob.mem);
	assert_int_equal(cache_load(dfd, "x.idx", 8, &blob), -1); /* another key */
	assert_null(blob.mem);
	/* an empty payload */
	assert_int_equal(cache_store(dfd, "e.idx", 7, "", 0), 0);
	assert_int_equal(cache_load(dfd, "e.idx", 7, &blob), 0);
	assert_int_equal(blob.len, 0);
	cache_blob_free(&blob);
	close(dfd);
}

static void test_hash_and_reader(void **state)
{
	static const char nobody[] = "Nobody inspects the spammish repetition";
	struct util_buf b = { 0 };
	struct cache_reader r;
	unsigned char over[11];

	(void)state;
	/* XXH64 reference values */
	assert_true(cache_hash("", 0, 0) == 0xEF46DB3751D8E999ULL);
	assert_true(cache_hash("a", 1, 0) == 0xD24EC4F1A98C6E5BULL);
	assert_true(cache_hash(nobody, strlen(nobody), 0) == 0xFBCEA83C8A378BF1ULL);

	cache_put_varint(&b, 0);
	cache_put_varint(&b, 300);
	cache_put_varint(&b, UINT64_MAX);
	cache_put_str(&b, "abc");
	cache_put_str(&b, NULL);
	cache_put_strn(&b, "de\0f", 4);
	r = (struct cache_reader){ (unsigned char *)b.data, (unsigned char *)b.data + b.len,
				   false };
	assert_int_equal(cache_get_varint(&r), 0);
	assert_int_equal(cache_get_varint(&r), 300);
	assert_true(cache_get_varint(&r) == UINT64_MAX);
	assert_string_equal(cache_get_str(&r), "abc");
	assert_null(cache_get_str(&r));
	assert_false(r.bad);
	assert_string_equal(cache_get_str(&r), "de");
	assert_true(r.p == r.end);
	assert_false(r.bad);
	/* past the end */
	assert_null(cache_get_str(&r));
	assert_true(r.bad);

	/* a string longer than what is left */
	r = (struct cache_reader){ (unsigned char *)b.data + 12, (unsigned char *)b.data + 14,
				   false };
	assert_null(cache_get_str(&r));
	assert_true(r.bad);
	/* a string without its NUL */
	util_buf_clear(&b);
	util_buf_append(&b, "\004abcd", 5);
	r = (struct cache_reader){ (unsigned char *)b.data, (unsigned char *)b.data + 5, false };
	assert_null(cache_get_str(&r));
	assert_true(r.bad);
	/* a string past the inline reader's one-byte length, and strings
	 * with a NUL inside, short and long */
	{
		char longs[300];

		memset(longs, 'x', sizeof(longs) - 1);
		longs[sizeof(longs) - 1] = '\0';
		util_buf_clear(&b);
		cache_put_str(&b, longs);
		cache_put_str(&b, "");
		r = (struct cache_reader){ (unsigned char *)b.data,
					   (unsigned char *)b.data + b.len, false };
		assert_string_equal(cache_get_str(&r), longs);
		assert_string_equal(cache_get_str(&r), "");
		assert_true(r.p == r.end && !r.bad);
		util_buf_clear(&b);
		util_buf_append(&b, "\004a\0c\0", 5);
		r = (struct cache_reader){ (unsigned char *)b.data,
					   (unsigned char *)b.data + 5, false };
		assert_null(cache_get_str(&r));
		assert_true(r.bad);
		util_buf_clear(&b);
		cache_put_varint(&b, 201);
		util_buf_append(&b, longs, 100);
		util_buf_putc(&b, '\0');
		util_buf_append(&b, longs, 99);
		util_buf_putc(&b, '\0');
		r = (struct cache_reader){ (unsigned char *)b.data,
					   (unsigned char *)b.data + b.len, false };
		assert_null(cache_get_str(&r));
		assert_true(r.bad);
	}
	/* a varint of more than 64 bits */
	memset(over, 0xFF, sizeof(over));
	r = (struct cache_reader){ over, over + sizeof(over), false };
	assert_int_equal(cache_get_varint(&r), 0);
	assert_true(r.bad);
	util_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_and_reader),
		cmocka_unit_test(test_hash_pieces),
		cmocka_unit_test_setup_teardown(test_writer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cmd_sanitized_positions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cmd_refs_fuzzed_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cited_by, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compilation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_built_and_reused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_corrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_fuzz, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_unusable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_symlink_planted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_default_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parallel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cold_walk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cmd_refs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cmd_refs_split, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cmd_cited_by, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cmd_long_symbols, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cmd_sanitized, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
