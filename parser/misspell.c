#include "ifcc/misspell.h"

#include <string.h>

#define MAX_WORD 64

unsigned edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > MAX_WORD || m > MAX_WORD)
		return (unsigned)(n > m ? n : m);
	unsigned d[MAX_WORD + 1][MAX_WORD + 1];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[n][m];
}

void misspell_init(struct misspell *m, const char *word)
{
	m->word = word;
	m->best = NULL;
	m->best_dist = ~0u;
}

/* A third of the word's length, at least 1 and at most 3: "brige-ports" yes, "mtu" vs "up" no. */
static unsigned allowed(const char *w)
{
	size_t n = strlen(w) / 3;
	return n < 1 ? 1 : n > 3 ? 3 : (unsigned)n;
}

void misspell_offer(struct misspell *m, const char *candidate)
{
	if (!strcmp(m->word, candidate))
		return;
	/* The distance is at least the difference in length: skip hopeless candidates. */
	size_t n = strlen(m->word), c = strlen(candidate);
	unsigned limit = allowed(m->word);
	if ((n > c ? n - c : c - n) > limit)
		return;
	unsigned dist = edit_distance(m->word, candidate);
	if (dist <= limit && dist < m->best_dist) {
		m->best = candidate;
		m->best_dist = dist;
	}
}

const char *misspell_result(const struct misspell *m)
{
	return m->best;
}
