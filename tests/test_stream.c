/* test_stream.c: parsing document by document (parse_open/parse_next)
 * gives what parsing at once gives, whatever the steps; --check's parse
 * without references; the first look at the input (UTF-8 or not, NUL
 * bytes) across its 64-byte blocks. */
#include "config.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "doc.h"
#include "json.h"
#include "parse.h"
#include "util.h"

/* The corpus texts and the samples, one after another: a compilation. */
static struct util_buf comp;

static void add_dir(struct util_buf *b, const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;

	assert_non_null(dp);
	while ((de = readdir(dp))) {
		size_t l = strlen(de->d_name);

		if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0) {
			names = realloc(names, (n + 1) * sizeof(*names));
			assert_non_null(names);
			names[n++] = strdup(de->d_name);
		}
	}
	closedir(dp);
	/* readdir order is the file system's: sort for a stable text */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j];

			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		char path[1024], err[256];
		struct util_file f;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		assert_int_equal(util_file_open(path, &f, err, sizeof(err)), 0);
		util_buf_append(b, f.data, f.len);
		util_buf_putc(b, '\n');
		util_file_close(&f);
		free(names[i]);
	}
	free(names);
}

static int setup(void **state)
{
	(void)state;
	add_dir(&comp, TEST_DATADIR "/corpus");
	add_dir(&comp, TEST_SAMPLES);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	util_buf_free(&comp);
	return 0;
}

/* The set as JSON (everything the model holds that a reader sees). */
static char *as_json(const struct doc_set *s, size_t *len)
{
	char *out = NULL;
	FILE *f = open_memstream(&out, len);

	assert_non_null(f);
	json_write_docs(f, s);
	fclose(f);
	return out;
}

/* Parse data in steps of `step` documents; return the JSON. */
static char *stepwise(const char *data, size_t len, size_t step, const struct parse_opts *o,
		      size_t *jlen, size_t *ndocs)
{
	struct parse_stream *ps = parse_open_buffer(data, len, "comp", o);
	struct doc_set s = { 0 };
	double last = 0.0;
	size_t got, calls = 0;
	char *j;

	while ((got = parse_next(ps, &s, step)) > 0) {
		double p = parse_progress(ps);

		/* never more than asked; progress only goes forward */
		assert_true(got <= step);
		assert_true(p >= last && p <= 1.0);
		last = p;
		calls++;
	}
	assert_true(parse_done(ps));
	assert_true(parse_progress(ps) == 1.0);
	assert_int_equal(parse_next(ps, &s, step), 0);
	parse_close(ps);
	if (step == 1)
		assert_int_equal(calls, s.n);
	*ndocs = s.n;
	j = as_json(&s, jlen);
	doc_set_free(&s);
	return j;
}

static void test_steps_same_as_whole(void **state)
{
	struct doc_set whole = { 0 };
	size_t n = parse_buffer(comp.data, comp.len, "comp", &whole), wlen;
	char *w = as_json(&whole, &wlen);
	static const size_t steps[] = { 1, 2, 3, 7, 1000 };

	(void)state;
	/* a compilation of about 70 resolutions */
	assert_true(n > 50);
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		size_t jlen, nd;
		char *j = stepwise(comp.data, comp.len, steps[i], NULL, &jlen, &nd);

		assert_int_equal(nd, n);
		assert_int_equal(jlen, wlen);
		assert_memory_equal(j, w, wlen);
		free(j);
	}
	free(w);
	doc_set_free(&whole);
}

/* Over 1 MB a second thread finds the references; each document must be
 * complete when parse_next hands it out. */
