/* One line per kernel object, for people; the source line, when there is one, last. */
#include <stdio.h>

#include "ifcc/state.h"
#include "link_ops.h"

static void source(const struct ifcc_loc *l, FILE *out)
{
	if (l->file)
		fprintf(out, "  # %s:%u:%u", l->file->path, l->line, l->col);
	fputc('\n', out);
}

static void link_text(const struct ifcc_link *l, FILE *out)
{
	const struct ifcc_link_ops *ops = link_ops_get(l->kind);
	char buf[160] = "";
	if (ops->describe)
		ops->describe(l, buf, sizeof(buf));
	fprintf(out, "link %s %s%s%s", l->name, ops->name, *buf ? " " : "", buf);
	if (l->set & LF_MTU)
		fprintf(out, " mtu %u", l->mtu);
	if (l->set & LF_ADDRESS) {
		ifcc_mac_format(&l->address, buf, sizeof(buf));
		fprintf(out, " address %s", buf);
	}
	if ((l->set & LF_MASTER) && l->master)
		fprintf(out, " master %s", l->master);
	if (l->set & LF_ADMIN)
		fputs(l->up ? " up" : " down", out);
	if (l->set & LF_ALIAS)
		fprintf(out, " alias \"%s\"", l->alias);
	char bp[96];
	ifcc_brport_format(&l->brport, bp, sizeof(bp));
	fprintf(out, "%s", bp);
	source(&l->source, out);
}

void ifcc_state_write_text(const struct ifcc_state *s, FILE *out)
{
	char a[80], b[80];
	for (size_t k = 0; k < s->links.n; k++)
		link_text(&s->links.v[k], out);
	for (size_t k = 0; k < s->addresses.n; k++) {
		const struct ifcc_address *ad = &s->addresses.v[k];
		ifcc_prefix_format(&ad->prefix, a, sizeof(a));
		fprintf(out, "address %s dev %s", a, ad->ifname);
		if (ad->metric)
			fprintf(out, " metric %u", ad->metric);
		if (ad->flags & IFCC_ADDR_NODAD)
			fputs(" nodad", out);
		source(&ad->source, out);
	}
	for (size_t k = 0; k < s->bridge_vlans.n; k++) {
		const struct ifcc_bridge_vlan *bv = &s->bridge_vlans.v[k];
		fprintf(out, "bridge-vlan dev %s vid %u%s%s%s", bv->ifname, bv->vid,
		        bv->pvid ? " pvid" : "", bv->untagged ? " untagged" : "",
		        bv->self ? " self" : "");
		if (bv->tunnel_id)
			fprintf(out, " tunnel_info id %u", bv->tunnel_id);
		source(&bv->source, out);
	}
	for (size_t k = 0; k < s->fdb.n; k++) {
		const struct ifcc_fdb *f = &s->fdb.v[k];
		ifcc_mac_format(&f->mac, a, sizeof(a));
		fprintf(out, "fdb %s dev %s", a, f->ifname);
		if (f->vid)
			fprintf(out, " vlan %u", f->vid);
		fprintf(out, "%s%s", f->self ? " self" : "", f->master ? " master" : "");
		source(&f->source, out);
	}
	for (size_t k = 0; k < s->routes.n; k++) {
		const struct ifcc_route *rt = &s->routes.v[k];
		ifcc_prefix_format(&rt->dst, a, sizeof(a));
		ifcc_ip_format(&rt->gateway, b, sizeof(b));
		fprintf(out, "route %s via %s", rt->dst.len ? a : "default", b);
		if (rt->dev)
			fprintf(out, " dev %s", rt->dev);
		if (rt->vrf)
			fprintf(out, " vrf %s", rt->vrf);
		if (rt->metric)
			fprintf(out, " metric %u", rt->metric);
		if (rt->onlink)
			fputs(" onlink", out);
		source(&rt->source, out);
	}
	for (size_t k = 0; k < s->sysctls.n; k++) {
		fprintf(out, "sysctl %s=%s", s->sysctls.v[k].name, s->sysctls.v[k].value);
		source(&s->sysctls.v[k].source, out);
	}
	for (size_t k = 0; k < s->rules.n; k++) {
		const struct ifcc_fib_rule *ru = &s->rules.v[k];
		char t[16];
		ifcc_table_format(ru->table, t, sizeof(t));
		fprintf(out, "rule %s from all lookup %s priority %u",
		        ru->family == IFCC_AF_INET6 ? "ipv6" : "ipv4", t, ru->priority);
		source(&ru->source, out);
	}
}
