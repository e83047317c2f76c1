/* test_xref.c: cross-reference recognition (xref.h). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "doc.h"
#include "util.h"
#include "xref.h"

#define MAXM 64

struct found {
	struct xref_match m[MAXM];
	size_t n;
	size_t calls;
};

static void collect(const struct xref_match *m, void *user)
{
	struct found *f = user;

	f->calls++;
	if (f->n < MAXM)
		f->m[f->n++] = *m;
}

static size_t scan_ctx(enum doc_body body, const char *self, const char *text, struct found *f)
{
	struct xref_ctx ctx = { body, self };
	size_t n;

	memset(f, 0, sizeof(*f));
	n = xref_scan(&ctx, text, strlen(text), collect, f);
	assert_int_equal(n, f->calls);
	return n;
}

static size_t scan(const char *text, struct found *f)
{
	return scan_ctx(DOC_BODY_GA, "A/RES/58/178", text, f);
}

/* Match k covers `span` (which must occur in text at or after from) and
 * has this kind, target and target_para (NULL: none). */
static void check(const char *text, const struct found *f, size_t k, const char *span,
		  enum doc_ref_kind kind, const char *target, const char *tpara)
{
	const char *at;

	assert_true(k < f->n);
	at = strstr(text + f->m[k].start, span);
	assert_non_null(at);
	assert_int_equal(f->m[k].start, (size_t)(at - text));
	assert_int_equal(f->m[k].len, strlen(span));
	assert_int_equal(f->m[k].kind, kind);
	assert_string_equal(f->m[k].target, target);
	assert_string_equal(f->m[k].target_para, tpara ? tpara : "");
}

/* Exact span by offset. */
static void check_at(const struct found *f, size_t k, size_t start, size_t len,
		     enum doc_ref_kind kind, const char *target)
{
	assert_true(k < f->n);
	assert_int_equal(f->m[k].start, start);
	assert_int_equal(f->m[k].len, len);
	assert_int_equal(f->m[k].kind, kind);
	assert_string_equal(f->m[k].target, target);
}

static void test_ga(void **state)
{
	struct found f;
	const char *t;

	(void)state;
	t = "Recalling its resolution 53/144 of 9 December 1998,";
	assert_int_equal(scan(t, &f), 1);
	check_at(&f, 0, 25, 6, DOC_REF_GA_RESOLUTION, "A/RES/53/144");

	t = "the International Covenants on Human Rights, resolution 2200 A (XXI), annex";
	assert_int_equal(scan(t, &f), 1);
	check(t, &f, 0, "2200 A (XXI)", DOC_REF_GA_RESOLUTION, "A/RES/2200(XXI)", NULL);

	t = "resolution 1514 (XV) of 14 December 1960 and 1874 (S-IV)";
	assert_int_equal(scan(t, &f), 2);
	check(t, &f, 0, "1514 (XV)", DOC_REF_GA_RESOLUTION, "A/RES/1514(XV)", NULL);
	check(t, &f, 1, "1874 (S-IV)", DOC_REF_GA_RESOLUTION, "A/RES/1874(S-IV)", NULL);

	/* part letters: A -> base; later parts are separate documents from
	 * the 58th session on */
	t = "resolutions 73/279 A, 67/234 B and 54/237 C";
	assert_int_equal(scan(t, &f), 3);
	check(t, &f, 0, "73/279 A", DOC_REF_GA_RESOLUTION, "A/RES/73/279", NULL);
	check(t, &f, 1, "67/234 B", DOC_REF_GA_RESOLUTION, "A/RES/67/234B", NULL);
	check(t, &f, 2, "54/237 C", DOC_REF_GA_RESOLUTION, "A/RES/54/237", NULL);

	t = "its resolutions 36/87 A and B of 9 December 1981 and 75/253 C.";
	assert_int_equal(scan(t, &f), 2);
	check(t, &f, 0, "36/87 A and B", DOC_REF_GA_RESOLUTION, "A/RES/36/87", NULL);
	check(t, &f, 1, "75/253 C", DOC_REF_GA_RESOLUTION, "A/RES/75/253C", NULL);

	t = "resolution S-27/2 and resolution ES-10/1";
	assert_int_equal(scan(t, &f), 2);
	check(t, &f, 0, "S-27/2", DOC_REF_GA_RESOLUTION, "A/RES/S-27/2", NULL);
	check(t, &f, 1, "ES-10/1", DOC_REF_GA_RESOLUTION, "A/RES/ES-10/1", NULL);

	/* U+2011 non-breaking hyphen, capital R in a footnote */
	t = "Resolution S\xe2\x80\x91" "10/2.";
	assert_int_equal(scan(t, &f), 1);
	check_at(&f, 0, 11, 8, DOC_REF_GA_RESOLUTION, "A/RES/S-10/2");

	t = "the annex to resolution 53/144";
	assert_int_equal(scan(t, &f), 1);
	check(t, &f, 0, "53/144", DOC_REF_GA_RESOLUTION, "A/RES/53/144", NULL);
}

