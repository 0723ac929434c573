/*
 * Prints the compiled attribute table as TSV, one row per entry, for check_catalog.py:
 * name module type values min max family default multi kinds alias_of replaced_by
 * deprecated compat cumulus doc. Lists are joined with '|'; NULL strings print as "-".
 */
#include <stdio.h>

#include "ifcc/keywords.h"

static const char *const type_names[] = {
	[KW_TEXT] = "TEXT",
	[KW_UINT] = "UINT",
	[KW_ENUM] = "ENUM",
	[KW_IP] = "IP",
	[KW_PREFIX] = "PREFIX",
	[KW_MAC] = "MAC",
	[KW_VLAN_LIST] = "VLAN_LIST",
	[KW_VNI_MAP] = "VNI_MAP",
	[KW_PORT_LIST] = "PORT_LIST",
	[KW_IFACE] = "IFACE",
	[KW_VRF_TABLE] = "VRF_TABLE",
	[KW_ADDR_VIRTUAL] = "ADDR_VIRTUAL",
	[KW_VRRP] = "VRRP",
	[KW_IFACE_VALUES] = "IFACE_VALUES",
	[KW_CLAGD_BACKUP] = "CLAGD_BACKUP",
	[KW_IP_OR_WORD] = "IP_OR_WORD",
	[KW_VID_IP_LIST] = "VID_IP_LIST",
};

static const struct {
	unsigned bit;
	const char *name;
} kind_names[] = {
	{KWK_LOOPBACK, "LOOPBACK"}, {KWK_PHYSICAL, "PHYSICAL"}, {KWK_BOND, "BOND"},
	{KWK_BRIDGE, "BRIDGE"},	    {KWK_BRIDGE_PORT, "BRIDGE_PORT"}, {KWK_VLAN, "VLAN"},
	{KWK_VRF, "VRF"},	    {KWK_VXLAN, "VXLAN"},	      {KWK_TUNNEL, "TUNNEL"},
	{KWK_VETH, "VETH"},	    {KWK_DUMMY, "DUMMY"},	      {KWK_OTHER, "OTHER"},
	{KWK_BRIDGE_VLAN, "BRIDGE_VLAN"},
};

static const char *str(const char *s)
{
	return s ? s : "-";
}

int main(void)
{
	for (size_t k = 0; k < ifcc_nkeywords; k++) {
		const struct ifcc_keyword *kw = &ifcc_keywords[k];
		unsigned tn = (unsigned)kw->type;
		printf("%s\t%s\t%s\t", kw->name, str(kw->module),
		       tn < sizeof(type_names) / sizeof(type_names[0]) && type_names[tn]
			       ? type_names[tn]
			       : "?");
		for (size_t v = 0; kw->values && kw->values[v]; v++)
			printf("%s%s", v ? "|" : "", kw->values[v]);
		printf("\t%llu\t%llu\t%u\t%s\t%s\t", (unsigned long long)kw->min,
		       (unsigned long long)kw->max, (unsigned)kw->family, str(kw->def),
		       kw->multi == KW_ALL_LINES ? "all" : "first");
		unsigned rest = kw->kinds;
		int any = 0;
		for (size_t b = 0; b < sizeof(kind_names) / sizeof(kind_names[0]); b++) {
			if (kw->kinds & kind_names[b].bit) {
				printf("%s%s", any ? "|" : "", kind_names[b].name);
				rest &= ~kind_names[b].bit;
				any = 1;
			}
		}
		if (rest)
			printf("%s?%#x", any ? "|" : "", rest);
		printf("\t%s\t%s\t%d\t%d\t%d\t%s\n", str(kw->alias_of), str(kw->replaced_by),
		       kw->deprecated, kw->compat, kw->cumulus, str(kw->doc));
	}
	return 0;
}
