/* ptycap: run a command on a pseudo-terminal, type a key script into it and
 * capture every raw byte it writes.
 *
 *   ptycap [-r ROWS] [-c COLS] [-o OUT] [-t SECONDS] [-q MS] [-m FILE]
 *          [STEP...] -- CMD [ARG...]
 *
 * STEPs run in order once the program has written something:
 *   -k KEYS   wait until the output has been quiet for MS milliseconds
 *             (default 150), then type KEYS. KEYS understands \e \r \n \t
 *             \\ and \xHH.
 *   -w TEXT   wait until TEXT appears in the output written since the last
 *             step, escape sequences removed (CSI, OSC, DCS, ESC x) and runs
 *             of blanks squeezed to one blank.
 *   -s SIG    send signal SIG (INT, TERM, HUP, TSTP, CONT, WINCH, number) to
 *             the terminal's foreground process group.
 *   -W R:C    resize the terminal to R rows and C columns (sends SIGWINCH).
 * After the last step ptycap waits for CMD to exit (the whole run is bounded
 * by -t SECONDS, default 15; on time-out CMD is killed and ptycap exits 124).
 * Output goes to OUT (default: standard output). -m FILE writes CMD's peak
 * resident set size in KiB to FILE. Exit status: CMD's status, 128+N if a
 * signal N killed it, 124 on time-out, 125 on a usage or system error. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX_STEPS 256

struct step {
	char kind;        /* 'k', 'w', 's', 'W' */
	const char *arg;
};

struct cap {
	int master;
	pid_t pid;
	unsigned char *raw; /* everything the program wrote */
	size_t len, cap;
	size_t mark;        /* -w searches raw[mark..len) */
	long long deadline; /* ms */
	long long last_out; /* ms of the last output */
	int quiet_ms;
	bool eof;
	bool exited;
	int status;
	struct rusage ru;
};

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void die(const char *what)
{
	fprintf(stderr, "ptycap: %s: %s\n", what, strerror(errno));
	exit(125);
}

static void append(struct cap *c, const unsigned char *p, size_t n)
{
	if (c->len + n > c->cap) {
		size_t nc = c->cap ? c->cap : 65536;

		while (nc < c->len + n)
			nc *= 2;
		c->raw = realloc(c->raw, nc);
		if (!c->raw)
			die("realloc");
		c->cap = nc;
	}
	memcpy(c->raw + c->len, p, n);
	c->len += n;
}

static void reap(struct cap *c)
{
	int st;

	if (c->exited)
		return;
	if (wait4(c->pid, &st, WNOHANG, &c->ru) == c->pid) {
		c->exited = true;
		c->status = st;
	}
}

/* Read what is available within ms milliseconds; false once the pty is
 * closed (every holder of the slave gone). */
static bool pump(struct cap *c, int ms)
{
	struct pollfd p = { .fd = c->master, .events = POLLIN };
	unsigned char buf[65536];
	ssize_t n;

	if (c->eof)
		return false;
	if (poll(&p, 1, ms) <= 0)
		return true;
	n = read(c->master, buf, sizeof(buf));
	if (n > 0) {
		append(c, buf, (size_t)n);
		c->last_out = now_ms();
		return true;
	}
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	c->eof = true; /* EIO: the slave side is closed */
	return false;
}

static bool timed_out(const struct cap *c)
{
	return now_ms() >= c->deadline;
}

/* Wait for quiet output (after at least one byte). */
static bool wait_quiet(struct cap *c)
{
	while (!timed_out(c)) {
		if (!pump(c, 20))
			return true;
		if (c->len > 0 && now_ms() - c->last_out >= c->quiet_ms)
			return true;
	}
	return false;
}

