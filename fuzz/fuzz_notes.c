/* fuzz_notes.c: the notes loader (notes_parse, the code behind notes_load
 * and notes_list_all) on arbitrary bytes; what it accepts must survive a
 * save (serialize, parse again, serialize to the same bytes), anchor to a
 * document and export. */
#include "config.h"

#include <string.h>

#include "doc.h"
#include "fuzz.h"
#include "notes.h"
#include "parse.h"

static const char sample[] =
	"Resolution adopted by the General Assembly on 22 December 2003\n"
	"\n"
	"58/178. Fuzzing the notes\n"
	"\n"
	"\tThe General Assembly,\n"
	"\tRecalling its resolution 57/1 of 1 December 2002,\n"
	"\tNoting with concern the state of the text,\n"
	"\t1.\tCalls upon all States to write tests;\n"
	"\t2.\tRequests the Secretary-General:\n"
	"\t(a)\tTo fuzz the parser;\n"
	"\t(b)\tTo fuzz the notes;\n"
	"\t3.\tDecides to remain seized of the matter.\n";

static void check_note(const struct note *n)
{
	char line[64];

	FUZZ_CHECK(memchr(n->hash, '\0', sizeof(n->hash)) != NULL);
	FUZZ_CHECK(memchr(n->created, '\0', sizeof(n->created)) != NULL);
	FUZZ_CHECK(memchr(n->modified, '\0', sizeof(n->modified)) != NULL);
	notes_first_line(n, line, sizeof(line));
	FUZZ_CHECK(memchr(line, '\0', sizeof(line)) != NULL);
	notes_first_line(n, line, 4);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct doc_set set;
	static FILE *devnull;
	struct notes_doc nd, again;
	struct util_buf out1 = { 0 }, out2 = { 0 };
	char err[512];
	size_t i;

	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		if (!devnull || parse_buffer(sample, sizeof(sample) - 1, "sample.txt", &set) < 1)
			abort();
	}
	if (notes_parse("fuzz/notes.yaml", (const char *)data, size, &nd, err, sizeof(err)) < 0) {
		FUZZ_CHECK(err[0] && !strchr(err, '\n'));
		return 0;
	}
	FUZZ_CHECK(nd.key != NULL);
	FUZZ_CHECK(nd.n <= nd.cap || nd.n == 0);
	for (i = 0; i < nd.n; i++)
		check_note(&nd.notes[i]);

	/* A save writes what was read; reading it back gives the same notes. */
	notes_serialize(&nd, &out1);
	FUZZ_CHECK(notes_parse("fuzz/saved.yaml", out1.data, out1.len, &again, err,
			       sizeof(err)) == 0);
	FUZZ_CHECK(again.n == nd.n);
	FUZZ_CHECK(strcmp(again.key, nd.key) == 0);
	notes_serialize(&again, &out2);
	FUZZ_CHECK(out1.len == out2.len && memcmp(out1.data, out2.data, out1.len) == 0);
	notes_doc_free(&again);

	notes_anchor(&nd, set.docs[0]);
	for (i = 0; i < nd.n; i++) {
		FUZZ_CHECK(nd.notes[i].match != NOTES_UNANCHORED);
		FUZZ_CHECK(nd.notes[i].para >= -1 && nd.notes[i].para < (int)set.docs[0]->n_paras);
		FUZZ_CHECK((nd.notes[i].para < 0) == (nd.notes[i].match == NOTES_ORPHAN));
	}
	for (i = 0; i < set.docs[0]->n_paras; i++) {
		int k = notes_find(&nd, (int)i);

		FUZZ_CHECK(k >= -1 && k < (int)nd.n);
	}
	FUZZ_CHECK(notes_export(devnull, "markdown", &nd, NULL, 1, err, sizeof(err)) == 0);
	{
		const struct doc *texts[1] = { set.docs[0] };

		FUZZ_CHECK(notes_export(devnull, "json", &nd, texts, 1, err, sizeof(err)) == 0);
	}
	util_buf_free(&out1);
	util_buf_free(&out2);
	notes_doc_free(&nd);
	return 0;
}
