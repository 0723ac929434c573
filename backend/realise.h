/* Helpers shared by realise.c, its companions and the link kinds' realise hooks. */
#ifndef IFCC_BACKEND_REALISE_H
#define IFCC_BACKEND_REALISE_H

#include "ifcc/model.h"
#include "ifcc/state.h"

struct realise_ctx {
	struct arena *a;
	const struct ifcc_model *m;
	struct ifcc_state *s;
};

/* The line that counts for attribute `name` when it holds a typed value, else NULL. */
const struct ifcc_line *rz_line(const struct ifcc_iface *i, const char *name);
/* KW_ENUM: index of the word in the keyword's values, or -1 when absent or untyped. */
int rz_word(const struct ifcc_iface *i, const char *name);
/* yes/on/1 → 1, no/off/0 → 0, absent → -1 (any on/off style enum). */
int rz_bool(const struct ifcc_iface *i, const char *name);
/* Where a line's key stands; a location without a file for NULL. */
struct ifcc_loc rz_loc(const struct ifcc_line *ln);

/* Adds net.FAMILY.conf.IFNAME.KEY = value ("ipv4"/"ipv6"); 0 or -ENOMEM. */
int realise_sysctl(struct realise_ctx *c, const char *family, const char *ifname, const char *key,
                   const char *value, struct ifcc_loc src);

/* The per-port and per-bridge VLANs of every VLAN-aware bridge (realise_bridge.c). */
int realise_bridge_vlans(struct realise_ctx *c);
/* Bridge port flags, IPv6 off on ports, bridges' forwarding (realise_port.c). */
int realise_ports(struct realise_ctx *c);
/* The VRR macvlans of every `address-virtual` line, with addresses, sysctls, FDB
 * (realise_vrr.c). */
int realise_vrr(struct realise_ctx *c);

#endif
