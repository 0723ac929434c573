/* libFuzzer target: any bytes through the whole front end and both renderers. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ifcc/check.h"
#include "ifcc/frontend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ifcc_config cfg;
	ifcc_config_init(&cfg);
	/* `source` lines may name real files; keep the fuzzer away from the file system. */
	cfg.limits.max_depth = 0;
	if (ifcc_load_buffer(&cfg, "fuzz", (const char *)data, size) == 0)
		ifcc_check_ast(&cfg);
	FILE *sink = fopen("/dev/null", "w");
	if (sink) {
		const struct ifcc_diags *d = &cfg.diags;
		diags_render_text(d, sink, false);
		diags_render_json(&d, 1, sink);
		fclose(sink);
	}
	ifcc_config_free(&cfg);
	return 0;
}
