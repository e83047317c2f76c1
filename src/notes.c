/* notes.c: the notes store: file names, loading, locked merging saves and
 * listing. Store files: notes_yaml.c; anchoring: notes_anchor.c; export and
 * the command line: notes_cmd.c. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "notes.h"
#include "notes_int.h"

#define LOCK_NAME ".lock"
#define STORE_SUBDIR "resolute"
#define TEXT_FILE_PREFIX "_text-"
#define SYMBOL_MAX 256
#define TITLE_MAX 1024

/* ---- small helpers ------------------------------------------------------- */

static char *xstrdup_or_null(const char *s)
{
	return s ? util_xstrdup(s) : NULL;
}

/* Copy s as valid UTF-8 (each invalid byte becomes U+FFFD). */
char *notes_utf8_dup(const char *s)
{
	struct util_buf b = { 0 };
	size_t n = strlen(s), i = 0;

	while (i < n) {
		size_t ok = util_utf8_valid_prefix(s + i, n - i);

		util_buf_append(&b, s + i, ok);
		i += ok;
		if (i < n) {
			util_buf_puts(&b, "\xEF\xBF\xBD");
			i++;
		}
	}
	util_buf_append(&b, "", 0);
	return b.data;
}

static void note_free(struct note *n)
{
	free(n->para_id);
	free(n->quote);
	free(n->prefix);
	free(n->suffix);
	free(n->text);
	memset(n, 0, sizeof(*n));
}

static void note_copy(struct note *dst, const struct note *src)
{
	*dst = *src;
	dst->para_id = xstrdup_or_null(src->para_id);
	dst->quote = xstrdup_or_null(src->quote);
	dst->prefix = xstrdup_or_null(src->prefix);
	dst->suffix = xstrdup_or_null(src->suffix);
	dst->text = xstrdup_or_null(src->text);
}

struct note *notes_note_push(struct notes_doc *nd)
{
	struct note *n;

	if (nd->n == nd->cap) {
		nd->cap = nd->cap ? nd->cap * 2 : 8;
		nd->notes = util_xrealloc(nd->notes, nd->cap, sizeof(*nd->notes));
	}
	n = &nd->notes[nd->n++];
	memset(n, 0, sizeof(*n));
	n->para = -1;
	return n;
}

static void note_remove(struct notes_doc *nd, size_t i)
{
	note_free(&nd->notes[i]);
	memmove(&nd->notes[i], &nd->notes[i + 1], (nd->n - i - 1) * sizeof(*nd->notes));
	nd->n--;
}

void notes_doc_free(struct notes_doc *nd)
{
	size_t i;

	for (i = 0; i < nd->n; i++)
		note_free(&nd->notes[i]);
	free(nd->notes);
	free(nd->key);
	free(nd->symbol);
	free(nd->doc_hash);
	free(nd->title);
	free(nd->file);
	memset(nd, 0, sizeof(*nd));
}

/* ---- file names -------------------------------------------------------- */

bool notes_keep_byte(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '.';
}

void notes_file_name(const char *symbol, char *out, size_t outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	char name[4 * SYMBOL_MAX + 64];
	size_t i, k = 0, cut = 0;
	bool long_name = false;

	for (i = 0; symbol[i]; i++) {
		unsigned char c = (unsigned char)symbol[i];

		if (k + 4 >= sizeof(name) - 40) {
			long_name = true;
			break;
		}
		if (k <= NOTES_NAME_MAX - 24)
			cut = k; /* the last boundary that leaves room for the hash */
		if (c == '/') {
			name[k++] = '-';
		} else if (notes_keep_byte(c) && !(i == 0 && c == '.')) {
			name[k++] = (char)c;
		} else {
			name[k++] = '_';
			name[k++] = hex[c >> 4];
			name[k++] = hex[c & 15];
		}
	}
	if (k > NOTES_NAME_MAX || long_name) {
		char h[NOTES_HASH_LEN + 1];

		/* Cut on an escape boundary and add a hash of the whole symbol:
		 * '+' never occurs in a name that was not cut. */
		notes_text_hash(symbol, strlen(symbol), h);
		k = cut;
		name[k++] = '+';
		memcpy(name + k, h, NOTES_HASH_LEN);
		k += NOTES_HASH_LEN;
	}
	if (k == 0) {
		memcpy(name, "_", 1); /* empty symbol: never happens for real symbols */
		k = 1;
	}
	name[k] = '\0';
	snprintf(out, outlen, "%s%s", name, NOTES_FILE_EXT);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool notes_file_symbol(const char *name, char *out, size_t outlen)
{
	size_t n = strlen(name), el = strlen(NOTES_FILE_EXT), i, k = 0;

	if (n <= el || strcmp(name + n - el, NOTES_FILE_EXT) || outlen == 0)
		return false;
	n -= el;
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (k + 1 >= outlen)
			return false;
		if (c == '-') {
			out[k++] = '/';
		} else if (c == '_') {
			int a, b;

			/* _00 would cut the symbol short: no name encodes NUL. */
			if (i + 2 >= n || (a = hexval(name[i + 1])) < 0 ||
			    (b = hexval(name[i + 2])) < 0 || (a == 0 && b == 0))
				return false;
			out[k++] = (char)(a << 4 | b);
			i += 2;
		} else if (notes_keep_byte((unsigned char)c)) {
			out[k++] = c;
		} else {
			return false;
		}
	}
	out[k] = '\0';
	return k > 0;
}

