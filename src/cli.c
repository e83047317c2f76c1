/* cli.c: option parsing and the non-interactive commands.
 *
 *   resolute [--theme NAME|PATH] [--goto ID] [FILE...]   reader (terminal) or plain text (pipe)
 *   resolute --json FILE                                 the model as JSON
 *   resolute --outline FILE...                           clause outline
 *   resolute --check [-q] FILE...                        parse, report warnings
 *
 * Exit status: 0 success, 1 a file could not be read or output failed,
 * 2 usage error. Every file name and document string written to stderr
 * or a terminal goes through util_sanitize(). */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "doc.h"
#include "json.h"
#include "library.h"
#include "notes.h"
#include "parse.h"
#include "textout.h"
#include "userconfig.h"
#include "util.h"

#define EXIT_USAGE 2

enum cli_mode {
	MODE_READ,    /* reader on a terminal, plain text otherwise */
	MODE_JSON,
	MODE_OUTLINE,
	MODE_CHECK,
	MODE_REFS,         /* --refs PATH... */
	MODE_CITED_BY,     /* --cited-by SYMBOL PATH... */
	MODE_NOTES,        /* --notes [PATH...] */
	MODE_ANNOTATE,     /* --annotate ID FILE */
	MODE_EXPORT_NOTES, /* --export-notes FORMAT [PATH...] */
};

enum opt_id {
	OPT_JSON,
	OPT_OUTLINE,
	OPT_CHECK,
	OPT_REFS,
	OPT_CITED_BY,
	OPT_NOTES,
	OPT_ANNOTATE,
	OPT_EXPORT_NOTES,
	OPT_QUIET,
	OPT_THEME,
	OPT_GOTO,
	OPT_HELP,
	OPT_VERSION,
};

struct opt_def {
	const char *name; /* long name without "--" */
	char short_name;  /* 0: none */
	bool has_arg;
	enum opt_id id;
};

static const struct opt_def opt_defs[] = {
	{ "json", 0, false, OPT_JSON },
	{ "outline", 0, false, OPT_OUTLINE },
	{ "check", 0, false, OPT_CHECK },
	{ "refs", 0, false, OPT_REFS },
	{ "cited-by", 0, true, OPT_CITED_BY },
	{ "notes", 0, false, OPT_NOTES },
	{ "annotate", 0, true, OPT_ANNOTATE },
	{ "export-notes", 0, true, OPT_EXPORT_NOTES },
	{ "quiet", 'q', false, OPT_QUIET },
	{ "theme", 0, true, OPT_THEME },
	{ "goto", 0, true, OPT_GOTO },
	{ "help", 'h', false, OPT_HELP },
	{ "version", 'V', false, OPT_VERSION },
};
#define N_OPT_DEFS (sizeof(opt_defs) / sizeof(opt_defs[0]))

static const char *const mode_option[] = {
	[MODE_READ] = "",
	[MODE_JSON] = "--json",
	[MODE_OUTLINE] = "--outline",
	[MODE_CHECK] = "--check",
	[MODE_REFS] = "--refs",
	[MODE_CITED_BY] = "--cited-by",
	[MODE_NOTES] = "--notes",
	[MODE_ANNOTATE] = "--annotate",
	[MODE_EXPORT_NOTES] = "--export-notes",
};

struct cli {
	enum cli_mode mode;
	bool quiet;
	const char *theme;
	const char *goto_id;
	const char *mode_arg; /* SYMBOL, ID or FORMAT of the mode option */
	int width;            /* plain text width */
	const char **files;
	size_t n_files;
	bool done;   /* --help or --version handled */
	int status;  /* exit status so far */
};

