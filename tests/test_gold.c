/* test_gold.c: parse every corpus text in tests/data/corpus and compare
 * with tests/data/gold.tsv (facts from the official UN XML, converted by
 * tests/data/make-gold-tsv): paragraph counts, operative numbers,
 * headings, sub-paragraphs, footnotes, annex, adoption date; then the
 * share of the gold references found by the reference extractor. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
#include "parse.h"

#define MAX_ROWS 128
#define REFS_MIN_PERCENT 95

struct gold {
	char file[128];
	int pp, op, unnumbered, sub, fn;
	char numbers[1024];
	bool annex;
	char adopted[16];
	char refs[8192];
};

static struct gold rows[MAX_ROWS];
static size_t nrows;
static size_t refs_total, refs_found;

/* Split line at tabs into at most n fields (in place). */
static size_t split_tabs(char *line, char **f, size_t n)
{
	size_t k = 0;

	while (k < n) {
		char *t = strchr(line, '\t');

		f[k++] = line;
		if (!t)
			break;
		*t = '\0';
		line = t + 1;
	}
	return k;
}

static bool load_gold(void)
{
	FILE *fp = fopen(TEST_DATADIR "/gold.tsv", "r");
	char line[16384];

	if (!fp)
		return false;
	while (fgets(line, sizeof line, fp)) {
		char *f[10];
		struct gold *g;

		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (split_tabs(line, f, 10) != 10 || nrows >= MAX_ROWS) {
			fclose(fp);
			return false;
		}
		g = &rows[nrows++];
		snprintf(g->file, sizeof g->file, "%s", f[0]);
		g->pp = atoi(f[1]);
		g->op = atoi(f[2]);
		snprintf(g->numbers, sizeof g->numbers, "%s", strcmp(f[3], "-") ? f[3] : "");
		g->unnumbered = atoi(f[4]);
		g->sub = atoi(f[5]);
		g->fn = atoi(f[6]);
		g->annex = strcmp(f[7], "true") == 0;
		snprintf(g->adopted, sizeof g->adopted, "%s", f[8]);
		snprintf(g->refs, sizeof g->refs, "%s", strcmp(f[9], "-") ? f[9] : "");
	}
	fclose(fp);
	return nrows > 0;
}

/* The measures the gold counts, computed from a parsed document. */
struct measure {
	int pp, op, unnumbered, sub;
	char numbers[1024];
};

static void measure(const struct doc *d, struct measure *m)
{
	memset(m, 0, sizeof *m);
	for (size_t i = 0; i < d->n_paras; i++) {
		const struct doc_para *p = &d->paras[i];

		if (p->kind == DOC_PARA_PREAMBULAR)
			m->pp++;
		if (p->kind == DOC_PARA_OPERATIVE) {
			m->op++;
			if (!p->number) {
				m->unnumbered++;
			} else if (strlen(m->numbers) + strlen(p->number) + 2 < sizeof m->numbers) {
				if (m->numbers[0])
					strcat(m->numbers, " ");
				strcat(m->numbers, p->number);
			}
		}
		if (p->part != DOC_PART_OPERATIVE)
			continue;
		/* the XML's unnumbered body paragraphs: headings and the
		 * unnumbered ends of paragraphs after their lists */
		if (p->kind == DOC_PARA_HEADING || p->kind == DOC_PARA_PLAIN)
			m->unnumbered++;
		if (p->kind == DOC_PARA_SUBPARAGRAPH)
			m->sub++;
	}
}

static bool has_target(const struct doc *d, const char *t, size_t n)
{
	for (size_t i = 0; i < d->n_refs; i++)
		if (d->refs[i].target && strlen(d->refs[i].target) == n &&
		    memcmp(d->refs[i].target, t, n) == 0)
			return true;
	return false;
}

static void test_file(void **state)
{
	const struct gold *g = *state;
	char path[512], err[256];
	struct doc_set set = { 0 };
	struct measure m;
	const struct doc *d;
	const char *r;

	snprintf(path, sizeof path, "%s/corpus/%s", TEST_DATADIR, g->file);
	assert_int_equal(parse_file(path, &set, err, sizeof err), 1);
	d = set.docs[0];
	assert_true(d->is_resolution);
	measure(d, &m);
	assert_int_equal(m.pp, g->pp);
	assert_int_equal(m.op, g->op);
	assert_string_equal(m.numbers, g->numbers);
	assert_int_equal(m.unnumbered, g->unnumbered);
	assert_int_equal(m.sub, g->sub);
	assert_int_equal((int)d->n_footnotes, g->fn);
	assert_int_equal(d->n_annexes > 0, g->annex);
	assert_non_null(d->adopted);
	assert_string_equal(d->adopted, g->adopted);
	/* symbol from the file name: A-RES-80-15.* -> A/RES/80/15 */
	{
		char sym[64];
		size_t k = strcspn(g->file, ".");

		snprintf(sym, sizeof sym, "%.*s", (int)k, g->file);
		for (char *p = sym; *p; p++)
			if (*p == '-')
				*p = '/';
		assert_non_null(d->symbol);
		assert_string_equal(d->symbol, sym);
	}
	for (r = g->refs; *r;) {
		size_t n = strcspn(r, ",");

		refs_total++;
		refs_found += has_target(d, r, n);
		r += n;
		if (*r == ',')
			r++;
	}
	doc_set_free(&set);
}

static void test_refs(void **state)
{
	(void)state;
	assert_true(refs_total > 0);
	print_message("gold references found: %zu of %zu (%.1f%%)\n", refs_found, refs_total,
		      100.0 * (double)refs_found / (double)refs_total);
	assert_true(refs_found * 100 >= refs_total * REFS_MIN_PERCENT);
}

int main(void)
{
	struct CMUnitTest *tests;
	size_t n = 0;

	if (!load_gold()) {
		fprintf(stderr, "test_gold: cannot read %s/gold.tsv\n", TEST_DATADIR);
		return 1;
	}
	tests = calloc(nrows + 1, sizeof *tests);
	if (!tests)
		return 1;
	for (size_t i = 0; i < nrows; i++) {
		tests[n].name = rows[i].file;
		tests[n].test_func = test_file;
		tests[n].initial_state = &rows[i];
		n++;
	}
	tests[n].name = "gold references (>= 95%)";
	tests[n].test_func = test_refs;
	n++;
	{
		int rc = _cmocka_run_group_tests("gold", tests, n, NULL, NULL);

		free(tests);
		return rc;
	}
}
