/* Bonds: mode, MII monitoring, LACP rate, transmit hash, minimum links. */
#include <errno.h>
#include <stdio.h>

#include <linux/if_link.h>
#include <netlink/attr.h>

#include "link_ops.h"
#include "realise.h"
#include "state_json.h"

/* Kernel numbering; ifupdown2's value lists pair each number with its name ("4|802.3ad"),
 * so a value's index in the keyword table divided by two is the kernel number. */
static const char *const modes[] = {"balance-rr", "active-backup", "balance-xor", "broadcast",
                                    "802.3ad",    "balance-tlb",   "balance-alb"};
static const char *const rates[] = {"slow", "fast"};
static const char *const hashes[] = {"layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4"};

#define N(a) (sizeof(a) / sizeof(*(a)))

static int bond_realise(struct arena *a, const struct ifcc_model *m, const struct ifcc_iface *i,
                        struct ifcc_link *l)
{
	(void)a;
	(void)m;
	struct ifcc_link_bond *b = &l->u.bond;
	const struct ifcc_line *ln;
	int w;
	if ((w = rz_word(i, "bond-mode")) >= 0 && (unsigned)w / 2 < N(modes)) {
		b->mode = (uint8_t)(w / 2);
		l->set |= BOF_MODE;
	}
	if ((w = rz_word(i, "bond-lacp-rate")) >= 0 && (unsigned)w / 2 < N(rates)) {
		b->lacp_rate = (uint8_t)(w / 2);
		l->set |= BOF_LACP_RATE;
	}
	if ((w = rz_word(i, "bond-xmit-hash-policy")) >= 0 && (unsigned)w / 2 < N(hashes)) {
		b->xmit_hash = (uint8_t)(w / 2);
		l->set |= BOF_XMIT_HASH;
	}
	if ((ln = rz_line(i, "bond-miimon"))) {
		b->miimon = (uint32_t)ln->v.u;
		l->set |= BOF_MIIMON;
	}
	if ((ln = rz_line(i, "bond-min-links"))) {
		b->min_links = (uint32_t)ln->v.u;
		l->set |= BOF_MIN_LINKS;
	}
	return 0;
}

static uint32_t bond_compare(const struct ifcc_link *a, const struct ifcc_link *b)
{
	const struct ifcc_link_bond *x = &a->u.bond, *y = &b->u.bond;
	return (x->mode != y->mode ? BOF_MODE : 0) | (x->miimon != y->miimon ? BOF_MIIMON : 0) |
	       (x->lacp_rate != y->lacp_rate ? BOF_LACP_RATE : 0) |
	       (x->xmit_hash != y->xmit_hash ? BOF_XMIT_HASH : 0) |
	       (x->min_links != y->min_links ? BOF_MIN_LINKS : 0);
}

static int bond_to_json(const struct ifcc_link *l, json_t *o)
{
	const struct ifcc_link_bond *b = &l->u.bond;
	int r = 0;
	if (l->set & BOF_MODE)
		r |= sj_set(o, "mode", json_string(modes[b->mode]));
	if (l->set & BOF_MIIMON)
		r |= sj_set(o, "miimon", json_integer(b->miimon));
	if (l->set & BOF_LACP_RATE)
		r |= sj_set(o, "lacp_rate", json_string(rates[b->lacp_rate]));
	if (l->set & BOF_XMIT_HASH)
		r |= sj_set(o, "xmit_hash_policy", json_string(hashes[b->xmit_hash]));
	if (l->set & BOF_MIN_LINKS)
		r |= sj_set(o, "min_links", json_integer(b->min_links));
	return r ? -ENOMEM : 0;
}

/* libnl's bonding module only builds requests: read IFLA_INFO_DATA raw. Values the model
 * has no name for (xmit_hash_policy vlan+srcmac, say) stay unset. */
static int bond_from_nl(struct arena *a, const struct link_nl *in, struct ifcc_link *l)
{
	(void)a;
	static const struct nla_policy pol[IFLA_BOND_MAX + 1] = {
	    [IFLA_BOND_MODE] = {.type = NLA_U8},
	    [IFLA_BOND_MIIMON] = {.type = NLA_U32},
	    [IFLA_BOND_AD_LACP_RATE] = {.type = NLA_U8},
	    [IFLA_BOND_XMIT_HASH_POLICY] = {.type = NLA_U8},
	    [IFLA_BOND_MIN_LINKS] = {.type = NLA_U32},
	};
	struct nlattr *tb[IFLA_BOND_MAX + 1];
	struct ifcc_link_bond *b = &l->u.bond;
	if (!in->data || nla_parse_nested(tb, IFLA_BOND_MAX, in->data, pol) < 0)
		return 0;
	uint8_t v;
	if (tb[IFLA_BOND_MODE] && (v = nla_get_u8(tb[IFLA_BOND_MODE])) < N(modes)) {
		b->mode = v;
		l->set |= BOF_MODE;
	}
	if (tb[IFLA_BOND_AD_LACP_RATE] && (v = nla_get_u8(tb[IFLA_BOND_AD_LACP_RATE])) < N(rates)) {
		b->lacp_rate = v;
		l->set |= BOF_LACP_RATE;
	}
	if (tb[IFLA_BOND_XMIT_HASH_POLICY] &&
	    (v = nla_get_u8(tb[IFLA_BOND_XMIT_HASH_POLICY])) < N(hashes)) {
		b->xmit_hash = v;
		l->set |= BOF_XMIT_HASH;
	}
	if (tb[IFLA_BOND_MIIMON]) {
		b->miimon = nla_get_u32(tb[IFLA_BOND_MIIMON]);
		l->set |= BOF_MIIMON;
	}
	if (tb[IFLA_BOND_MIN_LINKS]) {
		b->min_links = nla_get_u32(tb[IFLA_BOND_MIN_LINKS]);
		l->set |= BOF_MIN_LINKS;
	}
	return 0;
}

