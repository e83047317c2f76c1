/* view_priv.h: internals shared by view.c, view_wrap.c and view_outline.c.
 * Not part of the view API: UI code includes view.h only. */
#ifndef RESOLUTE_VIEW_PRIV_H
#define RESOLUTE_VIEW_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"
#include "view.h"

/* A run of flow text with one role. */
struct flow_run {
	size_t off;
	unsigned len;
	unsigned char role;
	int link;
};

enum flow_kind {
	FLOW_HEADER,
	FLOW_ANNEX,
	FLOW_PARA,
	FLOW_RULE,
	FLOW_FOOTNOTE,
};

/* A block: a paragraph, a header line, an annex label, a footnote. Its
 * text is flow.text[off, end); with a number, [off, num_end) is the number
 * and the body starts at body_off (after one space). */
struct flow_block {
	int kind;
	int part;
	int para, footnote, annex;
	int depth;
	size_t run0, n_runs;
	size_t off, end, num_end, body_off;
	int num_width;
	bool has_num;
	bool num_own_line;
	bool blank_before;
	bool flush;        /* unnumbered plain text: no hanging column */
};

struct flow_link {
	int kind;
	int index;
};

struct view_flow {
	struct util_buf text;
	struct flow_run *runs;
	size_t n_runs, cap_runs;
	struct flow_block *blocks;
	size_t n_blocks, cap_blocks;
	struct flow_link *links;
	size_t n_links, cap_links;
	int max_top_num; /* widest top-level paragraph number */
	int max_fn_num;  /* widest footnote number */
	/* wrap results: lines where a part or an annex starts */
	int *bounds;
	size_t n_bounds, cap_bounds;
};

struct view_flow *view_flow_build(const struct doc *d);
void view_flow_free(struct view_flow *f);
void view_flow_put(struct view_flow *f, const char *s, size_t n, int role, int link);
/* Columns of sanitized text s[0..n) as ui_width() counts them. */
int view_piece_width(const char *s, size_t n);
/* Display line holding view-text offset off (the last non-blank line
 * starting at or before it), or -1. */
int view_line_of_offset(const struct view *v, size_t off);
/* Column of view-text offset off on display line `line`. */
int view_col_in_line(const struct view *v, int line, size_t off);

#endif
