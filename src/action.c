/* action.c: action table, keymaps, help and man key list (key names:
 * userconfig.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "userconfig.h"
#include "util.h"

static const struct {
	const char *name;
	const char *help;
} action_info[ACTION_COUNT] = {
#define ACTION_INFO_(e, n, h) [ACTION_##e] = { n, h },
	ACTIONS(ACTION_INFO_)
#undef ACTION_INFO_
};

static const struct action_binding default_bindings[] = {
	{ 'q', ACTION_QUIT },
	{ '?', ACTION_HELP },
	{ 'j', ACTION_LINE_DOWN },
	{ ACTION_KEY_DOWN, ACTION_LINE_DOWN },
	{ 'k', ACTION_LINE_UP },
	{ ACTION_KEY_UP, ACTION_LINE_UP },
	{ ACTION_KEY_SPACE, ACTION_PAGE_DOWN },
	{ ACTION_KEY_PGDN, ACTION_PAGE_DOWN },
	{ 'b', ACTION_PAGE_UP },
	{ ACTION_KEY_PGUP, ACTION_PAGE_UP },
	{ 'g', ACTION_TOP },
	{ ACTION_KEY_HOME, ACTION_TOP },
	{ 'G', ACTION_BOTTOM },
	{ ACTION_KEY_END, ACTION_BOTTOM },
	{ ']', ACTION_NEXT_PARAGRAPH },
	{ '[', ACTION_PREV_PARAGRAPH },
	{ '}', ACTION_NEXT_PART },
	{ '{', ACTION_PREV_PART },
	{ ':', ACTION_GOTO },
	{ 't', ACTION_FOCUS_OUTLINE },
	{ ACTION_KEY_TAB, ACTION_NEXT_LINK },
	{ ACTION_KEY_BTAB, ACTION_PREV_LINK },
	{ ACTION_KEY_ENTER, ACTION_FOLLOW_LINK },
	{ 'f', ACTION_FOOTNOTES },
	{ '/', ACTION_SEARCH },
	{ 'n', ACTION_SEARCH_NEXT },
	{ 'N', ACTION_SEARCH_PREV },
	{ ACTION_KEY_BACKSPACE, ACTION_BACK },
	{ 'o', ACTION_TOGGLE_OUTLINE },
	{ ACTION_KEY_LEFT, ACTION_FOLD },
	{ '-', ACTION_FOLD },
	{ ACTION_KEY_RIGHT, ACTION_UNFOLD },
	{ '+', ACTION_UNFOLD },
	{ '>', ACTION_NEXT_DOC },
	{ '<', ACTION_PREV_DOC },
	{ ACTION_KEY_CTRL('l'), ACTION_REDRAW },
	{ 'F', ACTION_FORWARD },
	{ 'H', ACTION_HISTORY },
	{ 'c', ACTION_CITED_BY },
	{ 'L', ACTION_LIBRARY },
	{ 'O', ACTION_OPEN_URL },
	{ 'y', ACTION_COPY_URL },
	{ 'a', ACTION_NOTE_EDIT },
	{ 'E', ACTION_NOTE_EDITOR },
	{ 'd', ACTION_NOTE_DELETE },
	{ 'm', ACTION_HIGHLIGHT },
	{ 'A', ACTION_NOTES_LIST },
	{ 'v', ACTION_NOTES_SHOW },
};

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

const char *action_name(enum action a)
{
	return a >= 0 && a < ACTION_COUNT ? action_info[a].name : NULL;
}

const char *action_help(enum action a)
{
	return a >= 0 && a < ACTION_COUNT ? action_info[a].help : NULL;
}

enum action action_find(const char *name)
{
	if (!name)
		return ACTION_NONE;
	for (int a = 0; a < ACTION_COUNT; a++)
		if (strcmp(action_info[a].name, name) == 0)
			return (enum action)a;
	return ACTION_NONE;
}

const struct action_binding *action_default_bindings(size_t *n)
{
	*n = N_ELEMS(default_bindings);
	return default_bindings;
}

const char *action_key_name(int key, char *out, size_t outlen)
{
	return config_key_name(key, out, outlen);
}

int action_key_parse(const char *name)
{
	return config_key_parse(name);
}

void action_keymap_init(struct action_keymap *km)
{
	size_t n = N_ELEMS(default_bindings);

	km->cap = n + 16;
	km->b = util_xcalloc(km->cap, sizeof(*km->b));
	memcpy(km->b, default_bindings, sizeof(default_bindings));
	km->n = n;
}

void action_keymap_free(struct action_keymap *km)
{
	free(km->b);
	km->b = NULL;
	km->n = km->cap = 0;
}

bool action_keymap_bind(struct action_keymap *km, const char *name, const int *keys, size_t n,
			char *err, size_t errlen)
{
	enum action a = action_find(name);
	size_t j = 0;

	if (a == ACTION_NONE) {
		snprintf(err, errlen, "unknown action '%s'", name ? name : "");
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (keys[i] < 0) {
			snprintf(err, errlen, "invalid key for '%s'", name);
			return false;
		}
	}
	/* drop the action's old keys and the new keys' old actions */
	for (size_t i = 0; i < km->n; i++) {
		bool drop = km->b[i].action == a;

		for (size_t k = 0; k < n && !drop; k++)
			drop = km->b[i].key == keys[k];
		if (!drop)
			km->b[j++] = km->b[i];
	}
	km->n = j;
	for (size_t k = 0; k < n; k++) {
		bool dup = false;

		for (size_t i = 0; i < k; i++)
			dup = dup || keys[i] == keys[k];
		if (dup)
			continue;
		if (km->n == km->cap) {
			km->cap = km->cap ? km->cap * 2 : 16;
			km->b = util_xrealloc(km->b, km->cap, sizeof(*km->b));
		}
		km->b[km->n].key = keys[k];
		km->b[km->n].action = a;
		km->n++;
	}
	return true;
}

