/* test_parse.c: the parser on the three sample resolutions, on small
 * cases of each layout (tests/data/parse) and on hostile input. */
#include "config.h"

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
#include "parse.h"
#include "parse_int.h"

/* ---- helpers ------------------------------------------------------------ */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static struct doc *parse_path(struct doc_set *set, const char *path)
{
	char err[256];

	memset(set, 0, sizeof *set);
	assert_int_equal(parse_file(path, set, err, sizeof err), 1);
	return set->docs[0];
}

static struct doc *parse_str(struct doc_set *set, const char *s)
{
	memset(set, 0, sizeof *set);
	assert_int_equal(parse_buffer(s, strlen(s), "test", set), 1);
	return set->docs[0];
}

static int count_kind(const struct doc *d, enum doc_para_kind k, enum doc_part part)
{
	int n = 0;

	for (size_t i = 0; i < d->n_paras; i++)
		n += d->paras[i].kind == k && d->paras[i].part == part;
	return n;
}

static const struct doc_para *para(const struct doc *d, const char *id)
{
	int i = doc_find_para(d, id);

	if (i < 0)
		fail_msg("no paragraph %s", id);
	return &d->paras[i];
}

static const struct doc_footnote *fn(const struct doc *d, const char *id)
{
	int i = doc_find_footnote(d, id);

	if (i < 0)
		fail_msg("no footnote %s", id);
	return &d->footnotes[i];
}

/* The text of paragraph id where footnote fid's marker was, up to it. */
static void assert_marker_after(const struct doc *d, const char *fid, const char *pid,
				const char *before)
{
	const struct doc_footnote *f = fn(d, fid);
	const struct doc_para *p = para(d, pid);
	size_t n = strlen(before);

	assert_int_equal(f->para, doc_find_para(d, pid));
	assert_true(f->offset >= n && f->offset <= p->text_len);
	assert_memory_equal(p->text + f->offset - n, before, n);
}

static const char *resolution_head =
	"Resolution adopted by the General Assembly on 1 December 2025\n\n"
	"99/1. Test\n\nThe General Assembly,\n\n";

/* A small resolution with one operative paragraph made of body. */
static struct doc *parse_body(struct doc_set *set, const char *body)
{
	static char buf[32768];
	size_t n = strlen(resolution_head), m = strlen(body);

	assert_true(n + m + 64 < sizeof buf);
	memcpy(buf, resolution_head, n);
	memcpy(buf + n, body, m);
	strcpy(buf + n + m, "\n\n52nd plenary meeting 1 December 2025\n");
	return parse_str(set, buf);
}

/* ---- the samples ---------------------------------------------------------- */

static void test_sample_58_178(void **state)
{
	struct doc_set set;
	struct doc *d = parse_path(&set, TEST_SAMPLES "/A-RES-58-178.txt");

	(void)state;
	assert_true(d->is_resolution);
	assert_int_equal(count_kind(d, DOC_PARA_PREAMBULAR, DOC_PART_PREAMBLE), 16);
	assert_int_equal(count_kind(d, DOC_PARA_OPERATIVE, DOC_PART_OPERATIVE), 15);
	assert_int_equal(d->n_footnotes, 3);
	assert_int_equal(fn(d, "fn1")->para, doc_find_para(d, "pp3"));
	assert_int_equal(fn(d, "fn2")->para, doc_find_para(d, "pp10"));
	assert_int_equal(fn(d, "fn3")->para, doc_find_para(d, "op2"));
	/* "2003,1": the marker is gone, the offset is the end of the text */
	assert_marker_after(d, "fn1", "pp3", "24 April 2003,");
	assert_int_equal(fn(d, "fn1")->offset, para(d, "pp3")->text_len);
	assert_marker_after(d, "fn2", "pp10", "Civil and Political Rights,");
	assert_marker_after(d, "fn3", "op2", "on human rights defenders");
	assert_null(strstr(para(d, "op2")->text, "defenders3"));
	assert_string_equal(fn(d, "fn2")->text, "See resolution 2200 A (XXI), annex.");
	/* header */
	assert_int_equal(d->body, DOC_BODY_GA);
	assert_string_equal(d->body_name, "General Assembly");
	assert_string_equal(d->symbol, "A/RES/58/178");
	assert_string_equal(d->number, "58/178");
	assert_true(strncmp(d->title, "Declaration on the Right and Responsibility", 43) == 0);
	assert_string_equal(d->adopted, "2003-12-22");
	assert_string_equal(d->meeting, "77th plenary meeting");
	assert_string_equal(d->adopted_on, "A/58/508/Add.2");
	assert_string_equal(d->session, "Fifty-eighth session");
	assert_int_equal(d->n_agenda_items, 1);
	assert_string_equal(d->agenda_items[0], "117 (b)");
	/* paragraphs */
	assert_string_equal(para(d, "pp4")->lead, "Noting with deep concern");
	assert_string_equal(para(d, "pp5")->lead, "Gravely concerned");
	assert_string_equal(para(d, "op1")->lead, "Calls upon");
	assert_string_equal(para(d, "op15")->number, "15");
	assert_int_equal(para(d, "pp1")->line, 8);
	assert_true(strncmp(para(d, "op1")->text, "Calls upon all States", 21) == 0);
	/* no page furniture became text */
	for (size_t i = 0; i < d->n_paras; i++) {
		assert_null(strstr(d->paras[i].text, "<<ODS"));
		assert_null(strstr(d->paras[i].text, "[DU1]"));
		assert_null(strchr(d->paras[i].text, '\t'));
	}
	assert_int_equal(d->first_line, 1);
	assert_true(d->last_line >= 50);
	doc_set_free(&set);
}