static void test_steps_big_input(void **state)
{
	struct util_buf big = { 0 };
	struct doc_set whole = { 0 }, s = { 0 };
	struct parse_stream *ps;
	size_t wlen, jlen;
	char *w, *j;

	(void)state;
	while (big.len < (1u << 20) + 4096)
		util_buf_append(&big, comp.data, comp.len);
	parse_buffer(big.data, big.len, "big", &whole);
	w = as_json(&whole, &wlen);
	ps = parse_open_buffer(big.data, big.len, "big", NULL);
	/* the first document alone without the thread, then with it */
	assert_int_equal(parse_next(ps, &s, 1), 1);
	assert_int_equal(s.docs[0]->n_refs, whole.docs[0]->n_refs);
	while (parse_next(ps, &s, 5) > 0) {
		/* a finished document's references are there at once */
		for (size_t i = 0; i < s.n; i++)
			assert_int_equal(s.docs[i]->n_refs, whole.docs[i]->n_refs);
	}
	parse_close(ps);
	j = as_json(&s, &jlen);
	assert_int_equal(jlen, wlen);
	assert_memory_equal(j, w, wlen);
	free(j);
	free(w);
	doc_set_free(&s);
	doc_set_free(&whole);
	util_buf_free(&big);
}

/* The compilation parsed with options o into *s and without into *whole. */
static void parse_both(const struct parse_opts *o, struct doc_set *s, struct doc_set *whole)
{
	struct parse_stream *ps = parse_open_buffer(comp.data, comp.len, "comp", o);

	parse_buffer(comp.data, comp.len, "comp", whole);
	parse_next(ps, s, SIZE_MAX);
	parse_close(ps);
	assert_int_equal(s->n, whole->n);
}

static void test_no_refs(void **state)
{
	struct doc_set whole = { 0 }, s = { 0 };
	const struct parse_opts o = { .no_refs = true };
	size_t refs = 0;

	(void)state;
	parse_both(&o, &s, &whole);
	for (size_t i = 0; i < s.n; i++) {
		const struct doc *a = s.docs[i], *b = whole.docs[i];

		refs += b->n_refs;
		/* no references, everything else the same */
		assert_int_equal(a->n_refs, 0);
		assert_int_equal(a->n_paras, b->n_paras);
		assert_int_equal(a->n_footnotes, b->n_footnotes);
		assert_int_equal(a->n_warnings, b->n_warnings);
		for (size_t w = 0; w < a->n_warnings; w++)
			assert_string_equal(a->warnings[w].msg, b->warnings[w].msg);
		for (size_t p = 0; p < a->n_paras; p++)
			assert_string_equal(a->paras[p].text, b->paras[p].text);
	}
	assert_true(refs > 100);
	doc_set_free(&s);
	doc_set_free(&whole);
}

static void test_no_leads(void **state)
{
	struct doc_set whole = { 0 }, s = { 0 };
	const struct parse_opts o = { .no_leads = true };
	size_t leads = 0;

	(void)state;
	parse_both(&o, &s, &whole);
	for (size_t i = 0; i < s.n; i++) {
		const struct doc *a = s.docs[i], *b = whole.docs[i];

		assert_int_equal(a->n_paras, b->n_paras);
		assert_int_equal(a->n_refs, b->n_refs);
		for (size_t p = 0; p < a->n_paras; p++) {
			leads += b->paras[p].lead != NULL;
			assert_null(a->paras[p].lead);
			assert_int_equal(a->paras[p].lead_len, 0);
			assert_string_equal(a->paras[p].text, b->paras[p].text);
		}
		for (size_t r = 0; r < a->n_refs; r++)
			assert_string_equal(a->refs[r].target ? a->refs[r].target : "",
					    b->refs[r].target ? b->refs[r].target : "");
	}
	assert_true(leads > 100);
	doc_set_free(&s);
	doc_set_free(&whole);
}

/* Closing in the middle frees the unfinished document (ASan's leak check). */
static void test_close_early(void **state)
{
	struct parse_stream *ps = parse_open_buffer(comp.data, comp.len, "comp", NULL);
	struct doc_set s = { 0 };

	(void)state;
	assert_int_equal(parse_next(ps, &s, 1), 1);
	assert_false(parse_done(ps));
	assert_true(parse_progress(ps) > 0.0 && parse_progress(ps) < 1.0);
	parse_close(ps);
	parse_close(NULL);
	doc_set_free(&s);
}