static void test_lists(void **state)
{
	struct found f;
	const char *t;

	(void)state;
	t = "resolutions 71/31 and 71/32 of 5 December 2016, 71/90 of 6 December 2016 "
	    "and 72/250 of 24 December 2017,";
	assert_int_equal(scan(t, &f), 4);
	check(t, &f, 0, "71/31", DOC_REF_GA_RESOLUTION, "A/RES/71/31", NULL);
	check(t, &f, 1, "71/32", DOC_REF_GA_RESOLUTION, "A/RES/71/32", NULL);
	check(t, &f, 2, "71/90", DOC_REF_GA_RESOLUTION, "A/RES/71/90", NULL);
	check(t, &f, 3, "72/250", DOC_REF_GA_RESOLUTION, "A/RES/72/250", NULL);

	t = "resolutions 60/1, 61/16 and 62/1";
	assert_int_equal(scan(t, &f), 3);
	check_at(&f, 0, 12, 4, DOC_REF_GA_RESOLUTION, "A/RES/60/1");
	check_at(&f, 1, 18, 5, DOC_REF_GA_RESOLUTION, "A/RES/61/16");
	check_at(&f, 2, 28, 4, DOC_REF_GA_RESOLUTION, "A/RES/62/1");

	/* the list goes on after an "on ..." clause: numbers with a date */
	t = "Recalling its resolutions 63/71 of 2 December 2008 on the Convention on Cluster "
	    "Munitions and 70/54 of 7 December 2015, 71/45 of 5 December 2016,";
	assert_int_equal(scan(t, &f), 3);
	check(t, &f, 1, "70/54", DOC_REF_GA_RESOLUTION, "A/RES/70/54", NULL);
	check(t, &f, 2, "71/45", DOC_REF_GA_RESOLUTION, "A/RES/71/45", NULL);

	/* organ changes within the sentence */
	t = "General Assembly resolutions 60/251 and Human Rights Council resolution 5/1";
	assert_int_equal(scan_ctx(DOC_BODY_CHR, NULL, t, &f), 2);
	check(t, &f, 0, "60/251", DOC_REF_GA_RESOLUTION, "A/RES/60/251", NULL);
	check(t, &f, 1, "5/1", DOC_REF_HRC_RESOLUTION, "A/HRC/RES/5/1", NULL);
}

static void test_organs(void **state)
{
	struct found f;
	const char *t;

	(void)state;
	t = "Recalling Security Council resolution 1325 (2000) of 31 October 2000,";
	assert_int_equal(scan(t, &f), 1);
	check(t, &f, 0, "1325 (2000)", DOC_REF_SC_RESOLUTION, "S/RES/1325(2000)", NULL);

	t = "resolutions 1325 (2000) and 1820 (2008)";
	assert_int_equal(scan(t, &f), 2);
	check(t, &f, 0, "1325 (2000)", DOC_REF_SC_RESOLUTION, "S/RES/1325(2000)", NULL);
	check(t, &f, 1, "1820 (2008)", DOC_REF_SC_RESOLUTION, "S/RES/1820(2008)", NULL);

	/* NBSP between number and year */
	t = "resolution 2118\xc2\xa0(2013).";
	assert_int_equal(scan(t, &f), 1);
	check_at(&f, 0, 11, 12, DOC_REF_SC_RESOLUTION, "S/RES/2118(2013)");

	t = "Human Rights Council resolutions 5/1 and 5/2 of 18 June 2007";
	assert_int_equal(scan(t, &f), 2);
	check(t, &f, 0, "5/1", DOC_REF_HRC_RESOLUTION, "A/HRC/RES/5/1", NULL);
	check(t, &f, 1, "5/2", DOC_REF_HRC_RESOLUTION, "A/HRC/RES/5/2", NULL);

	t = "the Human Rights Council, in its resolution 43/12,";
	assert_int_equal(scan(t, &f), 1);
	check(t, &f, 0, "43/12", DOC_REF_HRC_RESOLUTION, "A/HRC/RES/43/12", NULL);

	t = "Commission on Human Rights resolution 2003/64";
	assert_int_equal(scan(t, &f), 1);
	check(t, &f, 0, "2003/64", DOC_REF_CHR_RESOLUTION, "E/CN.4/RES/2003/64", NULL);

	t = "Economic and Social Council resolution 1980/67 of 25 July 1980";
	assert_int_equal(scan(t, &f), 1);
	check(t, &f, 0, "1980/67", DOC_REF_ECOSOC_RESOLUTION, "E/RES/1980/67", NULL);

	t = "decision 55/488 of 7 September 2001 and decisions 58/520 and 60/519";
	assert_int_equal(scan(t, &f), 3);
	check(t, &f, 0, "55/488", DOC_REF_DECISION, "A/DEC/55/488", NULL);
	check(t, &f, 2, "60/519", DOC_REF_DECISION, "A/DEC/60/519", NULL);
}

