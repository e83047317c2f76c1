/* doc.h: the document model of a resolution.
 *
 * Pure data: no curses, no I/O, no knowledge of the application. The
 * parser (parse.h) fills it, the reference extractor (xref.h) adds
 * references, and every view reads it.
 *
 * Mapping to Akoma Ntoso (AKN4UN), for the coming XML importer:
 *   doc            <akomaNtoso><statement name="resolution">
 *   symbol/number  <FRBRWork>/<docNumber>, adopted: <FRBRdate name="adoption">
 *   preambular     <preamble><container name="preambularParagraph"> (lead = <i>)
 *   operative      <mainBody><paragraph><num>, subparagraph = nested <paragraph>
 *                  or <point> inside <list>; heading = <heading>/<hcontainer>
 *   annex          <attachments><attachment>, articles = <article>
 *   footnote       <authorialNote marker="N">, placed at para + offset
 *   reference      <ref href="https://undocs.org/..."> over [start, start+len)
 *
 * Storage: every string lives in the document's arena; paragraphs,
 * footnotes and references are flat arrays addressed by index, so the
 * model is a handful of allocations however long the resolution.
 */
#ifndef RESOLUTE_DOC_H
#define RESOLUTE_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/** The organ that issued a resolution. */
enum doc_body {
	DOC_BODY_UNKNOWN,
	DOC_BODY_GA,     /* General Assembly */
	DOC_BODY_SC,     /* Security Council */
	DOC_BODY_HRC,    /* Human Rights Council */
	DOC_BODY_CHR,    /* Commission on Human Rights */
	DOC_BODY_ECOSOC, /* Economic and Social Council */
};

/** What a paragraph is. JSON names in doc_para_kind_name(). */
enum doc_para_kind {
	DOC_PARA_PREAMBULAR,   /* "preambular": Recalling ..., */
	DOC_PARA_OPERATIVE,    /* "operative": 1. Calls upon ...; also an unnumbered "Adopts ..." */
	DOC_PARA_SUBPARAGRAPH, /* "subparagraph": (a), (i), a., i. under a parent */
	DOC_PARA_HEADING,      /* "heading": a heading inside the operative part or an annex */
	DOC_PARA_NUMBERED,     /* "paragraph": a numbered paragraph of an annex */
	DOC_PARA_ARTICLE,      /* "article": Article 3 of an annexed instrument */
	DOC_PARA_PLAIN,        /* "plain": text that is not a resolution, unnumbered annex text */
};

/** Where a paragraph stands. */
enum doc_part {
	DOC_PART_PREAMBLE,
	DOC_PART_OPERATIVE,
	DOC_PART_ANNEX,
	DOC_PART_OTHER, /* plain text of a non-resolution */
};

/** One paragraph. Indices are into doc.paras; -1 means none. */
struct doc_para {
	enum doc_para_kind kind;
	enum doc_part part;
	const char *id;     /* stable, readable: pp3, op5, op5.a, op5.a.ii, h1, annex1.p4, annex1.art3 */
	const char *number; /* as printed: "5", "(a)", "(ii)", "a.", "Article 3"; NULL if none */
	const char *lead;   /* lead phrase/verb ("Noting with deep concern", "Calls upon"); NULL if none */
	const char *text;   /* whole text, footnote markers removed, NUL-terminated, UTF-8 */
	size_t text_len;    /* bytes in text */
	size_t lead_len;    /* bytes of text that are the lead (text starts with it); 0 if none */
	int parent;         /* enclosing paragraph (sub-paragraphs), else -1 */
	int first_child;    /* first sub-paragraph, else -1 */
	int next_sibling;   /* next paragraph with the same parent, else -1 */
	int depth;          /* 0 top level, 1 for (a), 2 for (i), ... */
	int annex;          /* index into doc.annexes, or -1 for the resolution itself */
	int line;           /* 1-based source line where the paragraph starts */
	int last_child;     /* internal: last sub-paragraph, for O(1) appends */
};

/** An annex. Its paragraphs are doc.paras[first_para .. first_para+n_paras). */
struct doc_annex {
	const char *id;    /* annex1 */
	const char *label; /* "Annex", "Annex I" as printed */
	const char *title; /* NULL if none */
	int first_para;
	int n_paras;
	int line;
};

/** A footnote. Its marker sits in paragraph `para` at byte `offset` of
 * that paragraph's text (markers are removed from the text). */
struct doc_footnote {
	const char *id;     /* fn2 */
	const char *number; /* "2" */
	const char *text;
	int para;           /* paragraph holding the marker, -1 if no marker was found */
	size_t offset;      /* byte offset in doc.paras[para].text where the marker was */
	int line;           /* source line of the footnote text */
};

