/* test_output.c: the JSON writer and the text renderings (json.c, textout.c)
 * on documents built by hand. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
#include "json.h"
#include "textout.h"
#include "util.h"

/* ---- helpers ------------------------------------------------------------ */

struct capture {
	char *data;
	size_t len;
	FILE *f;
};

static FILE *cap_open(struct capture *c)
{
	c->data = NULL;
	c->len = 0;
	c->f = open_memstream(&c->data, &c->len);
	assert_non_null(c->f);
	return c->f;
}

static char *cap_close(struct capture *c)
{
	assert_int_equal(fclose(c->f), 0);
	return c->data;
}

static int add(struct doc *d, enum doc_para_kind kind, const char *id, const char *number,
	       const char *lead, const char *text, int parent, int annex, int line)
{
	struct doc_para p = {
		.kind = kind,
		.part = annex >= 0 ? DOC_PART_ANNEX
			: kind == DOC_PARA_PREAMBULAR ? DOC_PART_PREAMBLE : DOC_PART_OPERATIVE,
		.id = id,
		.number = number,
		.lead = lead,
		.text = text,
		.text_len = strlen(text),
		.lead_len = lead ? strlen(lead) : 0,
		.parent = parent,
		.annex = annex,
		.line = line,
	};

	return doc_add_para(d, &p);
}

/* A small resolution exercising every part of the model. */
static struct doc *make_doc(void)
{
	struct doc *d = doc_new();
	static const char *agenda[] = { "12 (a)" };
	struct doc_annex an = { .id = "annex1", .label = "Annex", .title = NULL, .line = 10 };
	struct doc_footnote f1 = { .id = "fn1", .number = "1", .text = "See A/99/2.",
				   .para = 2, .offset = 5, .line = 12 };
	struct doc_footnote f2 = { .id = "fn2", .number = "2", .text = "Unplaced",
				   .para = -1, .offset = 0, .line = 13 };
	struct doc_ref r1 = { .kind = DOC_REF_GA_RESOLUTION, .para = 0, .footnote = -1,
			      .start = 14, .len = 14, .target = "A/RES/1/1",
			      .url = "https://undocs.org/A/RES/1/1" };
	struct doc_ref r2 = { .kind = DOC_REF_DOCUMENT, .para = -1, .footnote = 0,
			      .start = 4, .len = 6, .target = "A/99/2",
			      .url = "https://undocs.org/A/99/2" };
	struct doc_ref r3 = { .kind = DOC_REF_PARAGRAPH, .para = 5, .footnote = -1,
			      .start = 0, .len = 4, .target = "A/RES/99/1",
			      .url = "https://undocs.org/A/RES/99/1", .target_para = "op1.a" };
	int op1, op1a;

	d->symbol = "A/RES/99/1";
	d->body = DOC_BODY_GA;
	d->body_name = "General Assembly";
	d->number = "99/1";
	d->title = "Test \"title\"";
	d->agenda_items = agenda;
	d->n_agenda_items = 1;
	d->adopted = "2020-01-02";
	d->adopted_on = "A/99/L.1";
	d->is_resolution = true;
	add(d, DOC_PARA_PREAMBULAR, "pp1", NULL, "Recalling", "Recalling its resolution 1/1,",
	    -1, -1, 3);
	op1 = add(d, DOC_PARA_OPERATIVE, "op1", "1", "Decides", "Decides that:", -1, -1, 4);
	op1a = add(d, DOC_PARA_SUBPARAGRAPH, "op1.a", "(a)", NULL, "first\\one", op1, -1, 5);
	add(d, DOC_PARA_SUBPARAGRAPH, "op1.a.i", "(i)", NULL, "deep", op1a, -1, 6);
	add(d, DOC_PARA_SUBPARAGRAPH, "op1.b", "(b)", NULL, "tab\there", op1, -1, 7);
	add(d, DOC_PARA_OPERATIVE, "op2", "2", NULL, "Ends.", -1, -1, 8);
	an.first_para = (int)d->n_paras;
	an.n_paras = 1;
	doc_add_annex(d, &an);
	add(d, DOC_PARA_NUMBERED, "annex1.p1", "1", NULL, "Annex text", -1, 0, 11);
	doc_add_footnote(d, &f1);
	doc_add_footnote(d, &f2);
	doc_add_ref(d, &r1);
	doc_add_ref(d, &r2);
	doc_add_ref(d, &r3);
	doc_warn(d, 9, "odd \x1b thing");
	return d;
}

