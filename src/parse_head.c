/* parse_head.c: header fields of a resolution: body, symbol, number,
 * title, session, agenda items, adoption date, meeting, report symbol. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "parse_int.h"

#define TITLE_MAX 2000

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static const char *dup(struct pctx *c, const char *s, size_t n)
{
	return util_arena_strndup(&c->d->arena, s, n);
}

static const struct {
	const char *name;
	enum doc_body body;
} bodies[] = {
	{ "General Assembly", DOC_BODY_GA },
	{ "Security Council", DOC_BODY_SC },
	{ "Human Rights Council", DOC_BODY_HRC },
	{ "Commission on Human Rights", DOC_BODY_CHR },
	{ "Economic and Social Council", DOC_BODY_ECOSOC },
};

static void set_body(struct pctx *c, enum doc_body b)
{
	if (c->d->body != DOC_BODY_UNKNOWN || b == DOC_BODY_UNKNOWN)
		return;
	c->d->body = b;
	for (size_t k = 0; k < sizeof bodies / sizeof bodies[0]; k++)
		if (bodies[k].body == b)
			c->d->body_name = bodies[k].name;
}

static enum doc_body body_in(const char *s, size_t n)
{
	for (size_t k = 0; k < sizeof bodies / sizeof bodies[0]; k++)
		if (pl_find(s, n, bodies[k].name))
			return bodies[k].body;
	return DOC_BODY_UNKNOWN;
}

/* "58/178." or "80/15.<TAB>Title": length of the number, 0 if none. */
static size_t title_number(const char *s, size_t n, size_t *title_at)
{
	size_t i = 0, d1 = 0, d2 = 0;

	if (pl_starts(s, n, "ES-"))
		i = 3;
	else if (pl_starts(s, n, "S-"))
		i = 2;
	while (i < n && is_digit(s[i])) {
		i++;
		d1++;
	}
	if (d1 == 0 || d1 > 4 || i >= n || s[i] != '/')
		return 0;
	for (i++; i < n && is_digit(s[i]); i++)
		d2++;
	if (d2 == 0 || d2 > 4)
		return 0;
	/* "54/237 C." */
	if (i + 2 < n && s[i] == ' ' && s[i + 1] >= 'A' && s[i + 1] <= 'Z' && s[i + 2] == '.')
		i += 2;
	if (i >= n || s[i] != '.' || i + 1 >= n || (s[i + 1] != ' ' && s[i + 1] != '\t'))
		return 0;
	*title_at = i + 1;
	while (*title_at < n && (s[*title_at] == ' ' || s[*title_at] == '\t'))
		(*title_at)++;
	return i;
}

static bool chr_line(const char *s, size_t n, size_t *num_at)
{
	static const char key[] = "Commission on Human Rights Resolution:";

	if (n < sizeof key - 1 || (s[0] | 0x20) != 'c' || !pl_starts_ci(s, n, key))
		return false;
	*num_at = sizeof key - 1;
	while (*num_at < n && s[*num_at] == ' ')
		(*num_at)++;
	return *num_at < n;
}

bool ph_new_doc_trigger(struct pctx *c, const struct pline *l)
{
	size_t t;

	if (pl_starts(l->s, l->n, "Resolution adopted by"))
		return true;
	if (chr_line(l->s, l->n, &t))
		return true;
	if (l->n == 14 && memcmp(l->s, "United Nations", 14) == 0)
		return c->phase >= PH_END;
	if (title_number(l->s, l->n, &t))
		return c->phase != PH_HEADER || c->saw_number;
	return false;
}

static void add_agenda(struct pctx *c, const char *s, size_t n)
{
	struct doc *d = c->d;
	const char **v;

	if (d->n_agenda_items >= 16)
		return;
	v = util_arena_alloc(&d->arena, (d->n_agenda_items + 1) * sizeof *v);
	if (d->n_agenda_items)
		memcpy(v, d->agenda_items, d->n_agenda_items * sizeof *v);
	v[d->n_agenda_items++] = dup(c, s, n);
	d->agenda_items = v;
}

