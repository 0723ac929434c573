/* Prints the rule table as JSON: [{"id", "severity", "scope", "summary", "bad", "good"}]. */
#include <jansson.h>
#include <stdio.h>

#include "ifcc/validate.h"

int main(void)
{
	json_t *arr = json_array();
	int r = arr ? 0 : -1;
	for (size_t i = 0; r == 0 && i < ifcc_nrules; i++) {
		const struct ifcc_rule *t = &ifcc_rules[i];
		json_t *o = json_object();
		r |= json_array_append_new(arr, o);
		r |= json_object_set_new(o, "id", json_string(t->id));
		r |= json_object_set_new(o, "severity", json_string(ifcc_severity_name(t->severity)));
		r |= json_object_set_new(o, "scope",
					 json_string(t->scope == RULE_FABRIC ? "fabric" : "device"));
		r |= json_object_set_new(o, "summary", json_string(t->summary));
		r |= json_object_set_new(o, "bad", json_string(t->bad));
		r |= json_object_set_new(o, "good", json_string(t->good));
	}
	if (r == 0)
		r = json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(arr);
	if (r != 0) {
		fputs("dump-rules: out of memory\n", stderr);
		return 1;
	}
	putchar('\n');
	return 0;
}
