/* Text forms of addresses, prefixes and MACs (RFC 5952 for IPv6). */
#include "value_internal.h"

#include <stdio.h>
#include <string.h>

static bool is_v4_mapped(const uint8_t *a)
{
	static const uint8_t head[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	return memcmp(a, head, sizeof(head)) == 0;
}

/* RFC 5952: the longest run of two or more zero groups becomes "::" (the first on a tie). */
static void format_v6(const uint8_t *a, char *buf, size_t n)
{
	uint16_t g[8];
	int best = -1, best_len = 1;
	size_t w = 0;

	if (is_v4_mapped(a)) {
		snprintf(buf, n, "::ffff:%u.%u.%u.%u", a[12], a[13], a[14], a[15]);
		return;
	}
	for (int i = 0; i < 8; i++)
		g[i] = (uint16_t)(a[2 * i] << 8 | a[2 * i + 1]);
	for (int i = 0; i < 8;) {
		int j = i;
		while (j < 8 && g[j] == 0)
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	buf[0] = '\0';
	for (int i = 0; i < 8 && w < n; i++) {
		int r;
		if (i == best) {
			r = snprintf(buf + w, n - w, "::");
			i += best_len - 1;
		} else {
			bool colon = i > 0 && i != best + best_len;
			r = snprintf(buf + w, n - w, "%s%x", colon ? ":" : "", g[i]);
		}
		if (r < 0)
			return;
		w += (size_t)r;
	}
}

void ifcc_ip_format(const struct ifcc_ip *ip, char *buf, size_t n)
{
	const uint8_t *a = ip->addr;

	if (n == 0)
		return;
	if (ip->family == IFCC_AF_INET)
		snprintf(buf, n, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	else if (ip->family == IFCC_AF_INET6)
		format_v6(a, buf, n);
	else
		snprintf(buf, n, "?");
}

void ifcc_prefix_format(const struct ifcc_prefix *p, char *buf, size_t n)
{
	char ip[64];

	if (n == 0)
		return;
	ifcc_ip_format(&p->ip, ip, sizeof(ip));
	snprintf(buf, n, "%s/%u", ip, p->len);
}

void ifcc_mac_format(const struct ifcc_mac *m, char *buf, size_t n)
{
	if (n == 0)
		return;
	snprintf(buf, n, "%02x:%02x:%02x:%02x:%02x:%02x", m->b[0], m->b[1], m->b[2], m->b[3],
	         m->b[4], m->b[5]);
}
