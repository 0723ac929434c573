/*
 * Bridge VLANs, FDB entries, routes, rules, addresses and sysctls from hand-built answers (and a
 * hand-built /proc/sys tree): VLAN filtering and VRFs are missing from this machine's
 * kernel, and tunnel ids, VRF tables and multipath routes need them.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/fib_rules.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/if_addr.h>
#include <linux/if_bridge.h>
#include <linux/neighbour.h>

#include "nl_test.h"

static void add_link(struct nl_fixture *f, const char *name, enum ifcc_link_kind kind)
{
	struct ifcc_link *l = ifcc_state_add_link(f->c.s);
	assert_non_null(l);
	l->name = name;
	l->kind = kind;
	ifcc_state_sort(f->c.s);
}

static void feed(struct nl_fixture *f, int (*fn)(struct nld_ctx *, struct nl_msg *),
                 struct nl_msg *m)
{
	int r = fn(&f->c, m);
	nlmsg_free(m);
	if (r)
		diags_render_text(&f->d, stderr, false);
	assert_int_equal(r, 0);
}

/* --- bridge VLANs --- */

static struct nl_msg *brlink(int ifindex, const char *name, int master, struct nlattr **spec)
{
	struct ifinfomsg ifi = {.ifi_family = AF_BRIDGE, .ifi_index = ifindex};
	struct nl_msg *m = msg_new(RTM_NEWLINK, &ifi, sizeof(ifi));
	assert_int_equal(nla_put_string(m, IFLA_IFNAME, name), 0);
	if (master)
		assert_int_equal(nla_put_u32(m, IFLA_MASTER, (uint32_t)master), 0);
	assert_non_null(*spec = nla_nest_start(m, IFLA_AF_SPEC));
	return m;
}

static void put_vlan(struct nl_msg *m, uint16_t vid, uint16_t flags)
{
	struct bridge_vlan_info vi = {.flags = flags, .vid = vid};
	assert_int_equal(nla_put(m, IFLA_BRIDGE_VLAN_INFO, sizeof(vi), &vi), 0);
}

static void put_tunnel(struct nl_msg *m, uint16_t vid, uint32_t id, uint16_t flags)
{
	struct nlattr *t = nla_nest_start(m, IFLA_BRIDGE_VLAN_TUNNEL_INFO);
	assert_non_null(t);
	assert_int_equal(nla_put_u32(m, IFLA_BRIDGE_VLAN_TUNNEL_ID, id), 0);
	assert_int_equal(nla_put_u16(m, IFLA_BRIDGE_VLAN_TUNNEL_VID, vid), 0);
	if (flags)
		assert_int_equal(nla_put_u16(m, IFLA_BRIDGE_VLAN_TUNNEL_FLAGS, flags), 0);
	nla_nest_end(m, t);
}

static const struct ifcc_bridge_vlan *vlan_at(struct nl_fixture *f, size_t k, const char *ifname,
                                              unsigned vid)
{
	assert_true(k < f->c.s->bridge_vlans.n);
	const struct ifcc_bridge_vlan *v = &f->c.s->bridge_vlans.v[k];
	assert_string_equal(v->ifname, ifname);
	assert_int_equal(v->vid, vid);
	return v;
}

static void port_vlans(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 3, "br0", 4, "swp1", 0);
	add_link(f, "br0", LK_BRIDGE);
	struct nlattr *spec;
	struct nl_msg *m = brlink(4, "swp1", 3, &spec);
	put_vlan(m, 1, BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED);
	put_vlan(m, 10, 0);
	put_vlan(m, 20, BRIDGE_VLAN_INFO_RANGE_BEGIN);
	put_vlan(m, 22, BRIDGE_VLAN_INFO_RANGE_END);
	nla_nest_end(m, spec);
	feed(f, nld_brvlan_msg, m);
	assert_int_equal(f->c.s->bridge_vlans.n, 5);
	const struct ifcc_bridge_vlan *v = vlan_at(f, 0, "swp1", 1);
	assert_true(v->pvid && v->untagged && !v->self && !v->tunnel_id);
	v = vlan_at(f, 1, "swp1", 10);
	assert_false(v->pvid || v->untagged || v->self);
	vlan_at(f, 2, "swp1", 20);
	vlan_at(f, 3, "swp1", 21);
	vlan_at(f, 4, "swp1", 22);
}

/* The bridge answers for itself without IFLA_MASTER: its VLANs are `self`. A device that
 * answers for itself without being a bridge has none of the model's. */
