/*
 * Macvlan links: lower link and mode. No stanza makes one; realise_vrr.c creates the
 * private-mode macvlans of `address-virtual`.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/if_link.h>
#include <netlink/route/link/macvlan.h>

#include <netlink/attr.h>
#include "link_ops.h"
#include "state_json.h"

static const char *const modes[] = {
    [MACVLAN_PRIVATE] = "private",
    [MACVLAN_VEPA] = "vepa",
    [MACVLAN_BRIDGE] = "bridge",
    [MACVLAN_PASSTHRU] = "passthru",
};

static uint32_t macvlan_compare(const struct ifcc_link *a, const struct ifcc_link *b)
{
	const struct ifcc_link_macvlan *x = &a->u.macvlan, *y = &b->u.macvlan;
	return (strcmp(x->lower ? x->lower : "", y->lower ? y->lower : "") ? MVF_LOWER : 0) |
	       (x->mode != y->mode ? MVF_MODE : 0);
}

static int macvlan_to_json(const struct ifcc_link *l, json_t *o)
{
	int r = 0;
	if (l->set & MVF_LOWER)
		r |= sj_set(o, "lower", json_string(l->u.macvlan.lower));
	if (l->set & MVF_MODE)
		r |= sj_set(o, "mode", json_string(modes[l->u.macvlan.mode]));
	return r ? -ENOMEM : 0;
}

static int macvlan_from_nl(struct arena *a, const struct link_nl *in, struct ifcc_link *l)
{
	(void)a;
	struct ifcc_link_macvlan *m = &l->u.macvlan;
	if (in->link) {
		m->lower = in->link;
		l->set |= MVF_LOWER;
	}
	switch (rtnl_link_macvlan_get_mode(in->rl)) {
	case MACVLAN_MODE_PRIVATE:
		m->mode = MACVLAN_PRIVATE;
		break;
	case MACVLAN_MODE_VEPA:
		m->mode = MACVLAN_VEPA;
		break;
	case MACVLAN_MODE_BRIDGE:
		m->mode = MACVLAN_BRIDGE;
		break;
	case MACVLAN_MODE_PASSTHRU:
		m->mode = MACVLAN_PASSTHRU;
		break;
	default: /* source mode: the model has no name for it */
		return 0;
	}
	l->set |= MVF_MODE;
	return 0;
}

static int macvlan_from_json(struct arena *a, json_t *o, struct ifcc_link *l, const char **why)
{
	unsigned mode;
	int r;
	if ((r = sj_get_str(a, o, "lower", &l->u.macvlan.lower, why)) < 0)
		return r;
	l->set |= r ? MVF_LOWER : 0;
	if ((r = sj_get_name(a, o, "mode", modes, sizeof(modes) / sizeof(*modes), &mode, why)) < 0)
		return r;
	if (r) {
		l->u.macvlan.mode = (enum ifcc_macvlan_mode)mode;
		l->set |= MVF_MODE;
	}
	return 0;
}

static void macvlan_describe(const struct ifcc_link *l, char *buf, size_t n)
{
	snprintf(buf, n, "mode %s on %s", modes[l->u.macvlan.mode],
	         l->u.macvlan.lower ? l->u.macvlan.lower : "?");
}

static void macvlan_ip_args(const struct ifcc_link *l, uint32_t fields, bool add, FILE *out)
{
	if (add && (fields & MVF_LOWER))
		fprintf(out, " link %s", l->u.macvlan.lower);
	fputs(" type macvlan", out);
	if (fields & MVF_MODE)
		fprintf(out, " mode %s", modes[l->u.macvlan.mode]);
}

static int macvlan_to_nl(const struct ifcc_link *l, uint32_t fields, bool add,
                         struct nl_msg *m, int (*index_of)(void *ctx, const char *name),
                         void *ctx)
{
	(void)add;
	(void)index_of;
	(void)ctx;
	static const uint32_t kernel_mode[] = {
	    [MACVLAN_PRIVATE] = MACVLAN_MODE_PRIVATE,
	    [MACVLAN_VEPA] = MACVLAN_MODE_VEPA,
	    [MACVLAN_BRIDGE] = MACVLAN_MODE_BRIDGE,
	    [MACVLAN_PASSTHRU] = MACVLAN_MODE_PASSTHRU,
	};
	if ((fields & MVF_MODE) && nla_put_u32(m, IFLA_MACVLAN_MODE, kernel_mode[l->u.macvlan.mode]))
		return -ENOMEM;
	return 0;
}

const struct ifcc_link_ops link_macvlan_ops = {
    .kind = LK_MACVLAN,
    .name = "macvlan",
    .compare = macvlan_compare,
    .from_nl = macvlan_from_nl,
    .to_json = macvlan_to_json,
    .from_json = macvlan_from_json,
    .describe = macvlan_describe,
    .ip_args = macvlan_ip_args,
    .fixed = MVF_LOWER,
    .to_nl = macvlan_to_nl,
};