/* The output since mark, escape sequences removed, blanks squeezed. */
static char *filtered(const struct cap *c, size_t from)
{
	char *out = malloc(c->len - from + 1);
	size_t o = 0;
	int st = 0; /* 0 text, 1 after ESC, 2 CSI, 3 string, 4 ESC in string */

	if (!out)
		die("malloc");
	for (size_t i = from; i < c->len; i++) {
		unsigned char ch = c->raw[i];

		switch (st) {
		case 0:
			if (ch == 0x1b) {
				st = 1;
				continue;
			}
			if (ch == '\r' || ch == '\n' || ch == '\t')
				ch = ' ';
			if (ch < 0x20)
				continue;
			if (ch == ' ' && o > 0 && out[o - 1] == ' ')
				continue;
			out[o++] = (char)ch;
			break;
		case 1:
			st = ch == '[' ? 2 : (ch == ']' || ch == 'P' || ch == '_' || ch == '^') ? 3
				: (ch == '(' || ch == ')') ? 1 : 0;
			if (st == 0 && o > 0 && out[o - 1] != ' ')
				out[o++] = ' ';
			break;
		case 2:
			if (ch >= 0x40 && ch <= 0x7e) {
				st = 0;
				if (o > 0 && out[o - 1] != ' ')
					out[o++] = ' ';
			}
			break;
		case 3:
			if (ch == 0x07)
				st = 0;
			else if (ch == 0x1b)
				st = 4;
			break;
		case 4:
			st = ch == '\\' ? 0 : 3;
			break;
		}
	}
	out[o] = '\0';
	return out;
}

