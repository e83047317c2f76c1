/* fuzz.h: what every fuzz target in fuzz/ shares.
 *
 * Each fuzz_*.c defines LLVMFuzzerTestOneInput(). Linked with
 * -fsanitize=fuzzer it is a libFuzzer target (./configure --enable-fuzzing
 * CC=clang); linked with replay.c it runs files given on the command line,
 * which is how make check replays the corpora with any compiler
 * (doc/fuzzing.md). */
#ifndef RESOLUTE_FUZZ_H
#define RESOLUTE_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** Run one input. Must not keep state that changes later results. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/** An invariant the code under test promises: abort (a finding) if false. */
#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, \
				#cond); \
			abort(); \
		} \
	} while (0)

/** False if check NAME is listed in $FUZZ_SKIP ("dup-id,foo"): a campaign
 * can look past a finding that is not fixed yet. make check never sets it. */
static inline bool fuzz_check_enabled(const char *name)
{
	const char *skip = getenv("FUZZ_SKIP");

	return !skip || !strstr(skip, name);
}

#endif