/* Hash of the whole text, for documents without a symbol. */
static void doc_text_hash(const struct doc *d, char *out)
{
	struct util_buf b = { 0 };
	size_t i;

	for (i = 0; i < d->n_paras; i++) {
		char h[NOTES_HASH_LEN + 1];

		notes_text_hash(d->paras[i].text ? d->paras[i].text : "",
				d->paras[i].text ? d->paras[i].text_len : 0, h);
		util_buf_puts(&b, h);
	}
	notes_text_hash(b.data ? b.data : "", b.len, out);
	util_buf_free(&b);
}

void notes_doc_init(struct notes_doc *nd, const struct doc *d)
{
	char name[256];

	memset(nd, 0, sizeof(*nd));
	if (d->symbol && d->symbol[0]) {
		nd->symbol = notes_utf8_dup(d->symbol);
		nd->key = util_xstrdup(nd->symbol);
		notes_file_name(d->symbol, name, sizeof(name));
	} else {
		char h[NOTES_HASH_LEN + 1];

		doc_text_hash(d, h);
		nd->doc_hash = util_xstrdup(h);
		nd->key = util_xmalloc(sizeof(NOTES_TEXT_KEY_PREFIX) + NOTES_HASH_LEN);
		snprintf(nd->key, sizeof(NOTES_TEXT_KEY_PREFIX) + NOTES_HASH_LEN, "%s%s",
			 NOTES_TEXT_KEY_PREFIX, h);
		snprintf(name, sizeof(name), "%s%s%s", TEXT_FILE_PREFIX, h, NOTES_FILE_EXT);
	}
	nd->file = util_xstrdup(name);
	if (d->title && d->title[0]) {
		struct util_buf b = { 0 };
		char *t = notes_utf8_dup(d->title);
		size_t i;
		bool sp = false;

		for (i = 0; t[i]; i++) { /* one line, single spaces */
			unsigned char c = (unsigned char)t[i];

			if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				sp = true;
				continue;
			}
			if (sp && b.len)
				util_buf_putc(&b, ' ');
			sp = false;
			util_buf_putc(&b, (char)c);
		}
		free(t);
		if (b.len > TITLE_MAX) { /* cut at a character */
			b.len = TITLE_MAX;
			while (b.len && ((unsigned char)b.data[b.len] & 0xC0) == 0x80)
				b.len--;
			b.data[b.len] = '\0';
		}
		util_buf_append(&b, "", 0);
		nd->title = b.data;
	}
}

/* ---- the store ------------------------------------------------------------ */

int notes_store_open(struct notes_store *s, const char *dir, char *err, size_t errlen)
{
	char path[4096];
	int lk;

	memset(s, 0, sizeof(*s));
	s->dirfd = -1;
	if (!dir) {
		if (fsutil_data_dir(STORE_SUBDIR, path, sizeof(path), err, errlen) < 0)
			return -1;
		dir = path;
	}
	s->dirfd = fsutil_open_private_dir(dir, err, errlen);
	if (s->dirfd < 0)
		return -1;
	s->dir = util_xstrdup(dir);
	/* Temporary files only exist while a writer holds the lock. */
	lk = fsutil_lock(s->dirfd, LOCK_NAME, err, errlen);
	if (lk < 0) {
		notes_store_close(s);
		return -1;
	}
	fsutil_clean_tmp(s->dirfd);
	fsutil_unlock(lk);
	return 0;
}

void notes_store_close(struct notes_store *s)
{
	if (s->dirfd >= 0)
		close(s->dirfd);
	free(s->dir);
	s->dirfd = -1;
	s->dir = NULL;
}