/* ---- JSON --------------------------------------------------------------- */

static void check_escape(const char *in, size_t n, const char *want)
{
	struct util_buf b = { 0 };

	json_append_string(&b, in, n);
	assert_non_null(b.data);
	assert_string_equal(b.data, want);
	util_buf_free(&b);
}

static void test_json_escape(void **state)
{
	(void)state;
	check_escape("plain", 5, "\"plain\"");
	check_escape("", 0, "\"\"");
	check_escape("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
	check_escape("\x01\x1f\n\t\x7f", 5, "\"\\u0001\\u001F\\u000A\\u0009\\u007F\"");
	check_escape("\x1b[31m", 5, "\"\\u001B[31m\"");
	/* NUL inside the span is escaped, not a terminator */
	check_escape("a\0b", 3, "\"a\\u0000b\"");
	/* valid UTF-8 passes through: é, 中, U+1F600 */
	check_escape("\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80", 9,
		     "\"\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\"");
	/* C1 control U+0085 and U+2028/2029 are escaped */
	check_escape("\xc2\x85|\xe2\x80\xa8|\xe2\x80\xa9", 10, "\"\\u0085|\\u2028|\\u2029\"");
	/* invalid bytes: lone continuation, 0xFF, truncated sequence, overlong,
	 * surrogate: each bad byte becomes U+FFFD */
	check_escape("\x80", 1, "\"\\uFFFD\"");
	check_escape("a\xff", 2, "\"a\\uFFFD\"");
	check_escape("\xe4\xb8", 2, "\"\\uFFFD\\uFFFD\"");
	check_escape("\xc0\xaf", 2, "\"\\uFFFD\\uFFFD\"");
	check_escape("\xed\xa0\x80", 3, "\"\\uFFFD\\uFFFD\\uFFFD\"");
}

static const char want_doc_json[] =
	"{\n"
	"  \"symbol\": \"A/RES/99/1\",\n"
	"  \"body\": \"General Assembly\",\n"
	"  \"number\": \"99/1\",\n"
	"  \"title\": \"Test \\\"title\\\"\",\n"
	"  \"session\": null,\n"
	"  \"agenda_items\": [\n"
	"    \"12 (a)\"\n"
	"  ],\n"
	"  \"adopted\": \"2020-01-02\",\n"
	"  \"meeting\": null,\n"
	"  \"adopted_on\": \"A/99/L.1\",\n"
	"  \"paragraphs\": [\n"
	"    {\n"
	"      \"id\": \"pp1\",\n"
	"      \"kind\": \"preambular\",\n"
	"      \"number\": null,\n"
	"      \"lead\": \"Recalling\",\n"
	"      \"text\": \"Recalling its resolution 1/1,\",\n"
	"      \"children\": [],\n"
	"      \"line\": 3\n"
	"    },\n"
	"    {\n"
	"      \"id\": \"op1\",\n"
	"      \"kind\": \"operative\",\n"
	"      \"number\": \"1\",\n"
	"      \"lead\": \"Decides\",\n"
	"      \"text\": \"Decides that:\",\n"
	"      \"children\": [\n"
	"        {\n"
	"          \"id\": \"op1.a\",\n"
	"          \"kind\": \"subparagraph\",\n"
	"          \"number\": \"(a)\",\n"
	"          \"lead\": null,\n"
	"          \"text\": \"first\\\\one\",\n"
	"          \"children\": [\n"
	"            {\n"
	"              \"id\": \"op1.a.i\",\n"
	"              \"kind\": \"subparagraph\",\n"
	"              \"number\": \"(i)\",\n"
	"              \"lead\": null,\n"
	"              \"text\": \"deep\",\n"
	"              \"children\": [],\n"
	"              \"line\": 6\n"
	"            }\n"
	"          ],\n"
	"          \"line\": 5\n"
	"        },\n"
	"        {\n"
	"          \"id\": \"op1.b\",\n"
	"          \"kind\": \"subparagraph\",\n"
	"          \"number\": \"(b)\",\n"
	"          \"lead\": null,\n"
	"          \"text\": \"tab\\u0009here\",\n"
	"          \"children\": [],\n"
	"          \"line\": 7\n"
	"        }\n"
	"      ],\n"
	"      \"line\": 4\n"
	"    },\n"
	"    {\n"
	"      \"id\": \"op2\",\n"
	"      \"kind\": \"operative\",\n"
	"      \"number\": \"2\",\n"
	"      \"lead\": null,\n"
	"      \"text\": \"Ends.\",\n"
	"      \"children\": [],\n"
	"      \"line\": 8\n"
	"    }\n"
	"  ],\n"
	"  \"annexes\": [\n"
	"    {\n"
	"      \"id\": \"annex1\",\n"
	"      \"label\": \"Annex\",\n"
	"      \"title\": null,\n"
	"      \"paragraphs\": [\n"
	"        {\n"
	"          \"id\": \"annex1.p1\",\n"
	"          \"kind\": \"paragraph\",\n"
	"          \"number\": \"1\",\n"
	"          \"lead\": null,\n"
	"          \"text\": \"Annex text\",\n"
	"          \"children\": [],\n"
	"          \"line\": 11\n"
	"        }\n"
	"      ]\n"
	"    }\n"
	"  ],\n"
	"  \"footnotes\": [\n"
	"    {\n"
	"      \"id\": \"fn1\",\n"
	"      \"number\": \"1\",\n"
	"      \"text\": \"See A/99/2.\",\n"
	"      \"paragraph\": \"op1.a\",\n"
	"      \"offset\": 5\n"
	"    },\n"
	"    {\n"
	"      \"id\": \"fn2\",\n"
	"      \"number\": \"2\",\n"
	"      \"text\": \"Unplaced\",\n"
	"      \"paragraph\": null,\n"
	"      \"offset\": null\n"
	"    }\n"
	"  ],\n"
	"  \"references\": [\n"
	"    {\n"
	"      \"paragraph\": \"pp1\",\n"
	"      \"text\": \"resolution 1/1\",\n"
	"      \"kind\": \"ga_resolution\",\n"
	"      \"target\": \"A/RES/1/1\",\n"
	"      \"url\": \"https://undocs.org/A/RES/1/1\"\n"
	"    },\n"
	"    {\n"
	"      \"paragraph\": \"fn1\",\n"
	"      \"text\": \"A/99/2\",\n"
	"      \"kind\": \"document\",\n"
	"      \"target\": \"A/99/2\",\n"
	"      \"url\": \"https://undocs.org/A/99/2\"\n"
	"    },\n"
	"    {\n"
	"      \"paragraph\": \"op2\",\n"
	"      \"text\": \"Ends\",\n"
	"      \"kind\": \"paragraph\",\n"
	"      \"target\": \"A/RES/99/1\",\n"
	"      \"url\": \"https://undocs.org/A/RES/99/1\",\n"
	"      \"target_paragraph\": \"op1.a\"\n"
	"    }\n"
	"  ],\n"
	"  \"warnings\": [\n"
	"    {\n"
	"      \"line\": 9,\n"
	"      \"message\": \"odd \\u001B thing\"\n"
	"    }\n"
	"  ]\n"
	"}\n";

static void test_json_doc(void **state)
{
	struct doc *d = make_doc();
	struct capture c;
	char *out;

	(void)state;
	json_write_doc(cap_open(&c), d);
	out = cap_close(&c);
	assert_string_equal(out, want_doc_json);
	free(out);
	doc_free(d);
}

static void test_json_empty_doc(void **state)
{
	struct doc *d = doc_new();
	struct capture c;
	char *out;

	(void)state;
	json_write_doc(cap_open(&c), d);
	out = cap_close(&c);
	assert_string_equal(out, "{\n"
			    "  \"symbol\": null,\n"
			    "  \"body\": null,\n"
			    "  \"number\": null,\n"
			    "  \"title\": null,\n"
			    "  \"session\": null,\n"
			    "  \"agenda_items\": [],\n"
			    "  \"adopted\": null,\n"
			    "  \"meeting\": null,\n"
			    "  \"adopted_on\": null,\n"
			    "  \"paragraphs\": [],\n"
			    "  \"annexes\": [],\n"
			    "  \"footnotes\": [],\n"
			    "  \"references\": [],\n"
			    "  \"warnings\": []\n"
			    "}\n");
	free(out);
	doc_free(d);
}

static void test_json_set(void **state)
{
	struct doc_set s = { 0 };
	struct capture c;
	char *out;

	(void)state;
	/* empty set: an empty array */
	json_write_docs(cap_open(&c), &s);
	out = cap_close(&c);
	assert_string_equal(out, "[]\n");
	free(out);

	/* one document: a bare object, same as json_write_doc */
	doc_set_add(&s, make_doc());
	json_write_docs(cap_open(&c), &s);
	out = cap_close(&c);
	assert_string_equal(out, want_doc_json);
	free(out);

	/* two: an array whose elements are indented one level deeper */
	doc_set_add(&s, doc_new());
	s.docs[1]->symbol = "A/RES/99/2";
	json_write_docs(cap_open(&c), &s);
	out = cap_close(&c);
	assert_true(strncmp(out, "[\n  {\n    \"symbol\": \"A/RES/99/1\",\n", 34) == 0);
	assert_non_null(strstr(out, "\n  },\n  {\n    \"symbol\": \"A/RES/99/2\",\n"));
	assert_non_null(strstr(out, "\n        \"children\": [\n          {\n"));
	{
		static const char tail[] = "\n    \"warnings\": []\n  }\n]\n";

		assert_true(strlen(out) > sizeof(tail));
		assert_string_equal(out + strlen(out) - (sizeof(tail) - 1), tail);
	}
	free(out);
	doc_set_free(&s);
}

/* A deep chain of sub-paragraphs is written without recursion and closes
 * every bracket it opens. */
static void test_json_deep(void **state)
{
	struct doc *d = doc_new();
	struct capture c;
	char *out;
	int parent = -1;
	size_t opens = 0, closes = 0;

	(void)state;
	for (int i = 0; i < 2000; i++)
		parent = add(d, i ? DOC_PARA_SUBPARAGRAPH : DOC_PARA_OPERATIVE, "x", NULL, NULL,
			     "t", parent, -1, i + 1);
	json_write_doc(cap_open(&c), d);
	out = cap_close(&c);
	for (char *p = out; *p; p++) {
		opens += *p == '[' || *p == '{';
		closes += *p == ']' || *p == '}';
	}
	assert_int_equal(opens, closes);
	assert_int_equal(opens, 2 * 2000 + 7); /* + doc and its six arrays */
	assert_non_null(strstr(out, "\"line\": 2000\n"));
	free(out);
	doc_free(d);
}

/* ---- outline ------------------------------------------------------------ */

static void test_outline(void **state)
{
	struct doc *d = make_doc();
	struct capture c;
	char *out;

	(void)state;
	textout_outline(cap_open(&c), d, NULL);
	out = cap_close(&c);
	assert_string_equal(out,
			    "symbol     A/RES/99/1\n"
			    "title      Test \"title\"\n"
			    "adopted    2020-01-02\n"
			    "pp1        Recalling\n"
			    "op1        1. Decides\n"
			    "op1.a        (a) first\\one\n"
			    "op1.a.i        (i) deep\n"
			    "op1.b        (b) tab here\n"
			    "op2        2. Ends.\n"
			    "annex1     Annex\n"
			    "annex1.p1  1. Annex text\n"
			    "fn1        [1] (op1.a) See A/99/2.\n"
			    "fn2        [2] Unplaced\n");
	free(out);

	/* with a file name, and hostile strings are sanitized */
	d->title = "Evil\x1b]0;pwned\x07 title";
	textout_outline(cap_open(&c), d, "dir/\x1b[2Jname.txt");
	out = cap_close(&c);
	assert_null(memchr(out, 0x1b, strlen(out)));
	assert_null(memchr(out, 0x07, strlen(out)));
	assert_true(strncmp(out, "file       dir/^[[2Jname.txt\n", 29) == 0);
	assert_non_null(strstr(out, "\ntitle      Evil^[]0;pwned^G title\n"));
	free(out);
	doc_free(d);
}

/* ---- widths and wrapping ------------------------------------------------ */

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(textout_width("abc", 3), 3);
	assert_int_equal(textout_width("\xe4\xb8\xad\xe6\x96\x87", 6), 4);    /* 中文 */
	assert_int_equal(textout_width("e\xcc\x81", 3), 1);                   /* e + U+0301 */
	assert_int_equal(textout_width("\xc3\xa9t\xc3\xa9", 5), 3);           /* été */
	assert_int_equal(textout_width("\xff", 1), 1);
	assert_int_equal(textout_cpwidth(0x4E2D), 2);
	assert_int_equal(textout_cpwidth(0x0301), 0);
	assert_int_equal(textout_cpwidth(0xAC00), 2); /* Hangul */
	assert_int_equal(textout_cpwidth(0x1B), 0);
	assert_int_equal(textout_width_from_env(NULL), 80);
	assert_int_equal(textout_width_from_env(""), 80);
	assert_int_equal(textout_width_from_env("100"), 100);
	assert_int_equal(textout_width_from_env("20"), 20);
	assert_int_equal(textout_width_from_env("19"), 80);
	assert_int_equal(textout_width_from_env("1001"), 80);
	assert_int_equal(textout_width_from_env("72x"), 80);
	assert_int_equal(textout_width_from_env("-5"), 80);
}

