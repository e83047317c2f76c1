/* app_extedit.c: editing a note in $VISUAL or $EDITOR (E): the text goes
 * through a private temporary file, the terminal is handed over while the
 * editor runs. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app_notes.h"

/* Write text to a private temporary file; its path in path. */
static int write_temp(const char *text, char *path, size_t n, char *err, size_t errlen)
{
	const char *tmp = getenv("TMPDIR");
	size_t len = strlen(text), off = 0;
	int fd;

	if (!tmp || tmp[0] != '/')
		tmp = "/tmp";
	snprintf(path, n, "%s/resolute-note-XXXXXX", tmp);
	fd = mkstemp(path); /* 0600 */
	if (fd < 0) {
		snprintf(err, errlen, "%.300s: %.150s", path, strerror(errno));
		return -1;
	}
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			snprintf(err, errlen, "%.300s: %.150s", path, strerror(errno));
			close(fd);
			unlink(path);
			return -1;
		}
		off += (size_t)w;
	}
	if (len && text[len - 1] != '\n' && write(fd, "\n", 1) != 1) {
		snprintf(err, errlen, "%.300s: %.150s", path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

/* Read the file back (at most NOTES_MAX_SCALAR bytes). */
static int read_back(const char *path, struct util_buf *b, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	char chunk[4096];

	if (fd < 0) {
		snprintf(err, errlen, "%.300s: %.150s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		ssize_t r = read(fd, chunk, sizeof(chunk));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "%.300s: %.150s", path, strerror(errno));
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		if (b->len + (size_t)r > NOTES_MAX_SCALAR) {
			snprintf(err, errlen, "the note is longer than %zu bytes",
				 NOTES_MAX_SCALAR);
			close(fd);
			return -1;
		}
		util_buf_append(b, chunk, (size_t)r);
	}
	util_buf_append(b, "", 0);
	close(fd);
	return 0;
}

/* Run editor (split at spaces) on path, the terminal handed over. Returns
 * the exit status, or -1 with a message. */
static int run_editor(const char *editor, const char *path, char *err, size_t errlen)
{
	char *copy = util_xstrdup(editor), *argv[34], *save = NULL, *tok;
	struct sigaction ign, old_int, old_quit;
	int n = 0, status = 0;
	pid_t pid;

	for (tok = strtok_r(copy, " \t", &save); tok && n < 32; tok = strtok_r(NULL, " \t", &save))
		argv[n++] = tok;
	if (n == 0) {
		free(copy);
		snprintf(err, errlen, "$VISUAL and $EDITOR are empty");
		return -1;
	}
	argv[n++] = (char *)path;
	argv[n] = NULL;
	def_prog_mode();
	endwin();
	/* Ctrl-C and Ctrl-\ belong to the editor meanwhile */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0) {
		snprintf(err, errlen, "cannot start %s: %s", argv[0], strerror(errno));
		status = -1;
	} else {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(status))
			status = WEXITSTATUS(status);
		else
			status = 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
		if (status == 127)
			snprintf(err, errlen, "cannot run %s", argv[0]);
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	free(copy);
	return status;
}

/* E: the note of the paragraph at the top in $VISUAL or $EDITOR. */
void app_notes_external_edit(struct app *a)
{
	struct app_notes_doc *nd = app_notes_writable_doc(a);
	const char *editor = getenv("VISUAL"), *old;
	char path[4096], err[512] = "", name[64];
	struct util_buf b = { 0 };
	int p, i, st;

	if (!nd || (p = app_notes_top_para(a)) < 0)
		return;
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	i = notes_find(&nd->nd, p);
	old = i >= 0 && nd->nd.notes[i].text ? nd->nd.notes[i].text : "";
	app_notes_para_name(app_cur(a)->doc, p, name, sizeof(name));
	if (write_temp(old, path, sizeof(path), err, sizeof(err)) < 0) {
		app_msg(a, true, "note not edited: %s", err);
		return;
	}
	st = run_editor(editor, path, err, sizeof(err));
	if (st != 0) {
		if (st > 0 && !err[0])
			snprintf(err, sizeof(err), "the editor exited with status %d", st);
		app_msg(a, true, "note on %s unchanged: %s", name, err);
	} else if (read_back(path, &b, err, sizeof(err)) < 0) {
		app_msg(a, true, "note on %s unchanged: %s", name, err);
	} else {
		/* what we wrote had a final newline added */
		size_t ol = strlen(old), bl = b.len;

		while (bl > 0 && (b.data[bl - 1] == '\n' || b.data[bl - 1] == ' '))
			bl--;
		while (ol > 0 && (old[ol - 1] == '\n' || old[ol - 1] == ' '))
			ol--;
		if (bl == ol && memcmp(b.data, old, ol) == 0) {
			app_msg(a, false, "note on %s unchanged (the file was not changed)", name);
		} else {
			b.data[bl] = 0;
			app_notes_save_note(a, a->cur, p, b.data);
		}
	}
	unlink(path);
	util_buf_free(&b);
}