static void test_sample_62_152(void **state)
{
	struct doc_set set;
	struct doc *d = parse_path(&set, TEST_SAMPLES "/A-RES-62-152.txt");

	(void)state;
	assert_int_equal(count_kind(d, DOC_PARA_PREAMBULAR, DOC_PART_PREAMBLE), 15);
	assert_int_equal(count_kind(d, DOC_PARA_OPERATIVE, DOC_PART_OPERATIVE), 17);
	assert_int_equal(d->n_footnotes, 6);
	assert_string_equal(d->symbol, "A/RES/62/152");
	assert_string_equal(d->adopted, "2007-12-18");
	assert_string_equal(d->meeting, "76th plenary meeting");
	assert_string_equal(d->adopted_on, "A/62/439/Add.2");
	assert_string_equal(d->agenda_items[0], "70 (b)");
	/* the wrapped title is rejoined */
	assert_string_equal(d->title, "Declaration on the Right and Responsibility of Individuals, "
		"Groups and Organs of Society to Promote and Protect Universally Recognized "
		"Human Rights and Fundamental Freedoms");
	assert_string_equal(para(d, "pp2")->lead, "Recalling also");
	assert_string_equal(para(d, "op2")->lead, "Takes note with appreciation");
	assert_string_equal(para(d, "op5")->lead, "Also calls upon");
	assert_string_equal(para(d, "op7")->lead, "Also urges");
	/* "resolutions 5/1 and 5/2 of 18 June 2007,2": only the last 2 */
	assert_marker_after(d, "fn2", "pp3", "5/1 and 5/2 of 18 June 2007,");
	assert_non_null(strstr(para(d, "pp3")->text, "5/2 of 18 June"));
	assert_marker_after(d, "fn5", "op1", "Fundamental Freedoms,");
	assert_marker_after(d, "fn6", "op2", "human rights defenders");
	doc_set_free(&set);
}

static void test_sample_2004_68(void **state)
{
	struct doc_set set;
	struct doc *d = parse_path(&set, TEST_SAMPLES "/E-CN.4-RES-2004-68.txt");

	(void)state;
	assert_int_equal(count_kind(d, DOC_PARA_PREAMBULAR, DOC_PART_PREAMBLE), 16);
	assert_int_equal(count_kind(d, DOC_PARA_OPERATIVE, DOC_PART_OPERATIVE), 16);
	assert_int_equal(d->n_footnotes, 0);
	assert_int_equal(d->body, DOC_BODY_CHR);
	assert_string_equal(d->symbol, "E/CN.4/RES/2004/68");
	assert_string_equal(d->number, "2004/68");
	assert_string_equal(d->title, "Human rights defenders");
	assert_string_equal(d->adopted, "2004-04-21");
	assert_string_equal(d->meeting, "57th meeting");
	/* number alone on its line, text on the next */
	assert_string_equal(para(d, "op16")->number, "16");
	assert_true(strncmp(para(d, "op16")->text, "Decides to consider", 19) == 0);
	/* NBSP and U+2011 are kept */
	assert_non_null(strstr(para(d, "pp1")->text, "General\xC2\xA0" "Assembly"));
	assert_non_null(strstr(para(d, "op14")->text, "Secretary\xE2\x80\x91General"));
	/* the adoption note is not a paragraph */
	for (size_t i = 0; i < d->n_paras; i++)
		assert_null(strstr(d->paras[i].text, "Adopted without a vote"));
	doc_set_free(&set);
}

/* ---- layouts ------------------------------------------------------------- */

