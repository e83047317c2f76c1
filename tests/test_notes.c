/* test_notes.c: the notes store: file names, round trip, re-anchoring,
 * hostile and malformed files, parallel writers, the command line. */
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
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "doc.h"
#include "fsutil.h"
#include "notes.h"
#include "parse.h"

/* ---- fixtures ---------------------------------------------------------- */

struct fx {
	char dir[64];   /* private XDG_DATA_HOME */
	char store[96]; /* dir/resolute */
};

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	snprintf(f->dir, sizeof(f->dir), "/tmp/resolute-notes-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->store, sizeof(f->store), "%s/resolute", f->dir);
	setenv("XDG_DATA_HOME", f->dir, 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	chmod(f->dir, 0700);
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* A document built by hand: ids and texts, in order. */
static struct doc *make_doc(const char *symbol, const char *const *ids, const char *const *texts,
			    size_t n)
{
	struct doc *d = doc_new();
	size_t i;

	d->symbol = symbol ? util_arena_strdup(&d->arena, symbol) : NULL;
	d->title = util_arena_strdup(&d->arena, "A test resolution");
	for (i = 0; i < n; i++) {
		struct doc_para p = { 0 };

		p.kind = ids[i][0] == 'p' ? DOC_PARA_PREAMBULAR : DOC_PARA_OPERATIVE;
		p.part = ids[i][0] == 'p' ? DOC_PART_PREAMBLE : DOC_PART_OPERATIVE;
		p.id = util_arena_strdup(&d->arena, ids[i]);
		p.text = util_arena_strdup(&d->arena, texts[i]);
		p.text_len = strlen(texts[i]);
		p.parent = -1;
		p.annex = -1;
		p.line = (int)i + 1;
		doc_add_para(d, &p);
	}
	return d;
}

/* A resolution from a sample in the UN document-system layout, split by a
 * few lines of code (no parser): "\tN.\t" starts opN, other tab-led lines
 * after "The General Assembly," are ppN. Footnote digits stay in the text. */
static struct doc *sample_doc(const char *name, const char *symbol)
{
	char path[512], line[8192];
	struct doc *d = doc_new();
	FILE *f;
	int pp = 0;
	bool body = false;

	snprintf(path, sizeof(path), "%s/%s", TEST_SAMPLES, name);
	f = fopen(path, "r");
	assert_non_null(f);
	d->symbol = util_arena_strdup(&d->arena, symbol);
	while (fgets(line, sizeof(line), f)) {
		struct doc_para p = { 0 };
		char id[32];
		const char *text;
		int num;
		size_t len = strcspn(line, "\r\n");

		line[len] = '\0';
		if (strstr(line, "The General Assembly,")) {
			body = true;
			continue;
		}
		if (!body || line[0] != '\t')
			continue;
		if (sscanf(line, "\t%d.\t", &num) == 1) {
			snprintf(id, sizeof(id), "op%d", num);
			text = strchr(line + 1, '\t') + 1;
		} else {
			snprintf(id, sizeof(id), "pp%d", ++pp);
			text = line + 1;
		}
		p.kind = id[0] == 'o' ? DOC_PARA_OPERATIVE : DOC_PARA_PREAMBULAR;
		p.id = util_arena_strdup(&d->arena, id);
		p.text = util_arena_strdup(&d->arena, text);
		p.text_len = strlen(text);
		p.parent = -1;
		p.annex = -1;
		doc_add_para(d, &p);
	}
	fclose(f);
	assert_true(d->n_paras > 20);
	return d;
}

static void open_store(struct fx *f, struct notes_store *s)
{
	char err[512];

	assert_int_equal(notes_store_open(s, f->store, err, sizeof(err)), 0);
}

/* Whole file into a malloc'd buffer; *len its size; NULL if absent. */
static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static void spit(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static const char *const ids5[] = { "pp1", "pp2", "op1", "op2", "op3" };
static const char *const texts5[] = {
	"Recalling its resolution 53/144 of 9 December 1998,",
	"Emphasizing the need for strong and effective measures for the protection of human "
	"rights defenders,",
	"Calls upon all States to promote and give full effect to the Declaration;",
	"Encourages all States to ensure and maintain an environment conducive to the work of "
	"human rights defenders;",
	"Decides to consider this question at its fifty-ninth session.",
};

/* ---- file names -------------------------------------------------------- */

static void check_name(const char *symbol)
{
	char name[256], back[1024];
	size_t i, n;

	notes_file_name(symbol, name, sizeof(name));
	n = strlen(name);
	assert_true(fsutil_name_ok(name));
	assert_true(name[0] != '.');
	assert_true(n <= NOTES_NAME_MAX + 5);
	assert_string_equal(name + n - 5, ".yaml");
	for (i = 0; i < n; i++) {
		char c = name[i];

		assert_true((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' ||
			    c == '+');
	}
	/* reversible unless cut */
	if (!strchr(name, '+') && symbol[0]) {
		assert_true(notes_file_symbol(name, back, sizeof(back)));
		assert_string_equal(back, symbol);
	}
}

static void test_file_names(void **state)
{
	char name[256], other[256], longsym[600];
	static const char *const hostile[] = {
		"../x", "", "/", "..", ".", ".hidden", "A/RES/58/178", "a\nb", "\x1b[2J",
		"E/CN.4/RES/2004/68", "A/67/828-S/2013/210", "x/../../etc/passwd", "caf\xc3\xa9",
		"\xff\xfe", "S/RES/1325 (2000)", "_41", "A-RES-58-178",
	};
	size_t i;

	(void)state;
	notes_file_name("A/RES/58/178", name, sizeof(name));
	assert_string_equal(name, "A-RES-58-178.yaml");
	notes_file_name("E/CN.4/RES/2004/68", name, sizeof(name));
	assert_string_equal(name, "E-CN.4-RES-2004-68.yaml");
	notes_file_name("../x", name, sizeof(name));
	assert_string_equal(name, "_2E.-x.yaml");
	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		check_name(hostile[i]);
	/* distinct symbols, distinct names */
	notes_file_name("A/B", name, sizeof(name));
	notes_file_name("A-B", other, sizeof(other));
	assert_string_not_equal(name, other);
	notes_file_name("_41", name, sizeof(name));
	notes_file_name("A", other, sizeof(other));
	assert_string_not_equal(name, other);
	/* very long: cut, with a hash that tells long symbols apart */
	memset(longsym, 'A', sizeof(longsym) - 1);
	longsym[sizeof(longsym) - 1] = '\0';
	check_name(longsym);
	notes_file_name(longsym, name, sizeof(name));
	assert_non_null(strchr(name, '+'));
	longsym[500] = 'B';
	notes_file_name(longsym, other, sizeof(other));
	assert_string_not_equal(name, other);
	memset(longsym, '/', 300);
	longsym[300] = '\0';
	check_name(longsym);
}

/* A hostile symbol in a real store: the file lands inside the directory. */
static void test_hostile_symbol_store(void **state)
{
	struct fx *f = *state;
	static const char *const syms[] = {
		"../../escape", "/", "..", ".lock", "/etc/passwd", "a\nb\x1b[2J\t",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
		"/../../../../../../../../../../../../../../../../../../../../../../../../../..",
	};
	struct notes_store s;
	char err[512], path[512];
	size_t i;
	struct stat st;

	open_store(f, &s);
	for (i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		struct doc *d = make_doc(syms[i], ids5, texts5, 5);
		struct notes_doc nd;

		assert_int_equal(notes_load(&s, d, &nd, err, sizeof(err)), 0);
		notes_anchor(&nd, d);
		assert_int_equal(notes_set(&s, &nd, d, 2, "mine", err, sizeof(err)), 0);
		snprintf(path, sizeof(path), "%s/%s", f->store, nd.file);
		assert_int_equal(lstat(path, &st), 0);
		assert_true(S_ISREG(st.st_mode));
		assert_int_equal(st.st_mode & 0777, 0600);
		notes_doc_free(&nd);
		/* reload finds it */
		assert_int_equal(notes_load(&s, d, &nd, err, sizeof(err)), 0);
		assert_int_equal(nd.n, 1);
		assert_string_equal(nd.symbol, syms[i]);
		notes_doc_free(&nd);
		doc_free(d);
	}
	/* nothing escaped: the parent holds only the store directory */
	snprintf(path, sizeof(path), "%s/escape", f->dir);
	assert_int_not_equal(lstat(path, &st), 0);
	snprintf(path, sizeof(path), "%s/.lock", f->store);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(stat(f->store, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	notes_store_close(&s);
}

/* ---- round trip ---------------------------------------------------------- */

static void test_round_trip(void **state)
{
	struct fx *f = *state;
	static const char *const notes[] = {
		"Compare with 58/178 op5.",
		"Two lines\nsecond: with a colon",
		"  leading spaces\n\tand a tab\n\nblank line above",
		"trailing spaces on a line   \nnext",
		"null",
		"true",
		"# not a comment",
		"- not a list\n- really",
		"\"quoted\" and 'single' and \\ backslash",
		"Unicode: caf\xc3\xa9 \xe2\x80\x94 \xe2\x80\x9cquotes\xe2\x80\x9d \xe4\xb8\xad\xe6\x96\x87",
		"escape \x1b[31m stays data",
		"key: value\n  indented: more\n---\n...",
	};
	size_t nn = sizeof(notes) / sizeof(notes[0]), i;
	const char *ids[16], *texts[16];
	char idbuf[16][8], textbuf[16][64], err[512];
	struct notes_store s;
	struct notes_doc nd, back;
	struct doc *d;
	struct util_buf b1 = { 0 }, b2 = { 0 };

	for (i = 0; i < nn; i++) {
		snprintf(idbuf[i], sizeof(idbuf[i]), "op%zu", i + 1);
		snprintf(textbuf[i], sizeof(textbuf[i]), "Paragraph number %zu says something %zu.",
			 i + 1, i * 7);
		ids[i] = idbuf[i];
		texts[i] = textbuf[i];
	}
	d = make_doc("A/RES/62/152", ids, texts, nn);
	open_store(f, &s);
	s.now = 1795000000;
	assert_int_equal(notes_load(&s, d, &nd, err, sizeof(err)), 0);
	assert_int_equal(nd.n, 0);
	for (i = 0; i < nn; i++)
		assert_int_equal(notes_set(&s, &nd, d, (int)i, notes[i], err, sizeof(err)), 0);
	assert_int_equal(notes_toggle_highlight(&s, &nd, d, 3, err, sizeof(err)), 0);
	assert_int_equal(nd.n, nn);
	notes_doc_free(&nd);

	/* a second process's view: a fresh load */
	assert_int_equal(notes_load(&s, d, &back, err, sizeof(err)), 0);
	assert_int_equal(back.n, nn);
	assert_string_equal(back.symbol, "A/RES/62/152");
	assert_string_equal(back.title, "A test resolution");
	notes_anchor(&back, d);
	for (i = 0; i < nn; i++) {
		const struct note *n = &back.notes[notes_find(&back, (int)i)];

		assert_string_equal(n->text, notes[i]);
		assert_string_equal(n->para_id, ids[i]);
		assert_int_equal(n->match, NOTES_EXACT);
		assert_int_equal(n->highlight, i == 3);
		assert_string_equal(n->created, "2026-11-18T11:06:40Z");
		assert_string_equal(n->modified, "2026-11-18T11:06:40Z");
	}
	/* serialize -> parse -> serialize is byte-identical */
	notes_serialize(&back, &b1);
	assert_int_equal(notes_parse("mem", b1.data, b1.len, &nd, err, sizeof(err)), 0);
	notes_serialize(&nd, &b2);
	assert_int_equal(b1.len, b2.len);
	assert_memory_equal(b1.data, b2.data, b1.len);
	/* human-readable: the layout of doc/notes.md */
	assert_non_null(strstr(b1.data, "\nversion: 1\nsymbol: A/RES/62/152\n"));
	assert_non_null(strstr(b1.data, "- paragraph: op1\n"));
	assert_non_null(strstr(b1.data, "  note: \"Compare with 58/178 op5.\"\n"));
	assert_non_null(strstr(b1.data, "  note: |-\n    Two lines\n    second: with a colon\n"));
	assert_non_null(strstr(b1.data, "  created: 2026-11-18T11:06:40Z\n"));
	notes_doc_free(&nd);
	util_buf_free(&b1);
	util_buf_free(&b2);

	/* edit keeps created, moves modified; CR LF and trailing white space */
	s.now += 3600;
	assert_int_equal(notes_set(&s, &back, d, 0, "edited\r\nline two\r\n\n  ", err,
				   sizeof(err)), 0);
	i = (size_t)notes_find(&back, 0);
	assert_string_equal(back.notes[i].text, "edited\nline two");
	assert_string_equal(back.notes[i].created, "2026-11-18T11:06:40Z");
	assert_string_equal(back.notes[i].modified, "2026-11-18T12:06:40Z");
	/* invalid UTF-8 is refused, nothing changes */
	assert_int_equal(notes_set(&s, &back, d, 0, "bad \xff byte", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "UTF-8"));
	assert_string_equal(back.notes[i].text, "edited\nline two");
	/* empty text deletes; on a highlighted note it keeps the highlight */
	assert_int_equal(notes_set(&s, &back, d, 0, " \n", err, sizeof(err)), 0);
	assert_int_equal(notes_find(&back, 0), -1);
	assert_int_equal(notes_set(&s, &back, d, 3, "", err, sizeof(err)), 0);
	i = (size_t)notes_find(&back, 3);
	assert_true(back.notes[i].highlight);
	assert_string_equal(back.notes[i].text, "");
	assert_int_equal(notes_toggle_highlight(&s, &back, d, 3, err, sizeof(err)), 0);
	assert_int_equal(notes_find(&back, 3), -1);
	assert_int_equal(notes_delete(&s, &back, d, 1, err, sizeof(err)), 0);
	assert_int_equal(back.n, nn - 3);
	notes_doc_free(&back);
	assert_int_equal(notes_load(&s, d, &back, err, sizeof(err)), 0);
	assert_int_equal(back.n, nn - 3);
	notes_doc_free(&back);
	notes_store_close(&s);
	doc_free(d);
}

/* Deleting the last note removes the file; a document without a symbol is
 * keyed by its text. */
static void test_no_symbol_and_empty(void **state)
{
	struct fx *f = *state;
	struct notes_store s;
	struct notes_doc nd;
	char err[512], path[512];
	struct doc *d = make_doc(NULL, ids5, texts5, 5);
	struct stat st;

	open_store(f, &s);
	assert_int_equal(notes_load(&s, d, &nd, err, sizeof(err)), 0);
	assert_null(nd.symbol);
	assert_non_null(nd.doc_hash);
	assert_int_equal(strncmp(nd.file, "_text-", 6), 0);
	assert_int_equal(notes_set(&s, &nd, d, 4, "on plain text", err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/%s", f->store, nd.file);
	assert_int_equal(stat(path, &st), 0);
	notes_doc_free(&nd);
	assert_int_equal(notes_load(&s, d, &nd, err, sizeof(err)), 0);
	assert_int_equal(nd.n, 1);
	notes_anchor(&nd, d);
	assert_int_equal(notes_delete(&s, &nd, d, 4, err, sizeof(err)), 0);
	assert_int_equal(nd.n, 0);
	assert_int_not_equal(stat(path, &st), 0);
	notes_doc_free(&nd);
	notes_store_close(&s);
	doc_free(d);
}

/* ---- re-anchoring -------------------------------------------------------- */

/* Save notes on paragraphs of `from`, return them anchored to `to`. */
static void notes_on(struct fx *f, struct doc *from, const int *paras, size_t n,
		     struct doc *to, struct notes_doc *out)
{
	struct notes_store s;
	char err[512], text[64];
	size_t i;

	open_store(f, &s);
	assert_int_equal(notes_load(&s, from, out, err, sizeof(err)), 0);
	notes_anchor(out, from);
	for (i = 0; i < n; i++) {
		snprintf(text, sizeof(text), "note on %s", from->paras[paras[i]].id);
		assert_int_equal(notes_set(&s, out, from, paras[i], text, err, sizeof(err)), 0);
	}
	notes_doc_free(out);
	assert_int_equal(notes_load(&s, to, out, err, sizeof(err)), 0);
	assert_int_equal(out->n, n);
	notes_anchor(out, to);
	notes_store_close(&s);
}

static const struct note *by_text(const struct notes_doc *nd, const char *text)
{
	size_t i;

	for (i = 0; i < nd->n; i++)
		if (!strcmp(nd->notes[i].text, text))
			return &nd->notes[i];
	fail_msg("no note '%s'", text);
	return NULL;
}

static void test_reanchor_edits(void **state)
{
	struct fx *f = *state;
	static const char *const ids_ins[] = { "pp1", "pp2", "op1", "op2", "op3", "op4" };
	static const char *const texts_ins[] = {
		"Recalling its resolution 53/144 of 9 December 1998,",
		"Emphasizing the need for strong and effective measures for the protection of "
		"human rights defenders,",
		"Reaffirms the Declaration;",
		"Calls upon all States to promote and give full effect to the Declaration;",
		"Encourages all States to ensure and maintain an environment conducive to the "
		"work of human rights defenders;",
		"Decides to consider this question at its sixtieth session.",
	};
	static const char *const ids_del[] = { "pp1", "op1", "op2" };
	static const char *const texts_del[] = {
		"Recalling its resolution 53/144 of 9 December 1998,",
		("Encourages all States to ensure and maintain an enabling environment for the "
		 "work of human rights defenders;"),
		"Decides to consider this question at its fifty-ninth session.",
	};
	static const int all[] = { 0, 1, 2, 3, 4 };
	struct doc *orig = make_doc("A/RES/1/1", ids5, texts5, 5);
	struct doc *ins = make_doc("A/RES/1/1", ids_ins, texts_ins, 6);
	struct doc *del = make_doc("A/RES/1/1", ids_del, texts_del, 3);
	struct notes_doc nd;
	const struct note *n;

	/* insertion: op1 -> op2 (same text, moved), op3 reworded -> op4 */
	notes_on(f, orig, all, 5, ins, &nd);
	n = by_text(&nd, "note on pp1");
	assert_int_equal(n->match, NOTES_EXACT);
	assert_int_equal(n->para, 0);
	n = by_text(&nd, "note on op1");
	assert_int_equal(n->match, NOTES_MOVED);
	assert_string_equal(ins->paras[n->para].id, "op2");
	n = by_text(&nd, "note on op2");
	assert_int_equal(n->match, NOTES_MOVED);
	assert_string_equal(ins->paras[n->para].id, "op3");
	n = by_text(&nd, "note on op3");
	assert_int_equal(n->match, NOTES_FUZZY);
	assert_string_equal(ins->paras[n->para].id, "op4");
	notes_doc_free(&nd);

	/* deletion and rewording: pp2 and op1 are gone, op2 reworded -> op1 */
	notes_anchor(&nd, del); /* empty: harmless */
	{
		struct notes_store s;
		char err[512];

		open_store(f, &s);
		assert_int_equal(notes_load(&s, del, &nd, err, sizeof(err)), 0);
		notes_anchor(&nd, del);
		n = by_text(&nd, "note on pp2");
		assert_int_equal(n->match, NOTES_ORPHAN);
		assert_int_equal(n->para, -1);
		n = by_text(&nd, "note on op1");
		assert_int_equal(n->match, NOTES_ORPHAN);
		n = by_text(&nd, "note on op2");
		assert_int_equal(n->match, NOTES_FUZZY);
		assert_string_equal(del->paras[n->para].id, "op1");
		assert_true(n->score >= 0.55 && n->score < 1.0);
		n = by_text(&nd, "note on op3");
		assert_int_equal(n->match, NOTES_MOVED);
		assert_string_equal(del->paras[n->para].id, "op2");

		/* orphans survive a save to the same document ... */
		assert_int_equal(notes_set(&s, &nd, del, 0, "edited pp1", err, sizeof(err)), 0);
		assert_int_equal(nd.n, 5);
		n = by_text(&nd, "note on pp2");
		assert_int_equal(n->match, NOTES_ORPHAN);
		/* ... and an edit through the new text moves that note's anchor */
		assert_int_equal(notes_set(&s, &nd, del, 1, "edited op2", err, sizeof(err)), 0);
		n = by_text(&nd, "edited op2");
		assert_string_equal(n->para_id, "op1");
		assert_int_equal(n->match, NOTES_EXACT);
		assert_int_equal(nd.n, 5);
		notes_doc_free(&nd);
		notes_store_close(&s);
	}
	doc_free(orig);
	doc_free(ins);
	doc_free(del);
}

/* Two identical paragraphs: the hash match prefers the same id, then the
 * context before it. */
static void test_reanchor_duplicates(void **state)
{
	struct fx *f = *state;
	static const char *const ids[] = { "op1", "op2", "op3", "op4", "op5" };
	static const char *const t1[] = { "Alpha first paragraph text here.",
					  "Requests a report.",
					  "Beta second paragraph text here.",
					  "Requests a report." };
	static const char *const t2[] = { "Inserted paragraph at the very start.",
					  "Alpha first paragraph text here.",
					  "Requests a report.",
					  "Beta second paragraph text here.",
					  "Requests a report." };
	static const int which[] = { 1, 3 };
	struct doc *a = make_doc("A/RES/2/2", ids, t1, 4);
	struct doc *b = make_doc("A/RES/2/2", ids, t2, 5);
	struct notes_doc nd;
	const struct note *n;

	notes_on(f, a, which, 2, b, &nd);
	/* each copy follows the paragraph it came after */
	n = by_text(&nd, "note on op2");
	assert_int_equal(n->match, NOTES_MOVED);
	assert_string_equal(b->paras[n->para].id, "op3");
	n = by_text(&nd, "note on op4");
	assert_int_equal(n->match, NOTES_MOVED);
	assert_string_equal(b->paras[n->para].id, "op5");
	notes_doc_free(&nd);
	/* back in the first text, the same ids win */
	{
		struct notes_store s;
		char err[256];

		open_store(f, &s);
		assert_int_equal(notes_load(&s, a, &nd, err, sizeof(err)), 0);
		notes_store_close(&s);
	}
	notes_anchor(&nd, a);
	assert_int_equal(by_text(&nd, "note on op2")->match, NOTES_EXACT);
	assert_int_equal(by_text(&nd, "note on op4")->para, 3);
	notes_doc_free(&nd);
	doc_free(a);
	doc_free(b);
}

/* 58/178 -> 62/152: a real renumbering, built by hand from the samples. */
static void test_reanchor_samples(void **state)
{
	struct fx *f = *state;
	struct doc *old = sample_doc("A-RES-58-178.txt", "A/RES/58/178");
	struct doc *new = sample_doc("A-RES-62-152.txt", "A/RES/58/178"); /* same file */
	int paras[4];
	struct notes_doc nd;
	const struct note *n;

	paras[0] = doc_find_para(old, "op5");
	paras[1] = doc_find_para(old, "pp1");
	paras[2] = doc_find_para(old, "op3");  /* gone in 62/152 */
	paras[3] = doc_find_para(old, "op15"); /* reworded: fifty-ninth session */
	assert_true(paras[0] >= 0 && paras[1] >= 0 && paras[2] >= 0 && paras[3] >= 0);
	notes_on(f, old, paras, 4, new, &nd);
	n = by_text(&nd, "note on op5");
	assert_int_equal(n->match, NOTES_FUZZY);
	assert_string_equal(new->paras[n->para].id, "op4");
	n = by_text(&nd, "note on pp1");
	assert_int_not_equal(n->match, NOTES_ORPHAN);
	assert_string_equal(new->paras[n->para].id, "pp1");
	n = by_text(&nd, "note on op3");
	assert_int_equal(n->match, NOTES_ORPHAN);
	n = by_text(&nd, "note on op15");
	assert_int_equal(n->match, NOTES_FUZZY);
	assert_string_equal(new->paras[n->para].id, "op17");
	notes_doc_free(&nd);
	doc_free(old);
	doc_free(new);
}

/* The same with the real parser. */
static void test_reanchor_parsed(void **state)
{
	struct fx *f = *state;
	struct doc_set s1 = { 0 }, s2 = { 0 };
	char p1[512], p2[512], err[256];
	int para;
	struct notes_store s;
	struct notes_doc nd;
	const struct note *n;

	snprintf(p1, sizeof(p1), "%s/A-RES-58-178.txt", TEST_SAMPLES);
	snprintf(p2, sizeof(p2), "%s/A-RES-62-152.txt", TEST_SAMPLES);
	assert_int_equal(parse_file(p1, &s1, err, sizeof(err)), 1);
	assert_int_equal(parse_file(p2, &s2, err, sizeof(err)), 1);
	para = doc_find_para(s1.docs[0], "op5");
	assert_true(para >= 0);
	assert_string_equal(s1.docs[0]->symbol, "A/RES/58/178");
	assert_string_equal(s2.docs[0]->symbol, "A/RES/62/152");
	open_store(f, &s);
	assert_int_equal(notes_load(&s, s1.docs[0], &nd, err, sizeof(err)), 0);
	assert_int_equal(notes_set(&s, &nd, s1.docs[0], para, "op5 of 58/178", err, sizeof(err)),
			 0);
	notes_doc_free(&nd);
	/* 62/152 is another document, another file */
	assert_int_equal(notes_load(&s, s2.docs[0], &nd, err, sizeof(err)), 0);
	assert_int_equal(nd.n, 0);
	notes_doc_free(&nd);
	/* the notes of 58/178 anchored to the text of 62/152 */
	assert_int_equal(notes_load(&s, s1.docs[0], &nd, err, sizeof(err)), 0);
	notes_store_close(&s);
	assert_int_equal(nd.n, 1);
	notes_anchor(&nd, s2.docs[0]);
	n = &nd.notes[0];
	assert_int_equal(n->match, NOTES_FUZZY);
	assert_string_equal(s2.docs[0]->paras[n->para].id, "op4");
	notes_doc_free(&nd);
	doc_set_free(&s1);
	doc_set_free(&s2);
}

/* ---- malformed and hostile files ------------------------------------- */

struct bad {
	const char *name;
	const char *yaml;
	const char *want; /* ":LINE:COL: message part" */
};

#define HEAD "version: 1\nsymbol: A/RES/9/9\n"
#define NOTE1                                                                           \
	"notes:\n  - paragraph: op1\n    hash: 0123456789abcdef\n    quote: \"q\"\n"    \
	"    note: \"n\"\n    created: 2026-11-22T12:00:00Z\n"                          \
	"    modified: 2026-11-22T12:00:00Z\n"

static const struct bad bad_files[] = {
	{ "alias", HEAD "title: &a \"x\"\nnotes: *a\n", ":3:8: anchors are not allowed" },
	{ "alias only", HEAD "notes: *a\n", ":3:8: " },
	{ "unknown top key", HEAD "colour: red\n", ":3:1: unknown key 'colour'" },
	{ "unknown note key", HEAD NOTE1 "    mood: happy\n", ":10:5: unknown key 'mood'" },
	{ "wrong type notes", HEAD "notes: 12\n", ":3:8: 'notes' in the notes file must be "
						   "a sequence" },
	{ "note not mapping", HEAD "notes:\n  - just text\n", ":4:5: each note must be" },
	{ "bad hash", HEAD "notes:\n  - paragraph: op1\n    hash: xyz\n", ":5:11: 'hash' must" },
	{ "bad bool", HEAD NOTE1 "    highlight: maybe\n", ":10:16: 'highlight' must be true" },
	{ "bad time", HEAD "notes:\n  - created: yesterday\n", ":4:14: 'created' must be" },
	{ "missing key", HEAD "notes:\n  - paragraph: op1\n    note: \"x\"\n",
	  ":4:5: note 1 is missing 'hash', 'quote', 'created', 'modified'" },
	{ "version 2", "version: 2\nsymbol: A/RES/9/9\n", ":1:10: unsupported version '2'" },
	{ "no version", "symbol: A/RES/9/9\n", ":1:1: missing 'version: 1'" },
	{ "wrong symbol", "version: 1\nsymbol: A/RES/1/1\n", ":1:1: holds the notes of A/RES/1/1" },
	{ "syntax", HEAD "notes: [unclosed\n", ":4:1: invalid YAML" },
	{ "two documents", HEAD "---\nversion: 1\n", ":3:1: more than one YAML document" },
	{ "not utf-8", HEAD "title: \"caf\xe9\"\n", ":3:13: not a YAML text file" },
	{ "empty", "", ":1:1: empty file" },
	{ "sequence root", "- 1\n- 2\n", ":1:1: a notes file must be a mapping" },
	{ "duplicate key", HEAD "symbol: A/RES/9/9\n", "duplicate key 'symbol'" },
	{ "nul escape", HEAD NOTE1 "    prefix: \"a\\0b\"\n", ":10:13: NUL character" },
};

/* Write content as the store file of A/RES/9/9, try to load and to save:
 * both fail with the message, and the file's bytes do not change. */
static void check_refused(struct fx *f, const char *content, size_t len, const char *want)
{
	struct notes_store s;
	struct notes_doc nd;
	struct doc *d = make_doc("A/RES/9/9", ids5, texts5, 5);
	char path[512], err[1024];
	char *after;
	size_t alen;

	open_store(f, &s);
	snprintf(path, sizeof(path), "%s/A-RES-9-9.yaml", f->store);
	spit(path, content, len);
	assert_int_equal(notes_load(&s, d, &nd, err, sizeof(err)), -1);
	if (!strstr(err, want))
		fail_msg("error '%s' lacks '%s'", err, want);
	assert_int_equal(strncmp(err, path, strlen(path)), 0);
	assert_int_equal(nd.n, 0);
	notes_anchor(&nd, d);
	assert_int_equal(notes_set(&s, &nd, d, 1, "must not be written", err, sizeof(err)), -1);
	assert_non_null(strstr(err, want));
	assert_int_equal(notes_toggle_highlight(&s, &nd, d, 1, err, sizeof(err)), -1);
	after = slurp(path, &alen);
	assert_non_null(after);
	assert_int_equal(alen, len);
	assert_memory_equal(after, content, len);
	free(after);
	notes_doc_free(&nd);
	notes_store_close(&s);
	doc_free(d);
	unlink(path);
}

static void test_malformed(void **state)
{
	struct fx *f = *state;
	size_t i;

	for (i = 0; i < sizeof(bad_files) / sizeof(bad_files[0]); i++) {
		print_message("# %s\n", bad_files[i].name);
		check_refused(f, bad_files[i].yaml, strlen(bad_files[i].yaml), bad_files[i].want);
	}
}

static void test_hostile_sizes(void **state)
{
	struct fx *f = *state;
	struct util_buf b = { 0 };
	char path[512], err[256];
	size_t i;
	int fd;

	/* nesting deeper than 32 */
	util_buf_puts(&b, HEAD "title: ");
	for (i = 0; i < 40; i++)
		util_buf_putc(&b, '[');
	for (i = 0; i < 40; i++)
		util_buf_putc(&b, ']');
	util_buf_putc(&b, '\n');
	check_refused(f, b.data, b.len, ":3:39: nested deeper than 32 levels");
	/* a scalar over 64 KiB */
	util_buf_clear(&b);
	util_buf_puts(&b, HEAD "title: \"");
	for (i = 0; i < (64 << 10) + 1; i++)
		util_buf_putc(&b, 'x');
	util_buf_puts(&b, "\"\n");
	check_refused(f, b.data, b.len, ":3:8: scalar longer than 64 KiB");
	/* a billion laughs is refused at the first anchor */
	util_buf_clear(&b);
	util_buf_puts(&b, HEAD "title: &a [\"lol\",\"lol\"]\nnotes: [*a,*a,*a,*a]\n");
	check_refused(f, b.data, b.len, "anchors are not allowed");
	util_buf_free(&b);
	/* a file over 16 MiB (sparse) */
	{
		struct notes_store s;
		struct notes_doc nd;
		struct doc *d = make_doc("A/RES/9/9", ids5, texts5, 5);
		struct stat st;

		open_store(f, &s);
		snprintf(path, sizeof(path), "%s/A-RES-9-9.yaml", f->store);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		assert_true(fd >= 0);
		assert_int_equal(ftruncate(fd, (off_t)NOTES_MAX_FILE + 1), 0);
		close(fd);
		assert_int_equal(notes_load(&s, d, &nd, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "larger than 16 MiB"));
		assert_int_equal(notes_set(&s, &nd, d, 1, "x", err, sizeof(err)), -1);
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_size, (off_t)NOTES_MAX_FILE + 1);
		unlink(path);
		notes_doc_free(&nd);
		notes_store_close(&s);
		doc_free(d);
	}
}

/* Planted symbolic links: the store file, the lock, the directory. */
static void test_symlinks(void **state)
{
	struct fx *f = *state;
	struct notes_store s;
	struct notes_doc nd;
	struct doc *d = make_doc("A/RES/9/9", ids5, texts5, 5);
	char path[512], target[512], err[512], *after;
	size_t alen;
	static const char victim[] = "precious: data\n";

	snprintf(target, sizeof(target), "%s/victim.yaml", f->dir);
	spit(target, victim, sizeof(victim) - 1);
	open_store(f, &s);
	snprintf(path, sizeof(path), "%s/A-RES-9-9.yaml", f->store);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(notes_load(&s, d, &nd, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "symbolic link"));
	assert_int_equal(notes_set(&s, &nd, d, 1, "x", err, sizeof(err)), -1);
	after = slurp(target, &alen);
	assert_int_equal(alen, sizeof(victim) - 1);
	assert_memory_equal(after, victim, alen);
	free(after);
	unlink(path);
	notes_doc_free(&nd);

	/* the lock file */
	snprintf(path, sizeof(path), "%s/.lock", f->store);
	unlink(path);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(notes_load(&s, d, &nd, err, sizeof(err)), 0);
	assert_int_equal(notes_set(&s, &nd, d, 1, "x", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "symbolic link"));
	unlink(path);
	notes_doc_free(&nd);
	notes_store_close(&s);

	/* the directory itself, and a directory others can write */
	snprintf(path, sizeof(path), "%s/linked", f->dir);
	assert_int_equal(symlink(f->store, path), 0);
	assert_int_equal(notes_store_open(&s, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "symbolic link"));
	snprintf(path, sizeof(path), "%s/open", f->dir);
	assert_int_equal(mkdir(path, 0777), 0);
	assert_int_equal(chmod(path, 0777), 0);
	assert_int_equal(notes_store_open(&s, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "writable by other users"));
	/* readable by others: made private */
	assert_int_equal(chmod(path, 0755), 0);
	assert_int_equal(notes_store_open(&s, path, err, sizeof(err)), 0);
	notes_store_close(&s);
	{
		struct stat st;

		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0700);
	}
	doc_free(d);
}

/* Stale temporary files of a killed writer are removed on open. */
static void test_stale_tmp(void **state)
{
	struct fx *f = *state;
	struct notes_store s;
	char path[512];
	struct stat st;

	open_store(f, &s);
	notes_store_close(&s);
	snprintf(path, sizeof(path), "%s/.A-RES-1-1.yaml.123.456.tmp", f->store);
	spit(path, "half a fi", 9);
	open_store(f, &s);
	assert_int_not_equal(stat(path, &st), 0);
	notes_store_close(&s);
}

static uint32_t next_rand(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Random text from pieces YAML treats specially. */
static char *random_text(uint32_t *seed)
{
	static const char *const pieces[] = {
		" ", "  ", "\n", "\n\n", "\t", "a", "word", "x: y", "- ", "# ", "'", "\"", "\\",
		"\r", "\x01", "\x1b[1m", "\x7f", "\xc2\x85", "\xc2\xa0", "\xe2\x80\xa8",
		"\xe2\x80\xa9", "\xef\xbb\xbf", "\xf0\x9f\x98\x80", "caf\xc3\xa9", "null",
		"~", "&a", "*a", "!tag", "%", "@", "`", "|", ">", "---", "...", "{", "}", "[", "]",
		",", "?", ":", "\xe4\xb8\xad", "\xc2\x9b",
	};
	struct util_buf b = { 0 };
	uint32_t n = next_rand(seed) % 12, i;

	for (i = 0; i < n; i++)
		util_buf_puts(&b, pieces[next_rand(seed) % (sizeof(pieces) / sizeof(pieces[0]))]);
	util_buf_append(&b, "", 0);
	return b.data;
}

/* Whatever resolute writes reads back exactly. */
static void test_serialize_fuzz(void **state)
{
	uint32_t seed = 1234567u;
	int round;

	(void)state;
	for (round = 0; round < 300; round++) {
		struct notes_doc nd = { 0 }, back;
		struct util_buf b = { 0 };
		char err[512];
		size_t i;

		nd.symbol = random_text(&seed);
		if (!nd.symbol[0]) {
			free(nd.symbol);
			nd.symbol = util_xstrdup("A/RES/1/1");
		}
		nd.key = util_xstrdup(nd.symbol);
		nd.title = round % 2 ? random_text(&seed) : NULL;
		nd.n = nd.cap = 3;
		nd.notes = util_xcalloc(3, sizeof(*nd.notes));
		for (i = 0; i < nd.n; i++) {
			struct note *n = &nd.notes[i];

			n->para_id = random_text(&seed);
			snprintf(n->hash, sizeof(n->hash), "%016x", next_rand(&seed));
			n->quote = random_text(&seed);
			n->prefix = random_text(&seed);
			n->suffix = random_text(&seed);
			n->text = random_text(&seed);
			n->highlight = next_rand(&seed) & 1;
			strcpy(n->created, "2026-11-22T12:00:00Z");
			strcpy(n->modified, "2026-11-22T12:00:01Z");
		}
		notes_serialize(&nd, &b);
		if (notes_parse("fuzz", b.data, b.len, &back, err, sizeof(err)) < 0)
			fail_msg("round %d: %s\n%s", round, err, b.data);
		assert_string_equal(back.symbol, nd.symbol);
		if (nd.title)
			assert_string_equal(back.title, nd.title);
		assert_int_equal(back.n, nd.n);
		for (i = 0; i < nd.n; i++) {
			assert_string_equal(back.notes[i].para_id, nd.notes[i].para_id);
			assert_string_equal(back.notes[i].hash, nd.notes[i].hash);
			assert_string_equal(back.notes[i].quote, nd.notes[i].quote);
			assert_string_equal(back.notes[i].prefix, nd.notes[i].prefix);
			assert_string_equal(back.notes[i].suffix, nd.notes[i].suffix);
			if (strcmp(back.notes[i].text, nd.notes[i].text))
				fail_msg("round %d: note '%s' came back as '%s'\n%s", round,
					 nd.notes[i].text, back.notes[i].text, b.data);
			assert_int_equal(back.notes[i].highlight, nd.notes[i].highlight);
		}
		notes_doc_free(&back);
		notes_doc_free(&nd);
		util_buf_free(&b);
	}
}

/* A file written by hand in other YAML styles loads, and anchors by its
 * quote even though its hashes match nothing. */
static void test_hand_edited(void **state)
{
	struct fx *f = *state;
	char path[512], err[512];
	struct notes_doc nd;
	char *data;
	size_t len;
	struct doc *d = sample_doc("A-RES-58-178.txt", "A/RES/58/178");

	(void)f;
	snprintf(path, sizeof(path), "%s/notes/hand-edited.yaml", TEST_DATADIR);
	data = slurp(path, &len);
	assert_non_null(data);
	if (notes_parse(path, data, len, &nd, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	assert_string_equal(nd.key, "A/RES/58/178");
	assert_int_equal(nd.n, 2);
	assert_string_equal(nd.notes[0].text, "Folded into one line.\n");
	assert_string_equal(nd.notes[0].prefix, "");
	assert_string_equal(nd.notes[0].suffix, "the protection of human rights");
	assert_false(nd.notes[0].highlight);
	assert_string_equal(nd.notes[1].text, "");
	assert_true(nd.notes[1].highlight);
	assert_int_equal(nd.notes[1].line, 15);
	notes_anchor(&nd, d);
	assert_int_equal(nd.notes[0].match, NOTES_FUZZY);
	assert_string_equal(d->paras[nd.notes[0].para].id, "op5");
	assert_int_equal(nd.notes[1].match, NOTES_FUZZY);
	assert_string_equal(d->paras[nd.notes[1].para].id, "pp1");
	notes_doc_free(&nd);
	free(data);
	doc_free(d);
}

/* Two readers with the same note loaded: one edits the text, the other,
 * from its stale copy, toggles the highlight. Both changes survive. */
static void test_stale_field_edits(void **state)
{
	struct fx *f = *state;
	struct notes_store s1, s2;
	struct notes_doc a, b;
	struct doc *d = make_doc("A/RES/8/8", ids5, texts5, 5);
	char err[512];
	int k;

	open_store(f, &s1);
	open_store(f, &s2);
	assert_int_equal(notes_load(&s1, d, &a, err, sizeof(err)), 0);
	notes_anchor(&a, d);
	assert_int_equal(notes_set(&s1, &a, d, 2, "first", err, sizeof(err)), 0);
	assert_int_equal(notes_load(&s2, d, &b, err, sizeof(err)), 0);
	notes_anchor(&b, d);
	assert_int_equal(notes_set(&s1, &a, d, 2, "second", err, sizeof(err)), 0);
	assert_int_equal(notes_toggle_highlight(&s2, &b, d, 2, err, sizeof(err)), 0);
	k = notes_find(&b, 2);
	assert_true(k >= 0);
	assert_string_equal(b.notes[k].text, "second");
	assert_true(b.notes[k].highlight);
	assert_int_equal(b.n, 1);
	/* deleted by one, edited by the other from a stale copy: the edit wins */
	assert_int_equal(notes_delete(&s1, &a, d, 2, err, sizeof(err)), 0);
	assert_int_equal(a.n, 0);
	assert_int_equal(notes_set(&s2, &b, d, 2, "kept", err, sizeof(err)), 0);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.notes[0].text, "kept");
	assert_true(b.notes[0].highlight);
	/* two readers adding to the same paragraph: both notes are kept */
	assert_int_equal(notes_set(&s1, &a, d, 3, "from one", err, sizeof(err)), 0);
	assert_int_equal(notes_set(&s2, &b, d, 3, "from two", err, sizeof(err)), 0);
	assert_int_equal(b.n, 3);
	notes_doc_free(&a);
	notes_doc_free(&b);
	notes_store_close(&s1);
	notes_store_close(&s2);
	doc_free(d);
}

/* $XDG_DATA_HOME, ignored when relative; then $HOME/.local/share. */
static void test_data_dir(void **state)
{
	char out[512], err[256];
	char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;

	(void)state;
	setenv("XDG_DATA_HOME", "/x/data", 1);
	assert_int_equal(fsutil_data_dir("resolute", out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "/x/data/resolute");
	setenv("HOME", "/home/someone", 1);
	setenv("XDG_DATA_HOME", "relative/data", 1);
	assert_int_equal(fsutil_data_dir("resolute", out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "/home/someone/.local/share/resolute");
	setenv("XDG_DATA_HOME", "", 1);
	assert_int_equal(fsutil_data_dir("resolute", out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "/home/someone/.local/share/resolute");
	unsetenv("XDG_DATA_HOME");
	assert_int_equal(fsutil_data_dir("resolute", out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "/home/someone/.local/share/resolute");
	assert_int_equal(fsutil_data_dir("resolute", out, 10, err, sizeof(err)), -1);
	if (old_home)
		setenv("HOME", old_home, 1);
	free(old_home);
}

/* ---- parallel writers ------------------------------------------------------ */

#define WRITERS 8
#define PER_WRITER 6

static void test_parallel_writers(void **state)
{
	struct fx *f = *state;
	const char *ids[WRITERS * PER_WRITER];
	const char *texts[WRITERS * PER_WRITER];
	char idb[WRITERS * PER_WRITER][8], tb[WRITERS * PER_WRITER][64], err[512];
	struct doc *d;
	struct notes_store s;
	struct notes_doc nd;
	pid_t pids[WRITERS];
	size_t i;

	for (i = 0; i < WRITERS * PER_WRITER; i++) {
		snprintf(idb[i], sizeof(idb[i]), "op%zu", i + 1);
		snprintf(tb[i], sizeof(tb[i]), "Paragraph %zu of a long resolution, unique %zu.",
			 i + 1, i * 31);
		ids[i] = idb[i];
		texts[i] = tb[i];
	}
	d = make_doc("A/RES/3/3", ids, texts, WRITERS * PER_WRITER);
	open_store(f, &s);
	notes_store_close(&s);
	for (i = 0; i < WRITERS; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			struct notes_store cs;
			struct notes_doc cn;
			char text[64];
			int k, rc = 0;

			/* each writer loads once: its view goes stale at once */
			if (notes_store_open(&cs, f->store, err, sizeof(err)) < 0 ||
			    notes_load(&cs, d, &cn, err, sizeof(err)) < 0)
				_exit(3);
			notes_anchor(&cn, d);
			for (k = 0; k < PER_WRITER && rc == 0; k++) {
				snprintf(text, sizeof(text), "writer %zu note %d", i, k);
				rc = notes_set(&cs, &cn, d, (int)(i * PER_WRITER + (size_t)k),
					       text, err, sizeof(err));
			}
			_exit(rc ? 4 : 0);
		}
	}
	for (i = 0; i < WRITERS; i++) {
		int st;

		assert_int_equal(waitpid(pids[i], &st, 0), pids[i]);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 0);
	}
	open_store(f, &s);
	assert_int_equal(notes_load(&s, d, &nd, err, sizeof(err)), 0);
	assert_int_equal(nd.n, WRITERS * PER_WRITER);
	notes_anchor(&nd, d);
	for (i = 0; i < WRITERS * PER_WRITER; i++) {
		char want[64];
		int k = notes_find(&nd, (int)i);

		assert_true(k >= 0);
		snprintf(want, sizeof(want), "writer %zu note %zu", i / PER_WRITER,
			 i % PER_WRITER);
		assert_string_equal(nd.notes[k].text, want);
	}
	notes_doc_free(&nd);
	notes_store_close(&s);
	doc_free(d);
}

/* ---- listing, export, command line ------------------------------------------ */

static void test_list_and_export(void **state)
{
	struct fx *f = *state;
	struct notes_store s;
	struct notes_doc nd;
	struct notes_library lib;
	struct doc *a = make_doc("A/RES/5/5", ids5, texts5, 5);
	struct doc *b = make_doc("A/RES/4/4", ids5, texts5, 5);
	char err[512], path[512], line[32];
	const struct doc *texts[1];
	char *out = NULL;
	size_t outlen = 0;
	FILE *mf;

	open_store(f, &s);
	assert_int_equal(notes_load(&s, a, &nd, err, sizeof(err)), 0);
	assert_int_equal(notes_set(&s, &nd, a, 2, "First line\nsecond \x1b[2J line", err,
				   sizeof(err)), 0);
	notes_doc_free(&nd);
	assert_int_equal(notes_load(&s, b, &nd, err, sizeof(err)), 0);
	assert_int_equal(notes_set(&s, &nd, b, 0, "On 4/4", err, sizeof(err)), 0);
	notes_doc_free(&nd);
	snprintf(path, sizeof(path), "%s/A-RES-6-6.yaml", f->store);
	spit(path, "version: 1\nsymbol: [\n", 21);

	assert_int_equal(notes_list_all(&s, &lib, err, sizeof(err)), 0);
	assert_int_equal(lib.n, 2);
	assert_string_equal(lib.docs[0].key, "A/RES/4/4");
	assert_string_equal(lib.docs[1].key, "A/RES/5/5");
	assert_int_equal(lib.n_errors, 1);
	assert_non_null(strstr(lib.errors[0], "A-RES-6-6.yaml:"));
	notes_first_line(&lib.docs[1].notes[0], line, sizeof(line));
	assert_string_equal(line, "First line...");
	notes_first_line(&lib.docs[0].notes[0], line, 6);
	assert_string_equal(line, "On...");

	/* markdown: quote + note, sanitized */
	mf = open_memstream(&out, &outlen);
	texts[0] = a;
	assert_int_equal(notes_load(&s, a, &nd, err, sizeof(err)), 0);
	notes_anchor(&nd, a);
	assert_int_equal(notes_export(mf, "markdown", &nd, texts, 1, err, sizeof(err)), 0);
	fclose(mf);
	assert_non_null(strstr(out, "# A/RES/5/5: A test resolution\n"));
	assert_non_null(strstr(out, "## op1\n\n> Calls upon all States"));
	assert_non_null(strstr(out, "First line\nsecond ^[[2J line\n"));
	assert_null(strchr(out, '\x1b'));
	free(out);
	/* json */
	mf = open_memstream(&out, &outlen);
	assert_int_equal(notes_export(mf, "json", lib.docs, NULL, lib.n, err, sizeof(err)), 0);
	fclose(mf);
	assert_non_null(strstr(out, "\"symbol\": \"A/RES/4/4\""));
	assert_non_null(strstr(out, "\"note\": \"First line\\u000Asecond \\u001B[2J line\""));
	assert_non_null(strstr(out, "\"match\": \"stored\""));
	assert_null(strchr(out, '\x1b'));
	free(out);
	mf = open_memstream(&out, &outlen);
	assert_int_equal(notes_export(mf, "html", lib.docs, NULL, lib.n, err, sizeof(err)), -1);
	fclose(mf);
	free(out);
	notes_doc_free(&nd);
	notes_library_free(&lib);
	unlink(path);
	notes_store_close(&s);
	doc_free(a);
	doc_free(b);
}

/* --annotate, --notes and --export-notes through their functions, with the
 * samples and the real parser. */
static void test_commands(void **state)
{
	struct fx *f = *state;
	char p1[512], p2[512], *out = NULL, *errs = NULL;
	size_t outlen = 0, errlen = 0;
	const char *paths[1];
	FILE *in, *mo, *me;

	(void)f;
	snprintf(p1, sizeof(p1), "%s/A-RES-58-178.txt", TEST_SAMPLES);
	snprintf(p2, sizeof(p2), "%s/A-RES-62-152.txt", TEST_SAMPLES);
	me = open_memstream(&errs, &errlen);
	in = fmemopen((void *)"Compare with 62/152 op4.\n", 25, "r");
	assert_int_equal(notes_cmd_annotate("5", p1, in, me), 0);
	fclose(in);
	in = fmemopen((void *)"x", 1, "r");
	assert_int_equal(notes_cmd_annotate("op99", p1, in, me), 2);
	fclose(in);
	fflush(me);
	assert_non_null(strstr(errs, "no paragraph 'op99'"));

	mo = open_memstream(&out, &outlen);
	paths[0] = p1;
	assert_int_equal(notes_cmd_list(paths, 1, mo, me), 0);
	fclose(mo);
	assert_int_equal(strncmp(out, "A/RES/58/178 op5 20", 19), 0);
	assert_non_null(strstr(out, ":\n    Compare with 62/152 op4.\n"));
	free(out);
	/* 62/152 is another document: no notes */
	mo = open_memstream(&out, &outlen);
	paths[0] = p2;
	assert_int_equal(notes_cmd_list(paths, 1, mo, me), 0);
	fclose(mo);
	assert_string_equal(out, "");
	free(out);
	fclose(me);
	free(errs);
	/* without paths: every note of the store */
	mo = open_memstream(&out, &outlen);
	me = open_memstream(&errs, &errlen);
	assert_int_equal(notes_cmd_list(NULL, 0, mo, me), 0);
	fclose(mo);
	fclose(me);
	assert_non_null(strstr(out, "A/RES/58/178 op5 "));
	assert_non_null(strstr(out, "\n    Compare with 62/152 op4.\n"));
	free(out);
	free(errs);

	mo = open_memstream(&out, &outlen);
	me = open_memstream(&errs, &errlen);
	assert_int_equal(notes_cmd_export("json", NULL, 0, mo, me), 0);
	assert_int_equal(notes_cmd_export("pdf", NULL, 0, mo, me), 2);
	fclose(mo);
	fclose(me);
	assert_non_null(strstr(out, "\"note\": \"Compare with 62/152 op4.\""));
	assert_non_null(strstr(errs, "unknown export format 'pdf'"));
	free(out);
	free(errs);

	/* empty input deletes */
	me = open_memstream(&errs, &errlen);
	in = fmemopen((void *)"\n", 1, "r");
	assert_int_equal(notes_cmd_annotate("op5", p1, in, me), 0);
	fclose(in);
	fclose(me);
	free(errs);
	mo = open_memstream(&out, &outlen);
	me = open_memstream(&errs, &errlen);
	assert_int_equal(notes_cmd_list(NULL, 0, mo, me), 0);
	fclose(mo);
	fclose(me);
	assert_string_equal(out, "");
	free(out);
	free(errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_names),
		cmocka_unit_test_setup_teardown(test_hostile_symbol_store, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_symbol_and_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reanchor_edits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reanchor_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reanchor_samples, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reanchor_parsed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_sizes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlinks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_tmp, setup, teardown),
		cmocka_unit_test(test_serialize_fuzz),
		cmocka_unit_test_setup_teardown(test_hand_edited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_field_edits, setup, teardown),
		cmocka_unit_test(test_data_dir),
		cmocka_unit_test_setup_teardown(test_parallel_writers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_and_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commands, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
