/* JSON snapshots of kernel state (docs/state-format.md): exact round trip. */
#include <errno.h>
#include <string.h>

#include "ifcc/state.h"
#include "link_ops.h"
#include "state_json.h"

#define FORMAT_NAME    "ifcc-state"
#define FORMAT_VERSION 1

/* Adds "source" when the object came from a line; 0 or -ENOMEM. */
int sj_put_source(json_t *o, const struct ifcc_loc *l)
{
	if (!l->file)
		return 0;
	json_t *src = json_object();
	int r = src ? 0 : -ENOMEM;
	r |= sj_set(src, "file", json_string(l->file->path));
	r |= sj_set(src, "line", json_integer((json_int_t)l->line));
	r |= sj_set(src, "column", json_integer((json_int_t)l->col));
	if (r) {
		json_decref(src);
		return -ENOMEM;
	}
	return sj_set(o, "source", src);
}

json_t *sj_link(const struct ifcc_link *l)
{
	const struct ifcc_link_ops *ops = link_ops_get(l->kind);
	json_t *o = json_object(), *k = json_object();
	int r = o && k ? 0 : -ENOMEM;
	r |= sj_set(o, "name", json_string(l->name));
	r |= sj_set(o, "kind", json_string(ops->name));
	if (l->set & LF_MTU)
		r |= sj_set(o, "mtu", json_integer(l->mtu));
	if (l->set & LF_ADDRESS)
		r |= sj_set(o, "address", sj_mac(&l->address));
	if (l->set & LF_ALIAS)
		r |= sj_set(o, "alias", json_string(l->alias));
	if (l->set & LF_ADMIN)
		r |= sj_set(o, "up", json_boolean(l->up));
	if (l->set & LF_MASTER)
		r |= sj_set(o, "master", l->master ? json_string(l->master) : json_null());
	if (l->keep_addresses)
		r |= sj_set(o, "address_purge", json_false());
	if (l->set & LF_BRPORT) {
		json_t *bp = json_object();
		r |= bp ? 0 : -ENOMEM;
		if (l->brport.set & BP_LEARNING)
			r |= sj_set(bp, "learning", json_boolean(l->brport.learning));
		if (l->brport.set & BP_NEIGH_SUPPRESS)
			r |= sj_set(bp, "neigh_suppress", json_boolean(l->brport.neigh_suppress));
		if (l->brport.set & BP_VLAN_TUNNEL)
			r |= sj_set(bp, "vlan_tunnel", json_boolean(l->brport.vlan_tunnel));
		if (l->brport.set & BP_MCAST_ROUTER)
			r |= sj_set(bp, "mcast_router", json_integer(l->brport.mcast_router));
		r |= sj_set(o, "brport", bp);
	}
	if (!r && ops->to_json)
		r |= ops->to_json(l, k);
	if (!r && json_object_size(k)) {
		r |= sj_set(o, ops->name, k);
		k = NULL;
	}
	json_decref(k);
	r |= sj_put_source(o, &l->source);
	if (r) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *sj_address(const struct ifcc_address *a)
{
	json_t *o = json_object();
	int r = o ? 0 : -ENOMEM;
	r |= sj_set(o, "ifname", json_string(a->ifname));
	r |= sj_set(o, "prefix", sj_prefix(&a->prefix));
	if (a->metric)
		r |= sj_set(o, "metric", json_integer(a->metric));
	if (a->flags & IFCC_ADDR_NODAD)
		r |= sj_set(o, "nodad", json_true());
	r |= sj_put_source(o, &a->source);
	return r ? (json_decref(o), NULL) : o;
}

json_t *sj_bridge_vlan(const struct ifcc_bridge_vlan *b)
{
	json_t *o = json_object();
	int r = o ? 0 : -ENOMEM;
	r |= sj_set(o, "ifname", json_string(b->ifname));
	r |= sj_set(o, "vid", json_integer(b->vid));
	if (b->pvid)
		r |= sj_set(o, "pvid", json_true());
	if (b->untagged)
		r |= sj_set(o, "untagged", json_true());
	if (b->self)
		r |= sj_set(o, "self", json_true());
	if (b->tunnel_id)
		r |= sj_set(o, "tunnel_id", json_integer(b->tunnel_id));
	r |= sj_put_source(o, &b->source);
	return r ? (json_decref(o), NULL) : o;
}

json_t *sj_fdb(const struct ifcc_fdb *f)
{
	json_t *o = json_object();
	int r = o ? 0 : -ENOMEM;
	r |= sj_set(o, "ifname", json_string(f->ifname));
	r |= sj_set(o, "mac", sj_mac(&f->mac));
	if (f->vid)
		r |= sj_set(o, "vid", json_integer(f->vid));
	if (f->self)
		r |= sj_set(o, "self", json_true());
	if (f->master)
		r |= sj_set(o, "master", json_true());
	r |= sj_put_source(o, &f->source);
	return r ? (json_decref(o), NULL) : o;
}

json_t *sj_route(const struct ifcc_route *rt)
{
	json_t *o = json_object();
	int r = o ? 0 : -ENOMEM;
	if (rt->vrf)
		r |= sj_set(o, "vrf", json_string(rt->vrf));
	r |= sj_set(o, "dst", sj_prefix(&rt->dst));
	r |= sj_set(o, "gateway", sj_ip(&rt->gateway));
	if (rt->dev)
		r |= sj_set(o, "dev", json_string(rt->dev));
	if (rt->metric)
		r |= sj_set(o, "metric", json_integer(rt->metric));
	if (rt->onlink)
		r |= sj_set(o, "onlink", json_true());
	r |= sj_put_source(o, &rt->source);
	return r ? (json_decref(o), NULL) : o;
}

json_t *sj_sysctl(const struct ifcc_sysctl *sc)
{
	json_t *o = json_object();
	int r = o ? 0 : -ENOMEM;
	r |= sj_set(o, "name", json_string(sc->name));
	r |= sj_set(o, "value", json_string(sc->value));
	r |= sj_put_source(o, &sc->source);
	return r ? (json_decref(o), NULL) : o;
}

json_t *sj_fib_rule(const struct ifcc_fib_rule *ru)
{
	json_t *o = json_object();
	int r = o ? 0 : -ENOMEM;
	if (ru->ifname)
		r |= sj_set(o, "ifname", json_string(ru->ifname));
	r |= sj_set(o, "family", json_string(ru->family == IFCC_AF_INET6 ? "inet6" : "inet"));
	r |= sj_set(o, "table", json_integer(ru->table));
	r |= sj_set(o, "priority", json_integer(ru->priority));
	r |= sj_put_source(o, &ru->source);
	return r ? (json_decref(o), NULL) : o;
}

#define PUT_ARRAY(doc, key, arr, fn)                                                               \
	do {                                                                                       \
		json_t *a_ = json_array();                                                         \
		if (!a_ || sj_set(doc, key, a_) < 0)                                               \
			goto nomem;                                                                \
		for (size_t k_ = 0; k_ < (arr).n; k_++)                                            \
			if (json_array_append_new(a_, fn(&(arr).v[k_])) < 0)                       \
				goto nomem;                                                        \
	} while (0)

int ifcc_state_write_json(const struct ifcc_state *s, FILE *out)
{
	json_t *doc = json_pack("{s:s, s:i}", "format", FORMAT_NAME, "version", FORMAT_VERSION);
	if (!doc)
		return -ENOMEM;
	PUT_ARRAY(doc, "links", s->links, sj_link);
	PUT_ARRAY(doc, "addresses", s->addresses, sj_address);
	PUT_ARRAY(doc, "bridge_vlans", s->bridge_vlans, sj_bridge_vlan);
	PUT_ARRAY(doc, "fdb", s->fdb, sj_fdb);
	PUT_ARRAY(doc, "routes", s->routes, sj_route);
	PUT_ARRAY(doc, "sysctls", s->sysctls, sj_sysctl);
	PUT_ARRAY(doc, "rules", s->rules, sj_fib_rule);
	int r = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0 ||
	                fputc('\n', out) == EOF
	            ? -EIO
	            : 0;
	json_decref(doc);
	return r;
nomem:
	json_decref(doc);
	return -ENOMEM;
}