static void test_its(void **state)
{
	struct found f;
	const char *t;

	(void)state;
	t = "Recalling its resolution 2003/64,";
	assert_int_equal(scan_ctx(DOC_BODY_CHR, "E/CN.4/RES/2004/68", t, &f), 1);
	check(t, &f, 0, "2003/64", DOC_REF_CHR_RESOLUTION, "E/CN.4/RES/2003/64", NULL);

	t = "Recalling its resolution 57/209,";
	assert_int_equal(scan_ctx(DOC_BODY_GA, NULL, t, &f), 1);
	check(t, &f, 0, "57/209", DOC_REF_GA_RESOLUTION, "A/RES/57/209", NULL);

	/* in a CHR text a GA-form number is still the General Assembly's */
	t = "Recalling resolution 53/144,";
	assert_int_equal(scan_ctx(DOC_BODY_CHR, NULL, t, &f), 1);
	check(t, &f, 0, "53/144", DOC_REF_GA_RESOLUTION, "A/RES/53/144", NULL);

	/* bare year form in an ECOSOC text */
	t = "resolution 2004/68";
	assert_int_equal(scan_ctx(DOC_BODY_ECOSOC, NULL, t, &f), 1);
	check(t, &f, 0, "2004/68", DOC_REF_ECOSOC_RESOLUTION, "E/RES/2004/68", NULL);

	t = "its resolution 5/1";
	assert_int_equal(scan_ctx(DOC_BODY_HRC, NULL, t, &f), 1);
	check(t, &f, 0, "5/1", DOC_REF_HRC_RESOLUTION, "A/HRC/RES/5/1", NULL);

	/* "the Council" after the Human Rights Council was named */
	t = "Human Rights Council resolution 5/1; the Council, in its resolution 6/30,";
	assert_int_equal(scan(t, &f), 2);
	check(t, &f, 1, "6/30", DOC_REF_HRC_RESOLUTION, "A/HRC/RES/6/30", NULL);
}

static void test_context(void **state)
{
	struct found f;
	const char *t;

	(void)state;
	/* resolutions of organs without a buildable symbol are not references */
	t = "in line with United Nations Environment Assembly resolution 4/1, and "
	    "World Health Assembly resolution 72/8 and Conference of the Parties decision 15/4";
	assert_int_equal(scan(t, &f), 0);
	t = "the Commission on the Status of Women, in its resolution 60/2,";
	assert_int_equal(scan(t, &f), 0);
	/* ... but "and its" is still the speaker's */
	t = "the United Nations Commission on International Trade Law and its resolution 65/22";
	assert_int_equal(scan(t, &f), 1);
	check(t, &f, 0, "65/22", DOC_REF_GA_RESOLUTION, "A/RES/65/22", NULL);
	/* a lead verb or "See" is not an organ */
	t = "8 See resolution S-10/2.";
	assert_int_equal(scan(t, &f), 1);
	check(t, &f, 0, "S-10/2", DOC_REF_GA_RESOLUTION, "A/RES/S-10/2", NULL);

	/* organ named before a number-less "resolutions" */
	t = "relevant Human Rights Council resolutions, in particular resolutions 7/34 of "
	    "28 March 2008 and 18/15";
	assert_int_equal(scan(t, &f), 2);
	check(t, &f, 0, "7/34", DOC_REF_HRC_RESOLUTION, "A/HRC/RES/7/34", NULL);
	check(t, &f, 1, "18/15", DOC_REF_HRC_RESOLUTION, "A/HRC/RES/18/15", NULL);
	t = "Human Rights Council decision 18/120 of 30 September 2011 and resolutions 24/14";
	assert_int_equal(scan(t, &f), 2);
	check(t, &f, 0, "18/120", DOC_REF_DECISION, "A/HRC/DEC/18/120", NULL);
	check(t, &f, 1, "24/14", DOC_REF_HRC_RESOLUTION, "A/HRC/RES/24/14", NULL);
	/* ECOSOC named, then "Council resolution" */
	t = "the Economic and Social Council, as set forth in Council resolution 2006/46,";
	assert_int_equal(scan(t, &f), 1);
	check(t, &f, 0, "2006/46", DOC_REF_ECOSOC_RESOLUTION, "E/RES/2006/46", NULL);
	/* "its" does not reach into the previous paragraph */
	t = "the review of the Council,\nRecalling also its resolutions 62/219";
	assert_int_equal(scan_ctx(DOC_BODY_GA, NULL, t, &f), 1);
	check(t, &f, 0, "62/219", DOC_REF_GA_RESOLUTION, "A/RES/62/219", NULL);

	/* annotated lists */
	t = "Resolutions 52/214, sect. C, para. 3; 55/222, sect. III, para. 12; 58/101 B, "
	    "sect. V, paras. 61-76; and 61/121 B, sect. IV.";
	assert_int_equal(scan(t, &f), 4);
	check(t, &f, 1, "55/222", DOC_REF_GA_RESOLUTION, "A/RES/55/222", NULL);
	check(t, &f, 3, "61/121 B", DOC_REF_GA_RESOLUTION, "A/RES/61/121B", NULL);
	t = "its resolutions 40/257 A to C of 18 December 1985 and 45/250 A to C";
	assert_int_equal(scan(t, &f), 2);
	check(t, &f, 0, "40/257 A to C", DOC_REF_GA_RESOLUTION, "A/RES/40/257", NULL);
	check(t, &f, 1, "45/250 A to C", DOC_REF_GA_RESOLUTION, "A/RES/45/250", NULL);
}

