/* Private to the graph rules: helpers shared by graph.c, graph_vlans.c and graph_addr.c. */
#ifndef IFCC_GRAPH_H
#define IFCC_GRAPH_H

#include "vctx.h"

/* The attribute that lists a bridge's or a bond's ports. */
const char *graph_ports_attr(const struct ifcc_iface *master);
/* Where `master` names `port` in its bridge-ports / bond-slaves (its name if not found). */
struct ifcc_loc graph_port_loc(const struct ifcc_iface *master, const char *port);
/* The first line of `name` when it parsed to a typed value, else NULL. */
const struct ifcc_line *graph_typed(const struct ifcc_iface *i, enum ifcc_kw_id id);

void graph_check_bridge_vlans(struct vctx *v);
void graph_check_addresses(struct vctx *v);

#endif