static const char usage_text[] =
	"Usage: resolute [OPTION]... [FILE]...\n"
	"Read United Nations resolutions in the terminal.\n"
	"\n"
	"With standard output on a terminal, opens the reader on FILEs (no FILE:\n"
	"the bundled sample resolutions). Otherwise prints each FILE as formatted\n"
	"plain text, wrapped at $COLUMNS (20-1000) or 80 columns, like man(1).\n"
	"FILE '-' is standard input.\n"
	"\n"
	"Modes (at most one):\n"
	"      --json FILE      print the parsed model of FILE as JSON (one object;\n"
	"                       an array of objects when FILE holds several\n"
	"                       resolutions); schema in doc/json.md\n"
	"      --outline FILE...\n"
	"                       print the clause outline: one entry per line, its id\n"
	"                       (pp3, op5, op5.a, annex1.p4, fn2) in the first column\n"
	"      --check FILE...  parse and report warnings as FILE:LINE: message on\n"
	"                       standard error\n"
	"      --refs PATH...   print every reference of the documents given, one per\n"
	"                       line: document, paragraph, text, target, and the file\n"
	"                       it resolves to in the library or its undocs.org address\n"
	"      --cited-by SYMBOL[#PARA] PATH...\n"
	"                       print who in the library of PATHs cites SYMBOL\n"
	"      --notes [PATH...]\n"
	"                       list notes (of the documents given, anchored to that\n"
	"                       text, orphans marked; no PATH: every note)\n"
	"      --annotate ID FILE\n"
	"                       set the note of paragraph ID of FILE from standard\n"
	"                       input (empty input deletes it)\n"
	"      --export-notes markdown|json [PATH...]\n"
	"                       export notes for sharing\n"
	"  -q, --quiet          with --check: print no warnings, only the exit status\n"
	"                       (files that cannot be read are still reported)\n"
	"\n"
	"Reader options (accepted, and ignored, by the other modes):\n"
	"      --theme NAME|PATH  colour theme by name or YAML file\n"
	"      --goto ID          open at paragraph ID (op5, 5(c), pp3, fn2)\n"
	"\n"
	"  -h, --help           display this help and exit\n"
	"  -V, --version        output version information and exit\n"
	"\n"
	"Long options may be abbreviated to a unique prefix; --opt=VALUE works too.\n"
	"\n"
	"Exit status:\n"
	" 0  success (parse warnings do not change it)\n"
	" 1  a FILE could not be read, was empty or binary; or output failed\n"
	" 2  usage error\n"
	"\n"
	"Environment: RESOLUTE_SAMPLES overrides the bundled samples directory;\n"
	"COLUMNS sets the plain-text width.\n";

static const char version_text[] =
	"resolute " PACKAGE_VERSION "\n"
	"The bundled sample resolutions are documents of the United Nations\n"
	"(General Assembly and Commission on Human Rights, via undocs.org).\n";

/* One sanitized line "resolute: A: B" (B may be NULL) on stderr. */
static void err_line(const char *a, const char *b)
{
	util_err_line(stderr, a, b);
}

/* A usage error: one line, the hint, exit status 2. */
static int usage_error(const char *fmt, const char *arg)
{
	struct util_buf m = { 0 }, s = { 0 };
	const char *p = strstr(fmt, "%s");

	if (p && arg) {
		util_buf_append(&m, fmt, (size_t)(p - fmt));
		util_sanitize(&s, arg, strlen(arg));
		if (s.len)
			util_buf_append(&m, s.data, s.len);
		util_buf_puts(&m, p + 2);
	} else {
		util_buf_puts(&m, fmt);
	}
	fprintf(stderr, "resolute: %s\nTry 'resolute --help'.\n", m.data);
	util_buf_free(&m);
	util_buf_free(&s);
	return EXIT_USAGE;
}

/* Find a long option by exact name or unique prefix. Returns NULL and sets
 * *ambiguous when several match. */
static const struct opt_def *find_long(const char *name, size_t len, bool *ambiguous)
{
	const struct opt_def *found = NULL;

	*ambiguous = false;
	for (size_t i = 0; i < N_OPT_DEFS; i++) {
		if (strncmp(opt_defs[i].name, name, len) != 0)
			continue;
		if (opt_defs[i].name[len] == '\0')
			return &opt_defs[i];
		if (found)
			*ambiguous = true;
		found = &opt_defs[i];
	}
	return *ambiguous ? NULL : found;
}

static const struct opt_def *find_short(char c)
{
	for (size_t i = 0; i < N_OPT_DEFS; i++)
		if (opt_defs[i].short_name == c)
			return &opt_defs[i];
	return NULL;
}

static int set_mode(struct cli *c, enum cli_mode m)
{
	if (c->mode != MODE_READ && c->mode != m) {
		struct util_buf b = { 0 };
		int rc;

		util_buf_printf(&b, "%s and %s cannot be combined", mode_option[c->mode],
				mode_option[m]);
		rc = usage_error(b.data, NULL);
		util_buf_free(&b);
		return rc;
	}
	c->mode = m;
	return 0;
}

