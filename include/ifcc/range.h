/* Interface-name ranges as ifupdown2 reads them in stanza names and `auto` lines. */
#ifndef IFCC_RANGE_H
#define IFCC_RANGE_H

#include <stddef.h>

#include "ifcc/arena.h"

/* swp[1-4].100: prefix "swp", first 1, last 4, suffix ".100". Inclusive. */
struct ifcc_range {
	const char *prefix;
	size_t prefix_len;
	unsigned long first, last;
	const char *suffix;
	size_t suffix_len;
	size_t open, close; /* offsets of '[' and ']' in the name */
};

/*
 * Recognises the two forms ifupdown2 accepts: WORD[A-B]SUFFIX (suffix of word
 * characters and dots) and WORD.[A-B] / WORD[A-B] (anything after ']' ignored). A
 * dash in the prefix makes the name literal, as in ifupdown2. Returns 1 for a range,
 * 0 for a plain name.
 */
int ifcc_range_parse(const char *name, struct ifcc_range *r);

/* Number of names the range expands to (0 when first > last). */
unsigned long ifcc_range_count(const struct ifcc_range *r);

/* The i-th name (0-based) of the range, allocated in `a`. */
char *ifcc_range_name(struct arena *a, const struct ifcc_range *r, unsigned long i);

#endif