static void test_layout_pdf(void **state)
{
	struct doc_set set;
	struct doc *d = parse_path(&set, TEST_DATADIR "/parse/layout.txt");
	const struct doc_para *op1;

	(void)state;
	assert_string_equal(d->symbol, "A/RES/99/7");
	assert_string_equal(d->adopted, "2025-11-03");
	assert_string_equal(d->adopted_on, "A/99/L.7");
	assert_string_equal(d->agenda_items[0], "12 (a)");
	assert_string_equal(d->title, "Cooperation between the United Nations and the regional "
		"organizations of the world");
	assert_int_equal(count_kind(d, DOC_PARA_PREAMBULAR, DOC_PART_PREAMBLE), 2);
	assert_int_equal(count_kind(d, DOC_PARA_OPERATIVE, DOC_PART_OPERATIVE), 3);
	/* wrapped lines rejoined; the paragraph split by the page break and
	 * the footnote block is whole; no furniture inside */
	op1 = para(d, "op1");
	assert_string_equal(op1->text, "Welcomes the efforts of the regional organizations to "
		"strengthen their cooperation with the United Nations system, and encourages them "
		"to continue to share information and good practices with the Secretariat and with "
		"one another in the implementation of the present resolution;");
	assert_string_equal(para(d, "pp1")->text, "Recalling its previous resolutions on "
		"cooperation between the United Nations and the regional organizations, in "
		"particular resolution 98/7 of 5 November 2024,");
	/* footnote continuation line joined, marker removed */
	assert_int_equal(d->n_footnotes, 1);
	assert_string_equal(fn(d, "fn1")->text,
			    "United Nations, Treaty Series, vol. 999, No. 12345, and vol. 1000, No. 23456.");
	assert_marker_after(d, "fn1", "pp2", "Convention on Regional Cooperation,");
	/* labels alone on their line */
	assert_string_equal(para(d, "op2.a")->number, "(a)");
	assert_true(strncmp(para(d, "op2.a")->text, "The activities", 14) == 0);
	assert_string_equal(para(d, "op2.b")->number, "(b)");
	assert_int_equal(para(d, "op2.b")->parent, doc_find_para(d, "op2"));
	doc_set_free(&set);
}

static void test_layout_flowed(void **state)
{
	struct doc_set set;
	struct doc *d = parse_path(&set, TEST_DATADIR "/parse/flowed.txt");

	(void)state;
	assert_int_equal(count_kind(d, DOC_PARA_PREAMBULAR, DOC_PART_PREAMBLE), 3);
	assert_int_equal(count_kind(d, DOC_PARA_OPERATIVE, DOC_PART_OPERATIVE), 2);
	assert_int_equal(d->n_footnotes, 6);
	/* explicit, spaced after a comma, glued, and spaced markers */
	assert_string_equal(para(d, "pp1")->text, "Recalling the Treaty of Somewhere and the "
		"treaties of Rarotonga, Bangkok and Pelindaba,");
	assert_marker_after(d, "fn1", "pp1", "Treaty of Somewhere");
	assert_marker_after(d, "fn2", "pp1", "Rarotonga,");
	assert_marker_after(d, "fn3", "pp1", "Bangkok");
	assert_marker_after(d, "fn4", "pp1", "Pelindaba,");
	assert_marker_after(d, "fn5", "pp2", "the Court");
	assert_marker_after(d, "fn6", "pp2", "the Convention");
	/* "33 sovereign States" is not a marker; lines without a blank line
	 * between them: a new paragraph only when a lead word starts it */
	assert_non_null(strstr(para(d, "pp2")->text, "the 33 sovereign States"));
	assert_string_equal(para(d, "pp3")->lead, "Welcoming");
	assert_non_null(strstr(para(d, "pp3")->text, "on 1 December 2000 and resolution 2200 A (XXI)"));
	/* sub-paragraph labels lost: unlabeled items, ids parent.N */
	assert_int_equal(count_kind(d, DOC_PARA_SUBPARAGRAPH, DOC_PART_OPERATIVE), 3);
	assert_null(para(d, "op1.1")->number);
	assert_string_equal(para(d, "op1.2")->text,
			    "The second matter, which was split by the export into two lines;");
	assert_string_equal(para(d, "op1.c")->number, "(c)");
	assert_string_equal(fn(d, "fn2")->text, "The United Nations Disarmament Yearbook, vol. 10: "
		"1985 (United Nations publication, Sales No. E.86.IX.7), appendix VII.");
	doc_set_free(&set);
}

static void test_annex(void **state)
{
	struct doc_set set;
	struct doc *d = parse_path(&set, TEST_DATADIR "/parse/annex.txt");
	const struct doc_para *op1;

	(void)state;
	assert_int_equal(count_kind(d, DOC_PARA_PREAMBULAR, DOC_PART_PREAMBLE), 1);
	/* the unnumbered "Adopts ..." is operative paragraph op1 */
	op1 = para(d, "op1");
	assert_int_equal(op1->kind, DOC_PARA_OPERATIVE);
	assert_null(op1->number);
	assert_string_equal(op1->lead, "Adopts");
	assert_int_equal(d->n_annexes, 1);
	assert_string_equal(d->annexes[0].id, "annex1");
	assert_string_equal(d->annexes[0].label, "Annex");
	assert_string_equal(d->annexes[0].title, "Convention on Examples");
	assert_int_equal(para(d, "annex1.h1")->kind, DOC_PARA_HEADING);
	assert_string_equal(para(d, "annex1.h1")->number, "I");
	assert_string_equal(para(d, "annex1.h1")->text, "General provisions");
	assert_int_equal(para(d, "annex1.p1")->kind, DOC_PARA_NUMBERED);
	assert_int_equal(para(d, "annex1.art3")->kind, DOC_PARA_ARTICLE);
	assert_string_equal(para(d, "annex1.art3")->number, "Article 3");
	assert_int_equal(para(d, "annex1.art3.2")->parent, doc_find_para(d, "annex1.art3"));
	assert_int_equal(para(d, "annex1.art3.2.b")->depth, 2);
	for (size_t i = 0; i < d->n_paras; i++)
		if (d->paras[i].part == DOC_PART_ANNEX)
			assert_int_equal(d->paras[i].annex, 0);
	assert_int_equal(d->annexes[0].first_para, doc_find_para(d, "annex1.h1"));
	assert_int_equal(d->annexes[0].n_paras, 7);
	doc_set_free(&set);
}