static void test_documents(void **state)
{
	static const struct {
		const char *text, *span, *target;
		enum doc_ref_kind kind;
	} cases[] = {
		{ "report (E/CN.4/2004/94 and Add.1-3).", "E/CN.4/2004/94 and Add.1-3",
		  "E/CN.4/2004/94", DOC_REF_DOCUMENT },
		{ "see E/CN.4/2002/106 and Add.1 and 2;", "E/CN.4/2002/106 and Add.1 and 2",
		  "E/CN.4/2002/106", DOC_REF_DOCUMENT },
		{ "letter (A/67/828-S/2013/210), annex", "A/67/828-S/2013/210", "A/67/828",
		  DOC_REF_DOCUMENT },
		{ "on the report (A/58/508/Add.2)]", "A/58/508/Add.2", "A/58/508/Add.2",
		  DOC_REF_DOCUMENT },
		{ "draft A/80/L.5, as orally", "A/80/L.5", "A/80/L.5", DOC_REF_DOCUMENT },
		{ "annex I to document A/AC.292/2025/INF/5/Rev.1.", "A/AC.292/2025/INF/5/Rev.1",
		  "A/AC.292/2025/INF/5/Rev.1", DOC_REF_DOCUMENT },
		{ "S/2020/310.", "S/2020/310", "S/2020/310", DOC_REF_DOCUMENT },
		{ "(E/2003/23), chap. I", "E/2003/23", "E/2003/23", DOC_REF_DOCUMENT },
		{ "see A/HRC/RES/5/1,", "A/HRC/RES/5/1", "A/HRC/RES/5/1", DOC_REF_HRC_RESOLUTION },
		{ "Final Document (NPT/CONF.2010/50 (Vol. I)), part I", "NPT/CONF.2010/50 (Vol. I)",
		  "NPT/CONF.2010/50(Vol.I)", DOC_REF_DOCUMENT },
		{ "NPT/CONF.2000/28 (Parts I and II)", "NPT/CONF.2000/28 (Parts I and II)",
		  "NPT/CONF.2000/28(PartsIandII)", DOC_REF_DOCUMENT },
		{ "NPT/CONF.1995/32 (Part I)/Corr.2)", "NPT/CONF.1995/32 (Part I)/Corr.2",
		  "NPT/CONF.1995/32(PartI)/Corr.2", DOC_REF_DOCUMENT },
		{ "decision 1/CP.21 (FCCC/CP/2015/10/Add.1),", "FCCC/CP/2015/10/Add.1",
		  "FCCC/CP/2015/10/Add.1", DOC_REF_DOCUMENT },
		{ "see S/RES/1325 (2000).", "S/RES/1325 (2000)", "S/RES/1325(2000)",
		  DOC_REF_SC_RESOLUTION },
		{ "A/RES/ES\xe2\x80\x91" "10/1 and", "A/RES/ES\xe2\x80\x91" "10/1",
		  "A/RES/ES-10/1", DOC_REF_GA_RESOLUTION },
		{ "Supplement No.\xc2\xa0" "42 (A/48/42),", "A/48/42", "A/48/42", DOC_REF_DOCUMENT },
		{ "reports A/58/508/Add.1 and 2 and", "A/58/508/Add.1 and 2", "A/58/508/Add.1",
		  DOC_REF_DOCUMENT },
		{ "A/58/508/Add.1\xe2\x80\x93" "3,", "A/58/508/Add.1\xe2\x80\x93" "3", "A/58/508/Add.1",
		  DOC_REF_DOCUMENT },
		{ "ICCD/COP(14)/23/Add.1.", "ICCD/COP(14)/23/Add.1", "ICCD/COP(14)/23/Add.1",
		  DOC_REF_DOCUMENT },
	};
	struct found f;

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		size_t n = scan(cases[k].text, &f);

		if (n != 1)
			fail_msg("%s: %zu matches", cases[k].text, n);
		check(cases[k].text, &f, 0, cases[k].span, cases[k].kind, cases[k].target, NULL);
	}
}

