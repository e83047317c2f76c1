/* fsutil.h: careful file-system helpers for the user's own data.
 *
 * Everything works relative to a directory descriptor so a path swapped
 * under our feet cannot redirect a write: the data directory is opened
 * once (O_DIRECTORY | O_NOFOLLOW, checked to be ours and private) and
 * files inside it are opened with O_NOFOLLOW, created with O_EXCL and
 * replaced atomically (temporary file, fsync, rename, fsync of the
 * directory). Errors are one line, no trailing newline, in err.
 * No curses, no terminal output. */
#ifndef RESOLUTE_FSUTIL_H
#define RESOLUTE_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "util.h"

/** Suffix of temporary files; they are named "." NAME "." PID "." N FSUTIL_TMP_SUFFIX. */
#define FSUTIL_TMP_SUFFIX ".tmp"

/** Resolve $XDG_DATA_HOME/SUB, or $HOME/.local/share/SUB when XDG_DATA_HOME
 * is unset, empty or relative (the XDG spec says to ignore a relative one).
 * Returns 0, or -1 with a message when neither gives an absolute path or
 * the result does not fit in outlen. */
int fsutil_data_dir(const char *sub, char *out, size_t outlen, char *err, size_t errlen);

/** Create PATH and its missing parents with mode 0700, then open it as a
 * directory without following a final symbolic link. The directory must
 * belong to the effective user and must not be writable by group or
 * others. Returns the descriptor (close-on-exec) or -1 with a message. */
int fsutil_open_private_dir(const char *path, char *err, size_t errlen);

/** Read regular file NAME of directory dirfd (never following a symbolic
 * link, never blocking on a FIFO) into out (cleared first, NUL-terminated).
 * Files larger than max bytes are refused. Returns 0, -2 if the file does
 * not exist, or -1 with a message. */
int fsutil_read_at(int dirfd, const char *name, size_t max, struct util_buf *out, char *err,
		   size_t errlen);

/** Atomically and durably replace NAME in dirfd with data[0..len): write a
 * temporary file (mode 0600) in the same directory, fsync it, rename it over
 * NAME, fsync the directory. On failure NAME is untouched and the temporary
 * file removed. Returns 0 or -1 with a message. */
int fsutil_write_atomic(int dirfd, const char *name, const void *data, size_t len, char *err,
			size_t errlen);

/** Take an exclusive advisory lock (flock) on lock file NAME of dirfd,
 * creating it (0600) if needed; blocks until granted. The kernel releases it
 * when the process dies. Returns the descriptor to pass to fsutil_unlock()
 * or -1 with a message. */
int fsutil_lock(int dirfd, const char *name, char *err, size_t errlen);

/** Release a lock taken by fsutil_lock(). -1 is ignored. */
void fsutil_unlock(int fd);

/** Remove the temporary files ("." ... FSUTIL_TMP_SUFFIX, regular files) a
 * killed writer left in dirfd. Call it only while holding the directory's
 * lock, when no writer can be active. Returns how many were removed. */
int fsutil_clean_tmp(int dirfd);

/** Format a one-line message into err (when err is not NULL and errlen is
 * not 0, truncated to fit) and return -1, for `return fsutil_seterr(...)`. */
int fsutil_seterr(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** True if name is a plain file name: not empty, not "." or "..", no '/'. */
bool fsutil_name_ok(const char *name);

#endif