static void test_headings(void **state)
{
	struct doc_set set;
	struct doc *d = parse_body(&set, "Recalling its resolutions,\n\nI\n\nGeneral matters\n\n"
				   "1. Decides one thing;\n\nII\n\nOther matters\n\n"
				   "2. Decides another thing.");

	(void)state;
	assert_int_equal(para(d, "h1")->kind, DOC_PARA_HEADING);
	assert_int_equal(para(d, "h1")->part, DOC_PART_OPERATIVE);
	assert_string_equal(para(d, "h1")->number, "I");
	assert_string_equal(para(d, "h1")->text, "General matters");
	assert_string_equal(para(d, "h2")->text, "Other matters");
	assert_int_equal(count_kind(d, DOC_PARA_OPERATIVE, DOC_PART_OPERATIVE), 2);
	assert_true(doc_find_para(d, "h1") < doc_find_para(d, "op1"));
	doc_set_free(&set);
}

/* ---- markers ------------------------------------------------------------- */

static void test_markers_glued(void **state)
{
	struct doc_set set;
	struct doc *d = parse_body(&set,
		"Recalling the Convention on the Rights of the Child4 and resolution 58/178 of "
		"22 December 2003,1\n\n"
		"Noting the role of human rights defenders2 and the Conference in Bangkok,3\n\n"
		"1. Decides to remain seized of the matter.\n\n"
		"52nd plenary meeting 1 December 2025\n\n"
		"1 First.\n\n2 Second.\n\n3 Third.\n\n4 Fourth.");

	(void)state;
	assert_int_equal(d->n_footnotes, 4);
	/* order rules: 1 is found after "2003,"; "Child4" is then taken for 4
	 * only if nothing else fits, and it does not (it comes before 1) */
	assert_marker_after(d, "fn1", "pp1", "22 December 2003,");
	assert_marker_after(d, "fn2", "pp2", "human rights defenders");
	assert_marker_after(d, "fn3", "pp2", "Bangkok,");
	assert_int_equal(fn(d, "fn4")->para, -1);
	assert_non_null(strstr(para(d, "pp1")->text, "Child4"));
	assert_non_null(strstr(para(d, "pp1")->text, "58/178"));
	doc_set_free(&set);
}

static void test_markers_false_positives(void **state)
{
	struct doc_set set;
	struct doc *d = parse_body(&set,
		"Recalling resolutions 5/1 and 5/2, resolution 2200 A (XXI), E/CN.4/2002/106 and "
		"Add.1 and 2, vol. 634, the 33 sovereign States and 1 December 2003,\n\n"
		"Noting the International Court 1 and the Convention 2 and the Child3\n\n"
		"1. Decides to remain seized of the matter.\n\n"
		"52nd plenary meeting 1 December 2025\n\n"
		"1 One.\n\n2 Two.\n\n3 Three.");

	(void)state;
	assert_string_equal(para(d, "pp1")->text,
		"Recalling resolutions 5/1 and 5/2, resolution 2200 A (XXI), E/CN.4/2002/106 and "
		"Add.1 and 2, vol. 634, the 33 sovereign States and 1 December 2003,");
	assert_string_equal(para(d, "pp2")->text,
			    "Noting the International Court and the Convention and the Child");
	assert_marker_after(d, "fn1", "pp2", "the International Court");
	assert_marker_after(d, "fn2", "pp2", "the Convention");
	assert_marker_after(d, "fn3", "pp2", "the Child");
	doc_set_free(&set);
}

static void test_markers_year_and_order(void **state)
{
	struct doc_set set;
	struct doc *d = parse_body(&set,
		"Noting the reports of 18 November 2024,1 14 February 20252 and the Treaty,3\n\n"
		"1. Takes note of the Treaty3 again.\n\n"
		"52nd plenary meeting 1 December 2025\n\n"
		"1 One.\n\n2 Two.\n\n3 Three.");

	(void)state;
	assert_marker_after(d, "fn2", "pp1", "14 February 2025");
	assert_marker_after(d, "fn3", "pp1", "the Treaty,");
	/* each footnote once: the later "Treaty3" is text */
	assert_non_null(strstr(para(d, "op1")->text, "Treaty3"));
	doc_set_free(&set);
}

/* The marker scan looks at 64 bytes at a time: markers at every offset
 * around the block ends, and at the very end of a paragraph. */
