/* main.c: resolute's entry point; everything happens in cli_main(). */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli.h"

/* Fault in the stack pages the program will use with one call instead of
 * one fault per page (in some virtual machines a fault costs ~10 us). The
 * 64 KiB below the caller's frame are inside the stack mapping, which the
 * kernel makes at least 128 KiB below the arguments. Best effort. */
static void prefault_stack(void)
{
#ifdef MADV_POPULATE_WRITE
	char here;
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), top;

	if (page == 0 || (page & (page - 1)))
		return;
	top = (uintptr_t)&here & ~(page - 1);
	madvise((void *)(top - 64 * 1024), 64 * 1024, MADV_POPULATE_WRITE);
#endif
}

/* The same for what is left of the heap's first step (malloc takes
 * 132 KiB at a time): every run fills most of it. */
static void prefault_heap(void)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), lo, hi;
	void *p = malloc(1);

	if (p && page && !(page & (page - 1))) {
		lo = (uintptr_t)p & ~(page - 1);
		hi = (uintptr_t)sbrk(0);
		if (hi > lo && hi - lo <= 256 * 1024)
			madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
	}
	free(p);
#endif
}

int main(int argc, char **argv)
{
	prefault_stack();
	/* Only what the program uses: character classes and widths (LC_CTYPE)
	 * and the language of system error messages (LC_MESSAGES). Dates and
	 * numbers are never formatted by locale; each category set costs file
	 * look-ups and mappings at every start. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	prefault_heap();
	return cli_main(argc, argv);
}
