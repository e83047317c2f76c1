/* layout.h: pure screen geometry of the reader.
 *
 * Splits a rows x cols screen into the outline pane, a one-column
 * separator, the body, the status line and the prompt line, and places
 * footnote popups over the body. No curses: the UI turns the rectangles
 * into windows. Every function accepts any size (0 or negative sizes give
 * empty rectangles) and never returns a negative, overlapping or
 * off-screen rectangle.
 */
#ifndef RESOLUTE_LAYOUT_H
#define RESOLUTE_LAYOUT_H

#include <stdbool.h>

/** A rectangle in screen cells: top row y, left column x, h rows, w
 * columns. A rectangle with h == 0 or w == 0 is empty (not shown); empty
 * rectangles always have y = x = h = w = 0. */
struct layout_rect {
	int y, x, h, w;
};

/** What the reader wants on screen. */
struct layout_opts {
	bool outline;      /* outline wanted (hidden when cols < LAYOUT_OUTLINE_MIN_COLS) */
	int outline_pct;   /* outline width in percent of cols; <= 0 means LAYOUT_OUTLINE_PCT */
	int outline_min;   /* least outline width; <= 0 means LAYOUT_OUTLINE_MIN */
	int outline_max;   /* <= 0 means LAYOUT_OUTLINE_MAX */
	bool prompt;       /* a prompt line (goto, search) is active */
};

/** Defaults and thresholds. */
#define LAYOUT_OUTLINE_PCT 30
#define LAYOUT_OUTLINE_MIN 20
#define LAYOUT_OUTLINE_MAX 40
/** Below this many columns the outline is hidden even if wanted. */
#define LAYOUT_OUTLINE_MIN_COLS 40
/** The body keeps at least this many columns when the outline is shown. */
#define LAYOUT_BODY_MIN_COLS 20

/** The computed screen. Empty rectangles are not to be drawn.
 *
 *  rows >= 3:  outline | sep | body   (rows - 1 - prompt rows)
 *              status line            (1 row)
 *              prompt line            (1 row, only when opts.prompt)
 *  rows == 2:  body (1 row) + status, or, with a prompt, status + prompt
 *  rows == 1:  the prompt if active, else the body (status hidden)
 */
struct layout {
	struct layout_rect outline; /* empty when hidden */
	struct layout_rect sep;     /* the separator column, w == 1; empty when no outline */
	struct layout_rect body;
	struct layout_rect status;
	struct layout_rect prompt;  /* empty unless opts.prompt */
	bool outline_shown;         /* outline.w > 0 */
};

/** Compute the layout of a rows x cols screen. o may be NULL (defaults,
 * no outline, no prompt). Deterministic and total: any int is accepted. */
void layout_compute(int rows, int cols, const struct layout_opts *o, struct layout *out);

/** True if r has no cells. */
bool layout_rect_empty(const struct layout_rect *r);

/** True if the two rectangles share a cell. */
bool layout_rect_overlap(const struct layout_rect *a, const struct layout_rect *b);

/** True if the cell (y, x) lies inside r. */
bool layout_rect_contains(const struct layout_rect *r, int y, int x);

/** Popup frame: one border cell on each side plus one column of padding
 * left and right, so the content area is (h - 2) x (w - 4). */
#define LAYOUT_POPUP_BORDER 1
#define LAYOUT_POPUP_PAD 1

/** Widest content (columns) a popup over `body` can show; wrap the popup
 * text to min(natural width, this) before calling layout_popup(). 0 when
 * the body is too small for any popup. */
int layout_popup_max_width(const struct layout_rect *body);

/** Place a bordered popup over `body` for content_lines lines of at most
 * content_width columns, never covering screen row anchor_row (the row of
 * the footnote marker; pass -1 for none: the popup is then centred).
 * Placed in the rows below the anchor when the whole content fits there,
 * else above it when it fits there, else on the larger side with its
 * height capped (the content then scrolls). The popup is horizontally
 * centred in the body. *out is the whole frame including border; it lies
 * inside body and does not contain anchor_row. Returns the number of
 * content lines visible at once (out->h - 2), or 0 (and an empty *out)
 * when nothing fits (body too small, anchor leaves < 3 rows either side,
 * or content_lines <= 0). */
int layout_popup(const struct layout_rect *body, int content_lines, int content_width,
		 int anchor_row, struct layout_rect *out);

/** The content area of a popup frame (inside border and padding); empty if
 * the frame is too small. */
void layout_popup_inner(const struct layout_rect *frame, struct layout_rect *inner);

#endif
