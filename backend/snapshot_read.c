/* Reading JSON snapshots of kernel state (docs/state-format.md). */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "ifcc/state.h"
#include "link_ops.h"
#include "state_json.h"

struct reader {
	struct arena *a;
	struct ifcc_diags *d;
	struct ptrvec files; /* struct ifcc_file *: one per distinct source path */
	const char *section;
	size_t index;
};

static int fail(struct reader *r, const char *why)
{
	diag_add(r->d, IFCC_ERROR, "state-snapshot", (struct ifcc_loc){0}, "snapshot: %s[%zu]: %s",
	         r->section, r->index, why ? why : "out of memory");
	return -EINVAL;
}

/* A getter's result for a required key: absent is an error too. `why` is read only after
 * the getter ran (argument evaluation order is unspecified). */
static int need(struct reader *r, int got, const char *key, const char *const *why)
{
	if (got == -ENOMEM)
		return got;
	if (got < 0)
		return fail(r, *why);
	if (got == 0)
		return fail(r, arena_printf(r->a, "'%s' is missing", key));
	return 0;
}

static int opt(struct reader *r, int got, const char *const *why)
{
	if (got == -ENOMEM)
		return got;
	return got < 0 ? fail(r, *why) : got;
}

static const struct ifcc_file *file_named(struct reader *r, const char *path)
{
	for (size_t k = 0; k < r->files.n; k++) {
		const struct ifcc_file *f = r->files.v[k];
		if (!strcmp(f->path, path))
			return f;
	}
	struct ifcc_file *f = arena_alloc(r->a, sizeof(*f));
	if (!f || ptrvec_push(r->a, &r->files, f) < 0)
		return NULL;
	f->path = path;
	f->index = (uint32_t)(r->files.n - 1);
	return f;
}

static int read_source(struct reader *r, json_t *o, struct ifcc_loc *loc)
{
	json_t *src = json_object_get(o, "source");
	const char *why = NULL, *path = NULL;
	uint64_t line = 0, col = 0;
	int g;
	if (!src)
		return 0;
	if (!json_is_object(src))
		return fail(r, "'source' must be an object {file, line, column}");
	if ((g = need(r, sj_get_str(r->a, src, "file", &path, &why), "source.file", &why)) < 0 ||
	    (g = need(r, sj_get_uint(r->a, src, "line", UINT32_MAX, &line, &why), "source.line",
	              &why)) < 0 ||
	    (g = need(r, sj_get_uint(r->a, src, "column", UINT32_MAX, &col, &why), "source.column",
	              &why)) < 0)
		return g;
	loc->file = file_named(r, path);
	if (!loc->file)
		return -ENOMEM;
	loc->line = loc->end_line = (uint32_t)line;
	loc->col = loc->end_col = (uint32_t)col;
	return 0;
}

