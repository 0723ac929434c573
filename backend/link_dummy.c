/* Dummy links: no data of their own. */
#include "link_ops.h"

const struct ifcc_link_ops link_dummy_ops = {
    .kind = LK_DUMMY,
    .name = "dummy",
};