static void test_markers_block_edges(void **state)
{
	(void)state;
	for (size_t k = 0; k < 140; k++) {
		struct doc_set set;
		struct doc *d;
		char body[1024], word[160], tail[16];
		size_t t = k % 9;

		memset(word, 'a', k);
		strcpy(word + k, "s");
		strcpy(tail, "texts");
		memset(tail + 5, 'b', t);
		tail[5 + t] = '\0';
		snprintf(body, sizeof body,
			 "Recalling the %s1 and the 1999 %s2\n\n"
			 "1. Decides to remain seized of the matter.\n\n"
			 "52nd plenary meeting 1 December 2025\n\n"
			 "1 One.\n\n2 Two.", word, tail);
		d = parse_body(&set, body);
		assert_int_equal(d->n_footnotes, 2);
		assert_marker_after(d, "fn1", "pp1", word);
		assert_marker_after(d, "fn2", "pp1", tail);
		assert_int_equal(fn(d, "fn2")->offset, para(d, "pp1")->text_len);
		assert_int_equal(para(d, "pp1")->text_len, strlen("Recalling the ") + k + 1 +
				 strlen(" and the 1999 ") + 5 + t);
		doc_set_free(&set);
	}
}

/* A line of a lone NBSP is a blank line (it separates paragraphs); a
 * line that starts with one and goes on is text. */
static void test_nbsp_lines(void **state)
{
	struct doc_set set;
	struct doc *d = parse_body(&set,
		"Recalling the Charter,\n\xC2\xA0\nBearing in mind the report,\n"
		"\xC2\xA0" "and the Convention,\n\n"
		"1. Decides to act.");

	(void)state;
	assert_string_equal(para(d, "pp1")->text, "Recalling the Charter,");
	assert_string_equal(para(d, "pp2")->text,
			    "Bearing in mind the report, \xC2\xA0" "and the Convention,");
	doc_set_free(&set);
}

/* ---- sub-paragraphs -------------------------------------------------------- */

static void test_nesting(void **state)
{
	struct doc_set set;
	struct doc *d = parse_body(&set,
		"Recalling its resolutions,\n\n"
		"1. Decides:\n\n(a) First;\n\n(i) Roman one;\n\n(ii) Roman two:\n\n"
		"a. Letter dot;\n\ni. Roman dot;\n\nb. Letter dot two;\n\n(b) Second;\n\n"
		"2. Requests:\n\n(a) A;\n\n(b) B;\n\n(c) C;\n\n(d) D;\n\n(e) E;\n\n(f) F;\n\n"
		"(g) G;\n\n(h) H;\n\n(i) I as a letter;\n\n(j) J;\n\n"
		"3. Invites:\n\n(a) A;\n\n(i) one;\n\n(ii) two;\n\n(iii) three;\n\n(iv) four;\n\n"
		"(v) five as a roman;\n\n(b) B;\n\n"
		"4. Urges:\n\n(a) A;\n\n(b) B;\n\n(c) C;\n\n(d) D;\n\n(e) E;\n\n(f) F;\n\n"
		"(g) G;\n\n(h) H, namely:\n\n(i) one;\n\n(ii) two;\n\n(i) I as a letter again.");

	(void)state;
	assert_int_equal(para(d, "op1.a")->depth, 1);
	assert_int_equal(para(d, "op1.a.i")->depth, 2);
	assert_int_equal(para(d, "op1.a.i")->parent, doc_find_para(d, "op1.a"));
	assert_int_equal(para(d, "op1.a.ii.a")->depth, 3);
	assert_int_equal(para(d, "op1.a.ii.a.i")->depth, 4);
	assert_int_equal(para(d, "op1.a.ii.b")->parent, doc_find_para(d, "op1.a.ii"));
	assert_int_equal(para(d, "op1.b")->parent, doc_find_para(d, "op1"));
	assert_string_equal(para(d, "op1.a.ii")->number, "(ii)");
	/* (i) after (h) is the letter i */
	assert_int_equal(para(d, "op2.i")->depth, 1);
	assert_int_equal(para(d, "op2.i")->parent, doc_find_para(d, "op2"));
	assert_int_equal(para(d, "op2.j")->depth, 1);
	/* (v) after (iv) is the roman five */
	assert_int_equal(para(d, "op3.a.v")->depth, 2);
	assert_int_equal(para(d, "op3.a.v")->parent, doc_find_para(d, "op3.a"));
	assert_int_equal(para(d, "op3.b")->depth, 1);
	/* (i) after (h), followed by (ii): roman items under (h) */
	assert_int_equal(para(d, "op4.h.i")->parent, doc_find_para(d, "op4.h"));
	assert_int_equal(para(d, "op4.h.ii")->depth, 2);
	assert_int_equal(para(d, "op4.i")->depth, 1);
	assert_int_equal(para(d, "op4.i")->parent, doc_find_para(d, "op4"));
	doc_set_free(&set);
}

