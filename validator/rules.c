/* The rule table: ids, severities and documentation of every validation rule. */
#include <string.h>

#include "ifcc/validate.h"

const struct ifcc_rule ifcc_rules[] = {
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
