/*
 * ifquery -r (ifcc query --running): the interfaces of the file in stanza form, with the
 * values the running kernel has (read over netlink), not the file's: address, mtu,
 * hwaddress, alias, link-down, vrf, bridge-ports, bond-slaves, vlan-raw-device, vlan-id,
 * and one address-virtual line per VRR macvlan (its MAC and addresses).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ifcc/frontend.h"
#include "ifcc/netlink.h"

/* The link's configured addresses after `prefix` (before the first only); whether any. */
static bool put_addresses(const struct ifcc_state *s, const char *ifname, FILE *out,
                          const char *prefix)
{
	bool any = false;
	char b[64];
	for (size_t k = 0; k < s->addresses.n; k++) {
		const struct ifcc_address *a = &s->addresses.v[k];
		if (strcmp(a->ifname, ifname))
			continue;
		const uint8_t *x = a->prefix.ip.addr;
		if (a->prefix.ip.family == IFCC_AF_INET6 && x[0] == 0xfe && (x[1] & 0xc0) == 0x80)
			continue; /* link-local: the kernel's, not configured */
		ifcc_prefix_format(&a->prefix, b, sizeof(b));
		fprintf(out, "%s%s", prefix, b);
		prefix = " ";
		any = true;
	}
	return any;
}

static void put_members(const struct ifcc_state *s, const char *master, const char *key,
                        FILE *out)
{
	bool any = false;
	for (size_t k = 0; k < s->links.n; k++) {
		const struct ifcc_link *l = &s->links.v[k];
		if (l->master && !strcmp(l->master, master) && l->kind != LK_MACVLAN) {
			fprintf(out, "%s%s", any ? " " : "\t", any ? l->name : key);
			if (!any)
				fprintf(out, " %s", l->name);
			any = true;
		}
	}
	if (any)
		fputc('\n', out);
}

static void put_iface(const struct ifcc_state *s, const struct ifcc_iface *i, FILE *out)
{
	const struct ifcc_link *l = ifcc_state_find_link(s, i->name);
	char b[64];
	if (i->is_auto)
		fprintf(out, "auto %s\n", i->name);
	fprintf(out, "iface %s\n", i->name);
	if (!l) {
		fputs("\t# not present in the kernel\n\n", out);
		return;
	}
	if (put_addresses(s, i->name, out, "\taddress "))
		fputc('\n', out);
	if (l->set & LF_MTU)
		fprintf(out, "\tmtu %u\n", l->mtu);
	if (l->set & LF_ADDRESS) {
		ifcc_mac_format(&l->address, b, sizeof(b));
		fprintf(out, "\thwaddress %s\n", b);
	}
	if ((l->set & LF_ALIAS) && l->alias && *l->alias)
		fprintf(out, "\talias %s\n", l->alias);
	if ((l->set & LF_ADMIN) && !l->up)
		fputs("\tlink-down yes\n", out);
	const struct ifcc_link *m = l->master ? ifcc_state_find_link(s, l->master) : NULL;
	if (m && m->kind == LK_VRF)
		fprintf(out, "\tvrf %s\n", m->name);
	if (l->kind == LK_VLAN)
		fprintf(out, "\tvlan-raw-device %s\n\tvlan-id %u\n",
		        l->u.vlan.lower ? l->u.vlan.lower : "", l->u.vlan.id);
	if (l->kind == LK_BRIDGE)
		put_members(s, i->name, "bridge-ports", out);
	if (l->kind == LK_BOND)
		put_members(s, i->name, "bond-slaves", out);
	for (size_t k = 0; k < s->links.n; k++) { /* the VRR macvlans on it */
		const struct ifcc_link *v = &s->links.v[k];
		if (v->kind != LK_MACVLAN || !v->u.macvlan.lower || strcmp(v->u.macvlan.lower, i->name))
			continue;
		ifcc_mac_format(&v->address, b, sizeof(b));
		fprintf(out, "\taddress-virtual %s", b);
		put_addresses(s, v->name, out, " ");
		fputc('\n', out);
	}
	fputc('\n', out);
}

int query_running(const char *file, bool all, char *const *names, size_t n)
{
	struct ifcc_config cfg;
	ifcc_config_init(&cfg);
	struct arena a;
	arena_init(&a);
	struct ifcc_diags d;
	diags_init(&d, &a);
	int status = 1;
	struct ifcc_model *m = ifcc_load_file(&cfg, file) < 0 ? NULL : ifcc_lower(&cfg);
	diags_render_text(&cfg.diags, stderr, false);
	struct ifcc_state *s = NULL;
	if (m && ifcc_state_dump(&a, &s, &d) == 0 && s) {
		for (size_t k = 0; k < m->ifaces.n; k++) {
			const struct ifcc_iface *i = m->ifaces.v[k];
			bool pick = !n && !i->implicit && i->kind != IFK_BRIDGE_VLAN && (!all || i->is_auto);
			for (size_t j = 0; j < n && !pick; j++)
				pick = !strcmp(names[j], i->name);
			if (pick)
				put_iface(s, i, stdout);
		}
		status = 0;
	}
	diags_render_text(&d, stderr, false);
	ifcc_config_free(&cfg);
	arena_free(&a);
	return status;
}