static void test_paragraphs(void **state)
{
	struct found f;
	const char *t;

	(void)state;
	t = "as referred to in paragraph 1 (a) above,";
	assert_int_equal(scan(t, &f), 1);
	check(t, &f, 0, "paragraph 1 (a)", DOC_REF_PARAGRAPH, "A/RES/58/178", "op1.a");

	t = "mentioned in paragraph 5 below";
	assert_int_equal(scan(t, &f), 1);
	check(t, &f, 0, "paragraph 5", DOC_REF_PARAGRAPH, "A/RES/58/178", "op5");

	t = "paragraphs 3 and 4 above";
	assert_int_equal(scan(t, &f), 2);
	check(t, &f, 0, "paragraphs 3", DOC_REF_PARAGRAPH, "A/RES/58/178", "op3");
	check(t, &f, 1, "4", DOC_REF_PARAGRAPH, "A/RES/58/178", "op4");

	t = "paragraph 5 (c) (ii) of the present resolution";
	assert_int_equal(scan(t, &f), 1);
	check(t, &f, 0, "paragraph 5 (c) (ii)", DOC_REF_PARAGRAPH, "A/RES/58/178", "op5.c.ii");

	t = "pursuant to paragraph 5 of resolution 58/178,";
	assert_int_equal(scan_ctx(DOC_BODY_GA, "A/RES/60/1", t, &f), 2);
	check(t, &f, 0, "paragraph 5", DOC_REF_PARAGRAPH, "A/RES/58/178", "op5");
	check(t, &f, 1, "58/178", DOC_REF_GA_RESOLUTION, "A/RES/58/178", NULL);

	t = "pursuant to paragraph 5 of its resolution 2003/64";
	assert_int_equal(scan_ctx(DOC_BODY_CHR, NULL, t, &f), 2);
	check(t, &f, 0, "paragraph 5", DOC_REF_PARAGRAPH, "E/CN.4/RES/2003/64", "op5");
	check(t, &f, 1, "2003/64", DOC_REF_CHR_RESOLUTION, "E/CN.4/RES/2003/64", NULL);

	t = "paragraphs 9 and 10 of resolution 46/36 L";
	assert_int_equal(scan(t, &f), 3);
	check(t, &f, 1, "10", DOC_REF_PARAGRAPH, "A/RES/46/36", "op10");
	check(t, &f, 2, "46/36 L", DOC_REF_GA_RESOLUTION, "A/RES/46/36", NULL);

	/* no self symbol: target empty, the paragraph id still says where */
	t = "paragraph 2 above";
	assert_int_equal(scan_ctx(DOC_BODY_GA, NULL, t, &f), 1);
	check(t, &f, 0, "paragraph 2", DOC_REF_PARAGRAPH, "", "op2");
}

static void test_not_references(void **state)
{
	static const char *const texts[] = {
		"article 4 of the Covenant",
		"paragraph 3 of the Covenant",
		"article 12, paragraph 1, of the Convention",
		"paragraph 129 (a) to (s) of the consensus report",
		"attended by 2200 participants in 2003",
		"the resolution adopted by the General Assembly",
		"decision-making processes, a sovereign decision of States",
		"HIV/AIDS and/or TB; 24/7 support; 3/4 of the members",
		"Resolution adopted by the General Assembly on 1 December 2025",
		"see www.un.org/A/80/534 and http://x/S/2020/310",
		"resolution 53/144/2 and resolution 12345/1",
		"", "A/", "A/RES/", "resolution", "paragraph", "resolution S-", "(A/",
	};
	struct found f;

	(void)state;
	for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
		size_t n = scan(texts[k], &f);

		if (n != 0)
			fail_msg("'%s': %zu matches, first %s", texts[k], n, f.m[0].target);
	}
	/* "para." belongs to the document it follows */
	assert_int_equal(scan("[on the report of the First Committee (A/80/534, para. 7)]", &f), 1);
	check_at(&f, 0, 39, 8, DOC_REF_DOCUMENT, "A/80/534");
}

