/* replay.c: run a fuzz target over files without libFuzzer.
 *
 *     fuzz/replay_parse DIR_OR_FILE...
 *
 * Every regular file named (or found directly inside a named directory,
 * in name order, dot files skipped) is read into a buffer of exactly its
 * size, as libFuzzer does, so sanitizers see any read past the end, and
 * passed to LLVMFuzzerTestOneInput(). Each input gets REPLAY_TIMEOUT
 * seconds (default 30): a hang is a failure, not a stuck make check.
 * Exit status 0 when every input ran, 1 on a timeout (a crash or a failed
 * invariant aborts), 2 on a usage or I/O error. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

/* The input being run, for the timeout message (a signal handler cannot
 * be given a context). */
static char current[4096];

static void on_alarm(int sig)
{
	static const char msg1[] = "replay: timeout on ";

	(void)sig;
	if (write(2, msg1, sizeof(msg1) - 1) < 0 || write(2, current, strlen(current)) < 0 ||
	    write(2, "\n", 1) < 0)
		_exit(1);
	_exit(1);
}

static int run_file(const char *path, unsigned timeout)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	uint8_t *buf;
	size_t n;

	if (!f || fstat(fileno(f), &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	/* Exactly the file's size: one byte more would hide overreads. */
	buf = malloc(st.st_size > 0 ? (size_t)st.st_size : 1);
	if (!buf) {
		fprintf(stderr, "replay: %s: out of memory\n", path);
		fclose(f);
		return -1;
	}
	n = st.st_size > 0 ? fread(buf, 1, (size_t)st.st_size, f) : 0;
	if (ferror(f) || n != (size_t)st.st_size) {
		fprintf(stderr, "replay: %s: read error\n", path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	snprintf(current, sizeof(current), "%s", path);
	fprintf(stderr, "replay: %s\n", path);
	alarm(timeout);
	LLVMFuzzerTestOneInput(buf, n);
	alarm(0);
	free(buf);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every regular file directly inside dir; returns how many or -1. */
static long run_dir(const char *dir, unsigned timeout)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	long count = 0;

	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **p;

			cap = cap ? 2 * cap : 64;
			p = realloc(names, cap * sizeof(*names));
			if (!p)
				abort();
			names = p;
		}
		names[n] = strdup(e->d_name);
		if (!names[n])
			abort();
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(len);
		struct stat st;

		if (!path)
			abort();
		snprintf(path, len, "%s/%s", dir, names[i]);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (run_file(path, timeout) < 0)
				count = -1;
			else if (count >= 0)
				count++;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return count;
}

int main(int argc, char **argv)
{
	const char *t = getenv("REPLAY_TIMEOUT");
	unsigned timeout = t && atoi(t) > 0 ? (unsigned)atoi(t) : 30;
	long total = 0;
	int i, status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR_OR_FILE...\n", argv[0]);
		return 2;
	}
	signal(SIGALRM, on_alarm);
	for (i = 1; i < argc; i++) {
		struct stat st;
		long n;

		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			status = 2;
			continue;
		}
		if (S_ISDIR(st.st_mode))
			n = run_dir(argv[i], timeout);
		else
			n = run_file(argv[i], timeout) < 0 ? -1 : 1;
		if (n < 0)
			status = 2;
		else
			total += n;
	}
	fprintf(stderr, "replay: %ld inputs run\n", total);
	return status;
}
