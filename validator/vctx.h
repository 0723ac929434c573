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
bool ip_equal(const struct ifcc_ip *a, const struct ifcc_ip *b);

void validate_vrr(struct vctx *v);
void validate_graph(struct vctx *v);
void validate_mlag(struct vctx *v);

#endif
