/* main.c: resolute's entry point; everything happens in cli_main(). */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#if defined(MADV_POPULATE_READ) && defined(MADV_POPULATE_WRITE)
#define MAIN_POPULATE 1
#include <link.h> /* dl_iterate_phdr(): Linux has both */
#endif

#include "cli.h"
#include "util.h"

/* Start-up is bound by page faults, which cost 10-50 us each in some
 * virtual machines, while mapping the same pages with one madvise() costs
 * about a microsecond a page or less (doc/performance.md, "First screen"). */

#ifdef MAIN_POPULATE
/* dl_iterate_phdr() callback: map the program's own segments (the first
 * object reported) with one call each instead of a fault per 16 pages of
 * code and constants and per page of data. Left out: the segment holding
 * the ELF headers and the relocations, read before main(), and the RELRO
 * part of the writable segment, written by the relocation and read-only
 * now. */
static int map_image(struct dl_phdr_info *info, size_t size, void *arg)
{
	uintptr_t page = *(const uintptr_t *)arg, relro_end = 0;
	ElfW(Half) i;

	(void)size;
	for (i = 0; i < info->dlpi_phnum; i++)
		if (info->dlpi_phdr[i].p_type == PT_GNU_RELRO)
			relro_end = (info->dlpi_addr + info->dlpi_phdr[i].p_vaddr +
				     info->dlpi_phdr[i].p_memsz) & ~(page - 1);
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = (info->dlpi_addr + ph->p_vaddr) & ~(page - 1);
		uintptr_t hi = (info->dlpi_addr + ph->p_vaddr + ph->p_memsz + page - 1) &
			       ~(page - 1);

		if (ph->p_type != PT_LOAD || (ph->p_offset == 0 && !(ph->p_flags & PF_X)))
			continue;
		if (!(ph->p_flags & PF_W)) {
			(void)madvise((void *)lo, hi - lo, MADV_POPULATE_READ);
			continue;
		}
		if (relro_end > lo)
			lo = relro_end;
		if (lo < hi)
			(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
	}
	return 1; /* the program only, not the shared objects after it */
}
#endif

/* The program's code, constants and data. Best effort: without
 * MADV_POPULATE_* (Linux < 5.14) the pages come one fault at a time. */
static void map_program(void)
{
#ifdef MAIN_POPULATE
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t p = (uintptr_t)page;

	if (page <= 0 || (p & (p - 1)))
		return;
	dl_iterate_phdr(map_image, &p);
#endif
}

int main(int argc, char **argv)
{
	void *first;

	map_program();
	util_prefault(NULL, 0); /* the stack */
	/* what is left of malloc's first step (132 KiB): every run fills it;
	 * before setlocale(), whose allocations come first */
	first = malloc(1);
	if (first)
		util_prefault(first, 256 * 1024);
	free(first);
	/* Only what the program uses: character classes and widths (LC_CTYPE)
	 * and the language of system error messages (LC_MESSAGES). Dates and
	 * numbers are never formatted by locale; each category set costs file
	 * look-ups and mappings at every start. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	return cli_main(argc, argv);
}