static char *file_path(const struct notes_store *s, const char *file)
{
	size_t n = strlen(s->dir) + strlen(file) + 2;
	char *p = util_xmalloc(n);

	snprintf(p, n, "%s/%s", s->dir, file);
	return p;
}

/* Read and parse one store file. 0, -2 (absent) or -1 with the message. */
static int read_file(struct notes_store *s, const char *file, struct notes_doc *nd, char *err,
		     size_t errlen)
{
	struct util_buf b = { 0 };
	char *path = file_path(s, file);
	char msg[512];
	int rc = fsutil_read_at(s->dirfd, file, NOTES_MAX_FILE, &b, msg, sizeof(msg));

	memset(nd, 0, sizeof(*nd));
	if (rc == -1) {
		fsutil_seterr(err, errlen, "%s: %s", path, msg);
	} else if (rc == 0) {
		rc = notes_parse(path, b.data ? b.data : "", b.len, nd, err, errlen);
		if (rc == 0)
			nd->file = util_xstrdup(file);
	}
	util_buf_free(&b);
	free(path);
	return rc;
}

/* Load the file of d into nd (fresh notes_doc); an absent file is empty. */
static int load_for(struct notes_store *s, const struct doc *d, struct notes_doc *nd, char *err,
		    size_t errlen)
{
	struct notes_doc want;
	int rc;

	notes_doc_init(&want, d);
	rc = read_file(s, want.file, nd, err, errlen);
	if (rc == -2) {
		*nd = want;
		return 0;
	}
	if (rc < 0) {
		notes_doc_free(&want);
		return -1;
	}
	if (strcmp(nd->key, want.key)) {
		char *path = file_path(s, want.file);

		fsutil_seterr(err, errlen,
			      "%s:1:1: holds the notes of %s, not of %s; the file is left alone",
			      path, nd->key, want.key);
		free(path);
		notes_doc_free(nd);
		notes_doc_free(&want);
		return -1;
	}
	/* The title follows the text. */
	if (want.title) {
		free(nd->title);
		nd->title = want.title;
		want.title = NULL;
	}
	notes_doc_free(&want);
	return 0;
}

int notes_load(struct notes_store *s, const struct doc *d, struct notes_doc *nd, char *err,
	       size_t errlen)
{
	if (load_for(s, d, nd, err, errlen) < 0) {
		notes_doc_init(nd, d);
		return -1;
	}
	return 0;
}

static bool same_key(const struct note *a, const struct note *b)
{
	return !strcmp(a->para_id ? a->para_id : "", b->para_id ? b->para_id : "") &&
	       !strcmp(a->hash, b->hash) && !strcmp(a->created, b->created);
}

/* The single change a save makes. */
enum change_kind {
	CH_ADD,       /* append repl */
	CH_TEXT,      /* set the text (and anchor) of `old` from repl */
	CH_HIGHLIGHT, /* set the highlight (and anchor) of `old` from repl */
	CH_DELETE,    /* remove `old` */
};

static void move_anchor(struct note *dst, const struct note *src)
{
	free(dst->para_id);
	free(dst->quote);
	free(dst->prefix);
	free(dst->suffix);
	dst->para_id = xstrdup_or_null(src->para_id);
	dst->quote = xstrdup_or_null(src->quote);
	dst->prefix = xstrdup_or_null(src->prefix);
	dst->suffix = xstrdup_or_null(src->suffix);
	memcpy(dst->hash, src->hash, sizeof(dst->hash));
	memcpy(dst->modified, src->modified, sizeof(dst->modified));
}

bool notes_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* Apply a change to the freshly read notes. Only the field the change is
 * about is taken from the caller's (possibly stale) copy, so a concurrent
 * edit of another field of the same note survives. A note deleted
 * meanwhile by another process comes back when edited: the edit wins. */
static void apply_change(struct notes_doc *fresh, enum change_kind kind, const struct note *old,
			 const struct note *repl)
{
	size_t i = fresh->n;
	struct note *n;

	if (old) {
		for (i = 0; i < fresh->n; i++)
			if (same_key(&fresh->notes[i], old))
				break;
	}
	if (i == fresh->n) {
		if (kind == CH_ADD || kind == CH_TEXT || (kind == CH_HIGHLIGHT && repl->highlight))
			note_copy(notes_note_push(fresh), repl);
		return;
	}
	n = &fresh->notes[i];
	switch (kind) {
	case CH_ADD: /* not reached: old is NULL */
		break;
	case CH_TEXT:
		free(n->text);
		n->text = util_xstrdup(repl->text ? repl->text : "");
		move_anchor(n, repl);
		break;
	case CH_HIGHLIGHT:
		n->highlight = repl->highlight;
		move_anchor(n, repl);
		break;
	case CH_DELETE:
		note_remove(fresh, i);
		return;
	}
	if (!n->highlight && notes_blank(n->text ? n->text : ""))
		note_remove(fresh, i);
}