static void check_wrap(const char *prefix, size_t pc, size_t indent, const char *s, size_t width,
		       const char *want)
{
	struct util_buf b = { 0 };

	textout_wrap(&b, prefix, pc, indent, s, strlen(s), width);
	assert_non_null(b.data);
	assert_string_equal(b.data, want);
	util_buf_free(&b);
}

static void test_wrap(void **state)
{
	(void)state;
	/* hanging indent: continuation lines under the text */
	check_wrap("  1.  ", 6, 6, "Calls upon all States to promote the Declaration", 24,
		   "  1.  Calls upon all\n"
		   "      States to promote\n"
		   "      the Declaration\n");
	/* runs of spaces collapse; exact fit stays on the line */
	check_wrap("", 0, 0, "aaaa   bbbb  cccc", 9, "aaaa bbbb\ncccc\n");
	/* width counted in columns: each CJK word is 4 columns (12 bytes) */
	check_wrap("", 0, 2, "\xe4\xb8\xad\xe6\x96\x87 \xe4\xb8\xad\xe6\x96\x87 "
		   "\xe4\xb8\xad\xe6\x96\x87", 9,
		   "\xe4\xb8\xad\xe6\x96\x87 \xe4\xb8\xad\xe6\x96\x87\n"
		   "  \xe4\xb8\xad\xe6\x96\x87\n");
	/* combining marks take no room: "e\u0301" x4 is 4 columns wide */
	check_wrap("", 0, 0, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81 x", 6,
		   "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81 x\n");
	/* a word longer than the width is cut between characters */
	check_wrap("> ", 2, 2, "ab abcdefghijklmnop cd", 8,
		   "> ab\n  abcdef\n  ghijkl\n  mnop\n  cd\n");
	/* a wide character never straddles the edge */
	check_wrap("", 0, 0, "\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad", 5,
		   "\xe4\xb8\xad\xe4\xb8\xad\n\xe4\xb8\xad\n");
	/* indentation wider than the width still makes progress */
	check_wrap("", 0, 10, "abc def", 4, "abc\n          d\n          e\n          f\n");
	/* empty text: just the prefix line */
	check_wrap("  1.  ", 6, 6, "", 20, "  1.  \n");
}

