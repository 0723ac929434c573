/*
 * Lowering, step 2: attributes. Aliases become their canonical names (the later list
 * wins when both are present, as in ifupdown2); unknown attributes are kept as text
 * with a "did you mean"; deprecated ones name their replacement; a first-line-wins
 * attribute given twice says which line counts; every known value is typed.
 */
#include <string.h>

#include "ifcc/misspell.h"
#include "lower.h"

static struct ifcc_loc line_loc(const struct ifcc_line *ln)
{
	return ast_attr_key_loc(ln->src);
}

/*
 * Attributes no ifupdown2 module reads but that hook scripts in /etc/network/if-*.d
 * consume from the environment (resolvconf, wpasupplicant, hostapd) or that Cumulus
 * daemons read (vxrd): part of real files, not mistakes.
 */
static bool script_attr(const char *name)
{
	static const char *const prefixes[] = {"dns-", "wpa-", "hostapd", "vxrd-"};
	for (size_t k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++)
		if (!strncmp(name, prefixes[k], strlen(prefixes[k])))
			return true;
	return false;
}

static void suggest_attr(struct lower_ctx *lc, const struct ifcc_iface *i,
			 const struct ifcc_attr *at)
{
	struct misspell ms;
	misspell_init(&ms, at->name);
	for (size_t k = 0; k < ifcc_nkeywords; k++)
		misspell_offer(&ms, ifcc_keywords[k].name);
	const char *best = misspell_result(&ms);
	for (size_t k = 0; k < at->lines.n; k++) {
		const struct ifcc_line *ln = at->lines.v[k];
		if (best)
			diag_add(lc->d, IFCC_WARNING, "unknown-attribute", line_loc(ln),
				 "iface %s: unknown attribute '%s'; did you mean '%s'?", i->name,
				 at->name, best);
		else
			diag_add(lc->d, IFCC_WARNING, "unknown-attribute", line_loc(ln),
				 "iface %s: unknown attribute '%s' (ifupdown2 keeps it but no "
				 "module uses it)",
				 i->name, at->name);
	}
}

/* Rewrites alias names in place; when the canonical attribute is also present the
 * list that comes later in the stanza order replaces the other. */
static void translate_aliases(struct lower_ctx *lc, struct ifcc_iface *i)
{
	for (size_t k = 0; k < i->attrs.n; k++) {
		struct ifcc_attr *at = i->attrs.v[k];
		if (!at->kw || !at->kw->alias_of)
			continue;
		const struct ifcc_keyword *canon = ifcc_keyword_canonical(at->kw);
		struct ifcc_attr *other = lower_find_attr(i, canon, canon->name);
		if (!other) {
			at->name = canon->name;
			at->kw = canon;
			lower_kw_mark(i, canon);
			continue;
		}
		const struct ifcc_line *a0 = at->lines.v[0], *c0 = other->lines.v[0];
		struct ifcc_diag *g = diag_add(
			lc->d, IFCC_WARNING, "alias-conflict", line_loc(a0),
			"iface %s: '%s' is another name for '%s', which is also set; ifupdown2 "
			"keeps only the one that comes later",
			i->name, at->kw->name, canon->name);
		diag_note(lc->d, g, line_loc(c0), "'%s' is set here", canon->name);
		/* Attribute order is first-seen order: the one at the higher index is later. */
		size_t idx_other = 0;
		for (size_t j = 0; j < i->attrs.n; j++)
			if (i->attrs.v[j] == other)
				idx_other = j;
		if (k > idx_other)
			other->lines = at->lines;
		memmove(&i->attrs.v[k], &i->attrs.v[k + 1], (i->attrs.n - k - 1) * sizeof(void *));
		i->attrs.n--;
		k--;
	}
}

static void check_repeats(struct lower_ctx *lc, const struct ifcc_iface *i,
			  const struct ifcc_attr *at)
{
	if (!at->kw || at->kw->multi == KW_ALL_LINES || at->lines.n < 2)
		return;
	/* These pair with the `address` line before them (ifupdown2 aligns them by index). */
	static const char *const positional[] = {"netmask", "broadcast", "scope",
						 "preferred-lifetime"};
	for (size_t k = 0; k < sizeof(positional) / sizeof(positional[0]); k++)
		if (!strcmp(at->name, positional[k]))
			return;
	const struct ifcc_line *first = at->lines.v[0];
	for (size_t k = 1; k < at->lines.n; k++) {
		const struct ifcc_line *ln = at->lines.v[k];
		struct ifcc_diag *g;
		if (!strcmp(ln->text, first->text))
			g = diag_add(lc->d, IFCC_WARNING, "repeated-attribute", line_loc(ln),
				     "iface %s: '%s' is given again with the same value; only the "
				     "first line counts",
				     i->name, at->name);
		else
			g = diag_add(lc->d, IFCC_WARNING, "repeated-attribute", line_loc(ln),
				     "iface %s: '%s %s' is ignored: ifupdown2 uses only the first "
				     "'%s' line ('%s')",
				     i->name, at->name, ln->text, at->name, first->text);
		diag_note(lc->d, g, line_loc(first), "the line that counts");
	}
}

void lower_iface_attrs(struct lower_ctx *lc, struct ifcc_iface *i)
{
	translate_aliases(lc, i);
	for (size_t k = 0; k < i->attrs.n; k++) {
		struct ifcc_attr *at = i->attrs.v[k];
		if (!at->kw) {
			if (!script_attr(at->name))
				suggest_attr(lc, i, at);
			continue;
		}
		if (at->kw->deprecated) {
			const struct ifcc_line *ln = at->lines.v[0];
			if (at->kw->replaced_by && *at->kw->replaced_by)
				diag_add(lc->d, IFCC_WARNING, "deprecated-attribute", line_loc(ln),
					 "iface %s: '%s' is deprecated; use '%s' instead", i->name,
					 at->name, at->kw->replaced_by);
			else
				diag_add(lc->d, IFCC_WARNING, "deprecated-attribute", line_loc(ln),
					 "iface %s: '%s' is deprecated", i->name, at->name);
		}
		check_repeats(lc, i, at);
		for (size_t j = 0; j < at->lines.n; j++)
			lower_type_line(lc, i, at->kw, at->lines.v[j]);
	}
}