static void bridge_self_vlans(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 2, "eth0", 3, "br0", 0);
	add_link(f, "br0", LK_BRIDGE);
	add_link(f, "eth0", LK_PHYSICAL);
	struct nlattr *spec;
	struct nl_msg *m = brlink(3, "br0", 0, &spec);
	put_vlan(m, 1,
	         BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED | BRIDGE_VLAN_INFO_BRENTRY);
	put_vlan(m, 10, BRIDGE_VLAN_INFO_BRENTRY);
	nla_nest_end(m, spec);
	feed(f, nld_brvlan_msg, m);
	m = brlink(2, "eth0", 0, &spec);
	put_vlan(m, 5, 0);
	nla_nest_end(m, spec);
	feed(f, nld_brvlan_msg, m);
	assert_int_equal(f->c.s->bridge_vlans.n, 2);
	const struct ifcc_bridge_vlan *v = vlan_at(f, 0, "br0", 1);
	assert_true(v->self && v->pvid && v->untagged);
	v = vlan_at(f, 1, "br0", 10);
	assert_true(v->self && !v->pvid && !v->untagged);
}

/* A single VXLAN device's VLAN -> VNI map: single entries and ranges, ids counting up. */
static void tunnel_ids(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 3, "br0", 9, "vxlan48", 0);
	add_link(f, "br0", LK_BRIDGE);
	struct nlattr *spec;
	struct nl_msg *m = brlink(9, "vxlan48", 3, &spec);
	put_vlan(m, 10, 0);
	put_vlan(m, 20, BRIDGE_VLAN_INFO_RANGE_BEGIN);
	put_vlan(m, 22, BRIDGE_VLAN_INFO_RANGE_END);
	put_vlan(m, 30, 0);
	put_tunnel(m, 10, 1010, 0);
	put_tunnel(m, 20, 1020, BRIDGE_VLAN_INFO_RANGE_BEGIN);
	put_tunnel(m, 22, 1022, BRIDGE_VLAN_INFO_RANGE_END);
	nla_nest_end(m, spec);
	feed(f, nld_brvlan_msg, m);
	assert_int_equal(f->c.s->bridge_vlans.n, 5);
	assert_int_equal(vlan_at(f, 0, "vxlan48", 10)->tunnel_id, 1010);
	assert_int_equal(vlan_at(f, 1, "vxlan48", 20)->tunnel_id, 1020);
	assert_int_equal(vlan_at(f, 2, "vxlan48", 21)->tunnel_id, 1021);
	assert_int_equal(vlan_at(f, 3, "vxlan48", 22)->tunnel_id, 1022);
	assert_int_equal(vlan_at(f, 4, "vxlan48", 30)->tunnel_id, 0);
}

/* --- FDB --- */

static struct nl_msg *neigh(int ifindex, uint16_t nud, uint8_t flags, uint8_t last, int vid,
                            int master)
{
	struct ndmsg nd = {
	    .ndm_family = AF_BRIDGE, .ndm_ifindex = ifindex, .ndm_state = nud, .ndm_flags = flags};
	const uint8_t mac[6] = {0x00, 0x00, 0x5e, 0x00, 0x01, last};
	struct nl_msg *m = msg_new(RTM_NEWNEIGH, &nd, sizeof(nd));
	assert_int_equal(nla_put(m, NDA_LLADDR, 6, mac), 0);
	if (vid)
		assert_int_equal(nla_put_u16(m, NDA_VLAN, (uint16_t)vid), 0);
	if (master)
		assert_int_equal(nla_put_u32(m, NDA_MASTER, (uint32_t)master), 0);
	return m;
}

