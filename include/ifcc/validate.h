/*
 * Validation: rules over the typed model, per device and across a fabric of devices.
 * Every rule has a stable id, a default severity and a documented bad/good example
 * (docs/rules.md, checked against this table by a test).
 */
#ifndef IFCC_VALIDATE_H
#define IFCC_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "ifcc/diag.h"
#include "ifcc/frontend.h"
#include "ifcc/model.h"

enum ifcc_rule_scope { RULE_DEVICE, RULE_FABRIC };

struct ifcc_rule {
	const char *id;
	enum ifcc_severity severity;
	enum ifcc_rule_scope scope;
	const char *summary; /* one line */
	const char *bad;     /* a configuration excerpt that triggers it */
	const char *good;    /* the corrected excerpt */
};

extern const struct ifcc_rule ifcc_rules[];
extern const size_t ifcc_nrules;
const struct ifcc_rule *ifcc_rule_find(const char *id);

struct ifcc_validate_opts {
	/* VRR MACs outside [vrr_mac_lo, vrr_mac_hi] get a warning (default 00:00:5e:00:01:xx). */
	struct ifcc_mac vrr_mac_lo, vrr_mac_hi;
};

void ifcc_validate_opts_init(struct ifcc_validate_opts *o);

/* One device: its configuration and model (lowered). */
struct ifcc_device {
	const char *name; /* e.g. the folder of its interfaces file */
	struct ifcc_config *cfg;
	struct ifcc_model *model;
};

/* Per-device rules; diagnostics go to dev->cfg->diags. */
void ifcc_validate_device(const struct ifcc_device *dev, const struct ifcc_validate_opts *o);

/* An MLAG pair named on the command line (--pair A,B): device names. */
struct ifcc_pair_names {
	const char *a, *b;
};

/*
 * Cross-device rules over n devices already validated one by one. Devices named in
 * forced_pairs (struct ifcc_pair_names *, or NULL) are paired as given; the others by
 * an identical clagd-sys-mac. Diagnostics go to the devices' own queues; a note points
 * into the other device's file, so every configuration must stay loaded until the
 * diagnostics are rendered. Returns 0, -EINVAL (a forced pair names an unknown device
 * or one device twice) or -ENOMEM.
 */
int ifcc_validate_fabric(struct ifcc_device *devs, size_t n, const struct ptrvec *forced_pairs,
			 const struct ifcc_validate_opts *o);

/*
 * Drops diagnostics whose rule is in `disabled` (const char * ids) or named by a
 * `# ifcc: disable=RULE[,RULE...]` comment on the line above the diagnostic's line.
 */
void ifcc_suppress(struct ifcc_diags *d, const struct ptrvec *disabled);

/*
 * One SARIF 2.1.0 log for the diagnostics of n configurations: one run whose
 * tool.driver.rules are the rule table plus every other rule id the results use;
 * 0 or -ENOMEM.
 */
int diags_render_sarif(const struct ifcc_diags *const *d, size_t n, FILE *out);

#endif
