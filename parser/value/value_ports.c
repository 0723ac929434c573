/*
 * bridge-ports / bond-slaves. `glob` and `regex` apply to the next token only, as in
 * ifupdown2; `noglob` / `noregex` cancel a pending one. The list is read twice: once to
 * check and count, once to fill an array of the right size.
 */
#include "value_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Bound on the names of one list, so that `glob swp1-99999999` cannot exhaust memory. */
#define PORT_LIST_MAX 4096u

#define GLOB_FORMS "swp1-4, swp1-4.100, swp[1-4], swp[1-4].100 or swp[1-2]s[0-3]"

struct span {
	size_t off, len;
};

/* A glob: prefix[first-last]mid[first2-last2]suffix, the second range optional. */
struct port_glob {
	struct span prefix, mid, suffix;
	uint64_t first[2], last[2];
	struct span range[2]; /* "[A-B]" or "A-B" in the value, for messages */
	int nranges;
};

struct port_walk {
	struct arena *a;
	const char *v;
	struct ifcc_port *arr; /* NULL on the counting pass */
	size_t n;
	struct value_error *err;
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t skip_digits(const char *s, size_t i, size_t end)
{
	while (i < end && is_digit(s[i]))
		i++;
	return i;
}

/* Digits v[off, end) as a number; a too long one is an error on those digits. */
static int glob_number(const char *v, size_t off, size_t end, uint64_t *x, struct value_error *err)
{
	char q[VALUE_QUOTE_MAX + 4];

	if (value_decimal(v + off, end - off, x) < 0)
		return value_fail(err, off, end - off, "number %s in the glob is too large",
		                  value_quote(q, sizeof(q), v + off, end - off));
	return 0;
}

/* "[A-B]" at v[*i]; on success *i is just past ']'. */
static int glob_brackets(const char *v, struct value_token t, size_t *i, uint64_t *first,
                         uint64_t *last, struct span *range, struct value_error *err)
{
	char q[VALUE_QUOTE_MAX + 4];
	size_t end = t.off + t.len, open = *i, j = open + 1;
	size_t a0 = j, a1 = skip_digits(v, j, end);
	size_t b0 = a1 + 1, b1 = a1 < end && v[a1] == '-' ? skip_digits(v, b0, end) : b0;

	if (a1 == a0 || a1 >= end || v[a1] != '-' || b1 == b0 || b1 >= end || v[b1] != ']') {
		const char *close = memchr(v + open, ']', end - open);
		size_t len = close ? (size_t)(close - (v + open)) + 1 : end - open;
		char qt[VALUE_QUOTE_MAX + 4];
		return value_fail(err, open, len,
		                  "invalid range '%s' in glob '%s': expected [A-B] with decimal "
		                  "numbers",
		                  value_quote(q, sizeof(q), v + open, len),
		                  value_quote(qt, sizeof(qt), v + t.off, t.len));
	}
	int r = glob_number(v, a0, a1, first, err);
	if (r == 0)
		r = glob_number(v, b0, b1, last, err);
	if (r < 0)
		return r;
	*i = b1 + 1;
	*range = (struct span){open, *i - open};
	return 0;
}

/* swp[1-4].100 and swp[1-2]s[0-3]. */
static int glob_bracket_form(const char *v, struct value_token t, const char *open,
                             struct port_glob *g, struct value_error *err)
{
	char q[VALUE_QUOTE_MAX + 4];
	size_t end = t.off + t.len, i = (size_t)(open - v);