static void test_deep_nesting_bounded(void **state)
{
	static char body[16384];
	struct doc_set set;
	struct doc *d;
	size_t n = 0;
	int maxdepth = 0;

	(void)state;
	n += (size_t)snprintf(body + n, sizeof body - n, "Recalling,\n\n1. Decides:\n\n");
	for (int i = 0; i < 200 && n < sizeof body - 64; i++)
		n += (size_t)snprintf(body + n, sizeof body - n, "%s Level:\n\n",
				      i % 4 == 0 ? "(a)" : i % 4 == 1 ? "(i)" : i % 4 == 2 ? "a." : "i.");
	d = parse_body(&set, body);
	for (size_t i = 0; i < d->n_paras; i++)
		if (d->paras[i].depth > maxdepth)
			maxdepth = d->paras[i].depth;
	assert_true(maxdepth >= 4 && maxdepth <= 8);
	doc_set_free(&set);
}

/* ---- documents --------------------------------------------------------------- */

static void test_multi(void **state)
{
	size_t n1, n2, n3;
	char *a = slurp(TEST_SAMPLES "/A-RES-58-178.txt", &n1);
	char *b = slurp(TEST_SAMPLES "/A-RES-62-152.txt", &n2);
	char *c = slurp(TEST_SAMPLES "/E-CN.4-RES-2004-68.txt", &n3);
	char *all = malloc(n1 + n2 + 2 * n3 + 4);
	struct doc_set set = { 0 };
	size_t n = 0;

	(void)state;
	assert_non_null(all);
	memcpy(all + n, a, n1);
	n += n1;
	memcpy(all + n, b, n2);
	n += n2;
	memcpy(all + n, c, n3);
	n += n3;
	all[n++] = '\n';
	memcpy(all + n, c, n3);
	n += n3;
	assert_int_equal(parse_buffer(all, n, "all", &set), 4);
	assert_string_equal(set.docs[0]->symbol, "A/RES/58/178");
	assert_string_equal(set.docs[1]->symbol, "A/RES/62/152");
	assert_string_equal(set.docs[2]->symbol, "E/CN.4/RES/2004/68");
	assert_string_equal(set.docs[3]->symbol, "E/CN.4/RES/2004/68");
	assert_string_equal(set.docs[3]->title, "Human rights defenders");
	assert_int_equal(set.docs[1]->n_footnotes, 6);
	assert_int_equal(count_kind(set.docs[1], DOC_PARA_OPERATIVE, DOC_PART_OPERATIVE), 17);
	assert_int_equal(count_kind(set.docs[3], DOC_PARA_PREAMBULAR, DOC_PART_PREAMBLE), 16);
	assert_true(set.docs[1]->first_line > set.docs[0]->last_line);
	assert_true(set.docs[3]->first_line > set.docs[2]->last_line);
	assert_string_equal(set.name, "all");
	doc_set_free(&set);
	free(all);
	free(a);
	free(b);
	free(c);
}

static void test_not_a_resolution(void **state)
{
	struct doc_set set;
	struct doc *d = parse_str(&set, "Shopping list\n\neggs\nmilk\n\n1. bread\n");

	(void)state;
	assert_false(d->is_resolution);
	assert_int_equal(d->n_paras, 3);
	assert_string_equal(d->paras[0].id, "p1");
	assert_int_equal(d->paras[0].kind, DOC_PARA_PLAIN);
	assert_int_equal(d->paras[1].part, DOC_PART_OTHER);
	assert_string_equal(d->paras[1].text, "eggs milk");
	assert_string_equal(d->paras[2].id, "p3");
	assert_int_equal(d->paras[2].line, 6);
	assert_true(d->n_warnings >= 1);
	assert_non_null(strstr(d->warnings[d->n_warnings - 1].msg, "not a resolution"));
	doc_set_free(&set);
}

static void test_crlf(void **state)
{
	size_t n;
	char *s = slurp(TEST_SAMPLES "/A-RES-58-178.txt", &n);
	char *crlf = malloc(2 * n + 1);
	size_t k = 0;
	struct doc_set set = { 0 };
	struct doc *d;

	(void)state;
	assert_non_null(crlf);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			crlf[k++] = '\r';
		crlf[k++] = s[i];
	}
	assert_int_equal(parse_buffer(crlf, k, "crlf", &set), 1);
	d = set.docs[0];
	assert_int_equal(count_kind(d, DOC_PARA_PREAMBULAR, DOC_PART_PREAMBLE), 16);
	assert_int_equal(count_kind(d, DOC_PARA_OPERATIVE, DOC_PART_OPERATIVE), 15);
	assert_int_equal(fn(d, "fn3")->para, doc_find_para(d, "op2"));
	assert_string_equal(d->symbol, "A/RES/58/178");
	for (size_t i = 0; i < d->n_paras; i++)
		assert_null(strchr(d->paras[i].text, '\r'));
	doc_set_free(&set);
	free(crlf);
	free(s);
}

static void test_cp1252(void **state)
{
	struct doc_set set;
	struct doc *d = parse_body(&set, "Recalling the \x93" "Declaration\x94 and caf\xE9s,\n\n"
				   "1. Decides.");

	(void)state;
	assert_true(d->is_resolution);
	assert_string_equal(para(d, "pp1")->text,
			    "Recalling the \xE2\x80\x9C" "Declaration\xE2\x80\x9D and caf\xC3\xA9s,");
	assert_true(d->n_warnings >= 1);
	assert_non_null(strstr(d->warnings[0].msg, "Windows-1252"));
	doc_set_free(&set);
}

