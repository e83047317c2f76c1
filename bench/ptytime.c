/* ptytime: time from start to the first appearance of a string on a
 * pseudo-terminal. Used by bench/run to compare the first screen of
 * resolute with less(1).
 *
 *   ptytime [-n RUNS] [-r ROWS] [-c COLS] [-t SECONDS] -s STRING -- CMD [ARG...]
 *
 * Starts CMD RUNS times (default 5) on a ROWSxCOLS pty (default 30x100),
 * reads its output until STRING appears, then kills it. Escape sequences
 * and runs of blanks in the output count as one blank (a curses program
 * moves the cursor or changes colour between words), so STRING should be
 * written with single spaces. Prints one line: the median, minimum and
 * maximum elapsed time in nanoseconds, the number of runs, and the median
 * CPU time (user + system, ns) the program had used when it was killed.
 * Exit status 1 if STRING did not appear within the time limit (default
 * 10 s) in some run.
 *
 * Build: cc -O2 -o ptytime ptytime.c -lutil */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Output filter: escape sequences and blanks become one blank. */
struct filt {
	int state; /* 0 text, 1 after ESC, 2 in CSI, 3 in OSC/DCS string, 4 ESC in string */
	char *buf;
	size_t len, cap;
};

static void put(struct filt *f, char c)
{
	if (c == ' ' && f->len > 0 && f->buf[f->len - 1] == ' ')
		return;
	if (f->len + 1 >= f->cap) {
		f->cap = f->cap ? f->cap * 2 : 65536;
		f->buf = realloc(f->buf, f->cap);
		if (!f->buf) {
			perror("ptytime");
			exit(2);
		}
	}
	f->buf[f->len++] = c;
	f->buf[f->len] = '\0';
}

static void feed(struct filt *f, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		switch (f->state) {
		case 0:
			if (c == 0x1b)
				f->state = 1;
			else if (c < 0x20 || c == 0x7f)
				put(f, ' ');
			else
				put(f, (char)c);
			break;
		case 1:
			if (c == '[')
				f->state = 2;
			else if (c == ']' || c == 'P' || c == '_' || c == '^')
				f->state = 3;
			else if (c == '(' || c == ')' || c == '*' || c == '+' || c == '#')
				f->state = 5; /* one more byte */
			else
				f->state = 0, put(f, ' ');
			break;
		case 2:
			if (c >= 0x40 && c <= 0x7e)
				f->state = 0, put(f, ' ');
			break;
		case 3:
			if (c == 0x07)
				f->state = 0, put(f, ' ');
			else if (c == 0x1b)
				f->state = 4;
			break;
		case 4:
			f->state = c == '\\' ? 0 : 3;
			if (!f->state)
				put(f, ' ');
			break;
		default:
			f->state = 0;
			put(f, ' ');
			break;
		}
	}
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* One run: elapsed ns until needle appeared, or -1; *cpu: the CPU time
 * the program had used by then. */
static long long one_run(char **argv, const char *needle, struct winsize *ws, double limit,
			 long long *cpu)
{
	struct rusage ru;
	struct filt f = { 0 };
	long long t0, t = -1, deadline;
	int master, st;
	pid_t pid;

	t0 = now_ns();
	pid = forkpty(&master, NULL, NULL, ws);
	if (pid < 0) {
		perror("ptytime: forkpty");
		exit(2);
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "ptytime: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	deadline = t0 + (long long)(limit * 1e9);
	for (;;) {
		struct pollfd pf = { master, POLLIN, 0 };
		long long left = deadline - now_ns();
		char buf[65536];
		ssize_t r;
		size_t from;

		if (left <= 0)
			break;
		if (poll(&pf, 1, (int)(left / 1000000 + 1)) <= 0)
			continue;
		r = read(master, buf, sizeof buf);
		if (r <= 0)
			break; /* EIO: the program ended */
		from = f.len > strlen(needle) ? f.len - strlen(needle) : 0;
		feed(&f, buf, (size_t)r);
		if (strstr(f.buf + from, needle)) {
			t = now_ns() - t0;
			break;
		}
	}
	kill(pid, SIGKILL);
	close(master);
	memset(&ru, 0, sizeof ru);
	wait4(pid, &st, 0, &ru);
	*cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
	if (t < 0 && getenv("PTYTIME_DEBUG"))
		fprintf(stderr, "ptytime: not found; output was:\n%s\n", f.buf ? f.buf : "");
	free(f.buf);
	return t;
}

int main(int argc, char **argv)
{
	struct winsize ws = { 30, 100, 0, 0 };
	const char *needle = NULL;
	double limit = 10;
	int runs = 5, opt, bad = 0;
	long long *v, *c;

	while ((opt = getopt(argc, argv, "+n:r:c:t:s:")) != -1) {
		switch (opt) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 'r':
			ws.ws_row = (unsigned short)atoi(optarg);
			break;
		case 'c':
			ws.ws_col = (unsigned short)atoi(optarg);
			break;
		case 't':
			limit = atof(optarg);
			break;
		case 's':
			needle = optarg;
			break;
		default:
			return 2;
		}
	}
	if (!needle || optind >= argc || runs < 1) {
		fprintf(stderr, "usage: ptytime [-n RUNS] [-r ROWS] [-c COLS] [-t SECONDS] "
				"-s STRING -- CMD [ARG...]\n");
		return 2;
	}
	v = calloc((size_t)runs, sizeof *v);
	c = calloc((size_t)runs, sizeof *c);
	if (!v || !c)
		return 2;
	for (int i = 0; i < runs; i++) {
		v[i] = one_run(argv + optind, needle, &ws, limit, &c[i]);
		if (v[i] < 0)
			bad = 1;
	}
	if (bad) {
		fprintf(stderr, "ptytime: \"%s\" did not appear within %.0f s\n", needle, limit);
		return 1;
	}
	qsort(v, (size_t)runs, sizeof *v, cmp_ll);
	qsort(c, (size_t)runs, sizeof *c, cmp_ll);
	printf("%lld %lld %lld %d %lld\n", v[runs / 2], v[0], v[runs - 1], runs, c[runs / 2]);
	free(v);
	free(c);
	return 0;
}
