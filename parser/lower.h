/* Private to lowering: shared context of its steps. */
#ifndef IFCC_LOWER_H
#define IFCC_LOWER_H

#include "ifcc/model.h"

#define LOWER_RANGE_MAX 65536ul
/*
 * Names one configuration may make from ranges and globs: interfaces from ranged stanza
 * names, plus bridge/bond port entries. A few bytes of `iface a[1-65536]` lines or
 * `bridge-ports glob` lines would otherwise cost gigabytes. The same bound applies to
 * ranges in `auto` lines, counted apart (build.c).
 */
#define LOWER_NAMES_MAX 65536ul

struct lower_ctx {
	struct ifcc_config *cfg;
	struct ifcc_model *m;
	struct arena *a;
	struct ifcc_diags *d;
	/* The last raw device and VRF looked up by name (most lookups repeat the last). */
	struct ifcc_iface *last_raw, *last_vrf;
	unsigned long names;	  /* spent of LOWER_NAMES_MAX */
	bool names_reported;
	/* Scratch of build_attrs, reused from one interface to the next. */
	const struct ast_attr **tmp_rep;
	uint32_t *tmp_grp;
	size_t *tmp_cnt;
	size_t tmp_cap;
};

/* Sets the bit of keyword row kw in i->kw_bits (row % 64). */
static inline void lower_kw_mark(struct ifcc_iface *i, const struct ifcc_keyword *kw)
{
	i->kw_bits |= 1ull << ((size_t)(kw - ifcc_keywords) % 64);
}

/* False when the interface has no attribute of keyword row `row` (true: it may). */
static inline bool lower_kw_maybe(const struct ifcc_iface *i, size_t row)
{
	return (i->kw_bits >> (row % 64)) & 1;
}

struct ifcc_iface *lower_iface(struct lower_ctx *lc, const char *name, struct ifcc_loc loc,
			       bool implicit);
/* The interface's attribute of table row kw (NULL: the unknown attribute `name`). */
struct ifcc_attr *lower_find_attr(const struct ifcc_iface *i, const struct ifcc_keyword *kw,
				  const char *name);
/* Spends n of LOWER_NAMES_MAX; false (reported once, at loc) when that would go over. */
bool lower_spend_names(struct lower_ctx *lc, unsigned long n, struct ifcc_loc loc);

/* Step 2: each interface's attribute lines gathered from its stanzas, then aliases,
 * unknown/deprecated attributes, repeated first-line attributes, values, and its kind.
 * With `share`, a second thread takes part of the interfaces. 0 or -1. */
int lower_attributes(struct lower_ctx *lc, bool share);
/* Step 2 for one interface (lower_attrs.c). */
void lower_iface_attrs(struct lower_ctx *lc, struct ifcc_iface *i);
/* The kind of an interface with a stanza, from its name, method and attributes, and
 * whether it is a VLAN-aware bridge (lower_refs.c). */
void lower_kind(struct ifcc_iface *i);
/*
 * Step 2's part of steps 3 and 4, for an interface with a stanza whose kind is known: its
 * VLAN id; its raw device and VRF when they are interfaces already (pointers that step 3
 * checks, without looking them up again); whether any attribute misfits its kind, as a
 * bridge port or not (LOWER_MISFIT_*: step 4 looks only at those that do). Touches only i.
 */
void lower_prefetch_refs(struct lower_ctx *lc, struct ifcc_iface *i);
#define LOWER_MISFIT_ALONE 1u	     /* an attribute does not apply, i not a bridge port */
#define LOWER_MISFIT_BRIDGE_PORT 2u /* the same with i a bridge port */
/* Step 3: references (ports, masters, raw devices, VRFs); interfaces named only by
 * other interfaces are added. */
void lower_references(struct lower_ctx *lc);
/* Step 4: attributes that do not apply to the interface's kind. */
void lower_check_kinds(struct lower_ctx *lc);

/* Types one line with its keyword; reports a bad value at its exact columns. */
void lower_type_line(struct lower_ctx *lc, const struct ifcc_iface *i,
		     const struct ifcc_keyword *kw, struct ifcc_line *ln);

#endif
