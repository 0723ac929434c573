/* VLAN id lists ("10 20-30,40") and the bridge-vlan-vni-map. */
#include "value_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define VLAN_ID_MAX     4095u
#define VNI_MAP_VID_MIN 1u
#define VNI_MAP_VID_MAX 4094u
#define VNI_MIN         1u
#define VNI_MAX         16777214u

bool ifcc_vlan_set_has(const struct ifcc_vlan_set *s, unsigned vid)
{
	return vid <= VLAN_ID_MAX && (s->bits[vid / 64] >> (vid % 64)) & 1;
}

static void vlan_set_add(struct ifcc_vlan_set *s, unsigned vid)
{
	s->bits[vid / 64] |= UINT64_C(1) << (vid % 64);
}

/*
 * The plain number of at most `max_digits` digits that is all of v[off, off+len), in
 * [min, max]: true and *x, else false (the caller then takes its general path, which
 * words the error).
 */
static inline bool plain_number(const char *v, size_t off, size_t len, size_t max_digits,
				uint64_t min, uint64_t max, uint64_t *x)
{
	if (len == 0 || len > max_digits)
		return false;
	uint64_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)v[off + i] - '0';
		if (d > 9)
			return false;
		n = n * 10 + d;
	}
	*x = n;
	return n >= min && n <= max;
}

/* "N" or "A-B" in a token: the two numbers and where each one is. */
struct num_range {
	uint64_t first, last;
	size_t off1, len1, off2, len2; /* off2/len2 equal off1/len1 for a single number */
};

/*
 * Reads "N" or "A-B" from v[off, off+len). `what` names the numbers for messages
 * ("VLAN id", "VNI"); limits are checked here too, then A <= B.
 */
static int read_range(const char *v, size_t off, size_t len, const char *what, uint64_t min,
                      uint64_t max, struct num_range *r, struct value_error *err)
{
	/* Most tokens are one number of a few digits (a bridge-vids line may list 4000):
	 * those are read here at once, the rest below. */
	if (len <= 9) {
		uint64_t x = 0;
		size_t i = 0;
		for (; i < len; i++) {
			unsigned d = (unsigned)(unsigned char)v[off + i] - '0';
			if (d > 9)
				break;
			x = x * 10 + d;
		}
		if (i == len && len && x >= min && x <= max) {
			*r = (struct num_range){.off1 = off, .len1 = len, .off2 = off, .len2 = len,
						.first = x, .last = x};
			return 0;
		}
	}
	char q[VALUE_QUOTE_MAX + 4];
	const char *dash = memchr(v + off, '-', len);
	size_t l1 = dash ? (size_t)(dash - (v + off)) : len;

	r->off1 = off;
	r->len1 = l1;
	r->off2 = dash ? off + l1 + 1 : off;
	r->len2 = dash ? len - l1 - 1 : len;
	if (dash && (l1 == 0 || r->len2 == 0))
		return value_fail(err, off, len, "invalid range '%s': expected A-B with two %ss",
		                  value_quote(q, sizeof(q), v + off, len), what);
	for (int k = 0; k < (dash ? 2 : 1); k++) {
		size_t o = k ? r->off2 : r->off1, l = k ? r->len2 : r->len1;
		uint64_t *x = k ? &r->last : &r->first;
		int e = value_decimal(v + o, l, x);
		if (e == -EINVAL)
			return value_fail(err, o, l,
			                  "invalid %s '%s': expected a number %llu-%llu%s", what,
			                  value_quote(q, sizeof(q), v + o, l),
			                  (unsigned long long)min, (unsigned long long)max,
			                  dash ? "" : " or a range A-B");
		if (e < 0 || *x < min || *x > max)
			return value_fail(err, o, l, "%s %s is out of range %llu-%llu", what,
			                  value_quote(q, sizeof(q), v + o, l),
			                  (unsigned long long)min, (unsigned long long)max);
	}
	if (!dash)
		r->last = r->first;
	if (r->first > r->last)
		return value_fail(err, off, len, "range '%s' is reversed: %llu is above %llu",
		                  value_quote(q, sizeof(q), v + off, len),
		                  (unsigned long long)r->first, (unsigned long long)r->last);
	return 0;
}

int value_parse_vlan_list(const char *v, bool commas, unsigned min, unsigned max,
                          struct ifcc_vlan_set *out, struct value_error *err)
{
	struct ifcc_vlan_set s;
	struct value_token t;
	size_t pos = 0, n = 0;

