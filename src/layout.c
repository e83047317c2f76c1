/* layout.c: screen geometry (see layout.h). */
#include "config.h"

#include <string.h>

#include "layout.h"

static void rect_set(struct layout_rect *r, int y, int x, int h, int w)
{
	if (h <= 0 || w <= 0) {
		memset(r, 0, sizeof(*r));
		return;
	}
	r->y = y;
	r->x = x;
	r->h = h;
	r->w = w;
}

bool layout_rect_empty(const struct layout_rect *r)
{
	return r->h <= 0 || r->w <= 0;
}

bool layout_rect_overlap(const struct layout_rect *a, const struct layout_rect *b)
{
	if (layout_rect_empty(a) || layout_rect_empty(b))
		return false;
	return a->y < b->y + b->h && b->y < a->y + a->h &&
	       a->x < b->x + b->w && b->x < a->x + a->w;
}

bool layout_rect_contains(const struct layout_rect *r, int y, int x)
{
	return !layout_rect_empty(r) && y >= r->y && y < r->y + r->h &&
	       x >= r->x && x < r->x + r->w;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Outline width for cols columns, or 0 when it does not fit. */
static int outline_width(int cols, const struct layout_opts *o)
{
	int pct = o->outline_pct > 0 ? o->outline_pct : LAYOUT_OUTLINE_PCT;
	int lo = o->outline_min > 0 ? o->outline_min : LAYOUT_OUTLINE_MIN;
	int hi = o->outline_max > 0 ? o->outline_max : LAYOUT_OUTLINE_MAX;
	int w, room;

	if (!o->outline || cols < LAYOUT_OUTLINE_MIN_COLS)
		return 0;
	if (pct > 90)
		pct = 90;
	if (hi < lo)
		hi = lo;
	w = clamp((int)((long)cols * pct / 100), lo, hi);
	room = cols - 1 - LAYOUT_BODY_MIN_COLS; /* separator + minimum body */
	if (w > room)
		w = room;
	return w > 0 ? w : 0;
}

void layout_compute(int rows, int cols, const struct layout_opts *opts, struct layout *out)
{
	static const struct layout_opts defaults;
	const struct layout_opts *o = opts ? opts : &defaults;
	int main_rows, ow;

	memset(out, 0, sizeof(*out));
	if (rows <= 0 || cols <= 0)
		return;
	if (rows == 1) {
		if (o->prompt)
			rect_set(&out->prompt, 0, 0, 1, cols);
		else
			rect_set(&out->body, 0, 0, 1, cols);
		return;
	}
	main_rows = rows - 1 - (o->prompt ? 1 : 0);
	rect_set(&out->status, main_rows, 0, 1, cols);
	if (o->prompt)
		rect_set(&out->prompt, rows - 1, 0, 1, cols);
	if (main_rows <= 0)
		return;
	ow = outline_width(cols, o);
	if (ow > 0) {
		rect_set(&out->outline, 0, 0, main_rows, ow);
		rect_set(&out->sep, 0, ow, main_rows, 1);
		rect_set(&out->body, 0, ow + 1, main_rows, cols - ow - 1);
		out->outline_shown = true;
	} else {
		rect_set(&out->body, 0, 0, main_rows, cols);
	}
}

int layout_popup_max_width(const struct layout_rect *body)
{
	int w;

	if (layout_rect_empty(body))
		return 0;
	w = body->w - 2 * (LAYOUT_POPUP_BORDER + LAYOUT_POPUP_PAD);
	return w > 0 ? w : 0;
}

int layout_popup(const struct layout_rect *body, int content_lines, int content_width,
		 int anchor_row, struct layout_rect *out)
{
	const int frame_h = 2 * LAYOUT_POPUP_BORDER;
	const int frame_w = 2 * (LAYOUT_POPUP_BORDER + LAYOUT_POPUP_PAD);
	int maxw = layout_popup_max_width(body);
	int need, w, h, y, below, above;

	memset(out, 0, sizeof(*out));
	if (maxw <= 0 || body->h < frame_h + 1 || content_lines <= 0)
		return 0;
	w = clamp(content_width, 1, maxw) + frame_w;
	/* long content: guard the addition against overflow */
	need = content_lines > body->h ? body->h + 1 : content_lines + frame_h;
	if (anchor_row < body->y || anchor_row >= body->y + body->h) {
		h = need < body->h ? need : body->h;
		y = body->y + (body->h - h) / 2;
	} else {
		below = body->y + body->h - (anchor_row + 1);
		above = anchor_row - body->y;
		if (need <= below) {
			h = need;
			y = anchor_row + 1;
		} else if (need <= above) {
			h = need;
			y = anchor_row - h;
		} else if (below >= above) {
			h = below;
			y = anchor_row + 1;
		} else {
			h = above;
			y = body->y;
		}
		if (h < frame_h + 1)
			return 0;
	}
	rect_set(out, y, body->x + (body->w - w) / 2, h, w);
	return h - frame_h;
}

void layout_popup_inner(const struct layout_rect *frame, struct layout_rect *inner)
{
	int b = LAYOUT_POPUP_BORDER, p = LAYOUT_POPUP_PAD;

	rect_set(inner, frame->y + b, frame->x + b + p, frame->h - 2 * b, frame->w - 2 * (b + p));
}
