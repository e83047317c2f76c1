/* fuzz_xref.c: the reference extractor on arbitrary bytes, as each issuing
 * body, and the symbol canonicalizer on the same bytes as a string. */
#include "config.h"

#include <string.h>

#include "doc.h"
#include "fuzz.h"
#include "xref.h"

struct seen {
	size_t len, count, last_start;
};

static void on_match(const struct xref_match *m, void *user)
{
	struct seen *s = user;
	char url[256];

	FUZZ_CHECK(m->start <= s->len && m->len <= s->len - m->start);
	FUZZ_CHECK(m->len > 0);
	FUZZ_CHECK(m->start >= s->last_start); /* in text order */
	FUZZ_CHECK(memchr(m->target, '\0', sizeof(m->target)) != NULL);
	/* Only "paragraph 3 above" with no self symbol has no target. */
	FUZZ_CHECK(m->target[0] != '\0' || m->kind == DOC_REF_PARAGRAPH);
	FUZZ_CHECK(memchr(m->target_para, '\0', sizeof(m->target_para)) != NULL);
	xref_url(m->target, url, sizeof(url));
	FUZZ_CHECK(memchr(url, '\0', sizeof(url)) != NULL);
	s->last_start = m->start;
	s->count++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum doc_body bodies[] = { DOC_BODY_UNKNOWN, DOC_BODY_GA, DOC_BODY_SC,
						DOC_BODY_HRC, DOC_BODY_CHR, DOC_BODY_ECOSOC };
	static const char *const selves[] = { NULL, "A/RES/58/178", "S/RES/1325(2000)",
					      "A/HRC/RES/5/1", "E/CN.4/RES/2004/68",
					      "E/RES/1980/67" };
	char *str;
	size_t i;

	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		struct xref_ctx ctx = { bodies[i], selves[i] };
		struct seen s = { size, 0, 0 };
		size_t n = xref_scan(&ctx, (const char *)data, size, on_match, &s);

		FUZZ_CHECK(n == s.count);
	}

	/* The same bytes as what a user types after "g" or on the command line. */
	if (size > 512)
		return 0;
	str = fuzz_cstr(data, size);
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		char out[128], again[128];

		if (!xref_canonical(str, bodies[i], out, sizeof(out)))
			continue;
		FUZZ_CHECK(memchr(out, '\0', sizeof(out)) != NULL && out[0]);
		if (!fuzz_check_enabled("canon"))
			continue;
		/* A canonical symbol is its own canonical form. */
		FUZZ_CHECK(xref_canonical(out, bodies[i], again, sizeof(again)));
		FUZZ_CHECK(strcmp(out, again) == 0);
	}
	free(str);
	return 0;
}
