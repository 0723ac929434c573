/*
 * realise: the kernel state a configuration asks for (IFUPDOWN2-NOTES §2-§4). One link per
 * interface (physical ports and lo as kind physical: configured, never created), its
 * addresses, `gateway` routes and forwarding sysctls; then the bridge VLANs
 * (realise_bridge.c) and the VRR macvlans (realise_vrr.c).
 */
#include <errno.h>
#include <string.h>

#include "ifcc/frontend.h"
#include "link_ops.h"
#include "realise.h"

const struct ifcc_line *rz_line(const struct ifcc_iface *i, const char *name)
{
	const struct ifcc_line *ln = ifcc_iface_first(i, name);
	return ln && ln->typed ? ln : NULL;
}

int rz_word(const struct ifcc_iface *i, const char *name)
{
	const struct ifcc_attr *at = ifcc_iface_attr(i, name);
	const struct ifcc_line *ln = rz_line(i, name);
	if (!ln || !at->kw || at->kw->type != KW_ENUM)
		return -1;
	return (int)ln->v.index;
}

int rz_bool(const struct ifcc_iface *i, const char *name)
{
	int w = rz_word(i, name);
	if (w < 0)
		return -1;
	const char *s = ifcc_iface_attr(i, name)->kw->values[w];
	return !strcmp(s, "yes") || !strcmp(s, "on") || !strcmp(s, "1");
}

struct ifcc_loc rz_loc(const struct ifcc_line *ln)
{
	return ln ? ast_attr_key_loc(ln->src) : (struct ifcc_loc){0};
}

static int link_kind_of(enum ifcc_kind k)
{
	switch (k) {
	case IFK_PHYSICAL:
	case IFK_LOOPBACK:
		return LK_PHYSICAL;
	case IFK_BOND:
		return LK_BOND;
	case IFK_BRIDGE:
		return LK_BRIDGE;
	case IFK_VLAN:
		return LK_VLAN;
	case IFK_VRF:
		return LK_VRF;
	case IFK_VXLAN:
		return LK_VXLAN;
	case IFK_VETH:
		return LK_VETH;
	case IFK_DUMMY:
		return LK_DUMMY;
	default:
		return -1; /* tunnels: not modelled yet; bridge-vlan stanzas are no links */
	}
}

/* The line that made an interface: its stanza; for an implicit port the master's list; for
 * an implicit lower device, what made the first interface stacked on it. */
static struct ifcc_loc iface_source(const struct ifcc_model *m, const struct ifcc_iface *i,
                                    unsigned depth)
{
	if (!i->implicit)
		return i->loc;
	if (i->master) {
		const struct ifcc_line *ln = ifcc_iface_first(i->master, "bridge-ports");
		if (!ln)
			ln = ifcc_iface_first(i->master, "bond-slaves");
		return rz_loc(ln);
	}
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *up = m->ifaces.v[k];
		if (up->lower == i && up != i && depth < 8)
			return iface_source(m, up, depth + 1);
	}
	return (struct ifcc_loc){0};
}

static int realise_link(struct realise_ctx *c, const struct ifcc_iface *i)
{
	int kind = link_kind_of(i->kind);
	struct ifcc_link *l = ifcc_state_add_link(c->s);
	if (!l)
		return -ENOMEM;
	const struct ifcc_line *ln;
	l->name = i->name;
	l->kind = (enum ifcc_link_kind)kind;
	l->source = iface_source(c->m, i, 0);
	l->up = rz_bool(i, "link-down") != 1;
	l->master = i->master ? i->master->name : i->vrf ? i->vrf->name : NULL;
	l->set = LF_ADMIN | LF_MASTER;
	l->keep_addresses = rz_bool(i, "address-purge") == 0;
	if ((ln = rz_line(i, "mtu"))) {
		l->mtu = (uint32_t)ln->v.u;
		l->set |= LF_MTU;
	}
	if ((ln = rz_line(i, "hwaddress"))) {
		l->address = ln->v.mac;
		l->set |= LF_ADDRESS;
	}
	if ((ln = ifcc_iface_first(i, "alias"))) {
		l->alias = ln->text;
		l->set |= LF_ALIAS;
	}
	const struct ifcc_link_ops *ops = link_ops_get(l->kind);
	return ops->realise ? ops->realise(c->a, c->m, i, l) : 0;
}

static int realise_addresses(struct realise_ctx *c, const struct ifcc_iface *i)
{
	const struct ifcc_attr *at = ifcc_iface_attr(i, "address");
	for (size_t k = 0; at && k < at->lines.n; k++) {
		const struct ifcc_line *ln = at->lines.v[k];
		if (!ln->typed)
			continue;
		struct ifcc_address *ad = ifcc_state_add_address(c->s);
		if (!ad)
			return -ENOMEM;
		ad->ifname = i->name;
		ad->prefix = ln->v.prefix;
		ad->prefix.has_len = true;
		ad->source = rz_loc(ln);
	}
	return 0;
}