/* Save one change: under the lock, re-read the file (so what other
 * processes saved in the meantime is kept), apply the change, replace the
 * file atomically. On success nd becomes the saved state, anchored to d. */
static int save_change(struct notes_store *s, struct notes_doc *nd, const struct doc *d,
		       enum change_kind kind, const struct note *old, const struct note *repl,
		       char *err, size_t errlen)
{
	struct notes_doc fresh;
	struct util_buf b = { 0 };
	char msg[512];
	int lk, rc = -1;

	if (s->dirfd < 0)
		return fsutil_seterr(err, errlen, "the notes store is not open");
	lk = fsutil_lock(s->dirfd, LOCK_NAME, msg, sizeof(msg));
	if (lk < 0)
		return fsutil_seterr(err, errlen, "%s: %s", s->dir, msg);
	if (load_for(s, d, &fresh, err, errlen) < 0)
		goto unlock;
	apply_change(&fresh, kind, old, repl);
	if (fresh.n == 0) {
		if (unlinkat(s->dirfd, fresh.file, 0) < 0 && errno != ENOENT) {
			fsutil_seterr(err, errlen, "%s/%s: %s", s->dir, fresh.file,
				      strerror(errno));
			notes_doc_free(&fresh);
			goto unlock;
		}
		fsync(s->dirfd);
	} else {
		notes_serialize(&fresh, &b);
		if (fsutil_write_atomic(s->dirfd, fresh.file, b.data, b.len, msg, sizeof(msg)) <
		    0) {
			fsutil_seterr(err, errlen, "%s/%s: %s", s->dir, fresh.file, msg);
			notes_doc_free(&fresh);
			goto unlock;
		}
	}
	notes_doc_free(nd);
	*nd = fresh;
	notes_anchor(nd, d);
	rc = 0;
unlock:
	fsutil_unlock(lk);
	util_buf_free(&b);
	return rc;
}

static void now_iso(const struct notes_store *s, char *out)
{
	time_t t = s->now ? s->now : time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The text as stored: CR LF as LF, no white space at the end. */
static char *clean_text(const char *text, char *err, size_t errlen)
{
	size_t n = strlen(text), i, k = 0;
	char *t;

	if (n > NOTES_MAX_SCALAR) {
		fsutil_seterr(err, errlen, "note is longer than %zu KiB", NOTES_MAX_SCALAR >> 10);
		return NULL;
	}
	if (util_utf8_valid_prefix(text, n) != n) {
		fsutil_seterr(err, errlen, "note is not valid UTF-8 text");
		return NULL;
	}
	t = util_xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		if (text[i] == '\r' && text[i + 1] == '\n')
			continue;
		t[k++] = text[i];
	}
	while (k && (t[k - 1] == ' ' || t[k - 1] == '\t' || t[k - 1] == '\n' || t[k - 1] == '\r'))
		k--;
	t[k] = '\0';
	return t;
}

static int check_para(const struct doc *d, int para, char *err, size_t errlen)
{
	if (para < 0 || (size_t)para >= d->n_paras)
		return fsutil_seterr(err, errlen, "no paragraph %d in this document", para);
	return 0;
}

int notes_set(struct notes_store *s, struct notes_doc *nd, const struct doc *d, int para,
	      const char *text, char *err, size_t errlen)
{
	struct note repl, old;
	char *t;
	int i, rc;

	if (check_para(d, para, err, errlen) < 0)
		return -1;
	t = clean_text(text, err, errlen);
	if (!t)
		return -1;
	i = notes_find(nd, para);
	if (i < 0 && notes_blank(t)) {
		free(t);
		return 0;
	}
	memset(&repl, 0, sizeof(repl));
	repl.text = t;
	now_iso(s, repl.created);
	now_iso(s, repl.modified);
	notes_make_anchor(d, para, &repl);
	if (i < 0) {
		rc = save_change(s, nd, d, CH_ADD, NULL, &repl, err, errlen);
	} else {
		note_copy(&old, &nd->notes[i]);
		repl.highlight = old.highlight;
		memcpy(repl.created, old.created, sizeof(repl.created));
		rc = save_change(s, nd, d, CH_TEXT, &old, &repl, err, errlen);
		note_free(&old);
	}
	note_free(&repl);
	return rc;
}