static int read_link(struct reader *r, struct ifcc_state *s, json_t *o)
{
	struct ifcc_link *l = ifcc_state_add_link(s);
	const char *why = NULL, *kind = NULL;
	uint64_t u;
	int g;
	if (!l)
		return -ENOMEM;
	if ((g = need(r, sj_get_str(r->a, o, "name", &l->name, &why), "name", &why)) < 0 ||
	    (g = need(r, sj_get_str(r->a, o, "kind", &kind, &why), "kind", &why)) < 0)
		return g;
	int k = ifcc_link_kind_from_name(kind);
	if (k < 0)
		return fail(r, arena_printf(r->a, "unknown link kind '%s'", kind));
	l->kind = (enum ifcc_link_kind)k;
	if ((g = opt(r, sj_get_uint(r->a, o, "mtu", UINT32_MAX, &u, &why), &why)) < 0)
		return g;
	l->mtu = (uint32_t)u;
	l->set |= g ? LF_MTU : 0;
	if ((g = opt(r, sj_get_mac(r->a, o, "address", &l->address, &why), &why)) < 0)
		return g;
	l->set |= g ? LF_ADDRESS : 0;
	if ((g = opt(r, sj_get_str(r->a, o, "alias", &l->alias, &why), &why)) < 0)
		return g;
	l->set |= g ? LF_ALIAS : 0;
	if ((g = opt(r, sj_get_bool(r->a, o, "up", &l->up, &why), &why)) < 0)
		return g;
	l->set |= g ? LF_ADMIN : 0;
	json_t *m = json_object_get(o, "master");
	if (json_is_null(m)) {
		l->set |= LF_MASTER;
	} else {
		if ((g = opt(r, sj_get_str(r->a, o, "master", &l->master, &why), &why)) < 0)
			return g;
		l->set |= g ? LF_MASTER : 0;
	}
	bool purge = true;
	if ((g = opt(r, sj_get_bool(r->a, o, "address_purge", &purge, &why), &why)) < 0)
		return g;
	l->keep_addresses = !purge;
	json_t *bp = json_object_get(o, "brport");
	if (bp && !json_is_object(bp))
		return fail(r, "'brport' must be an object");
	if (bp) {
		static const struct {
			const char *key;
			uint8_t bit;
			size_t off;
		} flags[] = {
		    {"learning", BP_LEARNING, offsetof(struct ifcc_brport, learning)},
		    {"neigh_suppress", BP_NEIGH_SUPPRESS, offsetof(struct ifcc_brport, neigh_suppress)},
		    {"vlan_tunnel", BP_VLAN_TUNNEL, offsetof(struct ifcc_brport, vlan_tunnel)},
		};
		for (size_t f = 0; f < sizeof(flags) / sizeof(*flags); f++) {
			bool *v = (bool *)((char *)&l->brport + flags[f].off);
			if ((g = opt(r, sj_get_bool(r->a, bp, flags[f].key, v, &why), &why)) < 0)
				return g;
			l->brport.set |= g ? flags[f].bit : 0;
		}
		uint64_t mr;
		if ((g = opt(r, sj_get_uint(r->a, bp, "mcast_router", 3, &mr, &why), &why)) < 0)
			return g;
		if (g) {
			l->brport.mcast_router = (uint8_t)mr;
			l->brport.set |= BP_MCAST_ROUTER;
		}
		l->set |= LF_BRPORT;
	}
	const struct ifcc_link_ops *ops = link_ops_get(l->kind);
	json_t *kd = json_object_get(o, ops->name);
	if (kd && !json_is_object(kd))
		return fail(r, arena_printf(r->a, "'%s' must be an object", ops->name));
	if (kd && ops->from_json && (g = ops->from_json(r->a, kd, l, &why)) < 0)
		return g == -ENOMEM ? g : fail(r, why);
	return read_source(r, o, &l->source);
}

static int read_address(struct reader *r, struct ifcc_state *s, json_t *o)
{
	struct ifcc_address *ad = ifcc_state_add_address(s);
	const char *why = NULL;
	uint64_t u = 0;
	bool nodad = false;
	int g;
	if (!ad)
		return -ENOMEM;
	if ((g = need(r, sj_get_str(r->a, o, "ifname", &ad->ifname, &why), "ifname", &why)) < 0 ||
	    (g = need(r, sj_get_prefix(r->a, o, "prefix", &ad->prefix, &why), "prefix", &why)) <
	        0 ||
	    (g = opt(r, sj_get_uint(r->a, o, "metric", UINT32_MAX, &u, &why), &why)) < 0 ||
	    (g = opt(r, sj_get_bool(r->a, o, "nodad", &nodad, &why), &why)) < 0)
		return g;
	ad->metric = (uint32_t)u;
	ad->flags = nodad ? IFCC_ADDR_NODAD : 0;
	return read_source(r, o, &ad->source);
}

