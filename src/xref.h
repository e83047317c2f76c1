/* xref.h: recognise cross-references in resolution text and give each a
 * canonical undocs.org target.
 *
 * GA resolutions old and new (2200 A (XXI), 53/144, 54/237 C, S-27/2,
 * ES-10/1), Security Council (1325 (2000)), Human Rights Council,
 * Commission on Human Rights, ECOSOC (1980/67), lists ("resolutions 71/31
 * and 71/32 of ..."), "its resolution" meaning the issuing body, document
 * symbols (E/CN.4/2004/94 and Add.1-3, A/67/828-S/2013/210) and paragraph
 * references ("paragraph 1 (a) above", "paragraph 5 of resolution 58/178").
 * Depends on doc.h only. */
#ifndef RESOLUTE_XREF_H
#define RESOLUTE_XREF_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

/** Who is speaking, for "its resolution" and "paragraph 3 above". */
struct xref_ctx {
	enum doc_body body;      /* issuing body of the text being scanned */
	const char *self_symbol; /* canonical symbol of that document, or NULL */
};

/** One reference found by xref_scan(). */
struct xref_match {
	enum doc_ref_kind kind;
	size_t start, len;     /* byte span in the scanned text */
	char target[128];      /* canonical symbol: A/RES/53/144, S/RES/1325(2000) */
	char target_para[48];  /* op5, op1.a, pp3; empty if none */
};

/** Called for each match, in text order. */
typedef void (*xref_cb)(const struct xref_match *m, void *user);

/** Scan text[0..len) and call cb for every reference. Returns the count.
 * Never allocates per character; safe on any bytes. */
size_t xref_scan(const struct xref_ctx *ctx, const char *text, size_t len,
		 xref_cb cb, void *user);

/** Scan every paragraph and footnote of d and append d->refs. */
void xref_scan_doc(struct doc *d);

/** Write "https://undocs.org/" + target into out. */
void xref_url(const char *target, char *out, size_t outlen);

/** Canonical symbol for what a user or a document writes: "58/178" ->
 * A/RES/58/178 (with body GA), "A/RES/58/178", "S/RES/1325 (2000)" ->
 * S/RES/1325(2000), "E/CN.4/RES/2004/68". False if it is not a symbol. */
bool xref_canonical(const char *in, enum doc_body body, char *out, size_t outlen);

#endif