static void fdb_entries(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 3, "br0", 4, "swp1", 9, "vxlan48", 0);
	/* `bridge fdb add MAC dev swp1 master static vlan 10`: on a port, not read */
	feed(f, nld_fdb_msg, neigh(4, NUD_NOARP, 0, 1, 10, 3));
	/* `bridge fdb add MAC dev br0 self`: the bridge's database, on the bridge itself */
	feed(f, nld_fdb_msg, neigh(3, NUD_PERMANENT, 0, 2, 0, 3));
	/* the same with a VLAN */
	feed(f, nld_fdb_msg, neigh(3, NUD_NOARP, 0, 6, 10, 3));
	/* a device's own address list entry: not read */
	feed(f, nld_fdb_msg, neigh(9, NUD_PERMANENT, NTF_SELF, 3, 0, 0));
	/* learned, and one that is in no FDB of the model */
	feed(f, nld_fdb_msg, neigh(3, NUD_REACHABLE, 0, 4, 10, 3));
	feed(f, nld_fdb_msg, neigh(4, NUD_NOARP, 0, 5, 0, 0));
	assert_int_equal(f->c.s->fdb.n, 2);
	const struct ifcc_fdb *e = &f->c.s->fdb.v[0];
	assert_string_equal(e->ifname, "br0");
	assert_int_equal(e->mac.b[5], 2);
	assert_int_equal(e->vid, 0);
	assert_true(e->self && !e->master);
	e = &f->c.s->fdb.v[1];
	assert_string_equal(e->ifname, "br0");
	assert_int_equal(e->mac.b[5], 6);
	assert_int_equal(e->vid, 10);
	assert_true(e->self && !e->master);
}

/* --- routes --- */

static struct nl_msg *route(int family, uint8_t dst_len, uint8_t type, uint32_t table,
                            const void *gw, int oif, uint32_t metric, unsigned flags)
{
	struct rtmsg rt = {.rtm_family = (uint8_t)family,
	                   .rtm_dst_len = dst_len,
	                   .rtm_table = table < 256 ? (uint8_t)table : RT_TABLE_UNSPEC,
	                   .rtm_protocol = RTPROT_BOOT,
	                   .rtm_type = type,
	                   .rtm_flags = flags};
	struct nl_msg *m = msg_new(RTM_NEWROUTE, &rt, sizeof(rt));
	assert_int_equal(nla_put_u32(m, RTA_TABLE, table), 0);
	if (dst_len) {
		uint8_t dst[16] = {10, 1};
		assert_int_equal(nla_put(m, RTA_DST, family == AF_INET ? 4 : 16, dst), 0);
	}
	if (gw)
		assert_int_equal(nla_put(m, RTA_GATEWAY, family == AF_INET ? 4 : 16, gw), 0);
	if (oif)
		assert_int_equal(nla_put_u32(m, RTA_OIF, (uint32_t)oif), 0);
	if (metric)
		assert_int_equal(nla_put_u32(m, RTA_PRIORITY, metric), 0);
	return m;
}

static void routes(void **state)
{
	struct nl_fixture *f = *state;
	static const uint8_t gw4[4] = {10, 1, 10, 254};
	static const uint8_t gw6[16] = {0xfe, 0x80, [15] = 1};
	fx_names(f, 3, "br0", 5, "vrf1", 6, "swp1", 0);
	struct ifcc_link *vrf = ifcc_state_add_link(f->c.s);
	*vrf = (struct ifcc_link){.name = "vrf1", .kind = LK_VRF, .set = VRF_TABLE};
	vrf->u.vrf.table = 1001;
	ifcc_state_sort(f->c.s);
	feed(f, nld_route_msg, route(AF_INET, 0, RTN_UNICAST, 1001, gw4, 6, 0, RTNH_F_ONLINK));
	feed(f, nld_route_msg, route(AF_INET6, 0, RTN_UNICAST, RT_TABLE_MAIN, gw6, 3, 1024, 0));
	/* none of the model's: another table, another destination, no gateway, unreachable */
	feed(f, nld_route_msg, route(AF_INET, 0, RTN_UNICAST, 100, gw4, 6, 0, 0));
	feed(f, nld_route_msg, route(AF_INET, 24, RTN_UNICAST, RT_TABLE_MAIN, gw4, 6, 0, 0));
	feed(f, nld_route_msg, route(AF_INET, 0, RTN_UNICAST, RT_TABLE_MAIN, NULL, 6, 0, 0));
	feed(f, nld_route_msg, route(AF_INET6, 0, RTN_UNREACHABLE, 1001, NULL, 0, 4278198272u, 0));
	assert_int_equal(f->c.s->routes.n, 2);
	const struct ifcc_route *r = &f->c.s->routes.v[0];
	assert_string_equal(r->vrf, "vrf1");
	assert_int_equal(r->dst.ip.family, IFCC_AF_INET);
	assert_int_equal(r->dst.len, 0);
	assert_memory_equal(r->gateway.addr, gw4, 4);
	assert_string_equal(r->dev, "swp1");
	assert_int_equal(r->metric, 0);
	assert_true(r->onlink);
	r = &f->c.s->routes.v[1];
	assert_null(r->vrf);
	assert_int_equal(r->dst.ip.family, IFCC_AF_INET6);
	assert_memory_equal(r->gateway.addr, gw6, 16);
	assert_string_equal(r->dev, "br0");
	assert_int_equal(r->metric, 1024);
	assert_false(r->onlink);
}