	if (i == t.off)
		return value_fail(err, t.off, 1, "glob '%s' needs a name before '['",
		                  value_quote(q, sizeof(q), v + t.off, t.len));
	g->prefix = (struct span){t.off, i - t.off};
	int r = glob_brackets(v, t, &i, &g->first[0], &g->last[0], &g->range[0], err);
	if (r < 0)
		return r;
	g->nranges = 1;
	const char *open2 = memchr(v + i, '[', end - i);
	if (open2) {
		size_t j = (size_t)(open2 - v);
		g->mid = (struct span){i, j - i};
		r = glob_brackets(v, t, &j, &g->first[1], &g->last[1], &g->range[1], err);
		if (r < 0)
			return r;
		g->nranges = 2;
		i = j;
		const char *open3 = memchr(v + i, '[', end - i);
		if (open3)
			return value_fail(err, (size_t)(open3 - v), end - (size_t)(open3 - v),
			                  "glob '%s' has more than two [A-B] ranges",
			                  value_quote(q, sizeof(q), v + t.off, t.len));
	}
	g->suffix = (struct span){i, end - i};
	return 0;
}

/*
 * swp1-4.100: a name of letters, digits and dashes ending in a letter, then A-B, then
 * anything. The longest such name wins, as with a greedy regular expression.
 */
static int glob_dash_form(const char *v, struct value_token t, struct port_glob *g,
                          struct value_error *err)
{
	char q[VALUE_QUOTE_MAX + 4];
	size_t end = t.off + t.len, run = t.off;

	while (run < end && (is_alpha(v[run]) || is_digit(v[run]) || v[run] == '-'))
		run++;
	for (size_t p = run; p > t.off; p--) {
		if (!is_alpha(v[p - 1]) || p >= end || !is_digit(v[p]))
			continue;
		size_t a1 = skip_digits(v, p, end);
		if (a1 >= end || v[a1] != '-' || a1 + 1 >= end || !is_digit(v[a1 + 1]))
			continue;
		size_t b1 = skip_digits(v, a1 + 1, end);
		int r = glob_number(v, p, a1, &g->first[0], err);
		if (r == 0)
			r = glob_number(v, a1 + 1, b1, &g->last[0], err);
		if (r < 0)
			return r;
		g->prefix = (struct span){t.off, p - t.off};
		g->suffix = (struct span){b1, end - b1};
		g->range[0] = (struct span){p, b1 - p};
		g->nranges = 1;
		return 0;
	}
	return value_fail(err, t.off, t.len, "glob '%s' has no range: expected a form like %s",
	                  value_quote(q, sizeof(q), v + t.off, t.len), GLOB_FORMS);
}

static int glob_parse(const char *v, struct value_token t, struct port_glob *g,
                      struct value_error *err)
{
	const char *open = memchr(v + t.off, '[', t.len);