/* `gateway GW`: a default route of GW's family via GW on this interface, in its VRF's
 * table; onlink, as ifupdown2 does by default on L3 interfaces. */
static int realise_gateways(struct realise_ctx *c, const struct ifcc_iface *i)
{
	const struct ifcc_attr *at = ifcc_iface_attr(i, "gateway");
	for (size_t k = 0; at && k < at->lines.n; k++) {
		const struct ifcc_line *ln = at->lines.v[k];
		if (!ln->typed)
			continue;
		struct ifcc_route *rt = ifcc_state_add_route(c->s);
		if (!rt)
			return -ENOMEM;
		rt->vrf = i->vrf ? i->vrf->name : NULL;
		rt->dst.ip.family = ln->v.ip.family;
		rt->dst.has_len = true;
		rt->gateway = ln->v.ip;
		rt->dev = i->name;
		rt->onlink = true;
		/* the kernel's default metric of an IPv6 route (IPv4: none) */
		rt->metric = ln->v.ip.family == IFCC_AF_INET6 ? 1024 : 0;
		rt->source = rz_loc(ln);
	}
	return 0;
}

/* net.FAMILY.conf.IFNAME.KEY, the interface's dots written '/' as sysctl spells them
 * (net.ipv4.conf.swp1/100.forwarding). Built by hand: realise makes three per VRR line. */
static const char *sysctl_name(struct arena *a, const char *family, const char *ifname,
                               const char *key)
{
	size_t nf = strlen(family), ni = strlen(ifname), nk = strlen(key);
	char *s = arena_alloc(a, 4 + nf + 6 + ni + 1 + nk + 1), *p = s;
	if (!s)
		return NULL;
	memcpy(p, "net.", 4);
	memcpy(p += 4, family, nf);
	memcpy(p += nf, ".conf.", 6);
	p += 6;
	for (size_t k = 0; k < ni; k++)
		*p++ = ifname[k] == '.' ? '/' : ifname[k];
	*p++ = '.';
	memcpy(p, key, nk + 1);
	return s;
}

int realise_sysctl(struct realise_ctx *c, const char *family, const char *ifname, const char *key,
                   const char *value, struct ifcc_loc src)
{
	struct ifcc_sysctl *sc = ifcc_state_add_sysctl(c->s);
	if (!sc)
		return -ENOMEM;
	sc->name = sysctl_name(c->a, family, ifname, key);
	sc->value = value;
	sc->source = src;
	return sc->name ? 0 : -ENOMEM;
}

static int realise_forwarding(struct realise_ctx *c, const struct ifcc_iface *i)
{
	static const char *const attrs[][2] = {{"ip-forward", "ipv4"}, {"ip6-forward", "ipv6"}};
	for (size_t k = 0; k < 2; k++) {
		int b = rz_bool(i, attrs[k][0]);
		if (b < 0)
			continue;
		int r = realise_sysctl(c, attrs[k][1], i->name, "forwarding", b ? "1" : "0",
		                       rz_loc(rz_line(i, attrs[k][0])));
		if (r < 0)
			return r;
	}
	return 0;
}

/*
 * With a VRF, the local table's rule goes after the VRFs' l3mdev rule (priority 1000, which
 * the kernel adds with the first VRF): from 0 to 32765, both families, as ifupdown2 moves it.
 */
static int realise_rules(struct realise_ctx *c)
{
	const struct ifcc_link *vrf = NULL;
	for (size_t k = 0; k < c->s->links.n && !vrf; k++)
		if (c->s->links.v[k].kind == LK_VRF)
			vrf = &c->s->links.v[k];
	const uint8_t families[] = {IFCC_AF_INET, IFCC_AF_INET6};
	for (size_t k = 0; vrf && k < sizeof(families); k++) {
		struct ifcc_fib_rule *r = ifcc_state_add_fib_rule(c->s);
		if (!r)
			return -ENOMEM;
		*r = (struct ifcc_fib_rule){.ifname = vrf->name, .family = families[k],
		                            .table = IFCC_TABLE_LOCAL, .priority = 32765,
		                            .source = vrf->source};
	}
	return 0;
}

struct ifcc_state *ifcc_realise(struct ifcc_config *cfg, const struct ifcc_model *m)
{
	struct realise_ctx c = {.a = &cfg->arena, .m = m, .s = ifcc_state_new(&cfg->arena)};
	if (!c.s)
		return NULL;
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		if (link_kind_of(i->kind) < 0)
			continue; /* no link: nothing may name it */
		if (realise_link(&c, i) < 0 || realise_addresses(&c, i) < 0 ||
		    realise_gateways(&c, i) < 0 || realise_forwarding(&c, i) < 0)
			return NULL;
	}
	if (realise_bridge_vlans(&c) < 0 || realise_ports(&c) < 0 || realise_vrr(&c) < 0 ||
	    realise_rules(&c) < 0)
		return NULL;
	ifcc_state_sort(c.s);
	return c.s;
}