static void test_url_canonical(void **state)
{
	char out[128];

	(void)state;
	xref_url("A/RES/53/144", out, sizeof(out));
	assert_string_equal(out, "https://undocs.org/A/RES/53/144");
	xref_url("S/RES/1325(2000)", out, 10);
	assert_string_equal(out, "https://u");

	assert_true(xref_canonical("58/178", DOC_BODY_GA, out, sizeof(out)));
	assert_string_equal(out, "A/RES/58/178");
	assert_true(xref_canonical("  A/RES/58/178 ", DOC_BODY_UNKNOWN, out, sizeof(out)));
	assert_string_equal(out, "A/RES/58/178");
	assert_true(xref_canonical("S/RES/1325 (2000)", DOC_BODY_GA, out, sizeof(out)));
	assert_string_equal(out, "S/RES/1325(2000)");
	assert_true(xref_canonical("1325 (2000)", DOC_BODY_GA, out, sizeof(out)));
	assert_string_equal(out, "S/RES/1325(2000)");
	assert_true(xref_canonical("E/CN.4/RES/2004/68", DOC_BODY_GA, out, sizeof(out)));
	assert_string_equal(out, "E/CN.4/RES/2004/68");
	assert_true(xref_canonical("2004/68", DOC_BODY_CHR, out, sizeof(out)));
	assert_string_equal(out, "E/CN.4/RES/2004/68");
	assert_true(xref_canonical("5/1", DOC_BODY_HRC, out, sizeof(out)));
	assert_string_equal(out, "A/HRC/RES/5/1");
	assert_true(xref_canonical("resolution 2200 A (XXI)", DOC_BODY_GA, out, sizeof(out)));
	assert_string_equal(out, "A/RES/2200(XXI)");
	assert_true(xref_canonical("decision 55/488", DOC_BODY_GA, out, sizeof(out)));
	assert_string_equal(out, "A/DEC/55/488");
	assert_true(xref_canonical("a/res/58/178", DOC_BODY_GA, out, sizeof(out)));
	assert_string_equal(out, "A/RES/58/178");
	assert_true(xref_canonical("a/58/508/add.2", DOC_BODY_GA, out, sizeof(out)));
	assert_string_equal(out, "A/58/508/Add.2");
	assert_true(xref_canonical("A/RES/ES\xe2\x80\x91" "10/1", DOC_BODY_GA, out, sizeof(out)));
	assert_string_equal(out, "A/RES/ES-10/1");

	assert_false(xref_canonical("hello", DOC_BODY_GA, out, sizeof(out)));
	assert_false(xref_canonical("", DOC_BODY_GA, out, sizeof(out)));
	assert_false(xref_canonical("53/144 and more", DOC_BODY_GA, out, sizeof(out)));
	assert_false(xref_canonical("HIV/AIDS", DOC_BODY_GA, out, sizeof(out)));
	assert_false(xref_canonical("58/178", DOC_BODY_GA, out, 6));

	/* fuzz finding F4: a canonical symbol is its own canonical form */
	{
		static const char *const round[] = {
			"TGN.4/2 (Partii)", "NPT/CONF.2010/50 (Vol. I)", "a/res/2200(xxi)",
			"S/RES/1325 (2000)", "resolution 2200 A (XXI)", "a/58/508/add.2",
		};
		char again[128];

		for (size_t i = 0; i < sizeof(round) / sizeof(round[0]); i++) {
			assert_true(xref_canonical(round[i], DOC_BODY_GA, out, sizeof(out)));
			assert_true(xref_canonical(out, DOC_BODY_GA, again, sizeof(again)));
			assert_string_equal(out, again);
		}
		assert_string_equal(xref_canonical("TGN.4/2 (Partii)", DOC_BODY_GA, out, sizeof(out)) ?
				    out : "", "TGN.4/2(Partii)");
		assert_true(xref_canonical("a/res/2200(xxi)", DOC_BODY_GA, out, sizeof(out)));
		assert_string_equal(out, "A/RES/2200(XXI)");
		/* decisions are NN/NNN: no A/DEC/334(2016) */
		assert_false(xref_canonical("\t\tdecision\t\t334 (2016)\t", DOC_BODY_GA, out,
					    sizeof(out)));
	}
}

/* Deterministic pseudo-random bytes. */
static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

static void test_robust(void **state)
{
	static const char *const pieces[] = {
		"resolution ", "resolutions ", "paragraph ", "paragraphs ", "decision ", "53/144",
		" and ", ", ", "A/", "RES/", "S-", "(XXI)", " (2000)", "\xe2\x80\x91", "\xc2\xa0",
		"\xff", "\xe2\x80", "\xc2", "Add.1", "-", " of 5 December 2016", "above", "(a)",
		"Human Rights Council ", "its ", "/", ".", "1", "E/CN.4/", "(Part I)", "\n",
	};
	size_t big = 1 << 20;
	char *buf = malloc(big + 1);
	uint32_t seed = 12345;
	struct found f;
	struct xref_ctx ctx = { DOC_BODY_GA, "A/RES/1/1" };
	clock_t t0;
	size_t n, o;

	(void)state;
	assert_non_null(buf);
	/* random bytes */
	for (size_t k = 0; k < big; k++)
		buf[k] = (char)(lcg(&seed) & 0xff);
	memset(&f, 0, sizeof(f));
	xref_scan(&ctx, buf, big, collect, &f);
	for (size_t k = 0; k < f.n; k++)
		assert_true(f.m[k].start + f.m[k].len <= big);

	/* random concatenations of meaningful pieces */
	o = 0;
	while (o < big - 64) {
		const char *p = pieces[lcg(&seed) % (sizeof(pieces) / sizeof(pieces[0]))];
		size_t l = strlen(p);

		memcpy(buf + o, p, l);
		o += l;
	}
	memset(&f, 0, sizeof(f));
	n = xref_scan(&ctx, buf, o, collect, &f);
	assert_true(n > 0);
	for (size_t k = 0; k < f.n; k++)
		assert_true(f.m[k].start + f.m[k].len <= o);

	/* adversarial repetitions must stay linear: 1 MiB each well under a second */
	static const char *const reps[] = { "A/", "A/1", "resolution ", "53/144, ", "S-", "1 (",
					    "paragraph 1, ", "A/1-", "E/CN.4", "\xe2\x80\x91" };
	for (size_t r = 0; r < sizeof(reps) / sizeof(reps[0]); r++) {
		size_t l = strlen(reps[r]);

		for (o = 0; o + l <= big; o += l)
			memcpy(buf + o, reps[r], l);
		t0 = clock();
		xref_scan(&ctx, buf, o, NULL, NULL);
		assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	}
	/* a text that ends in the middle of a sequence; no NUL needed */
	memcpy(buf, "resolution 53/144", 17);
	memset(&f, 0, sizeof(f));
	assert_int_equal(xref_scan(&ctx, buf, 15, collect, &f), 1);
	assert_string_equal(f.m[0].target, "A/RES/53/1");
	/* NULL context and NULL text */
	assert_int_equal(xref_scan(NULL, "resolution 53/144", 17, NULL, NULL), 1);
	assert_int_equal(xref_scan(&ctx, NULL, 0, NULL, NULL), 0);
	free(buf);
}