/* "Agenda item 117 (b)", "Agenda items 20 and 21", glued or mid-line. */
static void agenda(struct pctx *c, const char *s, size_t n)
{
	const char *p = pl_find(s, n, "Agenda item");
	size_t i;

	if (!p || c->d->n_agenda_items)
		return;
	i = (size_t)(p - s) + 11;
	if (i < n && s[i] == 's')
		i++;
	for (;;) {
		size_t st;

		while (i < n && (s[i] == ' ' || s[i] == ','))
			i++;
		if (pl_starts(s + i, n - i, "and "))
			i += 4;
		st = i;
		while (i < n && is_digit(s[i]))
			i++;
		if (i == st)
			break;
		/* "117 (b)" */
		if (i + 3 < n && s[i] == ' ' && s[i + 1] == '(' && s[i + 2] >= 'a' &&
		    s[i + 2] <= 'z' && s[i + 3] == ')')
			i += 4;
		add_agenda(c, s + st, i - st);
	}
}

/* "Fifty-eighth session", "Eightieth session" (possibly glued to a date). */
static void session(struct pctx *c, const char *s, size_t n)
{
	const char *p = pl_find(s, n, " session");
	size_t e, b;

	if (!p || c->d->session)
		return;
	e = (size_t)(p - s);
	b = e;
	while (b > 0 && s[b - 1] != ' ' && !is_digit(s[b - 1]))
		b--;
	if (b == e || s[b] < 'A' || s[b] > 'Z')
		return;
	c->d->session = dup(c, s + b, e - b + 8);
}

/* "[on the report of the Third Committee (A/58/508/Add.2)]" */
static void report_symbol(struct pctx *c, const char *s, size_t n)
{
	const char *p = NULL;
	size_t k;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '(')
			p = s + i;
	if (!p || c->d->adopted_on)
		return;
	k = pl_symbol_at(p + 1, n - (size_t)(p + 1 - s));
	if (k)
		c->d->adopted_on = dup(c, p + 1, k);
}

static void set_adopted(struct pctx *c, const char *s, size_t n)
{
	char iso[11];

	if (!c->d->adopted && pl_find_date(s, n, iso))
		c->d->adopted = dup(c, iso, 10);
}

static void symbol_in(struct pctx *c, const char *s, size_t n)
{
	for (size_t i = 0; i + 5 < n; i++) {
		size_t k;

		if ((i > 0 && s[i - 1] != ' ' && (s[i - 1] < 'a' || s[i - 1] > 'z')) ||
		    !pl_starts(s + i, n - i, "A/RES/"))
			continue;
		k = pl_symbol_at(s + i, n - i);
		if (k > 6) {
			if (!c->d->symbol)
				c->d->symbol = dup(c, s + i, k);
			return;
		}
	}
}

static void title_append(struct pctx *c, const char *s, size_t n)
{
	if (c->title.len && c->title.len < TITLE_MAX)
		util_buf_putc(&c->title, ' ');
	if (c->title.len + n < TITLE_MAX)
		util_buf_append(&c->title, s, n);
}

void ph_header_line(struct pctx *c, const struct pline *l)
{
	const char *s = l->s;
	size_t n = l->n, t, at;
	enum doc_body b;

	if (pl_is_formula(s, n, &b)) {
		set_body(c, b);
		c->saw_formula = true;
		c->title_open = false;
		c->phase = PH_PREAMBLE;
		return;
	}
	if (c->adopted_pending) {
		c->adopted_pending = false;
		if (pl_starts(s, n, "on ")) {
			set_adopted(c, s, n);
			return;
		}
	}
	if (pl_starts(s, n, "Resolution adopted by")) {
		set_body(c, body_in(s, n));
		if (!pl_find(s, n, " on "))
			c->adopted_pending = true;
		set_adopted(c, s, n);
		return;
	}
	if (s[0] == '[') {
		report_symbol(c, s, n);
		return;
	}
	if ((t = title_number(s, n, &at)) > 0) {
		c->d->number = dup(c, s, t);
		c->saw_number = true;
		util_buf_clear(&c->title);
		title_append(c, s + at, n - at);
		c->title_open = true;
		return;
	}
	if (chr_line(s, n, &t)) {
		set_body(c, DOC_BODY_CHR);
		c->d->number = dup(c, s + t, n - t);
		c->saw_number = true;
		if (c->cand && !c->title.len)
			title_append(c, c->cand, c->cand_len);
		return;
	}
	if (c->title_open) {
		title_append(c, s, n);
		return;
	}
	if (pl_starts(s, n, "United Nations") || pl_find(s, n, "Distr.")) {
		symbol_in(c, s, n);
		set_body(c, body_in(s, n));
		return;
	}
	if (pl_starts(s, n, "A/RES/") && pl_symbol_at(s, n) == n) {
		symbol_in(c, s, n);
		return;
	}
	if (pl_find(s, n, "Agenda item") || pl_find(s, n, " session")) {
		session(c, s, n);
		agenda(c, s, n);
		return;
	}
	if (l->n < 200) {
		c->cand = s;
		c->cand_len = n;
	}
}

