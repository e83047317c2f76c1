/* textout.c: the clause outline (--outline) and the plain-text rendering
 * used when standard output is not a terminal.
 *
 * Paragraph text is prepared once (whitespace flattened, footnote markers
 * put back as [N], sanitized) into a scratch buffer, then wrapped by
 * display columns in a single pass. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "textout.h"

/* ---- display width ------------------------------------------------------ */

struct range {
	uint32_t lo, hi;
};

/* Zero-width: combining marks, zero-width space/joiners, variation selectors. */
static const struct range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x0610, 0x061A },
	{ 0x064B, 0x065F }, { 0x0670, 0x0670 }, { 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 },
	{ 0x0900, 0x0902 }, { 0x093C, 0x093C }, { 0x0941, 0x0948 }, { 0x094D, 0x094D },
	{ 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E }, { 0x1AB0, 0x1AFF },
	{ 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x2064 },
	{ 0x20D0, 0x20FF }, { 0x302A, 0x302D }, { 0x3099, 0x309A }, { 0xFE00, 0xFE0F },
	{ 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0xE0100, 0xE01EF },
};

/* East Asian Wide and Fullwidth. */
static const struct range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x2E80, 0x303E },
	{ 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF },
	{ 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 },
	{ 0xFE30, 0xFE6F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F },
	{ 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

static bool in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < t[mid].lo)
			hi = mid;
		else if (cp > t[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

int textout_cpwidth(uint32_t cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x7F)
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	if (in_table(cp, zero_width, sizeof(zero_width) / sizeof(zero_width[0])))
		return 0;
	if (in_table(cp, wide, sizeof(wide) / sizeof(wide[0])))
		return 2;
	return 1;
}

/* Width and byte length of the character at s. */
static size_t char_at(const char *s, size_t n, size_t *cols)
{
	uint32_t cp;
	size_t k;

	if ((unsigned char)s[0] < 0x80) {
		*cols = (unsigned char)s[0] >= 0x20 && s[0] != 0x7F;
		return 1;
	}
	k = util_utf8_decode(s, n, &cp);
	if (k == 0)
		k = 1;
	*cols = (size_t)textout_cpwidth(cp);
	return k;
}

size_t textout_width(const char *s, size_t n)
{
	size_t i = 0, cols = 0;

	while (i < n) {
		size_t w;

		i += char_at(s + i, n - i, &w);
		cols += w;
	}
	return cols;
}

int textout_width_from_env(const char *columns_env)
{
	char *end;
	long v;

	if (!columns_env || !*columns_env)
		return TEXTOUT_WIDTH_DEFAULT;
	v = strtol(columns_env, &end, 10);
	if (*end != '\0' || v < TEXTOUT_WIDTH_MIN || v > TEXTOUT_WIDTH_MAX)
		return TEXTOUT_WIDTH_DEFAULT;
	return (int)v;
}

/* ---- wrapping ----------------------------------------------------------- */

static void put_spaces(struct util_buf *b, size_t n)
{
	static const char sp[] = "                                                                ";

	while (n > 0) {
		size_t k = n < sizeof(sp) - 1 ? n : sizeof(sp) - 1;

		util_buf_append(b, sp, k);
		n -= k;
	}
}

void textout_wrap(struct util_buf *out, const char *prefix, size_t prefix_cols, size_t indent,
		  const char *s, size_t n, size_t width)
{
	size_t i = 0, col = prefix_cols;
	bool line_empty = true; /* no word on the current line yet */

	if (prefix)
		util_buf_puts(out, prefix);
	while (i < n) {
		size_t start, end, wcols = 0;

		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		start = i;
		while (i < n && s[i] != ' ')
			i++;
		end = i;
		wcols = textout_width(s + start, end - start);
		if (!line_empty) {
			if (col + 1 + wcols <= width) {
				util_buf_putc(out, ' ');
				util_buf_append(out, s + start, end - start);
				col += 1 + wcols;
				continue;
			}
			util_buf_putc(out, '\n');
			put_spaces(out, indent);
			col = indent;
			line_empty = true;
		}
		if (col + wcols <= width) {
			util_buf_append(out, s + start, end - start);
			col += wcols;
			line_empty = false;
			continue;
		}
		/* too wide for a line of its own: cut between characters */
		for (size_t j = start; j < end;) {
			size_t w, k = char_at(s + j, end - j, &w);

			if (col + w > width && !line_empty) {
				util_buf_putc(out, '\n');
				put_spaces(out, indent);
				col = indent;
			}
			util_buf_append(out, s + j, k);
			col += w;
			line_empty = w == 0 ? line_empty : false;
			j += k;
		}
		line_empty = false;
	}
	util_buf_putc(out, '\n');
}

/* ---- shared helpers ----------------------------------------------------- */

struct out {
	FILE *f;
	struct util_buf b;   /* output, flushed in large chunks */
	struct util_buf tmp; /* flattened text */
	struct util_buf san; /* sanitized text */
	const struct doc *d;
	int *fn_order;       /* footnote indices sorted by (para, offset) */
	size_t n_fn_order;
};

static void out_flush(struct out *o)
{
	if (o->b.len) {
		fwrite(o->b.data, 1, o->b.len, o->f);
		o->b.len = 0;
	}
}

static void out_maybe_flush(struct out *o)
{
	if (o->b.len >= (1u << 16))
		out_flush(o);
}

/* Append s[0..n) to tmp with every ASCII whitespace turned into a space. */
static void flatten(struct util_buf *tmp, const char *s, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
			util_buf_append(tmp, s + run, i - run);
			util_buf_putc(tmp, ' ');
			run = i + 1;
		}
	}
	util_buf_append(tmp, s + run, n - run);
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Sanitize a NUL-terminated string (NULL: nothing), on one line and
 * without surrounding whitespace, onto dst. */
