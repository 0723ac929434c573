#!/usr/bin/env bash
# Lints every real-world file of tests/data/corpus and every lab file.
#  - lab: no diagnostic at all (--werror);
#  - corpus: the errors found must be exactly those of expected-errors.tsv, each of which
#    names a real defect of its file; any other error is a false alarm and fails the test.
set -euo pipefail
ifcc=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data
shared=${IFCC_SHARED:-$here/../../../shared}
fail=0

# The lab is valid: no error, and the only warning allowed is the borders' VRR MAC, which
# lies outside 00:00:5e:00:01:xx on purpose (a per-VLAN override the design allows).
for f in "$data"/lab/*/interfaces; do
	out=$("$ifcc" lint --format=json "$f")
	if ! python3 - "$f" "$out" <<'PY'; then
import json, os, sys
doc = json.loads(sys.argv[2])
host = os.path.basename(os.path.dirname(sys.argv[1]))
ok = doc["summary"]["errors"] == 0
for d in doc["diagnostics"]:
    if not (d["rule"] == "vrr-mac-range" and host.startswith("border")):
        ok = False
sys.exit(0 if ok else 1)
PY
		echo "FAIL: lab file $f is not clean:"
		"$ifcc" lint --color=never "$f"
		fail=1
	fi
done

actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
cd "$data/corpus"
tail -n +2 INDEX.tsv | cut -f1 | while read -r p; do
	"$ifcc" lint --format=json "$p" >"$actual.one" || true
	python3 - "$actual.one" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for d in doc["diagnostics"]:
    if d["severity"] == "error":
        print(f'{d["file"]}\t{d["line"]}\t{d["column"]}\t{d["rule"]}')
PY
done | sort >"$actual"
rm -f "$actual.one"
expected=$(grep -v "^#" "$here/expected-errors.tsv" | cut -f1-4 | sort || true)
if ! diff -u <(echo "$expected") "$actual"; then
	echo "FAIL: corpus errors differ from tests/corpus/expected-errors.tsv (- expected, + found)"
	fail=1
fi

# The copies must not drift from the originals when those are at hand.
if [ -d "$shared/corpus" ]; then
	if ! diff -rq "$shared/corpus" "$data/corpus" >/dev/null; then
		echo "FAIL: tests/data/corpus differs from $shared/corpus"
		fail=1
	fi
fi
exit $fail
