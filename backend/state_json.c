/* JSON helpers for the state snapshot and the link kinds. */
#include <errno.h>
#include <string.h>

#include "state_json.h"

json_t *sj_mac(const struct ifcc_mac *m)
{
	char buf[32];
	ifcc_mac_format(m, buf, sizeof(buf));
	return json_string(buf);
}

json_t *sj_ip(const struct ifcc_ip *ip)
{
	char buf[64];
	ifcc_ip_format(ip, buf, sizeof(buf));
	return json_string(buf);
}

json_t *sj_prefix(const struct ifcc_prefix *p)
{
	char buf[80];
	ifcc_prefix_format(p, buf, sizeof(buf));
	return json_string(buf);
}

int sj_set(json_t *o, const char *key, json_t *v)
{
	return v && !json_object_set_new(o, key, v) ? 0 : -ENOMEM;
}

static int bad(struct arena *a, const char *key, const char *what, const char **why)
{
	*why = arena_printf(a, "'%s' must be %s", key, what);
	return -EINVAL;
}

int sj_get_str(struct arena *a, json_t *o, const char *key, const char **out, const char **why)
{
	json_t *v = json_object_get(o, key);
	if (!v)
		return 0;
	if (!json_is_string(v))
		return bad(a, key, "a string", why);
	*out = arena_strdup(a, json_string_value(v));
	return *out ? 1 : -ENOMEM;
}

int sj_get_uint(struct arena *a, json_t *o, const char *key, uint64_t max, uint64_t *out,
                const char **why)
{
	json_t *v = json_object_get(o, key);
	if (!v)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    (uint64_t)json_integer_value(v) > max) {
		*why = arena_printf(a, "'%s' must be an integer from 0 to %llu", key,
		                    (unsigned long long)max);
		return -EINVAL;
	}
	*out = (uint64_t)json_integer_value(v);
	return 1;
}

int sj_get_bool(struct arena *a, json_t *o, const char *key, bool *out, const char **why)
{
	json_t *v = json_object_get(o, key);
	if (!v)
		return 0;
	if (!json_is_boolean(v))
		return bad(a, key, "true or false", why);
	*out = json_is_true(v);
	return 1;
}

/* The string at key as a value token, for the value parsers. */
static int token(struct arena *a, json_t *o, const char *key, const char **s, struct value_token *t,
                 const char **why)
{
	int r = sj_get_str(a, o, key, s, why);
	if (r > 0)
		*t = (struct value_token){.s = *s, .off = 0, .len = (uint32_t)strlen(*s)};
	return r;
}

int sj_get_mac(struct arena *a, json_t *o, const char *key, struct ifcc_mac *out, const char **why)
{
	const char *s;
	struct value_token t;
	struct value_error err;
	int r = token(a, o, key, &s, &t, why);
	if (r <= 0)
		return r;
	if (value_parse_mac(s, t, out, &err) < 0)
		return bad(a, key, "a MAC address", why);
	return 1;
}

int sj_get_ip(struct arena *a, json_t *o, const char *key, struct ifcc_ip *out, const char **why)
{
	const char *s;
	struct value_token t;
	struct value_error err;
	int r = token(a, o, key, &s, &t, why);
	if (r <= 0)
		return r;
	if (value_parse_ip(s, t, 0, out, &err) < 0)
		return bad(a, key, "an IPv4 or IPv6 address", why);
	return 1;
}

int sj_get_prefix(struct arena *a, json_t *o, const char *key, struct ifcc_prefix *out,
                  const char **why)
{
	const char *s;
	struct value_token t;
	struct value_error err;
	int r = token(a, o, key, &s, &t, why);
	if (r <= 0)
		return r;
	if (!strchr(s, '/') || value_parse_prefix(s, t, 0, out, &err) < 0)
		return bad(a, key, "an address with a prefix length (ADDRESS/LEN)", why);
	return 1;
}

int sj_get_name(struct arena *a, json_t *o, const char *key, const char *const *names, size_t n,
                unsigned *out, const char **why)
{
	const char *s;
	int r = sj_get_str(a, o, key, &s, why);
	if (r <= 0)
		return r;
	for (size_t k = 0; k < n; k++) {
		if (names[k] && !strcmp(names[k], s)) {
			*out = (unsigned)k;
			return 1;
		}
	}
	return bad(a, key, "one of the documented names", why);
}
