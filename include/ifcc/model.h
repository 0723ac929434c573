/*
 * The model: what a configuration means. One typed interface per name, with ifupdown2's
 * merge rules applied (duplicate stanzas squashed, aliases translated, first-line-wins),
 * every value typed, references resolved to pointers, and every field remembering the
 * location it came from. Everything lives in the configuration's arena.
 */
#ifndef IFCC_MODEL_H
#define IFCC_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "ifcc/ast.h"
#include "ifcc/frontend.h"
#include "ifcc/keywords.h"
#include "ifcc/strset.h"
#include "ifcc/value.h"

enum ifcc_kind {
	IFK_PHYSICAL, /* also any interface ifupdown2 would treat as an existing link */
	IFK_LOOPBACK,
	IFK_BOND,
	IFK_BRIDGE,
	IFK_VLAN, /* 802.1Q device: SVI on a bridge, or sub-interface of a port/bond */
	IFK_VRF,
	IFK_VXLAN,
	IFK_VETH,
	IFK_DUMMY,
	IFK_TUNNEL,
	IFK_BRIDGE_VLAN, /* a `vlan BRIDGE.VID` stanza: per-VLAN settings of a bridge */
};

const char *ifcc_kind_name(enum ifcc_kind k);

union ifcc_value {
	uint64_t u;	   /* KW_UINT, KW_IFACE_VALUES single number */
	size_t index;	   /* KW_ENUM, KW_IP_OR_WORD word: index into kw->values */
	struct ifcc_ip ip; /* KW_IP, KW_IP_OR_WORD, KW_CLAGD_BACKUP */
	struct ifcc_prefix prefix;
	struct ifcc_mac mac;
	struct ifcc_vlan_set *vlans;
	struct {
		struct ifcc_vni_map_entry *v;
		size_t n;
	} vni_map;
	struct {
		struct ifcc_port *v;
		size_t n;
	} ports;
	uint32_t table; /* KW_VRF_TABLE: 0 = auto */
	struct ifcc_address_virtual av;
};

/* One line of an attribute, as written (after $IFACE substitution) and typed. */
struct ifcc_line {
	const struct ast_attr *src;
	const char *text;
	bool typed; /* v holds a value (the keyword is known and the value parsed) */
	bool is_word; /* KW_IP_OR_WORD: the value is a word, not an address */
	union ifcc_value v;
};

/* An attribute's lines: n of them (cap: room, while they are gathered). Smaller than a
 * ptrvec: there is one of these for most lines of a file. */
struct ifcc_lines {
	void **v; /* struct ifcc_line *, in reading order */
	uint32_t n, cap;
};

struct ifcc_attr {
	const char *name; /* canonical name */
	const struct ifcc_keyword *kw; /* NULL: unknown attribute, kept as text */
	struct ifcc_lines lines;
};

struct ifcc_iface {
	const char *name;
	uint32_t index;	 /* in model->ifaces (0 for a `vlan` stanza's entry) */
	enum ifcc_kind kind;
	bool implicit;	 /* named by another interface, no stanza of its own */
	bool is_auto;
	bool vlan_aware; /* bridge: bridge-vlan-aware yes */
	unsigned families; /* bit 0 inet, bit 1 inet6 */
	const char *method;
	struct ifcc_loc loc;	/* the first stanza's name */
	struct ptrvec stanzas;	/* const struct ast_stanza * merged into this interface */
	struct ptrvec classes;	/* const char *: allow-CLASS */
	struct ptrvec attrs;	/* struct ifcc_attr *, in first-seen order (a handful: searched) */
	/* Bit (row % 64) of each known attribute's keyword row: a clear bit says "absent"
	 * without a search. */
	uint64_t kw_bits;

	/* Resolved references. */
	struct ifcc_iface *master; /* bridge or bond this one is a port of */
	struct ifcc_iface *vrf;	   /* `vrf NAME` */
	struct ifcc_iface *lower;  /* VLAN: the raw device */
	struct ptrvec ports;	   /* bridge/bond: struct ifcc_iface * in order */
	uint16_t vlan_id;	   /* VLAN: from vlan-id or the name */
	bool has_vlan_id;
	uint8_t kind_misfit; /* lowering's own: LOWER_MISFIT_* hints of its kind check */
};

struct ifcc_model {
	struct ptrvec ifaces; /* struct ifcc_iface *, in order of first appearance */
	struct strset by_name;
	struct ptrvec vlans;  /* struct ifcc_iface * of kind IFK_BRIDGE_VLAN */
};

/* Lowers cfg->ast into a model allocated in cfg's arena; diagnostics go to cfg->diags. */
struct ifcc_model *ifcc_lower(struct ifcc_config *cfg);

struct ifcc_iface *ifcc_model_find(const struct ifcc_model *m, const char *name);
/* Attribute by canonical name, or NULL. */
const struct ifcc_attr *ifcc_iface_attr(const struct ifcc_iface *i, const char *name);
/* The line that counts for a first-line-wins attribute (NULL if absent). */
const struct ifcc_line *ifcc_iface_first(const struct ifcc_iface *i, const char *name);
/* The same by keyword id (KWI_ADDRESS...): no string compare. */
const struct ifcc_attr *ifcc_iface_attr_id(const struct ifcc_iface *i, enum ifcc_kw_id id);
const struct ifcc_line *ifcc_iface_first_id(const struct ifcc_iface *i, enum ifcc_kw_id id);

#endif
