#include "ifcc/range.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Python's \w on the ASCII range, plus any non-ASCII byte (part of a Unicode word). */
static int is_word(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

static int parse_number(const char *s, size_t *i, unsigned long *out)
{
	size_t start = *i;
	while (isdigit((unsigned char)s[*i]))
		(*i)++;
	if (*i == start || *i - start > 9)
		return 0;
	*out = strtoul(s + start, NULL, 10);
	return 1;
}

/* "[A-B]" at s[i]; on success i is just past ']'. */
static int parse_brackets(const char *s, size_t *i, struct ifcc_range *r)
{
	size_t j = *i;
	if (s[j] != '[')
		return 0;
	r->open = j++;
	if (!parse_number(s, &j, &r->first) || s[j++] != '-' || !parse_number(s, &j, &r->last) ||
	    s[j] != ']')
		return 0;
	r->close = j;
	*i = j + 1;
	return 1;
}

int ifcc_range_parse(const char *name, struct ifcc_range *r)
{
	memset(r, 0, sizeof(*r));
	if (!strchr(name, '['))
		return 0; /* both forms need one: the common case, a plain name */
	size_t i = 0;
	/* Form A: \w+ [A-B] [.\w]+ */
	while (is_word((unsigned char)name[i]))
		i++;
	if (i > 0 && parse_brackets(name, &i, r)) {
		size_t s = i;
		while (name[i] == '.' || is_word((unsigned char)name[i]))
			i++;
		if (i > s) {
			r->prefix = name;
			r->prefix_len = r->open;
			r->suffix = name + s;
			r->suffix_len = i - s;
			return 1;
		}
	}
	/* Form B: [\w.]+ [A-B], the rest ignored. */
	i = 0;
	while (name[i] == '.' || is_word((unsigned char)name[i]))
		i++;
	if (i > 0 && parse_brackets(name, &i, r)) {
		r->prefix = name;
		r->prefix_len = r->open;
		r->suffix = "";
		r->suffix_len = 0;
		return 1;
	}
	memset(r, 0, sizeof(*r));
	return 0;
}

unsigned long ifcc_range_count(const struct ifcc_range *r)
{
	return r->first > r->last ? 0 : r->last - r->first + 1;
}

char *ifcc_range_name(struct arena *a, const struct ifcc_range *r, unsigned long i)
{
	return arena_printf(a, "%.*s%lu%.*s", (int)r->prefix_len, r->prefix, r->first + i,
			    (int)r->suffix_len, r->suffix);
}
