/* fsutil.c: careful file-system helpers for the user's own data. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"

int fsutil_seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

bool fsutil_name_ok(const char *name)
{
	return name && name[0] && strcmp(name, ".") && strcmp(name, "..") && !strchr(name, '/');
}

int fsutil_data_dir(const char *sub, char *out, size_t outlen, char *err, size_t errlen)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int n;

	if (xdg && xdg[0] == '/') {
		n = snprintf(out, outlen, "%s/%s", xdg, sub);
	} else {
		/* HOME alone, as for the configuration and the cache: no
		 * password-database look-up (which a program linked as a
		 * static PIE could only do with the C library's own NSS
		 * modules, of the same version) */
		if (!home || home[0] != '/')
			return fsutil_seterr(err, errlen,
					     "cannot find the data directory: set HOME or "
					     "XDG_DATA_HOME to an absolute path");
		n = snprintf(out, outlen, "%s/.local/share/%s", home, sub);
	}
	if (n < 0 || (size_t)n >= outlen)
		return fsutil_seterr(err, errlen, "data directory path is too long");
	return 0;
}

/* mkdir -p with mode 0700 for what we create. */
static int make_parents(const char *path, char *err, size_t errlen)
{
	char *p = util_xstrdup(path);
	char *s;

	for (s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0700) < 0 && errno != EEXIST) {
				int e = errno;

				fsutil_seterr(err, errlen, "%s: cannot create directory: %s", p,
					      strerror(e));
				free(p);
				return -1;
			}
			*s = c;
			if (!c)
				break;
			while (s[1] == '/')
				s++;
		}
	}
	free(p);
	return 0;
}

int fsutil_open_private_dir(const char *path, char *err, size_t errlen)
{
	struct stat st;
	int fd;

	if (!path || path[0] != '/')
		return fsutil_seterr(err, errlen, "%s: data directory must be an absolute path",
				     path ? path : "");
	if (make_parents(path, err, errlen) < 0)
		return -1;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		if (e == ELOOP || e == ENOTDIR)
			return fsutil_seterr(err, errlen,
					     "%s: not a directory (a symbolic link?); refusing",
					     path);
		return fsutil_seterr(err, errlen, "%s: %s", path, strerror(e));
	}
	if (fstat(fd, &st) < 0) {
		int e = errno;

		close(fd);
		return fsutil_seterr(err, errlen, "%s: %s", path, strerror(e));
	}
	if (!S_ISDIR(st.st_mode)) {
		close(fd);
		return fsutil_seterr(err, errlen, "%s: not a directory", path);
	}
	if (st.st_uid != geteuid()) {
		close(fd);
		return fsutil_seterr(err, errlen,
				     "%s: directory belongs to another user; refusing", path);
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		close(fd);
		return fsutil_seterr(err, errlen,
				     "%s: directory is writable by other users; refusing "
				     "(chmod 700 it)",
				     path);
	}
	/* Ours and safe, but readable by others: the user's notes are private. */
	if ((st.st_mode & 077) && fchmod(fd, 0700) < 0) {
		int e = errno;

		close(fd);
		return fsutil_seterr(err, errlen, "%s: cannot make the directory private: %s",
				     path, strerror(e));
	}
	return fd;
}

