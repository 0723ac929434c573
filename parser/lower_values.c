/* Lowering: typing one attribute line with its keyword's value parser. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lower.h"

#define MAX_TOKENS 64

static void report(struct lower_ctx *lc, const struct ifcc_iface *i, const struct ifcc_line *ln,
		   const char *attr, const struct value_error *err)
{
	struct ifcc_loc loc;
	if (ln->text == ln->src->value.s)
		loc = ast_text_loc(&ln->src->value, err->off, err->len);
	else
		loc = ast_attr_value_loc(ln->src); /* $IFACE moved the bytes: point at the whole value */
	diag_add(lc->d, IFCC_ERROR, "bad-value", loc, "iface %s: %s: %s", i->name, attr, err->msg);
}

static struct value_token first_token(const char *v);

static int one_token(const char *v, struct value_token *t, const char *attr,
		     struct value_error *err)
{
	/* The usual case, one word and nothing after it, without value_tokens' calls. */
	*t = first_token(v);
	const char *e = t->s + t->len;
	while (*e == ' ' || *e == '\t')
		e++;
	if (t->len && !*e)
		return 0;
	struct value_token toks[2];
	size_t n = value_tokens(v, toks, 2);
	*t = toks[0];
	if (n == 1)
		return 0;
	err->off = toks[1].off;
	err->len = (uint32_t)strlen(v) - toks[1].off;
	snprintf(err->msg, sizeof(err->msg), "'%s' takes one value; '%.*s' is extra", attr,
		 (int)toks[1].len, toks[1].s);
	return -EINVAL;
}

/* The first blank-separated token of v (value_tokens' first), without scanning the rest. */
static struct value_token first_token(const char *v)
{
	uint32_t i = 0, start;
	while (v[i] == ' ' || v[i] == '\t')
		i++;
	start = i;
	/* Every byte that ends it (NUL, ' ', '\t') is at most ' ': one comparison for most. */
	while ((unsigned char)v[i] > ' ' || (v[i] && v[i] != ' ' && v[i] != '\t'))
		i++;
	return (struct value_token){v + start, start, i - start};
}

static size_t count_values(const char *const *v)
{
	size_t n = 0;
	while (v && v[n])
		n++;
	return n;
}

/* KW_IFACE_VALUES: "N" or "if=N ..." with N in [min, max]. */
static int parse_iface_values(const char *v, const struct ifcc_keyword *kw, union ifcc_value *out,
			      struct value_error *err)
{
	struct value_token toks[MAX_TOKENS];
	size_t n = value_tokens(v, toks, MAX_TOKENS);
	if (n > MAX_TOKENS)
		n = MAX_TOKENS;
	for (size_t k = 0; k < n; k++) {
		struct value_token t = toks[k];
		const char *eq = memchr(t.s, '=', t.len);
		if (eq) {
			uint32_t skip = (uint32_t)(eq - t.s) + 1;
			t.s += skip;
			t.off += skip;
			t.len -= skip;
		}
		int r = kw->values ? value_parse_enum(v, t, kw->values, count_values(kw->values),
						      &out->index, err)
				   : value_parse_uint(v, t, kw->min, kw->max, &out->u, err);
		if (r < 0)
			return r;
	}
	return 0;
}

static int parse_vrrp(struct lower_ctx *lc, const char *v, union ifcc_value *out,
		      struct value_error *err)
{
	struct value_token toks[MAX_TOKENS];
	size_t n = value_tokens(v, toks, MAX_TOKENS);
	if (n > MAX_TOKENS)
		n = MAX_TOKENS;
	if (n < 2) {
		err->off = 0;
		err->len = (uint32_t)strlen(v);
		snprintf(err->msg, sizeof(err->msg),
			 "expected 'vrrp ID PREFIX...' (a virtual router id and its addresses)");
		return -EINVAL;
	}
	int r = value_parse_uint(v, toks[0], 1, 255, &out->u, err);
	for (size_t k = 1; r == 0 && k < n; k++) {
		struct ifcc_prefix p;
		r = value_parse_prefix(v, toks[k], 0, &p, err);
	}
	(void)lc;
	return r;
}

static int parse_clagd_backup(const char *v, union ifcc_value *out, struct value_error *err)
{
	struct value_token toks[4];
	size_t n = value_tokens(v, toks, 4);
	int r = value_parse_ip(v, toks[0], 0, &out->ip, err);
	if (r < 0)
		return r;
	if (n == 1)
		return 0;
	if (n == 3 && toks[1].len == 3 && !memcmp(toks[1].s, "vrf", 3))
		return 0;
	err->off = toks[1].off;
	err->len = (uint32_t)strlen(v) - toks[1].off;
	snprintf(err->msg, sizeof(err->msg), "expected 'IP' or 'IP vrf NAME'");
	return -EINVAL;
}