static void test_scan_doc(void **state)
{
	struct doc *d = doc_new();
	struct doc_para p;
	struct doc_footnote fn;
	const struct doc_ref *r;

	(void)state;
	d->body = DOC_BODY_GA;
	d->symbol = "A/RES/58/178";
	memset(&p, 0, sizeof(p));
	p.kind = DOC_PARA_PREAMBULAR;
	p.part = DOC_PART_PREAMBLE;
	p.id = "pp1";
	p.text = "Recalling its resolution 57/209 of 18 December 2002,";
	p.text_len = strlen(p.text);
	p.parent = -1;
	p.annex = -1;
	doc_add_para(d, &p);
	p.kind = DOC_PARA_OPERATIVE;
	p.part = DOC_PART_OPERATIVE;
	p.id = "op1";
	p.text = "Requests the Secretary-General to report on paragraph 3 above;";
	p.text_len = strlen(p.text);
	doc_add_para(d, &p);
	p.id = "op2";
	p.text = "Decides to remain seized of the matter.";
	p.text_len = strlen(p.text);
	doc_add_para(d, &p);
	memset(&fn, 0, sizeof(fn));
	fn.id = "fn1";
	fn.number = "1";
	fn.text = "See E/CN.4/2004/94 and Add.1-3.";
	fn.para = 0;
	doc_add_footnote(d, &fn);

	xref_scan_doc(d);
	assert_int_equal(d->n_refs, 3);
	r = &d->refs[0];
	assert_int_equal(r->kind, DOC_REF_GA_RESOLUTION);
	assert_int_equal(r->para, 0);
	assert_int_equal(r->footnote, -1);
	assert_int_equal(r->start, 25);
	assert_int_equal(r->len, 6);
	assert_string_equal(r->target, "A/RES/57/209");
	assert_string_equal(r->url, "https://undocs.org/A/RES/57/209");
	assert_null(r->target_para);
	r = &d->refs[1];
	assert_int_equal(r->kind, DOC_REF_PARAGRAPH);
	assert_int_equal(r->para, 1);
	assert_string_equal(r->target, "A/RES/58/178");
	assert_string_equal(r->target_para, "op3");
	assert_int_equal(strncmp(d->paras[1].text + r->start, "paragraph 3", r->len), 0);
	r = &d->refs[2];
	assert_int_equal(r->kind, DOC_REF_DOCUMENT);
	assert_int_equal(r->para, -1);
	assert_int_equal(r->footnote, 0);
	assert_int_equal(r->start, 4);
	assert_int_equal(r->len, strlen("E/CN.4/2004/94 and Add.1-3"));
	assert_string_equal(r->target, "E/CN.4/2004/94");
	assert_string_equal(r->url, "https://undocs.org/E/CN.4/2004/94");
	doc_free(d);
}

/* The scanner looks at 64 bytes at a time: a reference at every offset
 * around the block ends, and a trigger inside a word that crosses one
 * (which is no trigger). */
static void test_block_edges(void **state)
{
	(void)state;
	for (size_t k = 0; k < 140; k++) {
		char text[200];
		struct found f;

		memset(text, ' ', k);
		strcpy(text + k, "resolution 58/178");
		assert_int_equal(scan(text, &f), 1);
		assert_int_equal(f.m[0].start, k + 11);
		assert_int_equal(f.m[0].len, 6);
		assert_string_equal(f.m[0].target, "A/RES/58/178");

		memset(text, 'a', k);
		assert_int_equal(scan(text, &f), k == 0 ? 1 : 0);

		/* the other triggers: p (paragraph) and d (decision) */
		memset(text, ' ', k);
		strcpy(text + k, "paragraph 5 of resolution 58/178");
		assert_int_equal(scan(text, &f), 2);
		assert_int_equal(f.m[0].start, k);
		assert_string_equal(f.m[0].target_para, "op5");
		strcpy(text + k, "decision 58/178");
		assert_int_equal(scan(text, &f), 1);
		assert_int_equal(f.m[0].start, k + 9);
	}
}

/* The scanner rejects a capital or r, d, p by its next byte unless that
 * can start a symbol, a number or an organ's or trigger's name: each
 * kind of start it must keep, and each month (skip_date() looks them up
 * by initial). */