	/* The set holds ids 0..4095 only. */
	if (max > VLAN_ID_MAX)
		max = VLAN_ID_MAX;
	memset(&s, 0, sizeof(s));
	while (value_next(v, &pos, commas, &t)) {
		/* Most tokens are one VLAN id (a trunk's bridge-vids may list 4000): at once. */
		uint64_t vid;
		if (plain_number(v, t.off, t.len, 4, min, max, &vid)) {
			vlan_set_add(&s, (unsigned)vid);
			n++;
			continue;
		}
		const char *comma = commas ? NULL : memchr(v + t.off, ',', t.len);
		if (comma)
			return value_fail(err, (size_t)(comma - v), 1,
			                  "',' is not allowed here: separate VLAN ids with blanks");
		struct num_range r;
		int e = read_range(v, t.off, t.len, "VLAN id", min, max, &r, err);
		if (e < 0)
			return e;
		for (uint64_t id = r.first; id <= r.last; id++)
			vlan_set_add(&s, (unsigned)id);
		n++;
	}
	if (n == 0)
		return value_fail(err, pos, 0, "missing VLAN ids: expected ids %u-%u or ranges A-B",
		                  min, max);
	*out = s;
	return 0;
}

/* The token quoted for a message, in q (VALUE_QUOTE_MAX + 4 bytes). */
static const char *quote_tok(char *q, const char *v, struct value_token t)
{
	return value_quote(q, VALUE_QUOTE_MAX + 4, v + t.off, t.len);
}

/* One "VID=VNI" or "VIDA-VIDB=VNIA-VNIB" token. */
static int read_vni_entry(const char *v, struct value_token t, struct ifcc_vni_map_entry *e,
                          struct value_error *err)
{
	/* The usual entry, "VID=VNI" with two plain numbers (a VXLAN device may map 4000
	 * VLANs): read at once. */
	size_t l = 0;
	while (l < t.len && l < 5 && (unsigned)(unsigned char)v[t.off + l] - '0' <= 9)
		l++;
	uint64_t a, b;
	if (l < t.len && v[t.off + l] == '=' &&
	    plain_number(v, t.off, l, 4, VNI_MAP_VID_MIN, VNI_MAP_VID_MAX, &a) &&
	    plain_number(v, t.off + l + 1, t.len - l - 1, 8, VNI_MIN, VNI_MAX, &b)) {
		*e = (struct ifcc_vni_map_entry){.vid_first = (uint16_t)a,
						 .vid_last = (uint16_t)a,
						 .vni_first = (uint32_t)b,
						 .vni_last = (uint32_t)b};
		return 0;
	}
	char q[VALUE_QUOTE_MAX + 4];
	const char *eq = memchr(v + t.off, '=', t.len);
	struct num_range vid, vni;

	if (!eq)
		return value_fail(
		    err, t.off, t.len,
		    "invalid mapping '%s': expected VLAN=VNI or VLANA-VLANB=VNIA-VNIB",
		    quote_tok(q, v, t));
	size_t l1 = (size_t)(eq - (v + t.off)), l2 = t.len - l1 - 1;
	if (l1 == 0)
		return value_fail(err, t.off, 1, "invalid mapping '%s': missing VLAN before '='",
		                  quote_tok(q, v, t));
	if (l2 == 0)
		return value_fail(err, t.off + l1, 1, "invalid mapping '%s': missing VNI after '='",
		                  quote_tok(q, v, t));
	int r = read_range(v, t.off, l1, "VLAN id", VNI_MAP_VID_MIN, VNI_MAP_VID_MAX, &vid, err);
	if (r < 0)
		return r;
	r = read_range(v, t.off + l1 + 1, l2, "VNI", VNI_MIN, VNI_MAX, &vni, err);
	if (r < 0)
		return r;
	if (vid.last - vid.first != vni.last - vni.first)
		return value_fail(err, t.off, t.len,
		                  "invalid mapping '%s': %llu VLAN%s but %llu VNI%s; the ranges "
		                  "must have the same length",
		                  quote_tok(q, v, t),
		                  (unsigned long long)(vid.last - vid.first + 1),
		                  vid.last == vid.first ? "" : "s",
		                  (unsigned long long)(vni.last - vni.first + 1),
		                  vni.last == vni.first ? "" : "s");
	e->vid_first = (uint16_t)vid.first;
	e->vid_last = (uint16_t)vid.last;
	e->vni_first = (uint32_t)vni.first;
	e->vni_last = (uint32_t)vni.last;
	return 0;
}

int value_parse_vni_map(struct arena *a, const char *v, struct ifcc_vni_map_entry **out, size_t *n,
                        struct value_error *err)
{
	struct ifcc_vni_map_entry *arr;
	struct value_token t;
	size_t pos = 0, count = 0;

	/* Count the entries, then read each once into its slot. */
	while (value_next(v, &pos, true, &t))
		count++;
	if (count == 0)
		return value_fail(err, pos, 0,
		                  "missing mappings: expected VLAN=VNI, e.g. 10=10010");
	arr = arena_alloc_raw(a, count * sizeof(*arr));
	if (!arr)
		return value_nomem(err);
	pos = 0;
	for (size_t i = 0; value_next(v, &pos, true, &t); i++) {
		int r = read_vni_entry(v, t, &arr[i], err);
		if (r < 0)
			return r;
	}
	*out = arr;
	*n = count;
	return 0;
}
