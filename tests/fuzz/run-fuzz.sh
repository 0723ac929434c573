#!/usr/bin/env bash
# Runs a libFuzzer target for a bounded number of inputs from the seed files.
# Any crash, leak, sanitizer report or timeout fails the test.
set -euo pipefail
target=$(realpath "$1") data=$(realpath "$2")
runs=${IFCC_FUZZ_RUNS:-30000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus" "$work/seeds"
i=0
while IFS= read -r -d '' f; do
	cp "$f" "$work/seeds/seed$i"
	i=$((i + 1))
done < <(find "$data" -type f -size -64k -print0)
cd "$work"
"$target" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=1024 \
	-artifact_prefix="$work/" corpus seeds 2>&1 | tail -5