static bool cp1252_warned(const char *text, size_t len)
{
	struct doc_set s = { 0 };
	bool w = false;

	parse_buffer(text, len, "t", &s);
	for (size_t i = 0; i < s.n; i++)
		for (size_t k = 0; k < s.docs[i]->n_warnings; k++)
			if (strstr(s.docs[i]->warnings[k].msg, "Windows-1252"))
				w = true;
	doc_set_free(&s);
	return w;
}

/* A two- to four-byte character at every offset around the 64-byte blocks
 * the first look goes through, and an invalid byte at every offset. */
static void test_scan_blocks(void **state)
{
	static const char *const chars[] = { "\xC3\xA9", "\xE2\x80\x91", "\xF0\x9F\x98\x80" };
	char buf[300];

	(void)state;
	for (size_t c = 0; c < 3; c++) {
		size_t cl = strlen(chars[c]);

		for (size_t at = 0; at + cl < sizeof(buf) - 1; at++) {
			memset(buf, 'a', sizeof(buf));
			buf[sizeof(buf) - 1] = '\n';
			memcpy(buf + at, chars[c], cl);
			assert_false(cp1252_warned(buf, sizeof(buf)));
			/* cut the character short: no longer UTF-8 */
			buf[at + cl - 1] = 'a';
			assert_true(cp1252_warned(buf, sizeof(buf)));
		}
	}
	for (size_t at = 0; at < sizeof(buf) - 1; at++) {
		memset(buf, 'a', sizeof(buf));
		buf[at] = (char)0x93; /* a cp1252 quote */
		assert_true(cp1252_warned(buf, sizeof(buf)));
	}
}

/* parse_open reports the first NUL byte exactly, wherever it is: in a
 * plain block, in a block with UTF-8, in the bytes just past such a
 * block, after text that is not UTF-8. */
static void test_scan_nul(void **state)
{
	char path[] = "/tmp/resolute-test-stream-XXXXXX";
	int fd = mkstemp(path);
	char buf[400];

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	for (int variant = 0; variant < 3; variant++) {
		for (size_t at = 1; at < sizeof(buf); at += (at < 140 ? 1 : 37)) {
			char err[256], want[64];
			FILE *f;
			struct parse_stream *ps;
			struct doc_set s = { 0 };

			memset(buf, 'x', sizeof(buf));
			if (variant == 1 && at > 3)
				memcpy(buf + (at > 66 ? 62 : at - 3), "\xC3\xA9", 2);
			if (variant == 2)
				buf[0] = (char)0x93;
			buf[at] = '\0';
			f = fopen(path, "wb");
			assert_non_null(f);
			assert_int_equal(fwrite(buf, 1, sizeof(buf), f), sizeof(buf));
			fclose(f);
			ps = parse_open(path, NULL, err, sizeof(err));
			assert_null(ps);
			snprintf(want, sizeof(want), "binary file: NUL byte at offset %zu", at);
			assert_string_equal(err, want);
			/* parse_buffer has no NUL rule: it parses on */
			assert_true(parse_buffer(buf, sizeof(buf), "b", &s) >= 1);
			doc_set_free(&s);
		}
	}
	unlink(path);
}

/* Write buf to a temporary file and open it: NULL and the reason in err,
 * or the first document's "Windows-1252" warning in *cp1252. */