static void test_file_errors(void **state)
{
	char path[] = "/tmp/test_parse_XXXXXX", err[256];
	struct doc_set set = { 0 };
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(parse_file(path, &set, err, sizeof err), -1);
	assert_string_equal(err, "empty file");
	assert_int_equal(write(fd, "The\0General", 11), 11);
	close(fd);
	assert_int_equal(parse_file(path, &set, err, sizeof err), -1);
	assert_string_equal(err, "binary file: NUL byte at offset 3");
	unlink(path);
	assert_int_equal(parse_file("/nonexistent/dir/x.txt", &set, err, sizeof err), -1);
	assert_true(strlen(err) > 0);
	assert_int_equal(set.n, 0);
}

/* Random bytes, NULs, huge lines, many lines: never a crash or a hang. */
static void test_hostile(void **state)
{
	size_t n = 4u << 20;
	char *buf = malloc(n);
	uint32_t x = 12345;
	struct doc_set set = { 0 };
	static const char *const toks[] = {
		"1.", "(a)", "(i)", "(h)", "Recalling", "The General Assembly,", "Annex", "\n",
		"\n\n", "[^3]:", "3", "_____", "A/RES/80/5", "25-17700", "2/18", "Article 3",
		"Resolution adopted by the General Assembly on 1 December 2025", "80/5. T",
		"52nd plenary meeting", "word,", "word;", "x:", "Child4", "\t", "[DU1]", "---",
		"<<ODS DOC SYMBOL1>>A/RES/1/1<<ODS", "United Nations", "\r\n", "\xC2\xA0", "\0",
	};
	size_t k = 0;

	(void)state;
	assert_non_null(buf);
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (char)(x >> 16);
	}
	assert_true(parse_buffer(buf, n, "random", &set) >= 1);
	doc_set_free(&set);
	/* tokens that look like structure, in random order */
	while (k + 80 < n) {
		x = x * 1103515245u + 12345u;
		const char *t = toks[(x >> 16) % (sizeof toks / sizeof toks[0])];
		size_t m = t[0] ? strlen(t) : 1;

		memcpy(buf + k, t, m);
		k += m;
		buf[k++] = ' ';
	}
	memset(&set, 0, sizeof set);
	assert_true(parse_buffer(buf, k, "tokens", &set) >= 1);
	doc_set_free(&set);
	/* one huge line */
	memcpy(buf, "The General Assembly,\nRecalling ", 32);
	memset(buf + 32, 'x', n - 33);
	buf[n - 1] = '\n';
	memset(&set, 0, sizeof set);
	assert_int_equal(parse_buffer(buf, n, "huge", &set), 1);
	assert_true(set.docs[0]->paras[0].text_len > n - 100);
	doc_set_free(&set);
	/* a million short lines */
	k = 0;
	while (k + 16 < n) {
		memcpy(buf + k, "(a) x;\n", 7);
		k += 7;
	}
	memset(&set, 0, sizeof set);
	assert_true(parse_buffer(buf, k, "lines", &set) >= 1);
	doc_set_free(&set);
	free(buf);
}

static bool has_warning(const struct doc *d, int line, const char *msg)
{
	for (size_t i = 0; i < d->n_warnings; i++)
		if (d->warnings[i].line == line && strcmp(d->warnings[i].msg, msg) == 0)
			return true;
	return false;
}

static void test_warnings(void **state)
{
	struct doc_set set;
	struct doc *d = parse_body(&set,
		"Recalling its resolution 1/1,\n\n"
		"1. Decides one thing;\n\n3. Decides another thing.\n\n"
		"52nd plenary meeting 1 December 2025\n\n"
		"1 A footnote nobody points to.");

	(void)state;
	/* lines: head is 6 lines, then pp1 on 7, op1 on 9, op3 on 11 */
	assert_int_equal(para(d, "op3")->line, 11);
	assert_true(has_warning(d, 11, "operative paragraph 3 follows 1"));
	assert_int_equal(fn(d, "fn1")->para, -1);
	assert_true(has_warning(d, 15, "footnote 1: no marker found in the text"));
	doc_set_free(&set);
}

static void test_preamble_list(void **state)
{
	struct doc_set set;
	struct doc *d = parse_body(&set,
		"Recalling its resolutions,\n\n"
		"Convinced that the Convention makes a contribution to:\n\n"
		"(a) International peace and security,\n\n"
		"(b) Eliminating chemical weapons,\n\n"
		"Noting the report,\n\n"
		"1. Decides.");

	(void)state;
	assert_int_equal(count_kind(d, DOC_PARA_PREAMBULAR, DOC_PART_PREAMBLE), 3);
	assert_int_equal(para(d, "pp2.a")->parent, doc_find_para(d, "pp2"));
	assert_int_equal(para(d, "pp2.b")->part, DOC_PART_PREAMBLE);
	assert_string_equal(para(d, "pp3")->lead, "Noting");
	assert_int_equal(count_kind(d, DOC_PARA_SUBPARAGRAPH, DOC_PART_OPERATIVE), 0);
	doc_set_free(&set);
}