static int get_name(struct arena *a, json_t *o, const char *key, const char *const *names, size_t n,
                    uint8_t *out, uint32_t bit, struct ifcc_link *l, const char **why)
{
	unsigned v;
	int r = sj_get_name(a, o, key, names, n, &v, why);
	if (r > 0) {
		*out = (uint8_t)v;
		l->set |= bit;
	}
	return r < 0 ? r : 0;
}

static int get_u32(struct arena *a, json_t *o, const char *key, uint32_t *out, uint32_t bit,
                   struct ifcc_link *l, const char **why)
{
	uint64_t v;
	int r = sj_get_uint(a, o, key, UINT32_MAX, &v, why);
	if (r > 0) {
		*out = (uint32_t)v;
		l->set |= bit;
	}
	return r < 0 ? r : 0;
}

static int bond_from_json(struct arena *a, json_t *o, struct ifcc_link *l, const char **why)
{
	struct ifcc_link_bond *b = &l->u.bond;
	int r;
	if ((r = get_name(a, o, "mode", modes, N(modes), &b->mode, BOF_MODE, l, why)) < 0 ||
	    (r = get_name(a, o, "lacp_rate", rates, N(rates), &b->lacp_rate, BOF_LACP_RATE, l,
	                  why)) < 0 ||
	    (r = get_name(a, o, "xmit_hash_policy", hashes, N(hashes), &b->xmit_hash, BOF_XMIT_HASH,
	                  l, why)) < 0 ||
	    (r = get_u32(a, o, "miimon", &b->miimon, BOF_MIIMON, l, why)) < 0 ||
	    (r = get_u32(a, o, "min_links", &b->min_links, BOF_MIN_LINKS, l, why)) < 0)
		return r;
	return 0;
}

static void bond_describe(const struct ifcc_link *l, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s", l->set & BOF_MODE ? "mode " : "",
	         l->set & BOF_MODE ? modes[l->u.bond.mode] : "");
}

static void bond_ip_args(const struct ifcc_link *l, uint32_t fields, bool add, FILE *out)
{
	(void)add;
	const struct ifcc_link_bond *b = &l->u.bond;
	fputs(" type bond", out);
	if (fields & BOF_MODE)
		fprintf(out, " mode %s", modes[b->mode]);
	if (fields & BOF_MIIMON)
		fprintf(out, " miimon %u", b->miimon);
	if (fields & BOF_LACP_RATE)
		fprintf(out, " lacp_rate %s", rates[b->lacp_rate]);
	if (fields & BOF_XMIT_HASH)
		fprintf(out, " xmit_hash_policy %s", hashes[b->xmit_hash]);
	if (fields & BOF_MIN_LINKS)
		fprintf(out, " min_links %u", b->min_links);
}

static int bond_to_nl(const struct ifcc_link *l, uint32_t fields, bool add,
                      struct nl_msg *m, int (*index_of)(void *ctx, const char *name),
                      void *ctx)
{
	(void)add;
	(void)index_of;
	(void)ctx;
	const struct ifcc_link_bond *b = &l->u.bond;
	int r = 0;
	if (fields & BOF_MODE)
		r |= nla_put_u8(m, IFLA_BOND_MODE, b->mode);
	if (fields & BOF_MIIMON)
		r |= nla_put_u32(m, IFLA_BOND_MIIMON, b->miimon);
	if (fields & BOF_LACP_RATE)
		r |= nla_put_u8(m, IFLA_BOND_AD_LACP_RATE, b->lacp_rate);
	if (fields & BOF_XMIT_HASH)
		r |= nla_put_u8(m, IFLA_BOND_XMIT_HASH_POLICY, b->xmit_hash);
	if (fields & BOF_MIN_LINKS)
		r |= nla_put_u32(m, IFLA_BOND_MIN_LINKS, b->min_links);
	return r ? -ENOMEM : 0;
}

const struct ifcc_link_ops link_bond_ops = {
    .kind = LK_BOND,
    .name = "bond",
    .realise = bond_realise,
    .compare = bond_compare,
    .from_nl = bond_from_nl,
    .to_json = bond_to_json,
    .from_json = bond_from_json,
    .describe = bond_describe,
    .ip_args = bond_ip_args,
    .fixed = BOF_MODE,
    .to_nl = bond_to_nl,
};
