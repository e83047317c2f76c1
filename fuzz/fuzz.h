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

/** True if s (NUL-terminated within max bytes) is one line safe for a
 * terminal: no C0 control, newline, DEL or UTF-8 C1 control. */
static inline bool fuzz_clean_line(const char *s, size_t max)
{
	const char *end = memchr(s, '\0', max);
	const unsigned char *p;

	if (!end)
		return false;
	for (p = (const unsigned char *)s; p < (const unsigned char *)end; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return false;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return false;
	}
	return true;
}

/** A NUL-terminated copy of data[0..size) (abort on OOM); free() it. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *str = malloc(size + 1);

	if (!str)
		abort();
	memcpy(str, data, size);
	str[size] = '\0';
	return str;
}

#endif
