/*
 * JSON helpers shared by the snapshot reader/writer and the link kinds. Getters return 1
 * when the key is present and valid, 0 when it is absent, -EINVAL (with *why) when the
 * value has the wrong type or range.
 */
#ifndef IFCC_BACKEND_STATE_JSON_H
#define IFCC_BACKEND_STATE_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "ifcc/arena.h"
#include "ifcc/value.h"

json_t *sj_mac(const struct ifcc_mac *m);
json_t *sj_ip(const struct ifcc_ip *ip);
json_t *sj_prefix(const struct ifcc_prefix *p);
/* Sets key to v (taking the reference); 0 or -ENOMEM. */
int sj_set(json_t *o, const char *key, json_t *v);

int sj_get_str(struct arena *a, json_t *o, const char *key, const char **out, const char **why);
int sj_get_uint(struct arena *a, json_t *o, const char *key, uint64_t max, uint64_t *out,
                const char **why);
int sj_get_bool(struct arena *a, json_t *o, const char *key, bool *out, const char **why);
int sj_get_mac(struct arena *a, json_t *o, const char *key, struct ifcc_mac *out, const char **why);
int sj_get_ip(struct arena *a, json_t *o, const char *key, struct ifcc_ip *out, const char **why);
int sj_get_prefix(struct arena *a, json_t *o, const char *key, struct ifcc_prefix *out,
                  const char **why);
/* An enum written as one of names[0..n-1]. */
int sj_get_name(struct arena *a, json_t *o, const char *key, const char *const *names, size_t n,
                unsigned *out, const char **why);

/* Snapshot objects (snapshot.c), as docs/state-format.md writes them; NULL when out of
 * memory. */
struct ifcc_link;
struct ifcc_address;
struct ifcc_bridge_vlan;
struct ifcc_fdb;
struct ifcc_route;
struct ifcc_sysctl;
struct ifcc_fib_rule;
struct ifcc_loc;
json_t *sj_link(const struct ifcc_link *l);
json_t *sj_address(const struct ifcc_address *a);
json_t *sj_bridge_vlan(const struct ifcc_bridge_vlan *b);
json_t *sj_fdb(const struct ifcc_fdb *f);
json_t *sj_route(const struct ifcc_route *rt);
json_t *sj_sysctl(const struct ifcc_sysctl *sc);
json_t *sj_fib_rule(const struct ifcc_fib_rule *ru);
/* A snapshot document already parsed (the state file's, read once for its record too). */
struct ifcc_state;
struct ifcc_diags;
int sj_state_from_doc(struct arena *a, json_t *doc, struct ifcc_state **out,
                      struct ifcc_diags *d);
/* Adds "source" {file, line, column} when l has a file; 0 or -ENOMEM. */
int sj_put_source(json_t *o, const struct ifcc_loc *l);

#endif