/* Apply one option; returns 0 or an exit status. */
static int apply(struct cli *c, const struct opt_def *d, const char *arg)
{
	switch (d->id) {
	case OPT_JSON:
		return set_mode(c, MODE_JSON);
	case OPT_OUTLINE:
		return set_mode(c, MODE_OUTLINE);
	case OPT_CHECK:
		return set_mode(c, MODE_CHECK);
	case OPT_REFS:
		return set_mode(c, MODE_REFS);
	case OPT_NOTES:
		return set_mode(c, MODE_NOTES);
	case OPT_CITED_BY:
		c->mode_arg = arg;
		return set_mode(c, MODE_CITED_BY);
	case OPT_ANNOTATE:
		c->mode_arg = arg;
		return set_mode(c, MODE_ANNOTATE);
	case OPT_EXPORT_NOTES:
		c->mode_arg = arg;
		return set_mode(c, MODE_EXPORT_NOTES);
	case OPT_QUIET:
		c->quiet = true;
		return 0;
	case OPT_THEME:
		c->theme = arg;
		return 0;
	case OPT_GOTO:
		c->goto_id = arg;
		return 0;
	case OPT_HELP:
		fputs(usage_text, stdout);
		c->done = true;
		return 0;
	case OPT_VERSION:
		fputs(version_text, stdout);
		c->done = true;
		return 0;
	}
	return 0;
}

/* Parse argv into c. Returns 0 to go on, or an exit status (with c->done
 * set for --help/--version, whose status is 0). */
static int parse_args(struct cli *c, int argc, char **argv)
{
	bool only_files = false;

	c->files = util_xcalloc((size_t)(argc > 0 ? argc : 1), sizeof(*c->files));
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int rc = 0;

		if (only_files || a[0] != '-' || a[1] == '\0') {
			c->files[c->n_files++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_files = true;
			continue;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			bool ambiguous;
			const struct opt_def *d = find_long(name, len, &ambiguous);
			const char *arg = NULL;

			if (!d)
				return usage_error(ambiguous ? "option '%s' is ambiguous"
							     : "unrecognized option '%s'", a);
			if (d->has_arg) {
				if (eq)
					arg = eq + 1;
				else if (i + 1 < argc)
					arg = argv[++i];
				if (!arg || !*arg) {
					struct util_buf b = { 0 };

					util_buf_printf(&b, "option '--%s' requires an argument", d->name);
					rc = usage_error(b.data, NULL);
					util_buf_free(&b);
					return rc;
				}
			} else if (eq) {
				struct util_buf b = { 0 };

				util_buf_printf(&b, "option '--%s' doesn't allow an argument", d->name);
				rc = usage_error(b.data, NULL);
				util_buf_free(&b);
				return rc;
			}
			rc = apply(c, d, arg);
		} else {
			/* bundled short flags: -qV */
			for (const char *p = a + 1; *p && !rc && !c->done; p++) {
				const struct opt_def *d = find_short(*p);
				char opt[2] = { *p, '\0' };

				if (!d)
					return usage_error("invalid option -- '%s'", opt);
				rc = apply(c, d, NULL);
			}
		}
		if (rc || c->done)
			return rc;
	}
	return 0;
}

const char *cli_samples_dir(void)
{
	const char *env = getenv("RESOLUTE_SAMPLES");
	struct stat st;

	if (env && *env)
		return env;
	if (stat(PKGDATADIR "/samples", &st) == 0 && S_ISDIR(st.st_mode))
		return PKGDATADIR "/samples";
#ifdef SRCDIR_SAMPLES
	if (stat(SRCDIR_SAMPLES, &st) == 0 && S_ISDIR(st.st_mode))
		return SRCDIR_SAMPLES;
#endif
	return PKGDATADIR "/samples";
}

/* Parse one file into set; on failure report it and return false. */
static bool load(struct cli *c, const char *path, struct doc_set *set)
{
	char err[256];

	if (parse_file(path, set, err, sizeof(err)) < 0) {
		err_line(path, err);
		c->status = 1;
		return false;
	}
	return true;
}

static void run_json(struct cli *c)
{
	struct doc_set set = { 0 };

	if (load(c, c->files[0], &set))
		json_write_docs(stdout, &set);
	doc_set_free(&set);
}

/* Parse every file and hand each document to `fn` as soon as it is
 * finished, then free it: memory stays at a few documents whatever the
 * size of a compilation. A file that cannot be read is reported and skipped. */
static void stream_docs(struct cli *c, const struct parse_opts *o, void *arg,
			void (*fn)(struct cli *c, const struct doc *d, const char *file, void *arg))
{
	for (size_t i = 0; i < c->n_files; i++) {
		char err[256];
		struct parse_stream *ps = parse_open(c->files[i], o, err, sizeof(err));

		if (!ps) {
			err_line(c->files[i], err);
			c->status = 1;
			continue;
		}
		for (;;) {
			struct doc_set set = { 0 };

			/* a few at a time: a second thread works on a batch
			 * while the parser goes on (parse.c) */
			if (parse_next(ps, &set, 32) == 0) {
				doc_set_free(&set);
				break;
			}
			for (size_t k = 0; k < set.n; k++)
				fn(c, set.docs[k], c->files[i], arg);
			doc_set_free(&set);
		}
		parse_close(ps);
	}
}

