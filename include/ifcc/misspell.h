/* "Did you mean": the closest candidate within a small edit distance. */
#ifndef IFCC_MISSPELL_H
#define IFCC_MISSPELL_H

#include <stddef.h>

struct misspell {
	const char *word;
	const char *best;
	unsigned best_dist;
};

void misspell_init(struct misspell *m, const char *word);
/* Offers one candidate; keeps the closest one within the allowed distance. */
void misspell_offer(struct misspell *m, const char *candidate);
/* The suggestion, or NULL when nothing is close enough. */
const char *misspell_result(const struct misspell *m);

/* Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps). */
unsigned edit_distance(const char *a, const char *b);

#endif