static void test_two_byte_starts(void **state)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December",
	};
	static const struct {
		const char *text, *span, *target;
		enum doc_ref_kind kind;
	} one[] = {
		{ "Recalling S-27/2 of 10 May 2002,", "S-27/2", "A/RES/S-27/2",
		  DOC_REF_GA_RESOLUTION },
		{ "Recalling S\xe2\x80\x90" "27/2 of 10 May 2002,", "S\xe2\x80\x90" "27/2",
		  "A/RES/S-27/2", DOC_REF_GA_RESOLUTION },
		{ "Recalling ES-10/1 of 10 May 2002,", "ES-10/1", "A/RES/ES-10/1",
		  DOC_REF_GA_RESOLUTION },
		{ "see A/58/1.", "A/58/1", "A/58/1", DOC_REF_DOCUMENT },
		{ "see GC.18/INF/4.", "GC.18/INF/4", "GC.18/INF/4", DOC_REF_DOCUMENT },
		{ "Resolution 58/178", "58/178", "A/RES/58/178", DOC_REF_GA_RESOLUTION },
		{ "Decision 58/178", "58/178", "A/DEC/58/178", DOC_REF_DECISION },
		{ "General Assembly resolution 2200 A (XXI)", "2200 A (XXI)",
		  "A/RES/2200(XXI)", DOC_REF_GA_RESOLUTION },
		{ "Security Council resolution 58/178", "58/178", "A/RES/58/178",
		  DOC_REF_GA_RESOLUTION },
		{ "Human Rights Council resolution 5/1", "5/1", "A/HRC/RES/5/1",
		  DOC_REF_HRC_RESOLUTION },
		{ "Economic and Social Council resolution 1990/26", "1990/26", "E/RES/1990/26",
		  DOC_REF_ECOSOC_RESOLUTION },
		{ "Commission on Human Rights resolution 2004/68", "2004/68",
		  "E/CN.4/RES/2004/68", DOC_REF_CHR_RESOLUTION },
		{ "Assembly resolution 2200 A (XXI)", "2200 A (XXI)", "A/RES/2200(XXI)",
		  DOC_REF_GA_RESOLUTION },
	};
	struct found f;

	(void)state;
	for (size_t k = 0; k < sizeof(one) / sizeof(one[0]); k++) {
		assert_int_equal(scan(one[k].text, &f), 1);
		check(one[k].text, &f, 0, one[k].span, one[k].kind, one[k].target, NULL);
	}
	assert_int_equal(scan("Paragraph 5 above", &f), 1);
	check("Paragraph 5 above", &f, 0, "Paragraph 5", DOC_REF_PARAGRAPH, "A/RES/58/178",
	      "op5");
	/* a number without a trigger word: what may follow its digits */
	assert_int_equal(scan("Recalling 1325\xc2\xa0(2000) of 31 October 2000,", &f), 1);
	check("Recalling 1325\xc2\xa0(2000) of 31 October 2000,", &f, 0, "1325\xc2\xa0(2000)",
	      DOC_REF_SC_RESOLUTION, "S/RES/1325(2000)", NULL);
	assert_int_equal(scan("Recalling 1325\xe2\x80\x89(2000) of 31 October 2000,", &f), 1);
	assert_string_equal(f.m[0].target, "S/RES/1325(2000)");
	assert_int_equal(scan("Recalling 2200 A (XXI) of 16 December 1966,", &f), 1);
	assert_string_equal(f.m[0].target, "A/RES/2200(XXI)");
	assert_int_equal(scan("Recalling 1325(2000) of 31 October 2000,", &f), 1);
	assert_int_equal(scan("Recalling 2003/64 of 25 April 2003,", &f), 1);
	assert_string_equal(f.m[0].target, "E/RES/2003/64");
	assert_int_equal(scan("Recalling 12345/1 of 25 April 2003,", &f), 0);
	assert_int_equal(scan("Recalling 1325\t(2000) of 31 October 2000,", &f), 0);
	assert_int_equal(scan("Recalling 1325, 1326 and 58", &f), 0);
	/* the organ decides where the number alone would not */
	assert_int_equal(scan_ctx(DOC_BODY_GA, NULL, "Council resolution 5/1", &f), 1);
	assert_string_equal(f.m[0].target, "A/RES/5/1");
	assert_int_equal(scan_ctx(DOC_BODY_HRC, NULL, "Council resolution 5/1", &f), 1);
	assert_string_equal(f.m[0].target, "A/HRC/RES/5/1");
	/* look-alikes, and starts cut off by the end of the text */
	assert_int_equal(scan("Sessions 58/178 of Rules, Re A Decades S-", &f), 0);
	assert_int_equal(scan("Recalling S", &f), 0);
	assert_int_equal(scan("Recalling Se", &f), 0);
	assert_int_equal(scan("r", &f), 0);
	assert_int_equal(scan("A/", &f), 0);
	for (size_t k = 0; k < 12; k++) {
		char text[80];

		snprintf(text, sizeof(text), "Recalling 70/54 of 7 %s 2015,", months[k]);
		assert_int_equal(scan(text, &f), 1);
		check(text, &f, 0, "70/54", DOC_REF_GA_RESOLUTION, "A/RES/70/54", NULL);
		/* not a month: no date, no reference */
		snprintf(text, sizeof(text), "Recalling 70/54 of 7 %.3sx 2015,", months[k]);
		assert_int_equal(scan(text, &f), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ga),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_organs),
		cmocka_unit_test(test_its),
		cmocka_unit_test(test_context),
		cmocka_unit_test(test_documents),
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_not_references),
		cmocka_unit_test(test_url_canonical),
		cmocka_unit_test(test_robust),
		cmocka_unit_test(test_scan_doc),
		cmocka_unit_test(test_block_edges),
		cmocka_unit_test(test_two_byte_starts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
