/* view.h: a document laid out as display lines at a given width, and
 * the outline (table of contents) model.
 *
 * No curses. The body of the reader is an array of display lines; each
 * line is a few segments, each segment a run of already-sanitized UTF-8
 * (no control characters; safe to hand to waddnstr) with a role the theme
 * turns into colours, and a display column. Widths are display columns
 * (wcwidth after mbrtowc: CJK 2, combining marks 0), so call
 * setlocale(LC_CTYPE, "") (or a UTF-8 locale) before building.
 *
 * Layout of the body, top to bottom:
 *   header block   symbol / body name / adopted date / title, blank line
 *   paragraphs     number in a hanging column ("12.", "(a)"), text wrapped
 *                  after it; sub-paragraphs indented by depth; lead phrase
 *                  as its own segment; footnote markers "[3]" inserted at
 *                  doc_footnote.offset; references over doc_ref spans;
 *                  headings; annex label and title before each annex
 *   footnotes      a "Footnotes" rule, then "1  See Official Records..."
 *
 * Lifetime: a view borrows nothing from the doc after view_build returns
 * except that the doc must outlive it for indices to stay meaningful;
 * segment text lives in the view. Use the accessor functions (not the
 * struct fields) in UI code: a later version may lay lines out lazily.
 */
#ifndef RESOLUTE_VIEW_H
#define RESOLUTE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "util.h"

/** Display roles, as an X-macro VIEW_ROLE(ENUM, "name"). The names are the
 * theme's role names (a theme maps name -> style). */
#define VIEW_ROLES(X) \
	X(TEXT, "text")                       /* ordinary paragraph text */ \
	X(NUMBER, "number")                   /* paragraph number in the hanging column */ \
	X(LEAD, "lead")                       /* lead phrase / verb */ \
	X(MARKER, "marker")                   /* footnote marker "[3]" */ \
	X(REFERENCE, "reference")             /* cross-reference span */ \
	X(HEADING, "heading")                 /* heading paragraph, article title */ \
	X(ANNEX_TITLE, "annex-title")         /* "Annex I" and its title */ \
	X(SYMBOL, "symbol")                   /* header: A/RES/58/178 */ \
	X(BODY, "body")                       /* header: General Assembly */ \
	X(DATE, "date")                       /* header: adopted 2003-12-22 */ \
	X(TITLE, "title")                     /* header: resolution title */ \
	X(RULE, "rule")                       /* part separators, "Footnotes" */ \
	X(FOOTNOTE_NUMBER, "footnote-number") /* "1" in the footnotes part */ \
	X(FOOTNOTE_TEXT, "footnote-text")     /* footnote text */ \
	X(CONTROL, "control")                 /* a control character made visible: ^[ <9B> */

enum view_role {
#define VIEW_ROLE_ENUM_(e, n) VIEW_ROLE_##e,
	VIEW_ROLES(VIEW_ROLE_ENUM_)
#undef VIEW_ROLE_ENUM_
	VIEW_ROLE_COUNT
};

/** "lead" for VIEW_ROLE_LEAD; NULL when out of range. */
const char *view_role_name(enum view_role r);
/** Role by name, or -1. */
int view_role_find(const char *name);

/** Which part of the document a display line belongs to. */
enum view_part {
	VIEW_PART_HEADER,    /* symbol, body, date, title */
	VIEW_PART_PREAMBLE,
	VIEW_PART_OPERATIVE,
	VIEW_PART_ANNEX,
	VIEW_PART_OTHER,     /* plain text of a non-resolution */
	VIEW_PART_FOOTNOTES,
	VIEW_PART_COUNT
};

/** "header", "preamble", "operative", "annex", "other", "footnotes". */
const char *view_part_name(enum view_part p);

/** A run of text with one role. text[0..len) is sanitized UTF-8 that lives
 * as long as the view; it never contains a newline or control byte. */
struct view_seg {
	const char *text;
	unsigned len;     /* bytes */
	unsigned short col;   /* display column from the left edge of the body */
	unsigned short width; /* display columns */
	unsigned char role;   /* enum view_role */
	int link;             /* index into view_links(), or -1 */
};

