/* Private to the validator: what every rule function gets. */
#ifndef IFCC_VCTX_H
#define IFCC_VCTX_H

#include "ifcc/validate.h"

struct vctx {
	const struct ifcc_device *dev;
	const struct ifcc_validate_opts *opts;
	struct ifcc_diags *d;
	struct arena *a;
};

/* Reports rule `id` with its table severity; the id must be in the table. */
struct ifcc_diag *vreport(struct vctx *v, const char *id, struct ifcc_loc loc, const char *fmt,
			  ...) __attribute__((format(printf, 4, 5)));

/* Location of the n-th value token of an attribute line (the whole value if none). */
struct ifcc_loc vline_token_loc(const struct ifcc_line *ln, size_t n);

bool prefix_contains(const struct ifcc_prefix *net, const struct ifcc_ip *ip);

/* Inline: the address rules compare many thousands of pairs, most differing at once. */
static inline bool ip_equal(const struct ifcc_ip *a, const struct ifcc_ip *b)
{
	if (a->family != b->family)
		return false;
	size_t n = a->family == IFCC_AF_INET ? 4 : 16;
	for (size_t k = 0; k < n; k++)
		if (a->addr[k] != b->addr[k])
			return false;
	return true;
}

void validate_vrr(struct vctx *v);
/* The graph rules: the three parts below, in this order. */
void validate_graph(struct vctx *v);
void validate_graph_ifaces(struct vctx *v); /* ports, raw devices, VLAN ids, MTUs */
void validate_graph_cycles(struct vctx *v); /* loops among masters and lower devices */
void validate_graph_vlans(struct vctx *v);     /* bridges' VLANs */
void validate_graph_addresses(struct vctx *v); /* addresses used twice */
void validate_mlag(struct vctx *v);

#endif
