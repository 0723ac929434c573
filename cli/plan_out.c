/* How diff and apply print a plan: --format=text|ip|json. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ifcc/plan.h"

int plan_format_from(const char *s)
{
	static const char *const names[] = {[PLAN_TEXT] = "text", [PLAN_IP] = "ip",
	                                    [PLAN_JSON] = "json"};
	for (int k = 0; k < 3; k++)
		if (!strcmp(s, names[k]))
			return k;
	return -1;
}

int plan_print(const struct ifcc_plan *p, enum plan_format f)
{
	switch (f) {
	case PLAN_TEXT:
		ifcc_plan_write_text(p, stdout);
		break;
	case PLAN_IP:
		ifcc_plan_write_ip(p, stdout);
		break;
	case PLAN_JSON:
		if (ifcc_plan_write_json(p, stdout) < 0)
			return -1;
		break;
	}
	return fflush(stdout) ? -1 : 0;
}