/** One display line. Blank lines have no segments. */
struct view_line {
	size_t first_seg;  /* into the view's segment array */
	unsigned n_segs;
	int width;         /* display columns used (<= the view's width) */
	int para;          /* paragraph index into doc.paras, or -1 */
	int footnote;      /* footnote index into doc.footnotes (footnotes part), or -1 */
	int annex;         /* annex index, or -1 */
	unsigned char part; /* enum view_part */
	bool para_start;   /* first display line of its paragraph / footnote */
	size_t text_off;   /* byte offset of the line's first byte in the view text (search) */
	size_t text_end;   /* byte offset just past its last byte */
};

/** Link kinds. */
enum view_link_kind {
	VIEW_LINK_FOOTNOTE, /* a footnote marker in the text: index into doc.footnotes */
	VIEW_LINK_REF,      /* a reference span: index into doc.refs */
};

/** A followable thing in the body, in document order. (line, col, width)
 * is its first piece; a reference wrapped over lines continues on the next
 * line(s): every segment of it has seg.link == this link's index, and
 * end_line is its last line. */
struct view_link {
	int line;
	int col;
	int width;
	int end_line;
	enum view_link_kind kind;
	int index;
};

/** A laid-out document. Treat as opaque; use the functions below. */
struct view {
	const struct doc *doc;
	int width;                 /* the width it was built for (>= 1) */
	struct view_line *lines;
	size_t n_lines;
	struct view_seg *segs;
	size_t n_segs;
	struct view_link *links;
	size_t n_links;
	int *para_line;            /* doc.n_paras entries: first display line of each paragraph */
	int *fn_line;              /* doc.n_footnotes entries: line in the footnotes part, or -1 */
	int part_line[VIEW_PART_COUNT]; /* first line of each part, or -1 */
	/* internal: width-independent text of every block (sanitized, with
	 * numbers and markers), reused by view_rewrap() */
	struct view_flow *flow;
	size_t cap_lines, cap_segs, cap_links;
};

/** Lay out doc at `width` display columns (values < 1 are treated as 1).
 * Never NULL. Cost: linear in the document. */
struct view *view_build(const struct doc *doc, int width);

/** Re-wrap an existing view at a new width (cheaper than view_build: the
 * sanitized text is kept). Line numbers change; keep a paragraph index
 * across a resize and map it back with view_line_of_para(). */
void view_rewrap(struct view *v, int width);

/** Free a view. NULL is fine. */
void view_free(struct view *v);

/** Number of display lines. */
size_t view_n_lines(const struct view *v);
/** Display line i, or NULL when out of range. */
const struct view_line *view_line(const struct view *v, size_t i);
/** Segment j of line l (j < l->n_segs). */
const struct view_seg *view_line_seg(const struct view *v, const struct view_line *l, unsigned j);

/** First display line of paragraph para_idx, or -1 when out of range. */
int view_line_of_para(const struct view *v, int para_idx);
/** First display line of footnote fn_idx in the footnotes part, or -1. */
int view_line_of_footnote(const struct view *v, int fn_idx);
/** Paragraph shown on display line `line`; for a blank line or the header,
 * the nearest paragraph above (or the first one); -1 when the document has
 * no paragraphs or line is out of range. */
int view_para_at_line(const struct view *v, int line);
/** First display line of a part, or -1 if the document lacks it. */
int view_part_start(const struct view *v, enum view_part part);
/** The part shown at `line` (VIEW_PART_HEADER when out of range). */
enum view_part view_part_at_line(const struct view *v, int line);
/** Next line after `line` that starts a part (for `}`), or -1. */
int view_next_part(const struct view *v, int line);
/** Start of the part containing `line` if line is below it, else of the
 * previous part (for `{`); -1 if none. */
int view_prev_part(const struct view *v, int line);
/** Next/previous paragraph start strictly after/before `line` (for ] [),
 * footnotes included; -1 if none. */
int view_next_para_line(const struct view *v, int line);
int view_prev_para_line(const struct view *v, int line);

/** All links in document order; *n receives the count. */
const struct view_link *view_links(const struct view *v, size_t *n);
/** First link at or after (line, col) (forward) or strictly before it
 * (backward), or -1. No wrap-around: the caller decides. */
int view_link_find(const struct view *v, int line, int col, bool forward);
/** Link under the cell (line, col), e.g. a mouse click, or -1. */
int view_link_at(const struct view *v, int line, int col);

/** The view text all segments point into, and its length: every block's
 * display text (number, a space, text with markers), each block followed
 * by a '\n' that no segment contains; used by search.h. */
const char *view_text(const struct view *v, size_t *len);
/** Display position of byte offset `off` of the view text: line and
 * column. A byte dropped at a wrap (a space) maps to the end of its line.
 * Returns false if off is not inside any line. */