struct each_print {
	const char *sep;
	bool first;
	void (*print)(struct cli *c, const struct doc *d, const char *file);
};

static void each_print_one(struct cli *c, const struct doc *d, const char *file, void *arg)
{
	struct each_print *ep = arg;

	if (!ep->first)
		fputs(ep->sep, stdout);
	ep->print(c, d, file);
	ep->first = false;
}

/* Print every document of every file with `print`, separated by `sep`. */
static void each_doc(struct cli *c, const char *sep,
		     void (*print)(struct cli *c, const struct doc *d, const char *file))
{
	struct each_print ep = { sep, true, print };

	stream_docs(c, NULL, &ep, each_print_one);
}

static void print_outline(struct cli *c, const struct doc *d, const char *file)
{
	textout_outline(stdout, d, c->n_files > 1 ? file : NULL);
}

static void run_outline(struct cli *c)
{
	each_doc(c, "\n", print_outline);
}

struct check_out {
	struct util_buf m;    /* one document's warnings */
	struct util_buf name; /* the current file's name, sanitized */
	const char *file;     /* ... which is this one */
};

static void check_one(struct cli *c, const struct doc *d, const char *file, void *arg)
{
	struct check_out *co = arg;

	if (c->quiet)
		return;
	if (co->file != file) {
		util_buf_clear(&co->name);
		util_sanitize(&co->name, file, strlen(file));
		co->file = file;
	}
	for (size_t w = 0; w < d->n_warnings; w++) {
		const char *msg = d->warnings[w].msg ? d->warnings[w].msg : "";

		util_buf_append(&co->m, co->name.data ? co->name.data : "", co->name.len);
		util_buf_printf(&co->m, ":%d: ", d->warnings[w].line);
		util_sanitize(&co->m, msg, strlen(msg));
		util_buf_putc(&co->m, '\n');
	}
	/* out before the next file's error line, in one write */
	if (co->m.len) {
		fwrite(co->m.data, 1, co->m.len, stderr);
		util_buf_clear(&co->m);
	}
}

/* Warnings need no references and no paragraph leads: the parse leaves
 * them out (about half of its work, then 9 % of the rest) and each
 * document is dropped once looked at. */
static void run_check(struct cli *c)
{
	struct parse_opts o = { .no_refs = true, .no_leads = true };
	struct check_out co = { 0 };

	stream_docs(c, &o, &co, check_one);
	util_buf_free(&co.m);
	util_buf_free(&co.name);
}

/* A directory in plain mode: the library listing the reader would show,
 * one resolution per line: symbol, body, adopted, title, file. */
static void print_listing(struct cli *c, const char *dir)
{
	struct library lib;
	struct util_buf line = { 0 };

	library_open(&lib, &dir, 1, NULL);
	for (size_t i = 0; i < lib.n_errors; i++)
		if (lib.errors[i].fatal) {
			err_line(lib.errors[i].path, lib.errors[i].msg);
			c->status = 1;
		}
	if (!lib.n_entries && !lib.n_errors) {
		err_line(dir, "no resolution found");
		c->status = 1;
	}
	for (size_t i = 0; i < lib.n_entries; i++) {
		const struct library_entry *e = &lib.entries[i];
		const char *fields[] = { e->symbol, doc_body_name(e->body), e->adopted, e->title,
					 e->path };

		util_buf_clear(&line);
		for (size_t f = 0; f < sizeof(fields) / sizeof(*fields); f++) {
			const char *v = fields[f] ? fields[f] : "";

			if (f)
				util_buf_putc(&line, '\t');
			util_sanitize(&line, v, strlen(v));
		}
		util_buf_putc(&line, '\n');
		fwrite(line.data, 1, line.len, stdout);
	}
	util_buf_free(&line);
	library_close(&lib);
}

static void print_plain(struct cli *c, const struct doc *d, const char *file)
{
	(void)file;
	textout_plain(stdout, d, c->width);
}

/* Plain text of every file; a directory is listed as a library. */
static void run_plain(struct cli *c)
{
	const char **files = c->files;
	size_t n = c->n_files, k = 0;
	struct stat st;

	c->width = textout_width_from_env(getenv("COLUMNS"));
	for (size_t i = 0; i < n; i++) {
		if (strcmp(files[i], "-") != 0 && stat(files[i], &st) == 0 && S_ISDIR(st.st_mode))
			print_listing(c, files[i]);
		else
			files[k++] = files[i];
	}
	c->n_files = k;
	each_doc(c, "\n\n", print_plain);
}

