/* ui_prompt.c: the line editor of the reader: the one-line prompt (`:` and
 * `/`) and, multi-line, the note editor's text. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "ui.h"
#include "util.h"

#define CTRL(c) ((c) & 0x1f)

void ui_prompt_start(struct ui_prompt *p, const char *lead)
{
	snprintf(p->lead, sizeof(p->lead), "%s", lead);
	util_buf_clear(&p->text);
	util_buf_append(&p->text, "", 0);
	p->cur = 0;
	p->hist_pos = p->n_hist;
	p->active = true;
	p->multiline = false;
	p->max = 0;
}

static size_t prev_char(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

size_t ui_prompt_next_char(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return len;
	i++;
	while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* Delete text[a..b). */
static void cut(struct ui_prompt *p, size_t a, size_t b)
{
	if (b <= a)
		return;
	memmove(p->text.data + a, p->text.data + b, p->text.len - b + 1);
	p->text.len -= b - a;
	if (p->cur > b)
		p->cur -= b - a;
	else if (p->cur > a)
		p->cur = a;
}

void ui_prompt_set(struct ui_prompt *p, const char *s)
{
	util_buf_clear(&p->text);
	util_buf_append(&p->text, s, strlen(s));
	p->cur = p->text.len;
}

static void insert(struct ui_prompt *p, const char *s, size_t n)
{
	size_t tail = p->text.len - p->cur;

	util_buf_append(&p->text, s, n); /* grow (and NUL) */
	memmove(p->text.data + p->cur + n, p->text.data + p->cur, tail);
	memcpy(p->text.data + p->cur, s, n);
	p->text.data[p->text.len] = 0;
	p->cur += n;
}

static void remember(struct ui_prompt *p)
{
	if (p->text.len == 0)
		return;
	if (p->n_hist && strcmp(p->hist[p->n_hist - 1], p->text.data) == 0)
		return;
	p->hist = util_xrealloc(p->hist, p->n_hist + 1, sizeof(*p->hist));
	p->hist[p->n_hist++] = util_xstrdup(p->text.data);
}

static void insert_max(struct ui_prompt *p, const char *s, size_t n)
{
	if (p->text.len + n < (p->max ? p->max : 1024))
		insert(p, s, n);
}

enum ui_prompt_status ui_prompt_key(struct ui_prompt *p, int key)
{
	char *s = p->text.data;
	size_t len = p->text.len, i;

	switch (key) {
	case '\r':
	case '\n':
		if (!p->multiline)
			remember(p);
		p->active = false;
		return UI_PROMPT_ACCEPT;
	case 27:
	case CTRL('g'):
		p->active = false;
		return UI_PROMPT_CANCEL;
	case CTRL('o'):
		if (p->multiline)
			insert_max(p, "\n", 1);
		break;
	case 127:
	case CTRL('h'):
		if (len == 0 && !p->multiline) {
			p->active = false;
			return UI_PROMPT_CANCEL;
		}
		cut(p, prev_char(s, p->cur), p->cur);
		break;
	case CTRL('d'):
	case ACTION_KEY_DELETE:
		cut(p, p->cur, ui_prompt_next_char(s, len, p->cur));
		break;
	case CTRL('b'):
	case ACTION_KEY_LEFT:
		p->cur = prev_char(s, p->cur);
		break;
	case CTRL('f'):
	case ACTION_KEY_RIGHT:
		p->cur = ui_prompt_next_char(s, len, p->cur);
		break;
	/* a one-line text has no '\n': these work on the whole of it */
	case CTRL('a'):
	case ACTION_KEY_HOME:
		while (p->cur > 0 && s[p->cur - 1] != '\n')
			p->cur--;
		break;
	case CTRL('e'):
	case ACTION_KEY_END:
		while (p->cur < len && s[p->cur] != '\n')
			p->cur++;
		break;
	case CTRL('u'):
		for (i = p->cur; i > 0 && s[i - 1] != '\n'; i--)
			;
		cut(p, i, p->cur);
		break;
	case CTRL('k'):
		for (i = p->cur; i < len && s[i] != '\n'; i++)
			;
		if (i == p->cur && i < len)
			i++; /* at the end of a line: join the next one */
		cut(p, p->cur, i);
		break;
	case CTRL('w'):
		i = p->cur;
		while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\n'))
			i--;
		while (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\n')
			i--;
		cut(p, i, p->cur);
		break;
	case CTRL('p'):
	case ACTION_KEY_UP:
		if (p->multiline)
			break;
		if (p->hist_pos > 0)
			ui_prompt_set(p, p->hist[--p->hist_pos]);
		break;
	case CTRL('n'):
	case ACTION_KEY_DOWN:
		if (p->multiline)
			break;
		if (p->hist_pos + 1 < p->n_hist)
			ui_prompt_set(p, p->hist[++p->hist_pos]);
		else {
			p->hist_pos = p->n_hist;
			ui_prompt_set(p, "");
		}
		break;
	default:
		if (key >= 0x20 && key < ACTION_KEY_SPECIAL && key != 0x7F &&
		    !(key >= 0x80 && key < 0xA0) && !(key >= 0xD800 && key < 0xE000)) {
			char b[4];
			size_t l = util_utf8_encode((uint32_t)key, b);

			insert_max(p, b, l);
		}
		break;
	}
	return UI_PROMPT_EDITING;
}

void ui_prompt_draw(const struct ui_prompt *p, int y, int x, int w, struct ui_style st)
{
	struct ui_style rev = st;
	const char *s = p->text.data ? p->text.data : "";
	size_t len = p->text.len, start = 0;
	int lw, avail, used;

	if (w <= 0)
		return;
	ui_fill(y, x, w, st);
	lw = ui_draw(y, x, w, p->lead, strlen(p->lead), st);
	avail = w - lw - 1; /* room for the cursor cell at the end */
	if (avail <= 0)
		return;
	/* scroll so that the cursor stays visible */
	while (ui_width(s + start, p->cur - start) > avail)
		start = ui_prompt_next_char(s, len, start);
	used = ui_draw(y, x + lw, avail, s + start, p->cur - start, st);
	rev.attr |= A_REVERSE;
	if (p->cur < len) {
		size_t n = ui_prompt_next_char(s, len, p->cur) - p->cur;
		int cw = ui_draw(y, x + lw + used, w - lw - used, s + p->cur, n, rev);

		ui_draw(y, x + lw + used + cw, w - lw - used - cw, s + p->cur + n,
			len - p->cur - n, st);
	} else {
		ui_draw(y, x + lw + used, 1, " ", 1, rev);
	}
}

void ui_prompt_free(struct ui_prompt *p)
{
	size_t i;

	for (i = 0; i < p->n_hist; i++)
		free(p->hist[i]);
	free(p->hist);
	p->hist = NULL;
	p->n_hist = p->hist_pos = 0;
	util_buf_free(&p->text);
}
