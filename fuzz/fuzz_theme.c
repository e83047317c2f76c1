/* fuzz_theme.c: the theme loader (theme_load_buffer, the code behind
 * theme_load) on arbitrary bytes, and the colour parser on the same bytes. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "theme.h"

static void check_theme(const struct theme *t)
{
	unsigned all = 0;
	int r;

#define ATTR_BIT_(id, name) all |= THEME_ATTR_##id;
	THEME_ATTRS(ATTR_BIT_)
#undef ATTR_BIT_
	FUZZ_CHECK(fuzz_clean_line(t->name, sizeof(t->name)));
	FUZZ_CHECK(fuzz_clean_line(t->description, sizeof(t->description)));
	for (r = 0; r < THEME_ROLE_COUNT; r++) {
		const struct theme_style *s = &t->style[r];

		FUZZ_CHECK(s->fg >= THEME_COLOR_DEFAULT && s->fg <= 255);
		FUZZ_CHECK(s->bg >= THEME_COLOR_DEFAULT && s->bg <= 255);
		FUZZ_CHECK((s->attrs & ~all) == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme t;
	char err[512], *str;
	int rc, color;

	memset(err, 0, sizeof(err));
	rc = theme_load_buffer((const char *)data, size, "fuzz/theme.yaml", &t, err, sizeof(err));
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc < 0)
		FUZZ_CHECK(err[0] && fuzz_clean_line(err, sizeof(err)));
	check_theme(&t);
	theme_apply_no_color(&t);
	check_theme(&t);
	for (color = 0; color < THEME_ROLE_COUNT; color++)
		FUZZ_CHECK(t.style[color].fg == THEME_COLOR_DEFAULT &&
			   t.style[color].bg == THEME_COLOR_DEFAULT);

	if (size > 256)
		return 0;
	str = fuzz_cstr(data, size);
	if (theme_color_parse(str, &color) == 0) {
		char buf[32];
		int again;

		FUZZ_CHECK(color >= THEME_COLOR_DEFAULT && color <= 255);
		/* The canonical name parses back to the same colour. */
		theme_color_name(color, buf, sizeof(buf));
		FUZZ_CHECK(theme_color_parse(buf, &again) == 0 && again == color);
	}
	FUZZ_CHECK(theme_role_from_name(str) >= -1 && theme_role_from_name(str) < THEME_ROLE_COUNT);
	free(str);
	return 0;
}
