/* cli.h: the command line: option parsing and the non-interactive
 * commands (--json, --outline, --check, plain text to a pipe). */
#ifndef RESOLUTE_CLI_H
#define RESOLUTE_CLI_H

/** Run resolute with these arguments and return the exit status:
 * 0 success, 1 a file could not be read (or output failed), 2 usage error.
 * The caller has already called setlocale(LC_ALL, ""). */
int cli_main(int argc, char **argv);

/** Directory of the bundled sample resolutions: $RESOLUTE_SAMPLES if set
 * and non-empty, else PKGDATADIR "/samples" when that directory exists,
 * else the source tree's doc/samples when built with -DSRCDIR_SAMPLES,
 * else PKGDATADIR "/samples" anyway (the reader reports it missing). */
const char *cli_samples_dir(void);

#endif
