/* The table of link kinds. */
#include <string.h>

#include "link_ops.h"

static const struct ifcc_link_ops *const table[LK__COUNT] = {
    [LK_PHYSICAL] = &link_physical_ops, [LK_BRIDGE] = &link_bridge_ops,
    [LK_VLAN] = &link_vlan_ops,         [LK_MACVLAN] = &link_macvlan_ops,
    [LK_BOND] = &link_bond_ops,         [LK_VRF] = &link_vrf_ops,
    [LK_VXLAN] = &link_vxlan_ops,       [LK_VETH] = &link_veth_ops,
    [LK_DUMMY] = &link_dummy_ops,
};

const struct ifcc_link_ops *link_ops_get(enum ifcc_link_kind k)
{
	return k < LK__COUNT ? table[k] : NULL;
}

const char *ifcc_link_kind_name(enum ifcc_link_kind k)
{
	return k < LK__COUNT ? table[k]->name : "?";
}

int ifcc_link_kind_from_name(const char *name)
{
	for (int k = 0; k < LK__COUNT; k++)
		if (!strcmp(table[k]->name, name))
			return k;
	return -1;
}