/* ---- plain text --------------------------------------------------------- */

static void test_plain(void **state)
{
	struct doc *d = make_doc();
	struct capture c;
	char *out;

	(void)state;
	textout_plain(cap_open(&c), d, 40);
	out = cap_close(&c);
	assert_string_equal(out,
			    "A/RES/99/1              General Assembly\n"
			    "Agenda item 12 (a)\n"
			    "Adopted on 2020-01-02\n"
			    "On the basis of A/99/L.1\n"
			    "\n"
			    "99/1.  Test \"title\"\n"
			    "\n"
			    "    The General Assembly,\n"
			    "\n"
			    "    Recalling its resolution 1/1,\n"
			    "\n"
			    "  1.  Decides that:\n"
			    "\n"
			    "      (a)   first[1]\\one\n"
			    "\n"
			    "            (i)   deep\n"
			    "\n"
			    "      (b)   tab here\n"
			    "\n"
			    "  2.  Ends.\n"
			    "\n"
			    "\n"
			    "                 Annex\n"
			    "\n"
			    "  1.  Annex text\n"
			    "\n"
			    "________________\n"
			    "\n"
			    "[1] See A/99/2.\n"
			    "\n"
			    "[2] Unplaced\n");
	free(out);
	doc_free(d);
}

static void test_plain_wrap_and_sanitize(void **state)
{
	struct doc *d = doc_new();
	struct capture c;
	char *out;
	int op;
	struct doc_footnote fn = { .id = "fn1", .number = "1", .text = "Note \x1b[1mbold\x9b",
				   .para = 0, .offset = 6 };

	(void)state;
	d->symbol = "A/RES/1/1\x1b[31m";
	op = add(d, DOC_PARA_OPERATIVE, "op12", "12", "Calls upon",
		 "Calls upon\x1b[2J all States \xc2\x9b to act and to report, "
		 "with \xe4\xb8\xad\xe6\x96\x87 text", -1, -1, 1);
	add(d, DOC_PARA_SUBPARAGRAPH, "op12.a", "(a)", NULL,
	    "To do something rather long again and again", op, -1, 2);
	doc_add_footnote(d, &fn);
	textout_plain(cap_open(&c), d, 30);
	out = cap_close(&c);
	/* no escape byte (7-bit ESC or 8-bit CSI) survives */
	assert_null(memchr(out, 0x1b, strlen(out)));
	assert_null(strstr(out, "\xc2\x9b"));
	assert_null(strchr(out, '\x9b'));
	assert_string_equal(out,
			    "A/RES/1/1^[[31m\n"
			    "\n"
			    " 12.  Calls [1]upon^[[2J all\n"
			    "      States <9B> to act and\n"
			    "      to report, with \xe4\xb8\xad\xe6\x96\x87\n"
			    "      text\n"
			    "\n"
			    "      (a)   To do something\n"
			    "            rather long again\n"
			    "            and again\n"
			    "\n"
			    "________________\n"
			    "\n"
			    "[1] Note ^[[1mbold<9B>\n");
	free(out);
	doc_free(d);
}

