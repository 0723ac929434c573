/* VRF devices: the routing table (0: `vrf-table auto`, allocated at apply). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <netlink/route/link/vrf.h>

#include <linux/if_link.h>
#include <netlink/attr.h>
#include "link_ops.h"
#include "realise.h"
#include "state_json.h"

static int vrf_realise(struct arena *a, const struct ifcc_model *m, const struct ifcc_iface *i,
                       struct ifcc_link *l)
{
	(void)a;
	(void)m;
	const struct ifcc_line *ln = rz_line(i, "vrf-table");
	if (ln) {
		l->u.vrf.table = ln->v.table;
		l->set |= VRF_TABLE;
	}
	return 0;
}

static uint32_t vrf_compare(const struct ifcc_link *a, const struct ifcc_link *b)
{
	return a->u.vrf.table != b->u.vrf.table ? VRF_TABLE : 0;
}

static int vrf_to_json(const struct ifcc_link *l, json_t *o)
{
	if (!(l->set & VRF_TABLE))
		return 0;
	return sj_set(o, "table",
	              l->u.vrf.table ? json_integer(l->u.vrf.table) : json_string("auto"));
}

static int vrf_from_nl(struct arena *a, const struct link_nl *in, struct ifcc_link *l)
{
	(void)a;
	uint32_t table;
	if (rtnl_link_vrf_get_tableid(in->rl, &table) == 0) {
		l->u.vrf.table = table;
		l->set |= VRF_TABLE;
	}
	return 0;
}

static int vrf_from_json(struct arena *a, json_t *o, struct ifcc_link *l, const char **why)
{
	json_t *t = json_object_get(o, "table");
	uint64_t u;
	int r;
	if (!t)
		return 0;
	if (json_is_string(t) && !strcmp(json_string_value(t), "auto")) {
		l->u.vrf.table = 0;
	} else {
		if ((r = sj_get_uint(a, o, "table", UINT32_MAX, &u, why)) < 0)
			return r;
		l->u.vrf.table = (uint32_t)u;
	}
	l->set |= VRF_TABLE;
	return 0;
}

static void vrf_describe(const struct ifcc_link *l, char *buf, size_t n)
{
	if (l->u.vrf.table)
		snprintf(buf, n, "table %u", l->u.vrf.table);
	else
		snprintf(buf, n, "table auto");
}

static void vrf_ip_args(const struct ifcc_link *l, uint32_t fields, bool add, FILE *out)
{
	(void)add;
	fputs(" type vrf", out);
	if (fields & VRF_TABLE)
		fprintf(out, " table %u", l->u.vrf.table);
}

static int vrf_to_nl(const struct ifcc_link *l, uint32_t fields, bool add,
                     struct nl_msg *m, int (*index_of)(void *ctx, const char *name),
                     void *ctx)
{
	(void)add;
	(void)index_of;
	(void)ctx;
	if ((fields & VRF_TABLE) && nla_put_u32(m, IFLA_VRF_TABLE, l->u.vrf.table))
		return -ENOMEM;
	return 0;
}

const struct ifcc_link_ops link_vrf_ops = {
    .kind = LK_VRF,
    .name = "vrf",
    .realise = vrf_realise,
    .compare = vrf_compare,
    .from_nl = vrf_from_nl,
    .to_json = vrf_to_json,
    .from_json = vrf_from_json,
    .describe = vrf_describe,
    .ip_args = vrf_ip_args,
    .fixed = VRF_TABLE,
    .to_nl = vrf_to_nl,
};