/* Fuzz finding F1: a repeated number ("1." twice, "(a)" twice) must not
 * give two paragraphs the same id (fuzz/corpus/parse/crash-parse-dup-id.txt). */
static void test_unique_ids(void **state)
{
	struct doc_set set;
	struct doc *d = parse_str(&set,
		"Resolution adopted by the General Assembly on 1 January 2020\n\n"
		"99/1. Title\n\n"
		"\tThe General Assembly,\n"
		"\t1.\tDecides:\n"
		"\t(a)\tfirst;\n"
		"\t(a)\tagain;\n"
		"\t1.\tDecides again;\n");

	(void)state;
	assert_true(d->n_paras >= 4);
	for (size_t i = 0; i < d->n_paras; i++) {
		for (size_t k = 0; k < i; k++)
			assert_string_not_equal(d->paras[i].id, d->paras[k].id);
		/* every id still finds its own paragraph */
		assert_int_equal(doc_find_para(d, d->paras[i].id), (int)i);
	}
	assert_non_null(para(d, "op1"));
	assert_non_null(para(d, "op1.a"));
	assert_int_equal(doc_find_para(d, "op1.a-2") >= 0 || doc_find_para(d, "op1-2") >= 0, 1);
	doc_set_free(&set);
}

static void test_empty_buffer(void **state)
{
	struct doc_set set = { 0 };

	(void)state;
	assert_int_equal(parse_buffer("", 0, "empty", &set), 1);
	assert_false(set.docs[0]->is_resolution);
	assert_int_equal(set.docs[0]->n_paras, 0);
	doc_set_free(&set);
}

/* The lead-word tables are looked up by binary search on the first
 * byte: they must stay sorted, and every group must still be found. */
static void test_lead_tables(void **state)
{
	static const char *const pp[] = {
		"Accepting the report", "Re-emphasizing that", "Reaffirming also its resolution",
		"Recalling further its resolution", "Wishing to",
	};
	static const char *const op[] = {
		"Accepts", "Demands that", "Wishes to", "Also calls upon",
		"Takes note with satisfaction of",
	};

	(void)state;
	assert_true(pl_tables_sorted());
	assert_true(pn_tables_sorted());
	for (size_t k = 0; k < sizeof pp / sizeof pp[0]; k++)
		assert_true(pl_pp_lead(pp[k], strlen(pp[k]), true) > 0);
	assert_int_equal(pl_pp_lead("Reaffirming also its resolution", 31, true), 16);
	assert_int_equal(pl_pp_lead("Noting with deep concern that", 29, true), 24);
	assert_int_equal(pl_pp_lead("Noting with deep regret", 23, true), 23);
	assert_int_equal(pl_pp_lead("Nothing to see", 14, true), 0);
	{
		/* pl_has_pp_lead() is pl_pp_lead() > 0 */
		static const char *const any[] = {
			"Accepting the report", "Nothing to see", "Walking on", "Tired of it",
			"Deeply concerned", "Ab", "", "noting", "Re-emphasizing that",
			"Encouraged",
		};

		for (size_t k = 0; k < sizeof any / sizeof any[0]; k++)
			for (int only = 0; only < 2; only++)
				assert_int_equal(pl_has_pp_lead(any[k], strlen(any[k]), only),
						 pl_pp_lead(any[k], strlen(any[k]), only) > 0);
		assert_true(pl_has_pp_lead("Walking on", 10, false));
		assert_false(pl_has_pp_lead("Walking on", 10, true));
	}
	for (size_t k = 0; k < sizeof op / sizeof op[0]; k++)
		assert_true(pl_is_op_verb(op[k], strlen(op[k])));
	assert_int_equal(pl_op_lead("Takes note with satisfaction of", 31), 28);
	assert_int_equal(pl_op_lead("Also calls upon", 15), 15);
	assert_false(pl_is_op_verb("Zebras", 6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_58_178),
		cmocka_unit_test(test_unique_ids),
		cmocka_unit_test(test_sample_62_152),
		cmocka_unit_test(test_sample_2004_68),
		cmocka_unit_test(test_layout_pdf),
		cmocka_unit_test(test_layout_flowed),
		cmocka_unit_test(test_annex),
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_markers_glued),
		cmocka_unit_test(test_markers_false_positives),
		cmocka_unit_test(test_markers_year_and_order),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_deep_nesting_bounded),
		cmocka_unit_test(test_multi),
		cmocka_unit_test(test_not_a_resolution),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_cp1252),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_preamble_list),
		cmocka_unit_test(test_empty_buffer),
		cmocka_unit_test(test_lead_tables),
		cmocka_unit_test(test_markers_block_edges),
		cmocka_unit_test(test_nbsp_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
