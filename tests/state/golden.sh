#!/usr/bin/env bash
# The realised state of the lab's leaf01, pinned byte for byte.
# Usage: golden.sh IFCC TESTDIR [-g]   (-g rewrites the golden file)
set -euo pipefail
ifcc=$(realpath "$1")
here=$(realpath "$2")
golden=$here/leaf01.json
cd "$here/../data/lab"
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
"$ifcc" state realise -i leaf01/interfaces -o json >"$actual"
if [ "${3:-}" = "-g" ]; then
	cp "$actual" "$golden"
	echo "wrote $golden"
	exit 0
fi
if ! diff -u "$golden" "$actual"; then
	echo "FAIL: realised state of leaf01 differs (regenerate: tests/state/golden.sh build/cli/ifcc tests/state -g)"
	exit 1
fi