static void put_safe_to(struct out *o, struct util_buf *dst, const char *s)
{
	size_t n;

	if (!s)
		return;
	while (is_ws(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_ws(s[n - 1]))
		n--;
	util_buf_clear(&o->tmp);
	flatten(&o->tmp, s, n);
	if (o->tmp.len)
		util_sanitize(dst, o->tmp.data, o->tmp.len);
}

static void put_safe(struct out *o, const char *s)
{
	put_safe_to(o, &o->b, s);
}

/* Prepare o->san: the sanitized one-line text of s[0..n), with footnote
 * markers of paragraph `para` inserted where they were (para -1: none). */
static void prepare(struct out *o, const char *s, size_t n, int para, size_t *fn_pos)
{
	size_t at = 0;

	util_buf_clear(&o->tmp);
	util_buf_clear(&o->san);
	if (!s)
		n = 0;
	while (para >= 0 && *fn_pos < o->n_fn_order &&
	       o->d->footnotes[o->fn_order[*fn_pos]].para == para) {
		const struct doc_footnote *fn = &o->d->footnotes[o->fn_order[*fn_pos]];
		size_t off = fn->offset < n ? fn->offset : n;

		flatten(&o->tmp, s + at, off - at);
		util_buf_putc(&o->tmp, '[');
		flatten(&o->tmp, fn->number ? fn->number : "?",
			strlen(fn->number ? fn->number : "?"));
		util_buf_putc(&o->tmp, ']');
		at = off;
		(*fn_pos)++;
	}
	if (n > at)
		flatten(&o->tmp, s + at, n - at);
	if (o->tmp.len)
		util_sanitize(&o->san, o->tmp.data, o->tmp.len);
}

static int fn_cmp(const void *a, const void *b, const struct doc *d)
{
	const struct doc_footnote *x = &d->footnotes[*(const int *)a];
	const struct doc_footnote *y = &d->footnotes[*(const int *)b];

	if (x->para != y->para)
		return x->para < y->para ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return *(const int *)a < *(const int *)b ? -1 : *(const int *)a > *(const int *)b;
}

/* Footnote indices with a valid paragraph, sorted by (para, offset);
 * insertion sort on nearly sorted input, merge-free and stable. */
static void order_footnotes(struct out *o)
{
	const struct doc *d = o->d;

	o->n_fn_order = 0;
	o->fn_order = d->n_footnotes ? util_xcalloc(d->n_footnotes, sizeof(int)) : NULL;
	for (size_t i = 0; i < d->n_footnotes; i++) {
		int para = d->footnotes[i].para;
		size_t j;

		if (para < 0 || (size_t)para >= d->n_paras || i > INT_MAX)
			continue;
		j = o->n_fn_order++;
		o->fn_order[j] = (int)i;
		while (j > 0 && fn_cmp(&o->fn_order[j - 1], &o->fn_order[j], d) > 0) {
			int t = o->fn_order[j - 1];

			o->fn_order[j - 1] = o->fn_order[j];
			o->fn_order[j] = t;
			j--;
		}
	}
}

static void out_init(struct out *o, FILE *f, const struct doc *d)
{
	memset(o, 0, sizeof(*o));
	o->f = f;
	o->d = d;
}

static void out_done(struct out *o)
{
	out_flush(o);
	util_buf_free(&o->b);
	util_buf_free(&o->tmp);
	util_buf_free(&o->san);
	free(o->fn_order);
}

static bool all_digits(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* "5" -> "5." ; anything else as printed. Written into buf (sanitized). */
static void number_label(struct util_buf *buf, const char *num)
{
	util_buf_clear(buf);
	if (!num)
		return;
	util_sanitize(buf, num, strlen(num));
	if (all_digits(num))
		util_buf_putc(buf, '.');
}

/* ---- outline ------------------------------------------------------------ */

static void outline_key(struct out *o, const char *key, size_t keycol)
{
	size_t w = textout_width(key, strlen(key));

	put_safe(o, key);
	put_spaces(&o->b, w < keycol ? keycol - w : 1);
}

static void outline_para(struct out *o, const struct doc_para *p, size_t keycol)
{
	struct util_buf lab = { 0 };
	const char *what = p->lead ? p->lead : p->text;

	outline_key(o, p->id ? p->id : "?", keycol);
	if (p->depth > 0) /* capped: hostile nesting must not make output quadratic */
		put_spaces(&o->b, 2 * (size_t)(p->depth < 16 ? p->depth : 16));
	else if (p->kind == DOC_PARA_SUBPARAGRAPH)
		put_spaces(&o->b, 2);
	if (p->kind == DOC_PARA_HEADING)
		util_buf_puts(&o->b, "# ");
	number_label(&lab, p->number);
	if (lab.len) {
		util_buf_append(&o->b, lab.data, lab.len);
		util_buf_putc(&o->b, ' ');
	}
	util_buf_free(&lab);
	put_safe(o, what);
	util_buf_putc(&o->b, '\n');
	out_maybe_flush(o);
}

static void outline_range(struct out *o, size_t from, size_t to, int annex, size_t keycol)
{
	const struct doc *d = o->d;

	for (size_t i = from; i < to && i < d->n_paras; i++)
		if (d->paras[i].annex == annex)
			outline_para(o, &d->paras[i], keycol);
}

void textout_outline(FILE *f, const struct doc *d, const char *file)
{
	struct out o;
	size_t keycol = 8; /* "adopted" + 1 */

	out_init(&o, f, d);
	for (size_t i = 0; i < d->n_paras; i++)
		if (d->paras[i].id && strlen(d->paras[i].id) + 2 > keycol)
			keycol = strlen(d->paras[i].id) + 2;
	for (size_t i = 0; i < d->n_annexes; i++)
		if (d->annexes[i].id && strlen(d->annexes[i].id) + 2 > keycol)
			keycol = strlen(d->annexes[i].id) + 2;
	for (size_t i = 0; i < d->n_footnotes; i++)
		if (d->footnotes[i].id && strlen(d->footnotes[i].id) + 2 > keycol)
			keycol = strlen(d->footnotes[i].id) + 2;
	if (keycol > 40)
		keycol = 40;

	if (file) {
		outline_key(&o, "file", keycol);
		put_safe(&o, file);
		util_buf_putc(&o.b, '\n');
	}
	if (d->symbol) {
		outline_key(&o, "symbol", keycol);
		put_safe(&o, d->symbol);
		util_buf_putc(&o.b, '\n');
	}
	if (d->title) {
		outline_key(&o, "title", keycol);
		put_safe(&o, d->title);
		util_buf_putc(&o.b, '\n');
	}
	if (d->adopted) {
		outline_key(&o, "adopted", keycol);
		put_safe(&o, d->adopted);
		util_buf_putc(&o.b, '\n');
	}
	outline_range(&o, 0, d->n_paras, -1, keycol);
	for (size_t a = 0; a < d->n_annexes; a++) {
		const struct doc_annex *an = &d->annexes[a];
		size_t from = an->first_para > 0 ? (size_t)an->first_para : 0;

		outline_key(&o, an->id ? an->id : "annex", keycol);
		put_safe(&o, an->label ? an->label : "Annex");
		if (an->title) {
			util_buf_puts(&o.b, ": ");
			put_safe(&o, an->title);
		}
		util_buf_putc(&o.b, '\n');
		outline_range(&o, from, from + (size_t)(an->n_paras > 0 ? an->n_paras : 0),
			      (int)a, keycol);
	}
	for (size_t i = 0; i < d->n_footnotes; i++) {
		const struct doc_footnote *fn = &d->footnotes[i];

		outline_key(&o, fn->id ? fn->id : "fn", keycol);
		util_buf_putc(&o.b, '[');
		put_safe(&o, fn->number);
		util_buf_puts(&o.b, "] ");
		if (fn->para >= 0 && (size_t)fn->para < d->n_paras && d->paras[fn->para].id) {
			util_buf_puts(&o.b, "(");
			put_safe(&o, d->paras[fn->para].id);
			util_buf_puts(&o.b, ") ");
		}
		put_safe(&o, fn->text);
		util_buf_putc(&o.b, '\n');
		out_maybe_flush(&o);
	}
	out_done(&o);
}

/* ---- plain text --------------------------------------------------------- */

/* Write the text s (with the footnote markers of paragraph `para`, -1:
 * none) centred in width, or wrapped from the margin when it does not fit. */
static void plain_centred(struct out *o, const char *s, int para, size_t width, size_t *fn_pos)
{
	size_t cols;

	prepare(o, s, s ? strlen(s) : 0, para, fn_pos);
	if (!o->san.len)
		return;
	cols = textout_width(o->san.data, o->san.len);
	if (cols < width) {
		put_spaces(&o->b, (width - cols) / 2);
		util_buf_append(&o->b, o->san.data, o->san.len);
		util_buf_putc(&o->b, '\n');
	} else {
		textout_wrap(&o->b, NULL, 0, 0, o->san.data, o->san.len, width);
	}
}

/* Wrap the header line built in *line (sanitized) at width, continuation
 * lines indented by two; then clear it. */
static void header_line(struct out *o, struct util_buf *line, size_t width)
{
	if (line->len)
		textout_wrap(&o->b, NULL, 0, 2, line->data, line->len, width);
	util_buf_clear(line);
}

static void plain_header(struct out *o, size_t width)
{
	const struct doc *d = o->d;
	struct util_buf a = { 0 }, b = { 0 }, line = { 0 };
	size_t none = 0;

	put_safe_to(o, &a, d->symbol);
	put_safe_to(o, &b, d->body_name);
	if (a.len && b.len) {
		size_t wa = textout_width(a.data, a.len), wb = textout_width(b.data, b.len);

		if (wa + 2 + wb <= width) {
			util_buf_append(&o->b, a.data, a.len);
			put_spaces(&o->b, width - wa - wb);
			util_buf_append(&o->b, b.data, b.len);
			util_buf_putc(&o->b, '\n');
			a.len = b.len = 0;
		}
	}
	header_line(o, &a, width);
	header_line(o, &b, width);
	util_buf_free(&a);
	util_buf_free(&b);
	put_safe_to(o, &line, d->session);
	header_line(o, &line, width);
	for (size_t i = 0; i < d->n_agenda_items; i++) {
		util_buf_puts(&line, "Agenda item ");
		put_safe_to(o, &line, d->agenda_items[i]);
		header_line(o, &line, width);
	}
	if (d->adopted || d->meeting) {
		util_buf_puts(&line, "Adopted");
		if (d->adopted) {
			util_buf_puts(&line, " on ");
			put_safe_to(o, &line, d->adopted);
		}
		if (d->meeting) {
			util_buf_puts(&line, d->adopted ? ", " : " at the ");
			put_safe_to(o, &line, d->meeting);
		}
		header_line(o, &line, width);
	}
	if (d->adopted_on) {
		util_buf_puts(&line, "On the basis of ");
		put_safe_to(o, &line, d->adopted_on);
		header_line(o, &line, width);
	}
	util_buf_free(&line);
	if (d->title || d->number) {
		struct util_buf pre = { 0 };
		size_t pc = 0;

		if (o->b.len)
			util_buf_putc(&o->b, '\n');
		if (d->number) {
			util_sanitize(&pre, d->number, strlen(d->number));
			util_buf_puts(&pre, ".  ");
			pc = textout_width(pre.data, pre.len);
		}
		prepare(o, d->title, d->title ? strlen(d->title) : 0, -1, &none);
		textout_wrap(&o->b, pre.data, pc, pc <= width / 2 ? pc : 0,
			     o->san.data ? o->san.data : "", o->san.len, width);
		util_buf_free(&pre);
	}
}

static void plain_para(struct out *o, int idx, size_t *textcol, size_t width, size_t *fn_pos)
{
	const struct doc *d = o->d;
	const struct doc_para *p = &d->paras[idx];
	struct util_buf pre = { 0 }, lab = { 0 };
	size_t base = 0, first = 0, cont = 0, pc;

	if (p->parent >= 0 && p->parent < idx)
		base = textcol[p->parent];
	/* deep nesting stops indenting at mid-width, so the output stays
	 * linear in the text however deep a hostile input nests */
	if (base > width / 2)
		base = width / 2;
	number_label(&lab, p->number);
	switch (p->kind) {
	case DOC_PARA_PREAMBULAR:
		put_spaces(&pre, base + 4);
		first = base + 4;
		cont = base;
		textcol[idx] = base + 4;
		break;
	case DOC_PARA_OPERATIVE:
	case DOC_PARA_NUMBERED:
	case DOC_PARA_SUBPARAGRAPH:
		if (!lab.len) {
			put_spaces(&pre, base + 4);
			first = base + 4;
			cont = base;
			textcol[idx] = base + 6;
			break;
		}
		pc = textout_width(lab.data, lab.len);
		if (p->kind == DOC_PARA_SUBPARAGRAPH || p->parent >= 0) {
			/* label at the parent's text column, text two columns on */
			put_spaces(&pre, base);
			util_buf_append(&pre, lab.data, lab.len);
			first = base + pc;
			cont = base + (pc + 2 > 6 ? pc + 2 : 6);
		} else {
			/* "  1.  Calls upon": number right-aligned in four columns */
			put_spaces(&pre, pc < 4 ? 4 - pc : 0);
			util_buf_append(&pre, lab.data, lab.len);
			first = pc < 4 ? 4 : pc;
			cont = first + 2;
		}
		if (cont > width * 3 / 4)
			cont = width * 3 / 4;
		if (cont <= first)
			cont = first + 1; /* a long label: one space, then the text */
		put_spaces(&pre, cont - first);
		first = cont;
		textcol[idx] = cont;
		break;
	case DOC_PARA_HEADING:
		plain_centred(o, p->text, idx, width, fn_pos);
		textcol[idx] = base;
		util_buf_free(&pre);
		util_buf_free(&lab);
		return;
	case DOC_PARA_ARTICLE:
		if (lab.len) {
			struct util_buf l = { 0 };

			util_buf_append(&l, lab.data, lab.len);
			plain_centred(o, l.data, -1, width, fn_pos);
			util_buf_free(&l);
			util_buf_putc(&o->b, '\n');
		}
		put_spaces(&pre, base + 4);
		first = base + 4;
		cont = base;
		textcol[idx] = base + 4;
		break;
	case DOC_PARA_PLAIN:
	default:
		put_spaces(&pre, base);
		first = cont = base;
		textcol[idx] = base;
		break;
	}
	prepare(o, p->text, p->text ? p->text_len : 0, idx, fn_pos);
	textout_wrap(&o->b, pre.data ? pre.data : "", first, cont,
		     o->san.data ? o->san.data : "", o->san.len, width);
	util_buf_free(&pre);
	util_buf_free(&lab);
}

static void plain_range(struct out *o, size_t from, size_t to, int annex, size_t *textcol,
			size_t width, size_t *fn_pos, bool *any)
{
	const struct doc *d = o->d;

	for (size_t i = from; i < to && i < d->n_paras; i++) {
		if (d->paras[i].annex != annex)
			continue;
		/* markers belonging to paragraphs skipped so far */
		while (*fn_pos < o->n_fn_order && d->footnotes[o->fn_order[*fn_pos]].para < (int)i)
			(*fn_pos)++;
		if (*any || o->b.len)
			util_buf_putc(&o->b, '\n');
		plain_para(o, (int)i, textcol, width, fn_pos);
		*any = true;
		out_maybe_flush(o);
	}
}

/* "The General Assembly," before the first paragraph of a resolution, as
 * printed, unless the parser kept that line as a paragraph. */
static void plain_opening(struct out *o, bool *any)
{
	const struct doc *d = o->d;
	size_t n;

	if (!d->is_resolution || !d->body_name)
		return;
	for (size_t i = 0; i < d->n_paras; i++) {
		const char *t = d->paras[i].text;

		if (d->paras[i].annex != -1)
			continue;
		n = strlen(d->body_name);
		if (t && strncmp(t, "The ", 4) == 0 && strncmp(t + 4, d->body_name, n) == 0)
			return;
		if (o->b.len)
			util_buf_putc(&o->b, '\n');
		util_buf_puts(&o->b, "    The ");
		put_safe(o, d->body_name);
		util_buf_puts(&o->b, ",\n");
		*any = true;
		return;
	}
}

void textout_plain(FILE *f, const struct doc *d, int width_in)
{
	struct out o;
	size_t width = width_in > 0 ? (size_t)width_in : TEXTOUT_WIDTH_DEFAULT;
	size_t *textcol = d->n_paras ? util_xcalloc(d->n_paras, sizeof(size_t)) : NULL;
	size_t fn_pos = 0, none = 0;
	bool any = false;

	out_init(&o, f, d);
	order_footnotes(&o);
	plain_header(&o, width);
	/* footnote markers are placed in paragraph order: fn_order is sorted by
	 * paragraph index and paragraphs are visited in index order below, the
	 * resolution's own first, then each annex's range */
	plain_opening(&o, &any);
	plain_range(&o, 0, d->n_paras, -1, textcol, width, &fn_pos, &any);
	for (size_t a = 0; a < d->n_annexes; a++) {
		const struct doc_annex *an = &d->annexes[a];
		size_t from = an->first_para > 0 ? (size_t)an->first_para : 0;

		/* rewind the marker cursor to this range's first paragraph */
		fn_pos = 0;
		while (fn_pos < o.n_fn_order && d->footnotes[o.fn_order[fn_pos]].para < (int)from)
			fn_pos++;
		util_buf_puts(&o.b, "\n\n");
		plain_centred(&o, an->label ? an->label : "Annex", -1, width, &none);
		if (an->title) {
			util_buf_putc(&o.b, '\n');
			plain_centred(&o, an->title, -1, width, &none);
		}
		plain_range(&o, from, from + (size_t)(an->n_paras > 0 ? an->n_paras : 0), (int)a,
			    textcol, width, &fn_pos, &any);
	}
	if (d->n_footnotes) {
		util_buf_puts(&o.b, "\n________________\n");
		for (size_t i = 0; i < d->n_footnotes; i++) {
			const struct doc_footnote *fn = &d->footnotes[i];
			struct util_buf pre = { 0 };
			size_t pc;

			util_buf_putc(&o.b, '\n');
			util_buf_putc(&pre, '[');
			if (fn->number)
				util_sanitize(&pre, fn->number, strlen(fn->number));
			util_buf_puts(&pre, "] ");
			pc = textout_width(pre.data, pre.len);
			prepare(&o, fn->text, fn->text ? strlen(fn->text) : 0, -1, &none);
			textout_wrap(&o.b, pre.data, pc, pc <= width / 2 ? pc : 0,
				     o.san.data ? o.san.data : "", o.san.len, width);
			util_buf_free(&pre);
			out_maybe_flush(&o);
		}
	}
	free(textcol);
	out_done(&o);
}
