/* test_notes_crash.c: writers killed with SIGKILL at random moments never
 * leave a broken store or lose a note whose save had completed. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "doc.h"
#include "fsutil.h"
#include "notes.h"

#define CHILDREN 4
#define PARAS 12      /* child c owns paragraphs c, c + CHILDREN, ... */
#define KILLS 80
#define MAX_DELAY_US 15000
#define SEED 20261122u

/* What a child reports after each completed save: atomic pipe writes. */
struct record {
	uint32_t para;
	uint32_t seq;
};

struct crash {
	char dir[64];
	char store[96];
	struct doc *d;
	int pipe[2];
	pid_t pids[CHILDREN];
	uint32_t generation;
	uint32_t reported[PARAS]; /* highest completed seq per paragraph, 0 none */
	unsigned long saves;
	int tmp_seen;
};

/* A small deterministic generator (no global state). */
static uint32_t next_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static struct doc *make_doc(void)
{
	struct doc *d = doc_new();
	int i;

	d->symbol = "A/RES/7/7";
	for (i = 0; i < PARAS; i++) {
		struct doc_para p = { 0 };

		p.kind = DOC_PARA_OPERATIVE;
		p.id = util_arena_printf(&d->arena, "op%d", i + 1);
		p.text = util_arena_printf(&d->arena,
					   "Operative paragraph %d requests something %d.", i + 1,
					   i * 13);
		p.text_len = strlen(p.text);
		p.parent = -1;
		p.annex = -1;
		doc_add_para(d, &p);
	}
	return d;
}

/* A writer: edits its paragraphs over and over, reporting each save. */
static void child(struct crash *c, int slot)
{
	struct notes_store s;
	struct notes_doc nd;
	char err[512], text[128];
	uint32_t j, base = (c->generation + 1) * 1000000u;

	close(c->pipe[0]);
	if (notes_store_open(&s, c->store, err, sizeof(err)) < 0 ||
	    notes_load(&s, c->d, &nd, err, sizeof(err)) < 0)
		_exit(3);
	notes_anchor(&nd, c->d);
	for (j = 0;; j++) {
		struct record r;

		r.para = (uint32_t)slot + CHILDREN * (j % (PARAS / CHILDREN));
		r.seq = base + j;
		/* a long text makes writes take a little while */
		snprintf(text, sizeof(text), "seq %u\n%0100u", r.seq, r.seq);
		if (notes_set(&s, &nd, c->d, (int)r.para, text, err, sizeof(err)) < 0)
			_exit(4);
		if (write(c->pipe[1], &r, sizeof(r)) != (ssize_t)sizeof(r))
			_exit(5);
	}
}

static void spawn(struct crash *c, int slot)
{
	pid_t pid;

	c->generation++;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		child(c, slot);
	c->pids[slot] = pid;
}

static void drain(struct crash *c)
{
	struct record r;
	ssize_t n;

	while ((n = read(c->pipe[0], &r, sizeof(r))) == (ssize_t)sizeof(r)) {
		assert_true(r.para < PARAS);
		if (r.seq > c->reported[r.para])
			c->reported[r.para] = r.seq;
		c->saves++;
	}
	assert_true(n < 0 && errno == EAGAIN);
}

static int count_tmp(const struct crash *c)
{
	DIR *dir = opendir(c->store);
	struct dirent *de;
	int n = 0;

	assert_non_null(dir);
	while ((de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' && len > 4 && !strcmp(de->d_name + len - 4, ".tmp"))
			n++;
	}
	closedir(dir);
	return n;
}

/* The store file parses and holds every completed save (or a later one). */
static void verify(struct crash *c)
{
	char path[256], err[1024];
	struct util_buf b = { 0 };
	struct notes_doc nd;
	int dirfd, rc;
	uint32_t para;
	size_t i;
	bool any = false;

	for (para = 0; para < PARAS; para++)
		any |= c->reported[para] != 0;
	dirfd = open(c->store, O_RDONLY | O_DIRECTORY);
	assert_true(dirfd >= 0);
	rc = fsutil_read_at(dirfd, "A-RES-7-7.yaml", NOTES_MAX_FILE, &b, err, sizeof(err));
	close(dirfd);
	if (rc == -2) {
		assert_false(any);
		return;
	}
	assert_int_equal(rc, 0);
	snprintf(path, sizeof(path), "%s/A-RES-7-7.yaml", c->store);
	if (notes_parse(path, b.data, b.len, &nd, err, sizeof(err)) < 0)
		fail_msg("store broken after a kill: %s", err);
	for (para = 0; para < PARAS; para++) {
		uint32_t best = 0;
		char id[16];

		snprintf(id, sizeof(id), "op%u", para + 1);
		for (i = 0; i < nd.n; i++) {
			unsigned seq;

			if (!strcmp(nd.notes[i].para_id, id) &&
			    sscanf(nd.notes[i].text, "seq %u", &seq) == 1 && seq > best)
				best = seq;
		}
		if (best < c->reported[para])
			fail_msg("op%u: completed save %u lost (file has %u)", para + 1,
				 c->reported[para], best);
	}
	/* one note per paragraph: merges never duplicate */
	for (i = 0; i < nd.n; i++) {
		size_t k;

		for (k = i + 1; k < nd.n; k++)
			assert_string_not_equal(nd.notes[i].para_id, nd.notes[k].para_id);
	}
	notes_doc_free(&nd);
	util_buf_free(&b);
}

static void test_kill_writers(void **state)
{
	struct crash *c = calloc(1, sizeof(*c));
	struct notes_store s;
	char err[512];
	uint32_t seed = SEED;
	int i, st, kills = 0;
	time_t start = time(NULL);

	(void)state;
	snprintf(c->dir, sizeof(c->dir), "/tmp/resolute-crash-XXXXXX");
	assert_non_null(mkdtemp(c->dir));
	snprintf(c->store, sizeof(c->store), "%s/resolute", c->dir);
	c->d = make_doc();
	assert_int_equal(notes_store_open(&s, c->store, err, sizeof(err)), 0);
	notes_store_close(&s);
	assert_int_equal(pipe(c->pipe), 0);
	assert_int_equal(fcntl(c->pipe[0], F_SETFL, O_NONBLOCK), 0);
	for (i = 0; i < CHILDREN; i++)
		spawn(c, i);
	for (i = 0; i < KILLS && time(NULL) - start < 8; i++) {
		int slot = (int)(next_rand(&seed) % CHILDREN);

		usleep(next_rand(&seed) % MAX_DELAY_US);
		kill(c->pids[slot], SIGKILL);
		assert_int_equal(waitpid(c->pids[slot], &st, 0), c->pids[slot]);
		/* killed, never failed on its own */
		assert_true(WIFSIGNALED(st));
		kills++;
		c->tmp_seen += count_tmp(c) > 0;
		drain(c);
		verify(c);
		spawn(c, slot);
	}
	for (i = 0; i < CHILDREN; i++) {
		kill(c->pids[i], SIGKILL);
		assert_int_equal(waitpid(c->pids[i], &st, 0), c->pids[i]);
	}
	drain(c);
	verify(c);
	print_message("# %d kills, %lu completed saves, temporary files present after %d kills\n",
		      kills, c->saves, c->tmp_seen);
	assert_true(c->saves > 0);
	/* the next open removes what killed writers left */
	assert_int_equal(notes_store_open(&s, c->store, err, sizeof(err)), 0);
	notes_store_close(&s);
	assert_int_equal(count_tmp(c), 0);
	verify(c);

	close(c->pipe[0]);
	close(c->pipe[1]);
	doc_free(c->d);
	nftw(c->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kill_writers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