bool action_keymap_bind_names(struct action_keymap *km, const char *name,
			      const char *const *keys, size_t n, char *err, size_t errlen)
{
	int codes[64];

	if (action_find(name) == ACTION_NONE) {
		snprintf(err, errlen, "unknown action '%s'", name ? name : "");
		return false;
	}
	if (n > N_ELEMS(codes)) {
		snprintf(err, errlen, "too many keys for '%s'", name);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		codes[i] = config_key_parse(keys[i]);
		if (codes[i] == ACTION_KEY_NONE) {
			struct util_buf b = { 0 };

			util_sanitize(&b, keys[i], strlen(keys[i]));
			snprintf(err, errlen, "unknown key '%s' for '%s'", b.data ? b.data : "",
				 name);
			util_buf_free(&b);
			return false;
		}
	}
	return action_keymap_bind(km, name, codes, n, err, errlen);
}

enum action action_lookup(const struct action_keymap *km, int key)
{
	if (key < 0)
		return ACTION_NONE;
	for (size_t i = 0; i < km->n; i++)
		if (km->b[i].key == key)
			return km->b[i].action;
	return ACTION_NONE;
}

const char *action_keys_string(const struct action_keymap *km, enum action a, char *out,
			       size_t outlen)
{
	size_t used = 0;

	if (outlen == 0)
		return out;
	out[0] = '\0';
	for (size_t i = 0; i < km->n; i++) {
		char name[32];
		int w;

		if (km->b[i].action != a)
			continue;
		config_key_name(km->b[i].key, name, sizeof(name));
		w = snprintf(out + used, outlen - used, "%s%s", used ? ", " : "", name);
		if (w < 0 || (size_t)w >= outlen - used) {
			out[outlen - 1] = '\0';
			break;
		}
		used += (size_t)w;
	}
	return out;
}

const char **action_help_lines(const struct action_keymap *km, struct util_arena *arena,
			       size_t *n)
{
	const char **lines = util_arena_alloc(arena, (ACTION_COUNT + 2) * sizeof(*lines));
	char keys[ACTION_COUNT][128];
	int kw = 4, nw = 0;
	size_t k = 0;

	for (int a = 0; a < ACTION_COUNT; a++) {
		int l;

		action_keys_string(km, (enum action)a, keys[a], sizeof(keys[a]));
		if (!keys[a][0])
			snprintf(keys[a], sizeof(keys[a]), "(unbound)");
		l = (int)strlen(keys[a]);
		if (l > kw)
			kw = l;
		l = (int)strlen(action_info[a].name);
		if (l > nw)
			nw = l;
	}
	lines[k++] = "Keys of the reader (rebind them in config.yaml, section keys:)";
	lines[k++] = "";
	for (int a = 0; a < ACTION_COUNT; a++)
		lines[k++] = util_arena_printf(arena, "  %-*s  %-*s  %s", kw, keys[a], nw,
					       action_info[a].name, action_info[a].help);
	*n = k;
	return lines;
}

/* Write s with roff's special characters escaped. */
static void roff_puts(FILE *f, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

void action_write_man(FILE *f, const struct action_keymap *km)
{
	for (int a = 0; a < ACTION_COUNT; a++) {
		char keys[128];

		action_keys_string(km, (enum action)a, keys, sizeof(keys));
		fputs(".TP\n.B ", f);
		roff_puts(f, keys[0] ? keys : "(unbound)");
		fputc('\n', f);
		roff_puts(f, action_info[a].help);
		fputs(" (", f);
		roff_puts(f, action_info[a].name);
		fputs(").\n", f);
	}
}