/* Headings, articles, an annex with a title, and a non-resolution. */
static void test_plain_other_kinds(void **state)
{
	struct doc *d = doc_new();
	struct doc_annex an = { .id = "annex1", .label = "Annex I", .title = "Rules", .line = 3 };
	struct capture c;
	char *out;

	(void)state;
	d->is_resolution = true;
	d->body_name = "Security Council";
	add(d, DOC_PARA_OPERATIVE, "op1", NULL, "Adopts", "Adopts the rules annexed;", -1, -1, 1);
	an.first_para = 1;
	an.n_paras = 3;
	doc_add_annex(d, &an);
	add(d, DOC_PARA_HEADING, "h1", NULL, NULL, "General provisions", -1, 0, 4);
	add(d, DOC_PARA_ARTICLE, "annex1.art1", "Article 1", NULL, "Everyone counts.", -1, 0, 5);
	add(d, DOC_PARA_PLAIN, "annex1.p1", NULL, NULL, "Closing words.", -1, 0, 6);

	textout_plain(cap_open(&c), d, 30);
	out = cap_close(&c);
	assert_string_equal(out,
			    "Security Council\n"
			    "\n"
			    "    The Security Council,\n"
			    "\n"
			    "    Adopts the rules annexed;\n"
			    "\n"
			    "\n"
			    "           Annex I\n"
			    "\n"
			    "            Rules\n"
			    "\n"
			    "      General provisions\n"
			    "\n"
			    "          Article 1\n"
			    "\n"
			    "    Everyone counts.\n"
			    "\n"
			    "Closing words.\n");
	free(out);

	textout_outline(cap_open(&c), d, NULL);
	out = cap_close(&c);
	assert_string_equal(out,
			    "op1          Adopts\n"
			    "annex1       Annex I: Rules\n"
			    "h1           # General provisions\n"
			    "annex1.art1  Article 1 Everyone counts.\n"
			    "annex1.p1    Closing words.\n");
	free(out);

	/* not a resolution: no opening line, paragraphs at the margin */
	d->is_resolution = false;
	d->body_name = NULL;
	d->n_annexes = 0;
	d->paras[0].kind = DOC_PARA_PLAIN;
	d->paras[0].number = NULL;
	for (size_t i = 1; i < d->n_paras; i++)
		d->paras[i].annex = -1;
	d->paras[2].kind = DOC_PARA_PLAIN;
	d->paras[2].number = NULL;
	d->paras[1].kind = DOC_PARA_PLAIN;
	textout_plain(cap_open(&c), d, 30);
	out = cap_close(&c);
	assert_string_equal(out,
			    "Adopts the rules annexed;\n"
			    "\n"
			    "General provisions\n"
			    "\n"
			    "Everyone counts.\n"
			    "\n"
			    "Closing words.\n");
	free(out);
	doc_free(d);
}