/* Two gateways cannot be one route of the model: left out. */
static void multipath_route(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 6, "swp1", 7, "swp2", 0);
	struct nl_msg *m = route(AF_INET, 0, RTN_UNICAST, RT_TABLE_MAIN, NULL, 0, 0, 0);
	uint8_t buf[32] = {0};
	for (int k = 0; k < 2; k++) {
		struct rtnexthop nh = {.rtnh_len = 16, .rtnh_ifindex = 6 + k};
		struct rtattr gw = {.rta_len = 8, .rta_type = RTA_GATEWAY};
		const uint8_t ip[4] = {10, 0, (uint8_t)k, 1};
		memcpy(buf + 16 * k, &nh, sizeof(nh));
		memcpy(buf + 16 * k + 8, &gw, sizeof(gw));
		memcpy(buf + 16 * k + 12, ip, 4);
	}
	assert_int_equal(nla_put(m, RTA_MULTIPATH, sizeof(buf), buf), 0);
	feed(f, nld_route_msg, m);
	assert_int_equal(f->c.s->routes.n, 0);
}

/* --- rules --- */

static struct nl_msg *rule(uint8_t family, uint32_t table, uint32_t prio, uint8_t src_len)
{
	struct fib_rule_hdr h = {.family = family,
	                         .src_len = src_len,
	                         .table = table < 256 ? (uint8_t)table : RT_TABLE_UNSPEC,
	                         .action = FR_ACT_TO_TBL};
	struct nl_msg *m = msg_new(RTM_NEWRULE, &h, sizeof(h));
	assert_int_equal(nla_put_u32(m, FRA_TABLE, table), 0);
	assert_int_equal(nla_put_u32(m, FRA_SUPPRESS_PREFIXLEN, UINT32_MAX), 0);
	assert_int_equal(nla_put_u8(m, FRA_PROTOCOL, RTPROT_KERNEL), 0);
	if (prio) /* the kernel leaves priority 0 out */
		assert_int_equal(nla_put_u32(m, FRA_PRIORITY, prio), 0);
	if (src_len)
		assert_int_equal(nla_put(m, FRA_SRC, 4, ((uint8_t[]){10, 0, 0, 0})), 0);
	return m;
}

/* "from all lookup TABLE" rules only, one per family and table: the first looked at. */
static void rules(void **state)
{
	struct nl_fixture *f = *state;
	feed(f, nld_rule_msg, rule(AF_INET, RT_TABLE_LOCAL, 0, 0));
	feed(f, nld_rule_msg, rule(AF_INET, RT_TABLE_MAIN, 32766, 0));
	feed(f, nld_rule_msg, rule(AF_INET6, RT_TABLE_LOCAL, 32765, 0));
	feed(f, nld_rule_msg, rule(AF_INET6, RT_TABLE_LOCAL, 40000, 0)); /* a second one */
	feed(f, nld_rule_msg, rule(AF_INET, 1001, 100, 24));		 /* a selector */
	feed(f, nld_rule_msg, rule(128 /* RTNL_FAMILY_IPMR */, RT_TABLE_DEFAULT, 32767, 0));
	/* the l3mdev rule */
	struct nl_msg *m = rule(AF_INET, 0, 1000, 0);
	assert_int_equal(nla_put_u8(m, FRA_L3MDEV, 1), 0);
	feed(f, nld_rule_msg, m);
	ifcc_state_sort(f->c.s);
	assert_int_equal(f->c.s->rules.n, 3);
	const struct ifcc_fib_rule *r = f->c.s->rules.v;
	assert_int_equal(r[0].family, IFCC_AF_INET);
	assert_int_equal(r[0].table, RT_TABLE_MAIN);
	assert_int_equal(r[0].priority, 32766);
	assert_int_equal(r[1].family, IFCC_AF_INET);
	assert_int_equal(r[1].table, RT_TABLE_LOCAL);
	assert_int_equal(r[1].priority, 0);
	assert_int_equal(r[2].family, IFCC_AF_INET6);
	assert_int_equal(r[2].table, RT_TABLE_LOCAL);
	assert_int_equal(r[2].priority, 32765);
}

/* --- addresses --- */

