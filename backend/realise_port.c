/*
 * Bridge ports and bridges, as ifupdown2 sets them beyond links and VLANs:
 * - port flags: `bridge-learning`, `bridge-arp-nd-suppress` (on the port's stanza, or as
 *   PORT=on|off on the bridge's), and VLAN tunnelling on the single VXLAN device of a
 *   VLAN-aware bridge (its `bridge-vlan-vni-map` becomes per-VLAN tunnel ids), and a
 *   VXLAN port as a permanent multicast router port (ifupdown2's policy);
 * - IPv6 off on every bridge port (net.ipv6.conf.PORT.disable_ipv6 = 1);
 * - a bridge's forwarding sysctls: 1 when it has an address or an SVI on it, else 0, unless
 *   `ip-forward`/`ip6-forward` say otherwise.
 */
#include <errno.h>
#include <string.h>

#include "realise.h"

/* on|yes|1 -> 1, off|no|0 -> 0, else -1. */
static int word_bool(const char *w, size_t n)
{
	static const char *const on[] = {"on", "yes", "1"}, *const off[] = {"off", "no", "0"};
	for (size_t k = 0; k < 3; k++) {
		if (strlen(on[k]) == n && !strncmp(w, on[k], n))
			return 1;
		if (strlen(off[k]) == n && !strncmp(w, off[k], n))
			return 0;
	}
	return -1;
}

/* A per-port on/off attribute: the port's own plain value, else PORT=VALUE on the bridge. */
static int port_flag(const struct ifcc_iface *port, const struct ifcc_iface *br,
                     const char *attr, struct ifcc_loc *where)
{
	const struct ifcc_line *ln = ifcc_iface_first(port, attr);
	if (ln && ln->text) {
		*where = rz_loc(ln);
		return word_bool(ln->text, strlen(ln->text));
	}
	ln = ifcc_iface_first(br, attr);
	size_t n = strlen(port->name);
	for (const char *p = ln && ln->text ? ln->text : ""; *p;) {
		while (*p == ' ' || *p == '\t')
			p++;
		const char *end = p + strcspn(p, " \t");
		if (!strncmp(p, port->name, n) && p[n] == '=') {
			*where = rz_loc(ln);
			return word_bool(p + n + 1, (size_t)(end - p - n - 1));
		}
		p = end;
	}
	return -1;
}

static struct ifcc_link *link_of(struct realise_ctx *c, const char *name)
{
	for (size_t k = 0; k < c->s->links.n; k++)
		if (!strcmp(c->s->links.v[k].name, name))
			return &c->s->links.v[k];
	return NULL;
}

static int port(struct realise_ctx *c, const struct ifcc_iface *i)
{
	struct ifcc_link *l = link_of(c, i->name);
	if (!l)
		return 0;
	struct ifcc_loc where = {0};
	int v;
	if ((v = port_flag(i, i->master, "bridge-learning", &where)) >= 0) {
		l->brport.learning = v;
		l->brport.set |= BP_LEARNING;
		/* a VXLAN device learns (or not) like its port, unless vxlan-learning says */
		if (l->kind == LK_VXLAN && !(l->set & VXF_LEARNING)) {
			l->u.vxlan.learning = v;
			l->set |= VXF_LEARNING;
		}
	}
	if ((v = port_flag(i, i->master, "bridge-arp-nd-suppress", &where)) >= 0) {
		l->brport.neigh_suppress = v;
		l->brport.set |= BP_NEIGH_SUPPRESS;
	}
	if (l->kind == LK_VXLAN && l->u.vxlan.external && i->master->vlan_aware) {
		l->brport.vlan_tunnel = true;
		l->brport.set |= BP_VLAN_TUNNEL;
	}
	if (l->kind == LK_VXLAN) { /* ifupdown2's policy: a VXLAN port always a router port */
		l->brport.mcast_router = 2;
		l->brport.set |= BP_MCAST_ROUTER;
	}
	if (l->brport.set)
		l->set |= LF_BRPORT;
	/* ifupdown2 turns IPv6 off on bridge ports */
	return realise_sysctl(c, "ipv6", i->name, "disable_ipv6", "1", l->source);
}

/* A bridge routes when it has an address or an SVI on it. */
static int bridge(struct realise_ctx *c, const struct ifcc_iface *br)
{
	bool l3 = ifcc_iface_attr(br, "address") != NULL;
	for (size_t k = 0; !l3 && k < c->m->ifaces.n; k++) {
		const struct ifcc_iface *i = c->m->ifaces.v[k];
		l3 = i->kind == IFK_VLAN && i->lower == br;
	}
	const char *v = l3 ? "1" : "0";
	int r = 0;
	if (!ifcc_iface_attr(br, "ip-forward"))
		r = realise_sysctl(c, "ipv4", br->name, "forwarding", v, br->loc);
	if (!r && !ifcc_iface_attr(br, "ip6-forward"))
		r = realise_sysctl(c, "ipv6", br->name, "forwarding", v, br->loc);
	return r;
}

int realise_ports(struct realise_ctx *c)
{
	for (size_t k = 0; k < c->m->ifaces.n; k++) {
		const struct ifcc_iface *i = c->m->ifaces.v[k];
		int r = 0;
		if (i->master && i->master->kind == IFK_BRIDGE)
			r = port(c, i);
		if (!r && i->kind == IFK_BRIDGE)
			r = bridge(c, i);
		if (r < 0)
			return r;
	}
	return 0;
}