static bool wait_text(struct cap *c, const char *text)
{
	while (!timed_out(c)) {
		char *f = filtered(c, c->mark);
		bool hit = strstr(f, text) != NULL;

		free(f);
		if (hit)
			return true;
		if (!pump(c, 20))
			return false;
	}
	return false;
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Decode the escapes of a -k argument into out; returns the length. */
static size_t unescape(const char *s, unsigned char *out)
{
	size_t n = 0;

	while (*s) {
		if (*s != '\\' || !s[1]) {
			out[n++] = (unsigned char)*s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'e': out[n++] = 0x1b; s++; break;
		case 'r': out[n++] = '\r'; s++; break;
		case 'n': out[n++] = '\n'; s++; break;
		case 't': out[n++] = '\t'; s++; break;
		case 'x':
			if (hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
				out[n++] = (unsigned char)(hexval(s[1]) * 16 + hexval(s[2]));
				s += 3;
				break;
			}
			/* fall through */
		default: out[n++] = (unsigned char)*s++; break;
		}
	}
	return n;
}

static void type_keys(struct cap *c, const char *keys)
{
	unsigned char *buf = malloc(strlen(keys) + 1);
	size_t n, off = 0;

	if (!buf)
		die("malloc");
	n = unescape(keys, buf);
	while (off < n && !timed_out(c)) {
		ssize_t w = write(c->master, buf + off, n - off);

		if (w > 0)
			off += (size_t)w;
		else if (w < 0 && errno != EINTR && errno != EAGAIN)
			break;
		else
			pump(c, 5);
	}
	free(buf);
}

static const struct {
	const char *name;
	int sig;
} sig_names[] = {
	{ "INT", SIGINT }, { "TERM", SIGTERM }, { "HUP", SIGHUP }, { "QUIT", SIGQUIT },
	{ "TSTP", SIGTSTP }, { "CONT", SIGCONT }, { "WINCH", SIGWINCH }, { "KILL", SIGKILL },
};

static int parse_sig(const char *s)
{
	for (size_t i = 0; i < sizeof(sig_names) / sizeof(sig_names[0]); i++)
		if (strcmp(s, sig_names[i].name) == 0)
			return sig_names[i].sig;
	return atoi(s);
}

static void send_sig(struct cap *c, const char *name)
{
	int sig = parse_sig(name);
	pid_t pg = tcgetpgrp(c->master);

	if (sig <= 0) {
		fprintf(stderr, "ptycap: unknown signal %s\n", name);
		exit(125);
	}
	if (pg > 0)
		kill(-pg, sig);
	else
		kill(c->pid, sig);
}

static void resize(struct cap *c, const char *rc)
{
	struct winsize ws = { 0 };
	int r = 0, col = 0;

	if (sscanf(rc, "%d:%d", &r, &col) != 2 || r <= 0 || col <= 0) {
		fprintf(stderr, "ptycap: bad size %s (want ROWS:COLS)\n", rc);
		exit(125);
	}
	ws.ws_row = (unsigned short)r;
	ws.ws_col = (unsigned short)col;
	ioctl(c->master, TIOCSWINSZ, &ws); /* the kernel sends SIGWINCH */
}

static void usage(void)
{
	fputs("usage: ptycap [-r ROWS] [-c COLS] [-o OUT] [-t SECONDS] [-q MS] [-m FILE]\n"
	      "              [-k KEYS | -w TEXT | -s SIG | -W R:C]... -- CMD [ARG...]\n", stderr);
	exit(125);
}

int main(int argc, char **argv)
{
	struct step steps[MAX_STEPS];
	size_t n_steps = 0;
	int rows = 24, cols = 80, secs = 15;
	const char *out_path = NULL, *rss_path = NULL;
	struct cap c = { .quiet_ms = 150 };
	struct winsize ws;
	int i, rc;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || !a[1] || a[2] || i + 1 >= argc)
			usage();
		const char *v = argv[++i];

		switch (a[1]) {
		case 'r': rows = atoi(v); break;
		case 'c': cols = atoi(v); break;
		case 't': secs = atoi(v); break;
		case 'q': c.quiet_ms = atoi(v); break;
		case 'o': out_path = v; break;
		case 'm': rss_path = v; break;
		case 'k': case 'w': case 's': case 'W':
			if (n_steps == MAX_STEPS)
				usage();
			steps[n_steps].kind = a[1];
			steps[n_steps].arg = v;
			n_steps++;
			break;
		default:
			usage();
		}
	}
	if (i >= argc || rows <= 0 || cols <= 0 || secs <= 0)
		usage();

	memset(&ws, 0, sizeof(ws));
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	c.pid = forkpty(&c.master, NULL, NULL, &ws);
	if (c.pid < 0)
		die("forkpty");
	if (c.pid == 0) {
		execvp(argv[i], argv + i);
		fprintf(stderr, "ptycap: %s: %s\n", argv[i], strerror(errno));
		_exit(127);
	}
	signal(SIGPIPE, SIG_IGN);
	c.deadline = now_ms() + secs * 1000LL;
	c.last_out = now_ms();

	for (size_t s = 0; s < n_steps && !timed_out(&c); s++) {
		switch (steps[s].kind) {
		case 'k':
			wait_quiet(&c);
			type_keys(&c, steps[s].arg);
			break;
		case 'w':
			if (!wait_text(&c, steps[s].arg))
				fprintf(stderr, "ptycap: did not see: %s\n", steps[s].arg);
			break;
		case 's':
			wait_quiet(&c);
			send_sig(&c, steps[s].arg);
			break;
		case 'W':
			wait_quiet(&c);
			resize(&c, steps[s].arg);
			break;
		}
		c.mark = c.len;
	}
	/* Drain until the program exits and the pty closes. */
	while (!timed_out(&c)) {
		size_t before = c.len;
		bool open_ = pump(&c, 20);

		reap(&c);
		if (c.exited && (!open_ || (c.len == before && now_ms() - c.last_out >= 100)))
			break;
	}
	if (!c.exited) {
		reap(&c);
		if (!c.exited) {
			kill(c.pid, SIGKILL);
			waitpid(c.pid, &c.status, 0);
			fprintf(stderr, "ptycap: time-out after %d s\n", secs);
			rc = 124;
			goto write_out;
		}
	}
	rc = WIFEXITED(c.status) ? WEXITSTATUS(c.status)
		: WIFSIGNALED(c.status) ? 128 + WTERMSIG(c.status) : 125;
write_out:
	if (rss_path) {
		FILE *f = fopen(rss_path, "w");

		if (!f)
			die(rss_path);
		fprintf(f, "%ld\n", c.ru.ru_maxrss);
		fclose(f);
	}
	{
		FILE *f = out_path ? fopen(out_path, "wb") : stdout;

		if (!f)
			die(out_path);
		if (c.len && fwrite(c.raw, 1, c.len, f) != c.len)
			die("write");
		if (f != stdout)
			fclose(f);
		else
			fflush(stdout);
	}
	free(c.raw);
	close(c.master);
	return rc;
}