int notes_delete(struct notes_store *s, struct notes_doc *nd, const struct doc *d, int para,
		 char *err, size_t errlen)
{
	struct note old;
	int i, rc;

	if (check_para(d, para, err, errlen) < 0)
		return -1;
	i = notes_find(nd, para);
	if (i < 0)
		return 0;
	note_copy(&old, &nd->notes[i]);
	rc = save_change(s, nd, d, CH_DELETE, &old, NULL, err, errlen);
	note_free(&old);
	return rc;
}

int notes_toggle_highlight(struct notes_store *s, struct notes_doc *nd, const struct doc *d,
			   int para, char *err, size_t errlen)
{
	struct note repl, old;
	int i, rc;

	if (check_para(d, para, err, errlen) < 0)
		return -1;
	i = notes_find(nd, para);
	memset(&repl, 0, sizeof(repl));
	repl.text = util_xstrdup("");
	now_iso(s, repl.created);
	now_iso(s, repl.modified);
	notes_make_anchor(d, para, &repl);
	if (i < 0) {
		repl.highlight = true;
		rc = save_change(s, nd, d, CH_ADD, NULL, &repl, err, errlen);
	} else {
		note_copy(&old, &nd->notes[i]);
		repl.highlight = !old.highlight;
		free(repl.text);
		repl.text = xstrdup_or_null(old.text);
		memcpy(repl.created, old.created, sizeof(repl.created));
		rc = save_change(s, nd, d, CH_HIGHLIGHT, &old, &repl, err, errlen);
		note_free(&old);
	}
	note_free(&repl);
	return rc;
}

/* ---- the library ----------------------------------------------------------- */

static int cmp_doc(const void *a, const void *b)
{
	return strcmp(((const struct notes_doc *)a)->key, ((const struct notes_doc *)b)->key);
}

int notes_list_all(struct notes_store *s, struct notes_library *lib, char *err, size_t errlen)
{
	struct dirent *de;
	DIR *dir;
	int fd;
	size_t cap = 0, ecap = 0, el = strlen(NOTES_FILE_EXT);

	memset(lib, 0, sizeof(*lib));
	fd = openat(s->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || !(dir = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return fsutil_seterr(err, errlen, "%s: %s", s->dir, strerror(errno));
	}
	while ((de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);
		struct notes_doc nd;
		char msg[1024];

		if (de->d_name[0] == '.' || len <= el ||
		    strcmp(de->d_name + len - el, NOTES_FILE_EXT))
			continue;
		if (read_file(s, de->d_name, &nd, msg, sizeof(msg)) < 0) {
			if (lib->n_errors == ecap) {
				ecap = ecap ? ecap * 2 : 4;
				lib->errors = util_xrealloc(lib->errors, ecap, sizeof(char *));
			}
			lib->errors[lib->n_errors++] = util_xstrdup(msg);
			continue;
		}
		if (lib->n == cap) {
			cap = cap ? cap * 2 : 16;
			lib->docs = util_xrealloc(lib->docs, cap, sizeof(*lib->docs));
		}
		lib->docs[lib->n++] = nd;
	}
	closedir(dir);
	if (lib->n > 1)
		qsort(lib->docs, lib->n, sizeof(*lib->docs), cmp_doc);
	return 0;
}

void notes_library_free(struct notes_library *lib)
{
	size_t i;

	for (i = 0; i < lib->n; i++)
		notes_doc_free(&lib->docs[i]);
	for (i = 0; i < lib->n_errors; i++)
		free(lib->errors[i]);
	free(lib->docs);
	free(lib->errors);
	memset(lib, 0, sizeof(*lib));
}

void notes_first_line(const struct note *n, char *out, size_t outlen)
{
	const char *t = n->text ? n->text : "";
	size_t len, cut;

	if (outlen == 0)
		return;
	while (*t == ' ' || *t == '\t' || *t == '\n')
		t++;
	len = strcspn(t, "\n");
	if (len < outlen && (t[len] == '\0' || notes_blank(t + len))) {
		memcpy(out, t, len);
		out[len] = '\0';
		return;
	}
	cut = len < outlen - 4 ? len : outlen > 4 ? outlen - 4 : 0;
	while (cut > 0 && ((unsigned char)t[cut] & 0xC0) == 0x80)
		cut--;
	memcpy(out, t, cut);
	snprintf(out + cut, outlen - cut, "...");
}