static void addresses(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 7, "vlan10-v0", 0);
	static const uint8_t ip6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
	struct ifaddrmsg ifa = {
	    .ifa_family = AF_INET6, .ifa_prefixlen = 64, .ifa_index = 7, .ifa_flags = IFA_F_NODAD};
	struct nl_msg *m = msg_new(RTM_NEWADDR, &ifa, sizeof(ifa));
	assert_int_equal(nla_put(m, IFA_ADDRESS, 16, ip6), 0);
	assert_int_equal(nla_put_u32(m, IFA_FLAGS, IFA_F_NODAD), 0);
	assert_int_equal(nla_put_u32(m, IFA_RT_PRIORITY, 1024), 0);
	feed(f, nld_addr_msg, m);
	/* point-to-point: IFA_LOCAL is ours, IFA_ADDRESS the peer's */
	ifa = (struct ifaddrmsg){.ifa_family = AF_INET, .ifa_prefixlen = 32, .ifa_index = 7};
	m = msg_new(RTM_NEWADDR, &ifa, sizeof(ifa));
	assert_int_equal(nla_put(m, IFA_LOCAL, 4, ((uint8_t[]){10, 0, 0, 1})), 0);
	assert_int_equal(nla_put(m, IFA_ADDRESS, 4, ((uint8_t[]){10, 0, 0, 2})), 0);
	feed(f, nld_addr_msg, m);
	assert_int_equal(f->c.s->addresses.n, 2);
	const struct ifcc_address *a = &f->c.s->addresses.v[0];
	assert_string_equal(a->ifname, "vlan10-v0");
	assert_int_equal(a->prefix.ip.family, IFCC_AF_INET6);
	assert_memory_equal(a->prefix.ip.addr, ip6, 16);
	assert_int_equal(a->prefix.len, 64);
	assert_int_equal(a->metric, 1024);
	assert_int_equal(a->flags, IFCC_ADDR_NODAD);
	a = &f->c.s->addresses.v[1];
	assert_memory_equal(a->prefix.ip.addr, ((uint8_t[]){10, 0, 0, 1}), 4);
	assert_int_equal(a->metric, 0);
	assert_int_equal(a->flags, 0);
}

/* --- sysctls --- */

/* The dumped sysctls, sorted, are exactly want (name, value). */
static void expect_sysctls(struct nl_fixture *f, const char *const want[][2], size_t n)
{
	ifcc_state_sort(f->c.s);
	assert_int_equal(f->c.s->sysctls.n, n);
	for (size_t k = 0; k < n; k++) {
		assert_string_equal(f->c.s->sysctls.v[k].name, want[k][0]);
		assert_string_equal(f->c.s->sysctls.v[k].value, want[k][1]);
	}
}

static void put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	int n = snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_true(n > 0 && (size_t)n < sizeof(path));
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void mkdirs(const char *root, const char *rel)
{
	char path[512];
	int n = snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_true(n > 0 && (size_t)n < sizeof(path));
	for (char *p = path + strlen(root) + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			mkdir(path, 0755);
			*p = '/';
		}
	mkdir(path, 0755);
}

static void sysctls(void **state)
{
	struct nl_fixture *f = *state;
	char root[] = "/tmp/ifcc-sysctl-XXXXXX";
	assert_non_null(mkdtemp(root));
	char d4[512], d6[512], n4[512];
	snprintf(d4, sizeof(d4), "%s/net/ipv4/conf/swp1.100", root);
	snprintf(d6, sizeof(d6), "%s/net/ipv6/conf/swp1.100", root);
	snprintf(n4, sizeof(n4), "%s/net/ipv4/conf/nov6", root);
	mkdirs(root, "net/ipv4/conf/swp1.100");
	mkdirs(root, "net/ipv6/conf/swp1.100");
	mkdirs(root, "net/ipv4/conf/nov6");
	put_file(d4, "forwarding", "1\n");
	put_file(d6, "forwarding", "0\n");
	put_file(d6, "accept_dad", "-1\n");
	put_file(d6, "dad_transmits", "1\n");
	put_file(d6, "enhanced_dad", "0\n");
	put_file(n4, "forwarding", "0\n");
	fx_names(f, 2, "swp1.100", 3, "nov6", 0);
	int r = nld_sysctls(&f->c, root);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(r, 0);
	ifcc_state_sort(f->c.s);
	static const char *const want[][2] = {
	    {"net.ipv4.conf.nov6.forwarding", "0"},
	    {"net.ipv4.conf.swp1/100.forwarding", "1"},
	    {"net.ipv6.conf.swp1/100.accept_dad", "-1"},
	    {"net.ipv6.conf.swp1/100.dad_transmits", "1"},
	    {"net.ipv6.conf.swp1/100.enhanced_dad", "0"},
	    {"net.ipv6.conf.swp1/100.forwarding", "0"},
	};
	expect_sysctls(f, want, sizeof(want) / sizeof(*want));
}

