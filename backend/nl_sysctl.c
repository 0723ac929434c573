/*
 * The per-link sysctls realise sets (forwarding of both families, IPv6 DAD), for every
 * link: from the link dump's answers, which carry both families' devconf arrays
 * (IFLA_AF_SPEC), or else read from /proc/sys (its net/ tree is the one of the reading
 * process's network namespace): six files a link, a thousand system calls for a hundred
 * links. Names are spelled as `sysctl` and realise spell them: the interface's dots
 * written '/'. A link without IPv6 (disabled on it, or a kind without it) has no ipv6
 * directory and so no IPv6 sysctls.
 */
#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/if_link.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <sys/socket.h>

#include "nl_int.h"

/* conf: the index in the family's devconf array of IFLA_AF_SPEC. */
static const struct {
	const char *family, *key;
	int conf;
} keys[] = {
    {"ipv4", "forwarding", IPV4_DEVCONF_FORWARDING - 1},
    {"ipv6", "forwarding", DEVCONF_FORWARDING},
    {"ipv6", "accept_dad", DEVCONF_ACCEPT_DAD},
    {"ipv6", "dad_transmits", DEVCONF_DAD_TRANSMITS},
    {"ipv6", "enhanced_dad", DEVCONF_ENHANCED_DAD},
    {"ipv6", "disable_ipv6", DEVCONF_DISABLE_IPV6},
};

static const char *sysctl_name(struct arena *a, const char *family, const char *ifname,
                               const char *key)
{
	char *s = arena_printf(a, "net.%s.conf.%s.%s", family, ifname, key);
	if (!s)
		return NULL;
	for (char *p = s + strlen("net.") + strlen(family) + strlen(".conf."),
	          *e = p + strlen(ifname);
	     p < e; p++)
		if (*p == '.')
			*p = '/';
	return s;
}

static int add(struct nld_ctx *c, const char *ifname, size_t k, const char *value, size_t n)
{
	struct ifcc_sysctl *sc = ifcc_state_add_sysctl(c->s);
	if (!sc)
		return -ENOMEM;
	sc->name = sysctl_name(c->a, keys[k].family, ifname, keys[k].key);
	sc->value = arena_strndup(c->a, value, n);
	return sc->name && sc->value ? 0 : -ENOMEM;
}

/* The devconf array of `family` (AF_INET, AF_INET6) in IFLA_AF_SPEC, or NULL. */
static struct nlattr *devconf(struct nlattr *spec, int family)
{
	struct nlattr *af, *a;
	int rem, rem2;
	nla_for_each_nested(af, spec, rem)
	{
		if (nla_type(af) != family)
			continue;
		nla_for_each_nested(a, af, rem2)
		{
			if (nla_type(a) == (family == AF_INET ? IFLA_INET_CONF : IFLA_INET6_CONF))
				return a;
		}
	}
	return NULL;
}

int nld_sysctls_from_link(struct nld_ctx *c, int ifindex, const char *ifname,
                          struct nlmsghdr *h)
{
	struct nlattr *tb[IFLA_MAX + 1];
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifinfomsg)) ||
	    nlmsg_parse(h, sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL) < 0 || !tb[IFLA_AF_SPEC])
		return 0;
	/* Each family's array is there exactly when its /proc/sys/net/FAMILY/conf/IF is. */
	struct nlattr *v4 = devconf(tb[IFLA_AF_SPEC], AF_INET);
	struct nlattr *v6 = devconf(tb[IFLA_AF_SPEC], AF_INET6);
	if (!v4)
		return 0; /* no IPv4 on the link: let /proc/sys say what it has */
	for (size_t k = 0; k < sizeof(keys) / sizeof(*keys); k++) {
		struct nlattr *a = keys[k].family[3] == '4' ? v4 : v6;
		if (!a || (size_t)nla_len(a) < (size_t)(keys[k].conf + 1) * 4)
			continue;
		int32_t v;
		memcpy(&v, (const char *)nla_data(a) + 4 * keys[k].conf, 4);
		char buf[16];
		int n = snprintf(buf, sizeof(buf), "%" PRId32, v);
		int r = add(c, ifname, k, buf, (size_t)n);
		if (r < 0)
			return r;
	}
	for (size_t k = 0; k < c->nnames; k++)
		if (c->names[k].ifindex == ifindex)
			c->names[k].conf = true;
	return 1;
}

/* The value of one file without its newline; 0 (nothing added) when it does not exist. */
static int read_one(struct nld_ctx *c, const char *root, const char *ifname, size_t k)
{
	char path[PATH_MAX], buf[128];
	snprintf(path, sizeof(path), "%s/net/%s/conf/%s/%s", root, keys[k].family, ifname,
	         keys[k].key);
	/* plain open/read: five files per link, no stdio buffer or fstat each */
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		return e == ENOENT ? 0 : nld_fail(c, -e, "cannot read %s: %s", path, strerror(e));
	}
	ssize_t got = read(fd, buf, sizeof(buf) - 1);
	int e = got < 0 ? errno : 0;
	close(fd);
	if (e)
		return nld_fail(c, -e, "cannot read %s: %s", path, strerror(e));
	size_t n = (size_t)got;
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		n--;
	return add(c, ifname, k, buf, n);
}

int nld_sysctls(struct nld_ctx *c, const char *root)
{
	/* Without the tree (no /proc) every file would be "absent": that is an error. */
	char path[PATH_MAX];
	struct stat st;
	snprintf(path, sizeof(path), "%s/net/ipv4/conf", root);
	if (stat(path, &st) < 0) {
		int e = errno;
		return nld_fail(c, -e, "cannot read %s: %s", path, strerror(e));
	}
	for (size_t i = 0; i < c->nnames; i++)
		for (size_t k = 0; !c->names[i].conf && k < sizeof(keys) / sizeof(*keys); k++) {
			int r = read_one(c, root, c->names[i].name, k);
			if (r < 0)
				return r;
		}
	return 0;
}