bool view_pos_of_offset(const struct view *v, size_t off, int *line, int *col);

/* ---- wrapping primitives (exposed for the popup and tests) ---------- */

/** Display width of the sanitized form of s[0..n) (controls as ^X / <XX>,
 * TAB as one space, wcwidth for the rest; non-printable code points 1). */
int view_text_width(const char *s, size_t n);

/** Wrap document text s[0..n) (any bytes) at `width` columns, breaking at
 * spaces and hard-breaking longer words (never inside a UTF-8 sequence);
 * calls cb(line, bytes, display width, user) for each line with the line
 * already sanitized (the pointer is valid during the call only). Returns
 * the line count. For footnote popups. */
int view_wrap_plain(const char *s, size_t n, int width,
		    void (*cb)(const char *line, size_t len, int width, void *user), void *user);

/* ---- outline ------------------------------------------------------- */

/** Kinds of outline entries. */
enum view_outline_kind {
	VIEW_OUTLINE_PART,      /* "Preamble", "Operative part" (depth 0) */
	VIEW_OUTLINE_PARA,      /* a paragraph */
	VIEW_OUTLINE_ANNEX,     /* "Annex I  Title" (depth 0) */
	VIEW_OUTLINE_FOOTNOTES, /* "Footnotes" (depth 0, leaf) */
};

/** One outline entry. */
struct view_outline_entry {
	enum view_outline_kind kind;
	int depth;          /* indentation level, 0 at the top */
	const char *label;  /* sanitized: "pp3 Recalling also", "12. Calls upon", "Annex I ..." */
	int para;           /* paragraph to jump to (first of a group), -1 for footnotes */
	int annex;          /* annex index or -1 */
	enum view_part part;
	int parent;         /* entry index, or -1 */
	int end;            /* index just past this entry's subtree */
	bool foldable;      /* has children */
	bool folded;
};

/** The outline of a document. Entries are in document order, each
 * followed by its subtree [i + 1, end). */
struct view_outline {
	struct view_outline_entry *entries;
	size_t n;
	int *para_entry;    /* doc.n_paras entries: entry of each paragraph */
	struct util_arena arena;
	size_t n_paras;     /* entries in para_entry */
};

/** Build the outline: for a resolution, "Preamble" (its pp's), "Operative
 * part" (top-level operative paragraphs, sub-paragraphs nested by depth),
 * one entry per annex (its paragraphs nested), "Footnotes" if any; for a
 * non-resolution, one entry per paragraph. Labels are at most ~40 columns.
 * Everything starts unfolded. Never NULL. */
struct view_outline *view_outline_build(const struct doc *doc);
void view_outline_free(struct view_outline *o);

/** Fold/unfold entry i (no-op on a leaf or out of range). */
void view_outline_fold(struct view_outline *o, size_t i);
void view_outline_unfold(struct view_outline *o, size_t i);
void view_outline_toggle(struct view_outline *o, size_t i);
/** Fold every foldable entry deeper than or at `depth` (0: everything);
 * unfold everything with depth < 0. */
void view_outline_fold_depth(struct view_outline *o, int depth);

/** Visible entry iteration: the first visible entry is 0 (if n > 0). */
/** Next visible entry after i (skips folded subtrees), or -1. */
int view_outline_next_visible(const struct view_outline *o, int i);
/** Previous visible entry before i, or -1. */
int view_outline_prev_visible(const struct view_outline *o, int i);
/** Number of visible entries. */
size_t view_outline_n_visible(const struct view_outline *o);
/** Entry index of the k-th visible entry (0-based), or -1. Linear. */
int view_outline_nth_visible(const struct view_outline *o, size_t k);
/** Position (0-based) of entry i among the visible entries, or -1 if
 * hidden. Linear. */
int view_outline_visible_index(const struct view_outline *o, int i);

/** The visible entry that shows paragraph `para`: its own entry, or its
 * nearest ancestor that is visible when it is folded away; -1 if none. */
int view_outline_entry_for_para(const struct view_outline *o, int para);
/** Unfold the ancestors of para's entry so that it becomes visible;
 * returns its entry or -1. */
int view_outline_reveal_para(struct view_outline *o, int para);

/** Display line to jump to for entry i in view v, or -1. */
int view_outline_target_line(const struct view_outline *o, const struct view *v, size_t i);

#endif