/* A link answer with a family's devconf array in IFLA_AF_SPEC. */
static void put_devconf(struct nl_msg *m, int family, int n, int index, int32_t v)
{
	struct nlattr *af = nla_nest_start(m, family);
	assert_non_null(af);
	int32_t conf[64] = {0};
	assert_true(n <= 64 && index < n);
	conf[index] = v;
	assert_int_equal(nla_put(m, family == AF_INET ? IFLA_INET_CONF : IFLA_INET6_CONF,
	                         n * 4, conf), 0);
	nla_nest_end(m, af);
}

/* The sysctls from the link dump's devconf arrays: no /proc/sys read for those links. */
static void sysctls_from_link(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 2, "swp1.100", 3, "nov6", 4, "bare", 0);
	struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC, .ifi_index = 2};
	struct nl_msg *m = msg_new(RTM_NEWLINK, &ifi, sizeof(ifi));
	struct nlattr *spec = nla_nest_start(m, IFLA_AF_SPEC);
	put_devconf(m, AF_INET, IPV4_DEVCONF_MAX, IPV4_DEVCONF_FORWARDING - 1, 1);
	put_devconf(m, AF_INET6, DEVCONF_MAX, DEVCONF_ACCEPT_DAD, -1);
	nla_nest_end(m, spec);
	assert_int_equal(nld_sysctls_from_link(&f->c, 2, "swp1.100", nlmsg_hdr(m)), 1);
	nlmsg_free(m);
	ifi.ifi_index = 3; /* IPv4 only */
	m = msg_new(RTM_NEWLINK, &ifi, sizeof(ifi));
	spec = nla_nest_start(m, IFLA_AF_SPEC);
	put_devconf(m, AF_INET, IPV4_DEVCONF_MAX, 0, 0);
	nla_nest_end(m, spec);
	assert_int_equal(nld_sysctls_from_link(&f->c, 3, "nov6", nlmsg_hdr(m)), 1);
	nlmsg_free(m);
	ifi.ifi_index = 4; /* nothing: left to /proc/sys */
	m = msg_new(RTM_NEWLINK, &ifi, sizeof(ifi));
	assert_int_equal(nld_sysctls_from_link(&f->c, 4, "bare", nlmsg_hdr(m)), 0);
	nlmsg_free(m);
	assert_true(f->c.names[0].conf && f->c.names[1].conf && !f->c.names[2].conf);
	ifcc_state_sort(f->c.s);
	static const char *const want[][2] = {
	    {"net.ipv4.conf.nov6.forwarding", "0"},
	    {"net.ipv4.conf.swp1/100.forwarding", "1"},
	    {"net.ipv6.conf.swp1/100.accept_dad", "-1"},
	    {"net.ipv6.conf.swp1/100.dad_transmits", "0"},
	    {"net.ipv6.conf.swp1/100.disable_ipv6", "0"},
	    {"net.ipv6.conf.swp1/100.enhanced_dad", "0"},
	    {"net.ipv6.conf.swp1/100.forwarding", "0"},
	};
	expect_sysctls(f, want, sizeof(want) / sizeof(*want));
}

/* No /proc/sys at all is an error, not a namespace without sysctls. */
static void sysctls_missing_tree(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 1, "lo", 0);
	assert_int_equal(nld_sysctls(&f->c, "/nonexistent/ifcc"), -ENOENT);
	assert_int_equal(f->d.errors, 1);
	const struct ifcc_diag *d = f->d.list.v[0];
	assert_string_equal(d->rule, "state-dump");
	assert_non_null(strstr(d->message, "/nonexistent/ifcc/net/ipv4/conf"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    FX_TEST(port_vlans),
	    FX_TEST(bridge_self_vlans),
	    FX_TEST(tunnel_ids),
	    FX_TEST(fdb_entries),
	    FX_TEST(routes),
	    FX_TEST(multipath_route),
	    FX_TEST(rules),
	    FX_TEST(addresses),
	    FX_TEST(sysctls),
	    FX_TEST(sysctls_missing_tree),
	    FX_TEST(sysctls_from_link),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
