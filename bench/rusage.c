/* rusage OUT CMD [ARG...]: run CMD, then write "WALL_S MAXRSS_KIB CPU_S" to
 * the file OUT (wall seconds, peak resident set in KiB, user + system CPU
 * seconds of CMD and its children). Exit status: CMD's.
 * Build: cc -O2 -o rusage rusage.c */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec a, b;
	struct rusage ru;
	int st;
	pid_t p;
	FILE *f;

	if (argc < 3) {
		fprintf(stderr, "usage: rusage OUT CMD [ARG...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	p = fork();
	if (p == 0) {
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	if (p < 0 || wait4(p, &st, 0, &ru) < 0)
		return 2;
	clock_gettime(CLOCK_MONOTONIC, &b);
	f = fopen(argv[1], "w");
	if (!f)
		return 2;
	fprintf(f, "%.4f %ld %.4f\n",
		(double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9, ru.ru_maxrss,
		(double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
			ru.ru_stime.tv_usec / 1e6);
	fclose(f);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 2;
}
