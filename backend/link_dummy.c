/* Dummy links: no data of their own. */
#include <stdio.h>

#include "link_ops.h"

static void dummy_ip_args(const struct ifcc_link *l, uint32_t fields, bool add, FILE *out)
{
	(void)l;
	(void)fields;
	(void)add;
	fputs(" type dummy", out);
}

const struct ifcc_link_ops link_dummy_ops = {
    .kind = LK_DUMMY,
    .name = "dummy",
    .ip_args = dummy_ip_args,
    .fixed = 0,
};
