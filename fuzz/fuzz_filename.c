/* fuzz_filename.c: the notes store's file-name encoding (notes.h): any
 * symbol gives a plain file name inside the store directory that decodes
 * back to the symbol, and any name decodes safely. */
#include "config.h"

#include <string.h>

#include "fsutil.h"
#include "fuzz.h"
#include "notes.h"

#define EXT ".yaml"

static bool name_chars_ok(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '-' || c == '_' || c == '+'))
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *str, name[NOTES_NAME_MAX + 64], sym[1024], name2[NOTES_NAME_MAX + 64], hash[17];
	size_t n, i;

	if (size > 4096)
		return 0;
	str = fuzz_cstr(data, size);
	n = strlen(str); /* symbols are C strings: up to the first NUL */

	notes_file_name(str, name, sizeof(name));
	FUZZ_CHECK(memchr(name, '\0', sizeof(name)) != NULL);
	FUZZ_CHECK(fsutil_name_ok(name));
	FUZZ_CHECK(name[0] != '.');
	FUZZ_CHECK(name_chars_ok(name));
	FUZZ_CHECK(strlen(name) <= NOTES_NAME_MAX + strlen(EXT));
	FUZZ_CHECK(strlen(name) > strlen(EXT) && !strcmp(name + strlen(name) - strlen(EXT), EXT));
	if (!strchr(name, '+') && n > 0) {
		/* Not cut: the name gives the symbol back. */
		FUZZ_CHECK(notes_file_symbol(name, sym, sizeof(sym)));
		FUZZ_CHECK(strcmp(sym, str) == 0);
	}

	/* Any name read from the directory decodes without harm, and what it
	 * decodes to encodes to a name that decodes to the same symbol. */
	if (notes_file_symbol(str, sym, sizeof(sym))) {
		FUZZ_CHECK(sym[0] != '\0');
		notes_file_name(sym, name2, sizeof(name2));
		if (!strchr(name2, '+')) {
			char sym2[1024];

			FUZZ_CHECK(notes_file_symbol(name2, sym2, sizeof(sym2)));
			FUZZ_CHECK(strcmp(sym, sym2) == 0);
		}
	}
	notes_file_symbol(str, sym, 3);

	notes_text_hash(str, n, hash);
	FUZZ_CHECK(strlen(hash) == 16);
	for (i = 0; i < 16; i++)
		FUZZ_CHECK((hash[i] >= '0' && hash[i] <= '9') || (hash[i] >= 'a' && hash[i] <= 'f'));
	free(str);
	return 0;
}