static bool open_big(const char *buf, size_t len, char *err, size_t errlen, bool *cp1252)
{
	char path[] = "/tmp/resolute-test-stream-XXXXXX";
	int fd = mkstemp(path);
	struct parse_stream *ps;
	struct doc_set s = { 0 };

	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
	close(fd);
	ps = parse_open(path, NULL, err, errlen);
	unlink(path);
	if (!ps)
		return false;
	parse_next(ps, &s, 1);
	parse_close(ps);
	*cp1252 = false;
	for (size_t k = 0; k < s.docs[0]->n_warnings; k++)
		if (strstr(s.docs[0]->warnings[k].msg, "Windows-1252"))
			*cp1252 = true;
	doc_set_free(&s);
	return true;
}

/* A file of 4 MB, looked at in 64 KiB reads: a character across its
 * middle and across the reads' edges, a bad byte there or a NUL in either
 * half, a NUL after text that is not UTF-8. */
static void test_scan_halves(void **state)
{
	size_t len = (4u << 20) + 1000, mid = len / 2;
	char *buf = malloc(len), err[256], want[64];
	bool cp;

	(void)state;
	assert_non_null(buf);
	for (size_t i = 0; i < len; i++)
		buf[i] = i % 80 == 79 ? '\n' : 'a';
	/* the middle, and where parse_open's 64 KiB reads meet */
	static const size_t edges[] = { 0 /* mid */, 1u << 16, 3u << 16, 1u << 20 };
	for (size_t e = 0; e < sizeof(edges) / sizeof(edges[0]); e++) {
		size_t m = edges[e] ? edges[e] : mid;

		for (size_t at = m - 4; at <= m + 1; at++) {
			memcpy(buf + at, "\xF0\x9F\x98\x80", 4); /* four bytes across it */
			assert_true(open_big(buf, len, err, sizeof(err), &cp));
			assert_false(cp);
			memset(buf + at, 'a', 4);
			memcpy(buf + at, "\xC3\xA9", 2); /* two bytes */
			assert_true(open_big(buf, len, err, sizeof(err), &cp));
			assert_false(cp);
			memset(buf + at, 'a', 4);
		}
		for (size_t at = m - 2; at <= m + 2; at++) {
			buf[at] = (char)0x80; /* a lone continuation byte */
			assert_true(open_big(buf, len, err, sizeof(err), &cp));
			assert_true(cp);
			buf[at] = (char)0xC3; /* a lead byte without its continuation */
			assert_true(open_big(buf, len, err, sizeof(err), &cp));
			assert_true(cp);
			buf[at] = 'a';
		}
	}
	buf[len - 10] = (char)0xE9; /* Latin-1 at the very end */
	assert_true(open_big(buf, len, err, sizeof(err), &cp));
	assert_true(cp);
	buf[len - 10] = 'a';
	static const size_t nuls[] = { 5, 65535, 0 /* mid */, 0 /* mid + 1 */, 0 /* len - 1 */ };
	for (size_t i = 0; i < sizeof(nuls) / sizeof(nuls[0]); i++) {
		size_t at = i < 2 ? nuls[i] : i == 2 ? mid : i == 3 ? mid + 1 : len - 1;

		buf[at] = '\0';
		if (i == 4)
			buf[10] = (char)0x93; /* not UTF-8 before it: the NUL still counts */
		assert_false(open_big(buf, len, err, sizeof(err), &cp));
		snprintf(want, sizeof(want), "binary file: NUL byte at offset %zu", at);
		assert_string_equal(err, want);
		buf[at] = 'a';
		buf[10] = 'a';
	}
	/* two NULs, one in each half: the first is reported */
	buf[len - 5] = '\0';
	buf[100] = '\0';
	assert_false(open_big(buf, len, err, sizeof(err), &cp));
	assert_string_equal(err, "binary file: NUL byte at offset 100");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steps_same_as_whole),
		cmocka_unit_test(test_steps_big_input),
		cmocka_unit_test(test_no_refs),
		cmocka_unit_test(test_no_leads),
		cmocka_unit_test(test_close_early),
		cmocka_unit_test(test_scan_blocks),
		cmocka_unit_test(test_scan_nul),
		cmocka_unit_test(test_scan_halves),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
