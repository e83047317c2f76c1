/* app.h: the interactive reader (curses). Entry point used by cli.c. */
#ifndef RESOLUTE_APP_H
#define RESOLUTE_APP_H

#include <stddef.h>

/** What the command line asked the reader to open. */
struct app_opts {
	const char *const *paths; /* files to open ("-" is standard input); none: bundled samples */
	size_t n_paths;
	const char *theme;        /* --theme NAME|PATH, or NULL (config.yaml, then "default") */
	const char *goto_id;      /* --goto ID, or NULL */
	const char *samples_dir;  /* directory of the bundled sample resolutions */
};

/** Run the reader until the user quits. Returns the process exit status;
 * the terminal is restored on every path. */
int app_run(const struct app_opts *o);

#endif
