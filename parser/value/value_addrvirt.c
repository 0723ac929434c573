/* address-virtual: "MAC|none [PREFIX...]". Multicast or zero MACs are left to the checks. */
#include "value_internal.h"

#include <errno.h>
#include <string.h>

int value_parse_address_virtual(struct arena *a, const char *v, struct ifcc_address_virtual *out,
                                struct value_error *err)
{
	struct ifcc_address_virtual av;
	struct value_token t, first;
	size_t pos = 0, count = 0;
	int r;

	memset(&av, 0, sizeof(av));
	if (!value_next(v, &pos, false, &first))
		return value_fail(err, 0, 0,
		                  "missing MAC address: expected a MAC or none, then addresses");
	if (value_token_is(v, first, "none")) {
		av.mac_none = true;
	} else {
		r = value_parse_mac(v, first, &av.mac, err);
		if (r < 0)
			return r;
	}
	/* Count the prefixes, then read each once into its slot; the first few tokens are
	 * kept, so a usual line is split into words once. */
	struct value_token kept[8];
	size_t rest = pos;
	while (value_next(v, &pos, false, &t)) {
		if (count < sizeof(kept) / sizeof(kept[0]))
			kept[count] = t;
		count++;
	}
	if (count && count <= sizeof(kept) / sizeof(kept[0])) {
		_Static_assert(_Alignof(struct ifcc_prefix) == 1, "ifcc_prefix is byte-aligned");
		av.prefixes = arena_alloc_packed(a, count * sizeof(*av.prefixes));
		if (!av.prefixes)
			return value_nomem(err);
		for (size_t i = 0; i < count; i++) {
			r = value_parse_prefix(v, kept[i], 0, &av.prefixes[i], err);
			if (r < 0)
				return r;
		}
	} else if (count) {
		/* Byte-aligned structs: packed, not rounded up to the arena's alignment. */
		_Static_assert(_Alignof(struct ifcc_prefix) == 1, "ifcc_prefix is byte-aligned");
		av.prefixes = arena_alloc_packed(a, count * sizeof(*av.prefixes));
		if (!av.prefixes)
			return value_nomem(err);
		pos = rest;
		for (size_t i = 0; value_next(v, &pos, false, &t); i++) {
			r = value_parse_prefix(v, t, 0, &av.prefixes[i], err);
			if (r < 0)
				return r;
		}
	}
	av.nprefixes = count;
	*out = av;
	return 0;
}