/* Hostile nesting: 300 levels do not push the text off the page, so the
 * output stays proportional to the input. */
static void test_plain_deep(void **state)
{
	struct doc *d = doc_new();
	struct capture c;
	char *out;
	int parent = -1;
	size_t longest = 0, cur = 0;

	(void)state;
	for (int i = 0; i < 300; i++)
		parent = add(d, i ? DOC_PARA_SUBPARAGRAPH : DOC_PARA_OPERATIVE, "x",
			     i ? "(a)" : "1", NULL, "some words here", parent, -1, i + 1);
	textout_plain(cap_open(&c), d, 40);
	out = cap_close(&c);
	for (char *p = out; *p; p++) {
		cur = *p == '\n' ? 0 : cur + 1;
		if (cur > longest)
			longest = cur;
	}
	assert_true(longest <= 40);
	assert_true(strlen(out) < 300 * 3 * 41);
	free(out);
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_escape),
		cmocka_unit_test(test_json_doc),
		cmocka_unit_test(test_json_empty_doc),
		cmocka_unit_test(test_json_set),
		cmocka_unit_test(test_json_deep),
		cmocka_unit_test(test_outline),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_plain_wrap_and_sanitize),
		cmocka_unit_test(test_plain_other_kinds),
		cmocka_unit_test(test_plain_deep),
	};

	setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
