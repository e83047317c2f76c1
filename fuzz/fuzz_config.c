/* fuzz_config.c: the config.yaml loader (config_load_buffer, the code
 * behind config_load) on arbitrary bytes, and the key-name parser on the
 * same bytes. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "userconfig.h"

static bool key_ok(int key)
{
	return key == CONFIG_KEY_NONE || (key >= 0 && key <= CONFIG_KEY_F(CONFIG_KEY_F_MAX));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	struct config cfg;
	char err[512], *str, name[64];
	size_t i;
	int rc, key;

	if (!init) {
		/* "~" in library paths expands with HOME. */
		setenv("HOME", "/home/fuzz", 1);
		init = true;
	}
	memset(err, 0, sizeof(err));
	config_init(&cfg);
	rc = config_load_buffer((const char *)data, size, "fuzz/config.yaml", &cfg, err,
				sizeof(err));
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc < 0) {
		FUZZ_CHECK(err[0] && fuzz_clean_line(err, sizeof(err)));
	} else {
		FUZZ_CHECK(cfg.n_bindings <= CONFIG_MAX_BINDINGS);
		FUZZ_CHECK(cfg.n_library <= CONFIG_MAX_LIBRARY);
		for (i = 0; i < cfg.n_library; i++)
			FUZZ_CHECK(cfg.library[i] != NULL);
		for (i = 0; i < cfg.n_bindings; i++) {
			const struct config_binding *b = &cfg.bindings[i];

			FUZZ_CHECK(b->action != NULL);
			FUZZ_CHECK(key_ok(b->key));
			config_errorf(&cfg, b->action_line, b->action_col, err, sizeof(err),
				      "unknown action '%s'", b->action);
			FUZZ_CHECK(fuzz_clean_line(err, sizeof(err)));
		}
	}
	config_free(&cfg);

	if (size > 256)
		return 0;
	str = fuzz_cstr(data, size);
	key = config_key_parse(str);
	FUZZ_CHECK(key_ok(key));
	if (key != CONFIG_KEY_NONE) {
		/* The canonical name of a key parses back to the key. */
		config_key_name(key, name, sizeof(name));
		FUZZ_CHECK(config_key_parse(name) == key);
	}
	if (size >= 4) {
		uint32_t ch;

		memcpy(&ch, data, 4);
		FUZZ_CHECK(key_ok(config_key_normalize(ch)));
	}
	free(str);
	return 0;
}
