/* main.c: resolute's entry point; everything happens in cli_main(). */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "cli.h"
#include "util.h"

int main(int argc, char **argv)
{
	void *first;

	util_prefault(NULL, 0); /* the stack */
	/* Only what the program uses: character classes and widths (LC_CTYPE)
	 * and the language of system error messages (LC_MESSAGES). Dates and
	 * numbers are never formatted by locale; each category set costs file
	 * look-ups and mappings at every start. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	/* what is left of malloc's first step (132 KiB): every run fills it */
	first = malloc(1);
	if (first)
		util_prefault(first, 256 * 1024);
	free(first);
	return cli_main(argc, argv);
}