/** Kinds of cross-reference. JSON names in doc_ref_kind_name(). */
enum doc_ref_kind {
	DOC_REF_GA_RESOLUTION,     /* "ga_resolution": 53/144, 2200 A (XXI), S-27/2, ES-10/1 */
	DOC_REF_SC_RESOLUTION,     /* "sc_resolution": 1325 (2000) */
	DOC_REF_HRC_RESOLUTION,    /* "hrc_resolution": Human Rights Council 5/1 */
	DOC_REF_CHR_RESOLUTION,    /* "chr_resolution": Commission on Human Rights 2003/64 */
	DOC_REF_ECOSOC_RESOLUTION, /* "ecosoc_resolution": Economic and Social Council 1980/67 */
	DOC_REF_DECISION,          /* "decision": GA decision 55/488 */
	DOC_REF_DOCUMENT,          /* "document": E/CN.4/2004/94, A/58/508/Add.2 */
	DOC_REF_PARAGRAPH,         /* "paragraph": paragraph 1 (a) above / paragraph 5 of resolution 58/178 */
};

/** A cross-reference over text[start, start+len) of a paragraph or a
 * footnote (exactly one of para and footnote is >= 0). */
struct doc_ref {
	enum doc_ref_kind kind;
	int para;                /* index into doc.paras, or -1 */
	int footnote;            /* index into doc.footnotes, or -1 */
	size_t start, len;       /* byte span in that text */
	const char *target;      /* canonical undocs.org symbol without spaces: A/RES/53/144 */
	const char *url;         /* https://undocs.org/A/RES/53/144 */
	const char *target_para; /* paragraph id in the target (op5, op1.a) or NULL */
};

/** A parse warning: source line and message (no file name). */
struct doc_warning {
	int line;
	const char *msg;
};

/** A parsed resolution. All strings are owned by `arena`. */
struct doc {
	enum doc_body body;
	const char *body_name;  /* "General Assembly", ...; NULL if unknown */
	const char *symbol;     /* canonical: A/RES/58/178, E/CN.4/RES/2004/68; NULL if unknown */
	const char *number;     /* as printed: "58/178", "2004/68" */
	const char *title;
	const char *session;    /* "Fifty-eighth session" / "58" as found; NULL if unknown */
	const char **agenda_items; /* e.g. "117 (b)" */
	size_t n_agenda_items;
	const char *adopted;    /* ISO date 2003-12-22, or NULL */
	const char *meeting;    /* "77th plenary meeting" */
	const char *adopted_on; /* report or draft: "A/58/508/Add.2" */
	bool is_resolution;     /* false: the text opened as plain paragraphs */

	struct doc_para *paras; /* document order: preamble, operative, annexes */
	size_t n_paras;
	struct doc_annex *annexes;
	size_t n_annexes;
	struct doc_footnote *footnotes;
	size_t n_footnotes;
	struct doc_ref *refs;   /* in document order */
	size_t n_refs;
	struct doc_warning *warnings;
	size_t n_warnings;

	int first_line, last_line; /* source lines this resolution spans */
	struct util_arena arena;
	size_t cap_paras, cap_annexes, cap_footnotes, cap_refs, cap_warnings; /* internal */
	int last_top; /* internal: last top-level paragraph + 1 (0: none) */
};

/** Several resolutions from one file (a session's compilation). */
struct doc_set {
	struct doc **docs;
	size_t n;
	const char *name; /* file name as given */
};

/** New empty document. Never NULL (aborts on OOM). */
struct doc *doc_new(void);
/** Free a document and everything it owns. NULL is fine. */
void doc_free(struct doc *d);
/** Append a document to a set (the set takes ownership). */
void doc_set_add(struct doc_set *s, struct doc *d);
/** Free every document of a set and the set's array. */
void doc_set_free(struct doc_set *s);

/** Append a paragraph (copied; strings must already be in d->arena or be
 * static). Links it under `parent` (-1: top level). Returns its index. */
int doc_add_para(struct doc *d, const struct doc_para *p);
/** Append an annex; returns its index. */
int doc_add_annex(struct doc *d, const struct doc_annex *a);
/** Append a footnote; returns its index. */
int doc_add_footnote(struct doc *d, const struct doc_footnote *f);
/** Append a reference; returns its index. */
int doc_add_ref(struct doc *d, const struct doc_ref *r);
/** Record a warning at a source line (printf format). */
void doc_warn(struct doc *d, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** Index of the paragraph with this exact id, or -1. */
int doc_find_para(const struct doc *d, const char *id);
/** Index of the footnote with this id ("fn2") or number ("2"), or -1. */
int doc_find_footnote(const struct doc *d, const char *id);
/** Turn what a reader types into a paragraph id: "12" -> op12, "5(c)" and
 * "5 (c) (ii)" -> op5.c.ii, "pp3", "op5.c.ii", "fn2", "annex1.p4" pass
 * through (case-insensitive). Writes into out; returns false if the
 * input is not a paragraph address at all. Does not check existence. */
bool doc_normalize_id(const char *in, char *out, size_t outlen);

/** JSON/CLI names of enums. */
const char *doc_para_kind_name(enum doc_para_kind k);
const char *doc_ref_kind_name(enum doc_ref_kind k);
const char *doc_body_name(enum doc_body b);
const char *doc_part_name(enum doc_part p);

#endif