static int parse_vid_ip_list(const char *v, struct value_error *err)
{
	struct value_token toks[MAX_TOKENS];
	size_t n = value_tokens(v, toks, MAX_TOKENS);
	if (n > MAX_TOKENS)
		n = MAX_TOKENS;
	for (size_t k = 0; k < n; k++) {
		const char *eq = memchr(toks[k].s, '=', toks[k].len);
		if (!eq) {
			err->off = toks[k].off;
			err->len = toks[k].len;
			snprintf(err->msg, sizeof(err->msg), "expected VID=IPV4, got '%.*s'",
				 (int)toks[k].len, toks[k].s);
			return -EINVAL;
		}
		uint32_t left = (uint32_t)(eq - toks[k].s);
		struct value_token vid = {toks[k].s, toks[k].off, left};
		struct value_token ip = {eq + 1, toks[k].off + left + 1, toks[k].len - left - 1};
		uint64_t id;
		struct ifcc_ip addr;
		if (value_parse_uint(v, vid, 0, 16777215, &id, err) < 0 ||
		    value_parse_ip(v, ip, IFCC_AF_INET, &addr, err) < 0)
			return -EINVAL;
	}
	return 0;
}

void lower_type_line(struct lower_ctx *lc, const struct ifcc_iface *i,
		     const struct ifcc_keyword *kw, struct ifcc_line *ln)
{
	const char *v = ln->text;
	struct value_error err; /* set by a parser that fails */
	err.off = err.len = 0;
	err.msg[0] = '\0';
	struct value_token t;
	union ifcc_value *out = &ln->v;
	int r = 0;
	switch (kw->type) {
	case KW_TEXT:
		r = 0;
		break;
	case KW_UINT: {
		/* The number first: "mtu iface eth3" is a bad number before it is extra words. */
		r = value_parse_uint(v, first_token(v), kw->min, kw->max, &out->u, &err);
		if (r == 0)
			r = one_token(v, &t, kw->name, &err);
		break;
	}
	case KW_ENUM: {
		/* Multi-word values ("cdp lacp") are matched as a whole. */
		size_t nv = count_values(kw->values);
		struct value_token whole = {v, 0, (uint32_t)strlen(v)};
		r = value_parse_enum(v, whole, kw->values, nv, &out->index, &err);
		break;
	}
	case KW_IP:
		r = value_parse_ip(v, first_token(v), kw->family, &out->ip, &err);
		break;
	case KW_PREFIX:
		r = value_parse_prefix(v, first_token(v), kw->family, &out->prefix, &err);
		break;
	case KW_MAC: {
		struct value_token toks[2];
		size_t n = value_tokens(v, toks, 2);
		/* hwaddress accepts ifupdown1's "ether MAC" form. */
		t = (n == 2 && toks[0].len == 5 && !memcmp(toks[0].s, "ether", 5)) ? toks[1] : toks[0];
		r = value_parse_mac(v, t, &out->mac, &err);
		break;
	}
	case KW_VLAN_LIST:
		out->vlans = arena_alloc(lc->a, sizeof(*out->vlans));
		r = out->vlans ? value_parse_vlan_list(v, true, (unsigned)kw->min, (unsigned)kw->max,
						       out->vlans, &err)
			       : -ENOMEM;
		break;
	case KW_VNI_MAP:
		r = value_parse_vni_map(lc->a, v, &out->vni_map.v, &out->vni_map.n, &err);
		break;
	case KW_PORT_LIST:
		r = value_parse_port_list(lc->a, v, &out->ports.v, &out->ports.n, &err);
		break;
	case KW_IFACE:
		r = one_token(v, &t, kw->name, &err);
		break;
	case KW_VRF_TABLE:
		r = value_parse_vrf_table(v, &out->table, &err);
		break;
	case KW_ADDR_VIRTUAL:
		r = value_parse_address_virtual(lc->a, v, &out->av, &err);
		break;
	case KW_VRRP:
		r = parse_vrrp(lc, v, out, &err);
		break;
	case KW_IFACE_VALUES:
		r = parse_iface_values(v, kw, out, &err);
		break;
	case KW_CLAGD_BACKUP:
		r = parse_clagd_backup(v, out, &err);
		break;
	case KW_IP_OR_WORD: {
		struct value_token toks[1] = {first_token(v)};
		size_t nv = count_values(kw->values);
		for (size_t k = 0; k < nv; k++) {
			if (strlen(kw->values[k]) == toks[0].len &&
			    !memcmp(kw->values[k], toks[0].s, toks[0].len)) {
				out->index = k;
				ln->is_word = true;
				ln->typed = true;
				return;
			}
		}
		r = value_parse_ip(v, toks[0], kw->family, &out->ip, &err);
		break;
	}
	case KW_VID_IP_LIST:
		r = parse_vid_ip_list(v, &err);
		break;
	}
	if (r == 0) {
		ln->typed = true;
	} else if (r == -EINVAL) {
		report(lc, i, ln, kw->name, &err);
	}
}