	memset(g, 0, sizeof(*g));
	int r = open ? glob_bracket_form(v, t, open, g, err) : glob_dash_form(v, t, g, err);
	if (r < 0)
		return r;
	for (int k = 0; k < g->nranges; k++)
		if (g->first[k] > g->last[k])
			return value_fail(
			    err, g->range[k].off, g->range[k].len,
			    "range '%.*s' of the glob is reversed: %llu is above %llu",
			    (int)g->range[k].len, v + g->range[k].off,
			    (unsigned long long)g->first[k], (unsigned long long)g->last[k]);
	return 0;
}

static int too_many(struct port_walk *w, struct value_token t)
{
	char q[VALUE_QUOTE_MAX + 4];

	return value_fail(w->err, t.off, t.len, "'%s' makes the list longer than %u names",
	                  value_quote(q, sizeof(q), w->v + t.off, t.len), PORT_LIST_MAX);
}

static int add_entry(struct port_walk *w, struct value_token t, const char *name,
                     const char *pattern)
{
	if (w->n >= PORT_LIST_MAX)
		return too_many(w, t);
	if (w->arr) {
		struct ifcc_port *p = &w->arr[w->n];
		p->name = name;
		p->pattern = pattern;
		p->off = t.off;
		p->len = t.len;
	}
	w->n++;
	return 0;
}

static int add_copy(struct port_walk *w, struct value_token t, bool regex)
{
	char *s = NULL;

	if (w->arr) {
		s = arena_strndup(w->a, w->v + t.off, t.len);
		if (!s)
			return value_nomem(w->err);
	}
	return add_entry(w, t, regex ? NULL : s, regex ? s : NULL);
}

static int expand_glob(struct port_walk *w, struct value_token t)
{
	const char *v = w->v;
	struct port_glob g;
	uint64_t count = 1;

	/* ifupdown2 takes a glob with a comma literally (and warns). */
	if (memchr(v + t.off, ',', t.len))
		return add_copy(w, t, false);
	int r = glob_parse(v, t, &g, w->err);
	if (r < 0)
		return r;
	for (int k = 0; k < g.nranges; k++) {
		uint64_t span = g.last[k] - g.first[k];
		if (span >= PORT_LIST_MAX)
			return too_many(w, t);
		count *= span + 1;
	}
	if (count > PORT_LIST_MAX - w->n)
		return too_many(w, t);
	uint64_t first2 = g.nranges == 2 ? g.first[1] : 0;
	uint64_t last2 = g.nranges == 2 ? g.last[1] : 0;
	for (uint64_t i = g.first[0]; i <= g.last[0]; i++)
		for (uint64_t j = first2; j <= last2; j++) {
			char *name = NULL;
			if (w->arr && g.nranges == 2)
				name = arena_printf(w->a, "%.*s%llu%.*s%llu%.*s", (int)g.prefix.len,
				                    v + g.prefix.off, (unsigned long long)i,
				                    (int)g.mid.len, v + g.mid.off,
				                    (unsigned long long)j, (int)g.suffix.len,
				                    v + g.suffix.off);
			else if (w->arr)
				name = arena_printf(w->a, "%.*s%llu%.*s", (int)g.prefix.len,
				                    v + g.prefix.off, (unsigned long long)i,
				                    (int)g.suffix.len, v + g.suffix.off);
			if (w->arr && !name)
				return value_nomem(w->err);
			r = add_entry(w, t, name, NULL);
			if (r < 0)
				return r;
		}
	return 0;
}

enum port_mode { MODE_NAME, MODE_GLOB, MODE_REGEX };

static int walk(struct port_walk *w)
{
	const char *v = w->v;
	struct value_token t, kw = {0};
	enum port_mode mode = MODE_NAME;
	size_t pos = 0, ntok = 0;
	int r;

	while (value_next(v, &pos, false, &t)) {
		ntok++;
		if (value_token_is(v, t, "glob") || value_token_is(v, t, "regex")) {
			mode = v[t.off] == 'g' ? MODE_GLOB : MODE_REGEX;
			kw = t;
			continue;
		}
		if (value_token_is(v, t, "noglob") || value_token_is(v, t, "noregex")) {
			bool noglob = v[t.off + 2] == 'g';
			if (mode == (noglob ? MODE_GLOB : MODE_REGEX))
				mode = MODE_NAME;
			continue;
		}
		if (mode == MODE_GLOB)
			r = expand_glob(w, t);
		else if (mode == MODE_REGEX)
			r = add_copy(w, t, true);
		else if (value_token_is(v, t, "none"))
			r = value_fail(w->err, t.off, t.len,
			               "'none' means no ports and must be the only word");
		else
			r = add_copy(w, t, false);
		if (r < 0)
			return r;
		mode = MODE_NAME;
	}
	if (mode != MODE_NAME)
		return value_fail(w->err, kw.off, kw.len, "'%s' must be followed by %s",
		                  mode == MODE_GLOB ? "glob" : "regex",
		                  mode == MODE_GLOB ? "a glob expression like swp1-4"
		                                    : "a regular expression");
	if (ntok == 0)
		return value_fail(w->err, pos, 0,
		                  "missing ports: expected interface names, glob EXPR, regex EXPR "
		                  "or none");
	return 0;
}

int value_parse_port_list(struct arena *a, const char *v, struct ifcc_port **out, size_t *n,
                          struct value_error *err)
{
	struct value_token tok[2];
	struct port_walk w = {a, v, NULL, 0, err};

	if (value_tokens(v, tok, 2) == 1 && value_token_is(v, tok[0], "none")) {
		*out = NULL;
		*n = 0;
		return 0;
	}
	int r = walk(&w);
	if (r < 0)
		return r;
	if (w.n) {
		w.arr = arena_alloc(a, w.n * sizeof(*w.arr));
		if (!w.arr)
			return value_nomem(err);
		w.n = 0;
		r = walk(&w);
		if (r < 0)
			return r;
	}
	*out = w.arr;
	*n = w.n;
	return 0;
}