static int read_bridge_vlan(struct reader *r, struct ifcc_state *s, json_t *o)
{
	struct ifcc_bridge_vlan *bv = ifcc_state_add_bridge_vlan(s);
	const char *why = NULL;
	uint64_t vid = 0, tun = 0;
	int g;
	if (!bv)
		return -ENOMEM;
	if ((g = need(r, sj_get_str(r->a, o, "ifname", &bv->ifname, &why), "ifname", &why)) < 0 ||
	    (g = need(r, sj_get_uint(r->a, o, "vid", 4095, &vid, &why), "vid", &why)) < 0 ||
	    (g = opt(r, sj_get_bool(r->a, o, "pvid", &bv->pvid, &why), &why)) < 0 ||
	    (g = opt(r, sj_get_bool(r->a, o, "untagged", &bv->untagged, &why), &why)) < 0 ||
	    (g = opt(r, sj_get_bool(r->a, o, "self", &bv->self, &why), &why)) < 0 ||
	    (g = opt(r, sj_get_uint(r->a, o, "tunnel_id", 16777215, &tun, &why), &why)) < 0)
		return g;
	bv->vid = (uint16_t)vid;
	bv->tunnel_id = (uint32_t)tun;
	return read_source(r, o, &bv->source);
}

static int read_fdb(struct reader *r, struct ifcc_state *s, json_t *o)
{
	struct ifcc_fdb *f = ifcc_state_add_fdb(s);
	const char *why = NULL;
	uint64_t vid = 0;
	int g;
	if (!f)
		return -ENOMEM;
	if ((g = need(r, sj_get_str(r->a, o, "ifname", &f->ifname, &why), "ifname", &why)) < 0 ||
	    (g = need(r, sj_get_mac(r->a, o, "mac", &f->mac, &why), "mac", &why)) < 0 ||
	    (g = opt(r, sj_get_uint(r->a, o, "vid", 4095, &vid, &why), &why)) < 0 ||
	    (g = opt(r, sj_get_bool(r->a, o, "self", &f->self, &why), &why)) < 0 ||
	    (g = opt(r, sj_get_bool(r->a, o, "master", &f->master, &why), &why)) < 0)
		return g;
	f->vid = (uint16_t)vid;
	return read_source(r, o, &f->source);
}

static int read_route(struct reader *r, struct ifcc_state *s, json_t *o)
{
	struct ifcc_route *rt = ifcc_state_add_route(s);
	const char *why = NULL;
	uint64_t metric = 0;
	int g;
	if (!rt)
		return -ENOMEM;
	if ((g = opt(r, sj_get_str(r->a, o, "vrf", &rt->vrf, &why), &why)) < 0 ||
	    (g = need(r, sj_get_prefix(r->a, o, "dst", &rt->dst, &why), "dst", &why)) < 0 ||
	    (g = need(r, sj_get_ip(r->a, o, "gateway", &rt->gateway, &why), "gateway", &why)) < 0 ||
	    (g = opt(r, sj_get_str(r->a, o, "dev", &rt->dev, &why), &why)) < 0 ||
	    (g = opt(r, sj_get_uint(r->a, o, "metric", UINT32_MAX, &metric, &why), &why)) < 0 ||
	    (g = opt(r, sj_get_bool(r->a, o, "onlink", &rt->onlink, &why), &why)) < 0)
		return g;
	rt->metric = (uint32_t)metric;
	return read_source(r, o, &rt->source);
}

static int read_sysctl(struct reader *r, struct ifcc_state *s, json_t *o)
{
	struct ifcc_sysctl *sc = ifcc_state_add_sysctl(s);
	const char *why = NULL;
	int g;
	if (!sc)
		return -ENOMEM;
	if ((g = need(r, sj_get_str(r->a, o, "name", &sc->name, &why), "name", &why)) < 0 ||
	    (g = need(r, sj_get_str(r->a, o, "value", &sc->value, &why), "value", &why)) < 0)
		return g;
	return read_source(r, o, &sc->source);
}

