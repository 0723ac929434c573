/*
 * The per-link sysctls realise sets (forwarding of both families, IPv6 DAD), for every
 * link, read from /proc/sys: its net/ tree is the one of the reading process's network
 * namespace. Names are spelled as `sysctl` and realise spell them: the interface's dots
 * written '/'. A link without IPv6 (disabled on it, or a kind without it) has no ipv6
 * directory and so no IPv6 sysctls.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nl_int.h"

static const struct {
	const char *family, *key;
} keys[] = {
    {"ipv4", "forwarding"},    {"ipv6", "forwarding"},   {"ipv6", "accept_dad"},
    {"ipv6", "dad_transmits"}, {"ipv6", "enhanced_dad"},  {"ipv6", "disable_ipv6"},
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
	struct ifcc_sysctl *sc = ifcc_state_add_sysctl(c->s);
	if (!sc)
		return -ENOMEM;
	sc->name = sysctl_name(c->a, keys[k].family, ifname, keys[k].key);
	sc->value = arena_strndup(c->a, buf, n);
	return sc->name && sc->value ? 0 : -ENOMEM;
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
		for (size_t k = 0; k < sizeof(keys) / sizeof(*keys); k++) {
			int r = read_one(c, root, c->names[i].name, k);
			if (r < 0)
				return r;
		}
	return 0;
}
