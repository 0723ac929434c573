/*
 * Typed attribute values. Each parser reads one attribute value (the text after the
 * key, continuation lines already joined) and returns either a typed value or one
 * error that names the exact bytes at fault (offset and length inside the value) and
 * says what is allowed. Parsers are pure: no I/O, no diagnostics queue, no globals.
 */
#ifndef IFCC_VALUE_H
#define IFCC_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ifcc/arena.h"

struct value_error {
	uint32_t off, len; /* bytes of the value at fault */
	char msg[200];	   /* e.g. "invalid IPv4 address '10.1.10.300': octet 300 is above 255" */
};

/* One whitespace-separated token of a value. */
struct value_token {
	const char *s;
	uint32_t off, len; /* offset in the value */
};

/* Splits on blanks; returns the number of tokens (at most max written, all counted). */
size_t value_tokens(const char *v, struct value_token *out, size_t max);

enum { IFCC_AF_INET = 4, IFCC_AF_INET6 = 6 };

struct ifcc_ip {
	uint8_t family; /* IFCC_AF_INET or IFCC_AF_INET6 */
	uint8_t addr[16]; /* IPv4 in the first 4 bytes */
};

struct ifcc_prefix {
	struct ifcc_ip ip;
	uint8_t len;	 /* prefix length; 32/128 when not written */
	bool has_len;	 /* a "/N" was written */
};

struct ifcc_mac {
	uint8_t b[6];
};

/* A set of VLAN ids 0..4095, one bit each. */
struct ifcc_vlan_set {
	uint64_t bits[64];
};

struct ifcc_vni_map_entry {
	uint16_t vid_first, vid_last;	/* VLAN range */
	uint32_t vni_first, vni_last;	/* VNI range of the same length */
};

/* Port lists: names, expanded from `glob` expressions; `regex` kept as patterns. */
struct ifcc_port {
	const char *name;    /* NULL for a regex entry */
	const char *pattern; /* regex text, or NULL */
	uint32_t off, len;   /* token in the value */
};

/*
 * Every parser: v = value text (NUL-terminated), t = the token to parse (tokens are
 * offsets into v, so errors carry offsets in v). Returns 0, or -EINVAL with *err set
 * (-ENOMEM, also with *err set, when an arena allocation fails).
 */
int value_parse_ip(const char *v, struct value_token t, int family, struct ifcc_ip *out,
		   struct value_error *err); /* family 0: either */
int value_parse_prefix(const char *v, struct value_token t, int family,
		       struct ifcc_prefix *out, struct value_error *err); /* "a/len" or bare */
int value_parse_mac(const char *v, struct value_token t, struct ifcc_mac *out,
		    struct value_error *err); /* ifupdown2's <mac>: ':' or '-' */
int value_parse_uint(const char *v, struct value_token t, uint64_t min, uint64_t max,
		     uint64_t *out, struct value_error *err); /* decimal, range checked */
/* One of a list of words (exact, case-sensitive, as ifupdown2 compares them). */
int value_parse_enum(const char *v, struct value_token t, const char *const *allowed,
		     size_t n, size_t *index, struct value_error *err);
/* yes|no|on|off|1|0 (and the subset `allowed_mask` allows: bit 0 yes/no, 1 on/off, 2 0/1). */
int value_parse_bool(const char *v, struct value_token t, unsigned allowed_mask, bool *out,
		     struct value_error *err);

/* Whole-value parsers (they tokenise v themselves). */
/* hwaddress: "[ether] MAC", the `ether` word in any case, as ifupdown2 accepts it. */
int value_parse_hwaddress(const char *v, struct ifcc_mac *out, struct value_error *err);
/* "10 20-30 40,41" (commas allowed when `commas`), each id in [min,max] (max capped at 4095). */
int value_parse_vlan_list(const char *v, bool commas, unsigned min, unsigned max,
			  struct ifcc_vlan_set *out, struct value_error *err);
/* "10=10010 20-21=10020-10021"; ranges of equal length; VID 1..4094, VNI 1..16777214. */
int value_parse_vni_map(struct arena *a, const char *v, struct ifcc_vni_map_entry **out,
			size_t *n, struct value_error *err);
/*
 * bridge-ports / bond-slaves: names, `glob EXPR` (swp1-4, swp[1-4].100, swp[1-2]s[0-3],
 * inclusive), `regex EXPR`, `noglob`, `noregex`; `none` gives an empty list.
 */
int value_parse_port_list(struct arena *a, const char *v, struct ifcc_port **out, size_t *n,
			  struct value_error *err);
/* vrf-table: "auto" (*table = 0) or 1..4294967295 excluding the kernel's reserved ids. */
int value_parse_vrf_table(const char *v, uint32_t *table, struct value_error *err);

/* address-virtual: "MAC|none [PREFIX...]" */
struct ifcc_address_virtual {
	bool mac_none;
	struct ifcc_mac mac;
	struct ifcc_prefix *prefixes;
	size_t nprefixes;
};
int value_parse_address_virtual(struct arena *a, const char *v, struct ifcc_address_virtual *out,
				struct value_error *err);

/* Text forms, for messages and `ifcc show`. */
void ifcc_ip_format(const struct ifcc_ip *ip, char *buf, size_t n);
void ifcc_prefix_format(const struct ifcc_prefix *p, char *buf, size_t n);
void ifcc_mac_format(const struct ifcc_mac *m, char *buf, size_t n); /* lowercase, ':' */
bool ifcc_vlan_set_has(const struct ifcc_vlan_set *s, unsigned vid);

#endif