int fsutil_read_at(int dirfd, const char *name, size_t max, struct util_buf *out, char *err,
		   size_t errlen)
{
	struct stat st;
	int fd;

	util_buf_clear(out);
	if (!fsutil_name_ok(name))
		return fsutil_seterr(err, errlen, "invalid file name");
	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		int e = errno;

		if (e == ENOENT)
			return -2;
		if (e == ELOOP)
			return fsutil_seterr(err, errlen,
					     "is a symbolic link; refusing to read it");
		return fsutil_seterr(err, errlen, "%s", strerror(e));
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fsutil_seterr(err, errlen, "not a regular file; refusing to read it");
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return fsutil_seterr(err, errlen, "file is larger than %zu MiB", max >> 20);
	}
	/* Read until EOF, bounded: the size may change under us. */
	for (;;) {
		char chunk[65536];
		ssize_t r = read(fd, chunk, sizeof(chunk));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			close(fd);
			return fsutil_seterr(err, errlen, "%s", strerror(e));
		}
		if (r == 0)
			break;
		if (out->len + (size_t)r > max) {
			close(fd);
			return fsutil_seterr(err, errlen, "file is larger than %zu MiB",
					     max >> 20);
		}
		util_buf_append(out, chunk, (size_t)r);
	}
	close(fd);
	util_buf_append(out, "", 0);
	return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int fsutil_write_atomic(int dirfd, const char *name, const void *data, size_t len, char *err,
			size_t errlen)
{
	char tmp[512];
	struct timespec ts;
	struct stat st;
	int fd = -1, tries, e;

	if (!fsutil_name_ok(name))
		return fsutil_seterr(err, errlen, "invalid file name");
	/* Refuse to replace anything but a regular file (or nothing). */
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode))
		return fsutil_seterr(err, errlen, "not a regular file; refusing to replace it");
	clock_gettime(CLOCK_REALTIME, &ts);
	for (tries = 0; tries < 100; tries++) {
		int n = snprintf(tmp, sizeof(tmp), ".%s.%ld.%ld%s", name, (long)getpid(),
				 (long)ts.tv_nsec + tries, FSUTIL_TMP_SUFFIX);

		if (n < 0 || (size_t)n >= sizeof(tmp))
			return fsutil_seterr(err, errlen, "file name too long");
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			    0600);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0)
		return fsutil_seterr(err, errlen, "cannot create a temporary file: %s",
				     strerror(errno));
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		e = errno;
		close(fd);
		unlinkat(dirfd, tmp, 0);
		return fsutil_seterr(err, errlen, "cannot write: %s", strerror(e));
	}
	if (close(fd) < 0) {
		e = errno;
		unlinkat(dirfd, tmp, 0);
		return fsutil_seterr(err, errlen, "cannot write: %s", strerror(e));
	}
	if (renameat(dirfd, tmp, dirfd, name) < 0) {
		e = errno;
		unlinkat(dirfd, tmp, 0);
		return fsutil_seterr(err, errlen, "cannot replace the file: %s", strerror(e));
	}
	/* The rename is only durable once the directory is on disk. */
	if (fsync(dirfd) < 0 && errno != EINVAL)
		return fsutil_seterr(err, errlen, "cannot sync the directory: %s",
				     strerror(errno));
	return 0;
}

int fsutil_lock(int dirfd, const char *name, char *err, size_t errlen)
{
	struct stat st;
	int fd;

	if (!fsutil_name_ok(name))
		return fsutil_seterr(err, errlen, "invalid lock file name");
	fd = openat(dirfd, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
	if (fd < 0) {
		if (errno == ELOOP)
			return fsutil_seterr(err, errlen,
					     "lock file %s is a symbolic link; refusing", name);
		return fsutil_seterr(err, errlen, "cannot open lock file %s: %s", name,
				     strerror(errno));
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fsutil_seterr(err, errlen, "lock file %s is not a regular file; refusing",
				     name);
	}
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			int e = errno;

			close(fd);
			return fsutil_seterr(err, errlen, "cannot lock %s: %s", name, strerror(e));
		}
	}
	return fd;
}

void fsutil_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* closing the last descriptor releases the flock */
}

int fsutil_clean_tmp(int dirfd)
{
	struct dirent *de;
	DIR *dir;
	int fd, n = 0;
	size_t sl = strlen(FSUTIL_TMP_SUFFIX);

	fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return 0;
	}
	while ((de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);
		struct stat st;

		if (de->d_name[0] != '.' || len <= sl + 1 ||
		    strcmp(de->d_name + len - sl, FSUTIL_TMP_SUFFIX))
			continue;
		if (fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (unlinkat(dirfd, de->d_name, 0) == 0)
			n++;
	}
	closedir(dir);
	return n;
}
