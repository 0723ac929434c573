/* Physical links (ports, lo): they exist already; only the common fields are configured. */
#include "link_ops.h"

const struct ifcc_link_ops link_physical_ops = {
    .kind = LK_PHYSICAL,
    .name = "physical",
};