static int read_fib_rule(struct reader *r, struct ifcc_state *s, json_t *o)
{
	struct ifcc_fib_rule *ru = ifcc_state_add_fib_rule(s);
	const char *why = NULL, *family = NULL;
	uint64_t table = 0, prio = 0;
	int g;
	if (!ru)
		return -ENOMEM;
	if ((g = opt(r, sj_get_str(r->a, o, "ifname", &ru->ifname, &why), &why)) < 0 ||
	    (g = need(r, sj_get_str(r->a, o, "family", &family, &why), "family", &why)) < 0 ||
	    (g = need(r, sj_get_uint(r->a, o, "table", UINT32_MAX, &table, &why), "table", &why)) <
	        0 ||
	    (g = need(r, sj_get_uint(r->a, o, "priority", UINT32_MAX, &prio, &why), "priority",
	              &why)) < 0)
		return g;
	if (strcmp(family, "inet") && strcmp(family, "inet6"))
		return fail(r, "\"family\" must be \"inet\" or \"inet6\"");
	ru->family = strcmp(family, "inet6") ? IFCC_AF_INET : IFCC_AF_INET6;
	ru->table = (uint32_t)table;
	ru->priority = (uint32_t)prio;
	return read_source(r, o, &ru->source);
}

static const struct {
	const char *key;
	int (*read)(struct reader *r, struct ifcc_state *s, json_t *o);
} sections[] = {
    {"links", read_link}, {"addresses", read_address}, {"bridge_vlans", read_bridge_vlan},
    {"fdb", read_fdb},    {"routes", read_route},      {"sysctls", read_sysctl},
    {"rules", read_fib_rule},
};

static int read_doc(struct reader *r, json_t *doc, struct ifcc_state *s)
{
	json_t *fmt = json_object_get(doc, "format"), *ver = json_object_get(doc, "version");
	r->section = "document";
	if (!json_is_object(doc) || !json_is_string(fmt) ||
	    strcmp(json_string_value(fmt), "ifcc-state"))
		return fail(r, "not an ifcc state snapshot (\"format\": \"ifcc-state\" missing)");
	if (!json_is_integer(ver) || json_integer_value(ver) != 1)
		return fail(r, "unsupported \"version\" (this ifcc reads version 1)");
	for (size_t k = 0; k < sizeof(sections) / sizeof(*sections); k++) {
		json_t *arr = json_object_get(doc, sections[k].key), *o;
		r->section = sections[k].key;
		r->index = 0;
		if (!arr)
			continue;
		if (!json_is_array(arr))
			return fail(r, "must be an array");
		json_array_foreach(arr, r->index, o)
		{
			if (!json_is_object(o))
				return fail(r, "must be an object");
			int g = sections[k].read(r, s, o);
			if (g < 0)
				return g;
		}
	}
	return 0;
}

int sj_state_from_doc(struct arena *a, json_t *doc, struct ifcc_state **out,
                      struct ifcc_diags *d)
{
	struct reader r = {.a = a, .d = d, .section = "document"};
	*out = NULL;
	struct ifcc_state *s = ifcc_state_new(a);
	int g = s ? read_doc(&r, doc, s) : -ENOMEM;
	if (g < 0)
		return g;
	ifcc_state_sort(s);
	*out = s;
	return 0;
}

int ifcc_state_read_json(struct arena *a, FILE *in, struct ifcc_state **out, struct ifcc_diags *d)
{
	json_error_t err;
	*out = NULL;
	json_t *doc = json_loadf(in, JSON_REJECT_DUPLICATES, &err);
	if (!doc) {
		diag_add(d, IFCC_ERROR, "state-snapshot", (struct ifcc_loc){0},
		         "snapshot: line %d, column %d: %s", err.line, err.column, err.text);
		return -EINVAL;
	}
	int g = sj_state_from_doc(a, doc, out, d);
	json_decref(doc);
	return g;
}