/* Meeting line: "77th plenary meeting" [date]. The date may follow on the
 * next line (c->date_pending). */
bool ph_meeting_line(struct pctx *c, const struct pline *l)
{
	size_t m;
	char iso[11];

	if (c->date_pending) {
		c->date_pending = false;
		if (pl_parse_date(l->s, l->n, iso, &m) && m + 2 >= l->n) {
			if (!c->d->adopted)
				c->d->adopted = dup(c, iso, 10);
			return true;
		}
	}
	/* a meeting line starts with its number */
	if (l->n == 0 || !is_digit(l->s[0]) || !pl_is_meeting(l->s, l->n, &m))
		return false;
	if (!c->d->meeting)
		c->d->meeting = dup(c, l->s, m);
	if (pl_find_date(l->s + m, l->n - m, iso)) {
		if (!c->d->adopted)
			c->d->adopted = dup(c, iso, 10);
	} else {
		c->date_pending = true;
	}
	return true;
}

/* Lines after the <<ODS ...>> trailer: symbol, session, agenda item. */
void ph_trailer_line(struct pctx *c, const struct pline *l)
{
	const char *s = l->s, *p;
	size_t n = l->n;

	p = pl_find(s, n, "<<ODS DOC SYMBOL1>>");
	if (p) {
		size_t i = (size_t)(p - s) + 19, k = pl_symbol_at(s + i, n - i);

		if (k)
			c->d->symbol = dup(c, s + i, k);
		return;
	}
	if (pl_starts(s, n, "United Nations")) {
		symbol_in(c, s, n);
		set_body(c, body_in(s, n));
	}
	session(c, s, n);
	agenda(c, s, n);
}

/* Defaults once the document is complete. */
void ph_finish(struct pctx *c)
{
	struct doc *d = c->d;
	static const struct {
		enum doc_body body;
		const char *prefix;
	} sym[] = {
		{ DOC_BODY_GA, "A/RES/" },
		{ DOC_BODY_SC, "S/RES/" },
		{ DOC_BODY_HRC, "A/HRC/RES/" },
		{ DOC_BODY_CHR, "E/CN.4/RES/" },
		{ DOC_BODY_ECOSOC, "E/RES/" },
	};

	if (c->title.len && !d->title) {
		size_t n = c->title.len;

		while (n > 0 && (c->title.data[n - 1] == ' ' || c->title.data[n - 1] == '\t'))
			n--;
		d->title = dup(c, c->title.data, n);
	}
	if (!d->number && d->symbol && pl_starts(d->symbol, strlen(d->symbol), "A/RES/"))
		d->number = d->symbol + 6;
	if (d->body == DOC_BODY_UNKNOWN && d->symbol &&
	    pl_starts(d->symbol, strlen(d->symbol), "A/RES/"))
		set_body(c, DOC_BODY_GA);
	if (!d->symbol && d->number) {
		for (size_t k = 0; k < sizeof sym / sizeof sym[0]; k++)
			if (sym[k].body == d->body)
				d->symbol = util_arena_printf(&d->arena, "%s%s", sym[k].prefix,
							      d->number);
	}
}