static int run_reader(struct cli *c)
{
	struct app_opts o = {
		.paths = c->files,
		.n_paths = c->n_files,
		.theme = c->theme,
		.goto_id = c->goto_id,
		.samples_dir = cli_samples_dir(),
	};

	return app_run(&o);
}

/* The directories references resolve against besides the paths given:
 * config.yaml's library: and the bundled samples (existing ones only). */
static size_t library_dirs(struct config *cfg, const char **dirs, size_t max)
{
	char err[512];
	size_t n = 0;
	struct stat st;

	config_init(cfg);
	if (config_load(NULL, cfg, err, sizeof(err)) < 0)
		err_line(err, NULL);
	for (size_t i = 0; i < cfg->n_library && n + 1 < max; i++)
		if (stat(cfg->library[i], &st) == 0 && S_ISDIR(st.st_mode))
			dirs[n++] = cfg->library[i];
	const char *samples = cli_samples_dir();
	if (samples && stat(samples, &st) == 0 && S_ISDIR(st.st_mode))
		dirs[n++] = samples;
	return n;
}

static int run_library(struct cli *c)
{
	struct config cfg;
	const char *dirs[CONFIG_MAX_LIBRARY + 1];
	struct library_opts lo = { .extra_dirs = dirs };
	int rc;

	lo.n_extra = library_dirs(&cfg, dirs, sizeof(dirs) / sizeof(*dirs));
	if (c->mode == MODE_REFS)
		rc = library_cmd_refs_opts(&lo, c->files, c->n_files, stdout, stderr);
	else
		rc = library_cmd_cited_by_opts(&lo, c->mode_arg, c->files, c->n_files, stdout,
					       stderr);
	config_free(&cfg);
	return rc;
}

static int run_notes(struct cli *c)
{
	switch (c->mode) {
	case MODE_ANNOTATE:
		if (c->n_files != 1)
			return usage_error("--annotate takes an ID and exactly one file", NULL);
		return notes_cmd_annotate(c->mode_arg, c->files[0], stdin, stderr);
	case MODE_EXPORT_NOTES:
		return notes_cmd_export(c->mode_arg, c->files, c->n_files, stdout, stderr);
	default:
		return notes_cmd_list(c->files, c->n_files, stdout, stderr);
	}
}

/* Flush standard output; a failure (disk full, closed pipe) is status 1. */
static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		err_line("write error", strerror(errno ? errno : EIO));
		return 1;
	}
	return status;
}

int cli_main(int argc, char **argv)
{
	struct cli c = { .mode = MODE_READ };
	int rc = parse_args(&c, argc, argv);

	if (rc || c.done)
		goto out;
	if (c.quiet && c.mode != MODE_CHECK) {
		rc = usage_error("--quiet only applies to --check", NULL);
		goto out;
	}
	switch (c.mode) {
	case MODE_JSON:
		if (c.n_files != 1) {
			rc = usage_error(c.n_files ? "--json takes exactly one file"
					 : "--json needs a file", NULL);
			goto out;
		}
		run_json(&c);
		break;
	case MODE_OUTLINE:
	case MODE_CHECK:
		if (!c.n_files) {
			rc = usage_error(c.mode == MODE_CHECK ? "--check needs at least one file"
				: "--outline needs at least one file", NULL);
			goto out;
		}
		if (c.mode == MODE_CHECK)
			run_check(&c);
		else
			run_outline(&c);
		break;
	case MODE_REFS:
	case MODE_CITED_BY:
		if (!c.n_files) {
			rc = usage_error(c.mode == MODE_REFS ? "--refs needs at least one path"
				: "--cited-by needs a symbol and at least one path", NULL);
			goto out;
		}
		rc = run_library(&c);
		goto out;
	case MODE_NOTES:
	case MODE_ANNOTATE:
	case MODE_EXPORT_NOTES:
		rc = run_notes(&c);
		goto out;
	case MODE_READ:
		if (isatty(STDOUT_FILENO)) {
			fflush(stdout);
			rc = run_reader(&c);
			goto out;
		}
		if (!c.n_files) {
			rc = usage_error("no file given (the reader needs a terminal)", NULL);
			goto out;
		}
		run_plain(&c);
		break;
	}
	rc = c.status;
out:
	free(c.files);
	return finish(rc);
}
