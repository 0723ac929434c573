/* The rule table: ids, severities and documentation of every validation rule. */
#include <string.h>

#include "ifcc/validate.h"

const struct ifcc_rule ifcc_rules[] = {
	{"access-with-vids", IFCC_WARNING, RULE_DEVICE,
	 "A bridge port has bridge-access and also bridge-vids or bridge-pvid; ifupdown2 ignores "
	 "the latter two.",
	 "iface br0\n    bridge-ports swp1\n    bridge-vlan-aware yes\n\n"
	 "iface swp1\n    bridge-access 10\n    bridge-vids 10 20",
	 "iface br0\n    bridge-ports swp1\n    bridge-vlan-aware yes\n\n"
	 "iface swp1\n    bridge-access 10"},
	{"clag-backup-missing", IFCC_WARNING, RULE_DEVICE,
	 "The MLAG peer link has no clagd-backup-ip: when the peer link fails, the peers cannot "
	 "tell a dead peer from a broken link.",
	 "iface peerlink.4094\n    clagd-peer-ip linklocal\n    clagd-sys-mac 44:38:39:ff:00:01",
	 "iface peerlink.4094\n    clagd-peer-ip linklocal\n    clagd-sys-mac 44:38:39:ff:00:01\n"
	 "    clagd-backup-ip 192.168.200.12"},
	{"clag-backup-self", IFCC_ERROR, RULE_DEVICE,
	 "clagd-backup-ip is one of the switch's own addresses; it must be the peer's.",
	 "iface eth0\n    address 192.168.200.11/24\n\niface peerlink.4094\n"
	 "    clagd-peer-ip linklocal\n    clagd-sys-mac 44:38:39:ff:00:01\n"
	 "    clagd-backup-ip 192.168.200.11",
	 "iface eth0\n    address 192.168.200.11/24\n\niface peerlink.4094\n"
	 "    clagd-peer-ip linklocal\n    clagd-sys-mac 44:38:39:ff:00:01\n"
	 "    clagd-backup-ip 192.168.200.12"},
	{"clag-id-duplicate", IFCC_ERROR, RULE_DEVICE,
	 "Two bonds of one switch have the same clag-id; each dual-connected host needs its own.",
	 "iface bond1\n    bond-slaves swp1\n    clag-id 1\n\n"
	 "iface bond2\n    bond-slaves swp2\n    clag-id 1",
	 "iface bond1\n    bond-slaves swp1\n    clag-id 1\n\n"
	 "iface bond2\n    bond-slaves swp2\n    clag-id 2"},
	{"clag-peerlink", IFCC_ERROR, RULE_DEVICE,
	 "The MLAG peer link (the interface with clagd-peer-ip) lacks a unicast clagd-sys-mac, "
	 "names its own address as the peer, or is not the only one.",
	 "iface peerlink.4094\n    clagd-peer-ip linklocal\n    clagd-backup-ip 192.168.200.12",
	 "iface peerlink.4094\n    clagd-peer-ip linklocal\n    clagd-backup-ip 192.168.200.12\n"
	 "    clagd-sys-mac 44:38:39:ff:00:01"},
	{"dangling-reference", IFCC_ERROR, RULE_DEVICE,
	 "bridge-ports, bond-slaves or vlan-raw-device names an interface no stanza defines, "
	 "and the name is a near miss of a bond, bridge or VXLAN the file does define.",
	 "iface bond1\n    bond-slaves swp1\n\niface br0\n    bridge-ports bnod1\n"
	 "    bridge-vlan-aware yes",
	 "iface bond1\n    bond-slaves swp1\n\niface br0\n    bridge-ports bond1\n"
	 "    bridge-vlan-aware yes"},
	{"dependency-cycle", IFCC_ERROR, RULE_DEVICE,
	 "Ports, raw devices and VRF membership form a cycle; ifupdown2 cannot order the "
	 "interfaces and stops.",
	 "iface vlan10\n    vlan-raw-device br0\n\niface br0\n    bridge-ports swp1 vlan10",
	 "iface vlan10\n    vlan-raw-device br0\n\niface br0\n    bridge-ports swp1"},
	{"duplicate-address", IFCC_ERROR, RULE_DEVICE,
	 "One address (prefix length aside) on two interfaces in one VRF; link-local addresses "
	 "and a loopback's /32 repeated on unnumbered ports are allowed.",
	 "iface swp1\n    address 10.0.0.1/31\n\niface swp2\n    address 10.0.0.1/31",
	 "iface swp1\n    address 10.0.0.1/31\n\niface swp2\n    address 10.0.0.3/31"},
	{"fabric-duplicate-ip", IFCC_ERROR, RULE_FABRIC,
	 "One address (in one VRF) is configured on two devices; only VRR virtual IPs and a "
	 "pair's anycast VTEP address may be shared (127/8, ::1 and link-local are ignored).",
	 "# leaf01\niface lo\n    address 10.10.10.1/32\n"
	 "# leaf03\niface lo\n    address 10.10.10.1/32",
	 "# leaf01\niface lo\n    address 10.10.10.1/32\n"
	 "# leaf03\niface lo\n    address 10.10.10.3/32"},
	{"fabric-vni-map-mismatch", IFCC_WARNING, RULE_FABRIC,
	 "One VNI is mapped to different VLANs on two devices of the fabric.",
	 "# leaf01\niface vxlan48\n    bridge-vlan-vni-map 10=10010 20=10020\n"
	 "# leaf03\niface vxlan48\n    bridge-vlan-vni-map 10=10010 21=10020",
	 "# leaf01\niface vxlan48\n    bridge-vlan-vni-map 10=10010 20=10020\n"
	 "# leaf03\niface vxlan48\n    bridge-vlan-vni-map 10=10010 20=10020"},
	{"mlag-anycast-mismatch", IFCC_ERROR, RULE_FABRIC,
	 "The two MLAG peers have different clagd-vxlan-anycast-ip (or only one has it).",
	 "# leaf01\niface lo\n    clagd-vxlan-anycast-ip 10.0.1.12\n"
	 "# leaf02\niface lo\n    clagd-vxlan-anycast-ip 10.0.1.13",
	 "# leaf01\niface lo\n    clagd-vxlan-anycast-ip 10.0.1.12\n"
	 "# leaf02\niface lo\n    clagd-vxlan-anycast-ip 10.0.1.12"},
	{"mlag-backup-ip", IFCC_WARNING, RULE_FABRIC,
	 "A peer's clagd-backup-ip is none of the other peer's addresses (or lies in another VRF "
	 "than the one named); skipped when the peer gets an address by DHCP.",
	 "# leaf01\niface peerlink.4094\n    clagd-backup-ip 172.20.20.99 vrf mgmt\n"
	 "# leaf02\niface eth0\n    address 172.20.20.12/24\n    vrf mgmt",
	 "# leaf01\niface peerlink.4094\n    clagd-backup-ip 172.20.20.12 vrf mgmt\n"
	 "# leaf02\niface eth0\n    address 172.20.20.12/24\n    vrf mgmt"},
	{"mlag-clag-id-mismatch", IFCC_ERROR, RULE_FABRIC,
	 "A clag-id exists on one MLAG peer only, or its two bonds carry different VLANs "
	 "(bridge-access, bridge-vids).",
	 "# leaf01\niface bond1\n    clag-id 1\n    bridge-access 10\n"
	 "# leaf02\niface bond1\n    clag-id 1\n    bridge-access 20",
	 "# leaf01\niface bond1\n    clag-id 1\n    bridge-access 10\n"
	 "# leaf02\niface bond1\n    clag-id 1\n    bridge-access 10"},
	{"mlag-sys-mac-reused", IFCC_ERROR, RULE_FABRIC,
	 "One clagd-sys-mac on more than two devices: every MLAG pair needs its own.",
	 "# leaf01, leaf02 and leaf03\niface peerlink.4094\n    clagd-sys-mac 44:38:39:ff:00:01",
	 "# leaf01, leaf02\niface peerlink.4094\n    clagd-sys-mac 44:38:39:ff:00:01\n"
	 "# leaf03, leaf04\niface peerlink.4094\n    clagd-sys-mac 44:38:39:ff:00:02"},
	{"mlag-unique-ip-same", IFCC_ERROR, RULE_FABRIC,
	 "A VRR SVI has the same unique address on both MLAG peers.",
	 "# leaf01\niface vlan10\n    address 10.1.10.2/24\n"
	 "# leaf02\niface vlan10\n    address 10.1.10.2/24",
	 "# leaf01\niface vlan10\n    address 10.1.10.2/24\n"
	 "# leaf02\niface vlan10\n    address 10.1.10.3/24"},
	{"mlag-vrr-mac-mismatch", IFCC_ERROR, RULE_FABRIC,
	 "The VRR MAC of one VLAN differs between the MLAG peers.",
	 "# leaf01\niface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24\n"
	 "# leaf02\niface vlan10\n    address-virtual 00:00:5e:00:01:02 10.1.10.1/24",
	 "# leaf01\niface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24\n"
	 "# leaf02\niface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24"},
	{"mlag-vrr-missing", IFCC_ERROR, RULE_FABRIC,
	 "A VLAN has a VRR SVI on one MLAG peer only; hosts hashed to the other lose their "
	 "gateway.",
	 "# leaf01\niface vlan30\n    address 10.1.30.2/24\n"
	 "    address-virtual 00:00:5e:00:01:01 10.1.30.1/24\n"
	 "# leaf02\niface vlan30\n    address 10.1.30.3/24",
	 "# leaf01\niface vlan30\n    address 10.1.30.2/24\n"
	 "    address-virtual 00:00:5e:00:01:01 10.1.30.1/24\n"
	 "# leaf02\niface vlan30\n    address 10.1.30.3/24\n"
	 "    address-virtual 00:00:5e:00:01:01 10.1.30.1/24"},
	{"mlag-vrr-vip-mismatch", IFCC_ERROR, RULE_FABRIC,
	 "The virtual IPs of one VLAN differ between the MLAG peers.",
	 "# leaf01\niface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24\n"
	 "# leaf02\niface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.9/24",
	 "# leaf01\niface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24\n"
	 "# leaf02\niface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24"},
	{"mtu-above-lower", IFCC_ERROR, RULE_DEVICE,
	 "A VLAN device (SVI or sub-interface) has an mtu above its lower device's mtu.",
	 "iface bond1\n    bond-slaves swp1\n    mtu 1500\n\niface bond1.100\n    mtu 9000",
	 "iface bond1\n    bond-slaves swp1\n    mtu 9000\n\niface bond1.100\n    mtu 9000"},
	{"svi-vlan-not-carried", IFCC_ERROR, RULE_DEVICE,
	 "An SVI's VLAN is carried by neither its VLAN-aware bridge (bridge-vids, bridge-pvid) "
	 "nor any of the bridge's ports.",
	 "iface br0\n    bridge-ports swp1\n    bridge-vlan-aware yes\n    bridge-vids 10 20\n\n"
	 "iface vlan30\n    vlan-raw-device br0\n    address 10.1.30.2/24",
	 "iface br0\n    bridge-ports swp1\n    bridge-vlan-aware yes\n    bridge-vids 10 20 30\n\n"
	 "iface vlan30\n    vlan-raw-device br0\n    address 10.1.30.2/24"},
	{"vlan-id-mismatch", IFCC_ERROR, RULE_DEVICE,
	 "vlan-id disagrees with the VLAN id in the interface name (swp1.100, vlan10).",
	 "iface swp1.100\n    vlan-id 200",
	 "iface swp1.100\n    vlan-id 100"},
	{"vrr-mac-multicast", IFCC_ERROR, RULE_DEVICE,
	 "The VRR MAC has the multicast bit set; ifupdown2 refuses it when bringing the SVI up.",
	 "iface vlan10\n    address-virtual 01:00:5e:00:01:01 10.1.10.1/24",
	 "iface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24"},
	{"vrr-mac-per-vlan", IFCC_WARNING, RULE_DEVICE,
	 "One SVI's address-virtual lines use different MACs; with EVPN every VRR subnet of a "
	 "VLAN must share one gateway MAC.",
	 "iface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24\n"
	 "    address-virtual 00:00:5e:00:01:02 10.1.11.1/24",
	 "iface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24 10.1.11.1/24"},
	{"vrr-mac-range", IFCC_WARNING, RULE_DEVICE,
	 "The VRR MAC lies outside the reserved VRR range 00:00:5e:00:01:00-00:00:5e:00:01:ff "
	 "(allowed as a per-VLAN override; the range can be changed with --vrr-mac-range).",
	 "iface vlan10\n    address-virtual 00:00:00:00:00:02 10.1.10.1/24",
	 "iface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24"},
	{"vrr-mac-reused", IFCC_ERROR, RULE_DEVICE,
	 "Two macvlans on one lower device with the same MAC (two address-virtual lines, or "
	 "address-virtual and vrrp): the kernel refuses the second.",
	 "iface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24\n"
	 "    address-virtual 00:00:5e:00:01:01 10.1.11.1/24",
	 "iface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24 10.1.11.1/24"},
	{"vrr-macvlan-name", IFCC_ERROR, RULE_DEVICE,
	 "The macvlan ifupdown2 derives for an address-virtual line (first 13 characters of the "
	 "name, '.' as '-', then -vN) is longer than the kernel's 15.",
	 "iface averylongbrname\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24",
	 "iface br10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24"},
	{"vrr-no-unique-address", IFCC_ERROR, RULE_DEVICE,
	 "A VRR SVI has no address of its own; each peer needs a unique address in the "
	 "virtual IP's subnet.",
	 "iface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24",
	 "iface vlan10\n    address 10.1.10.2/24\n    address-virtual 00:00:5e:00:01:01 "
	 "10.1.10.1/24"},
	{"vrr-svi-only", IFCC_ERROR, RULE_DEVICE,
	 "address-virtual belongs on an SVI (a VLAN interface of a bridge) or on a bridge, "
	 "never on a port, a bond, a bridge port or a sub-interface of a port.",
	 "iface swp1\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24",
	 "iface vlan10\n    vlan-raw-device bridge\n    address 10.1.10.2/24\n"
	 "    address-virtual 00:00:5e:00:01:01 10.1.10.1/24"},
	{"vrr-vip-is-unique", IFCC_ERROR, RULE_DEVICE,
	 "A virtual IP equals one of the SVI's own (unique) addresses.",
	 "iface vlan10\n    address 10.1.10.1/24\n    address-virtual 00:00:5e:00:01:01 "
	 "10.1.10.1/24",
	 "iface vlan10\n    address 10.1.10.2/24\n    address-virtual 00:00:5e:00:01:01 "
	 "10.1.10.1/24"},
	{"vrr-vip-outside-subnet", IFCC_ERROR, RULE_DEVICE,
	 "A virtual IP is not in the subnet of any of the SVI's own addresses.",
	 "iface vlan10\n    address 10.1.10.2/24\n    address-virtual 00:00:5e:00:01:01 "
	 "10.1.20.1/24",
	 "iface vlan10\n    address 10.1.10.2/24\n    address-virtual 00:00:5e:00:01:01 "
	 "10.1.10.1/24"},
	{"vrr-with-vrrp", IFCC_ERROR, RULE_DEVICE,
	 "address-virtual (VRR, active-active) and vrrp (active-standby) on one interface: use "
	 "one of them.",
	 "iface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24\n"
	 "    vrrp 10 10.1.10.1/24",
	 "iface vlan10\n    address-virtual 00:00:5e:00:01:01 10.1.10.1/24"},
	{"vxlan-port-vlan", IFCC_ERROR, RULE_DEVICE,
	 "A VXLAN port of a VLAN-aware bridge has no bridge-access (nor a single VLAN, nor a "
	 "bridge-vlan-vni-map); ifupdown2 refuses it.",
	 "iface vni10\n    vxlan-id 10\n\niface br0\n    bridge-ports swp1 vni10\n"
	 "    bridge-vlan-aware yes\n    bridge-vids 10 20",
	 "iface vni10\n    vxlan-id 10\n    bridge-access 10\n\niface br0\n"
	 "    bridge-ports swp1 vni10\n    bridge-vlan-aware yes\n    bridge-vids 10 20"},
};

const size_t ifcc_nrules = sizeof(ifcc_rules) / sizeof(ifcc_rules[0]);

const struct ifcc_rule *ifcc_rule_find(const char *id)
{
	size_t lo = 0, hi = ifcc_nrules;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, ifcc_rules[mid].id);
		if (c == 0)
			return &ifcc_rules[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
