#!/usr/bin/env bash
# Times `ifcc diff` on the generated MLAG leaf (gen-leaf.py, N tenant SVIs with VRR;
# default N=4000): the plan from an empty configuration (everything created) and the plan
# against the file itself (nothing to do), each in the three output formats, K runs each
# (default 7), commands taking turns. Prints the median wall time, the peak RSS and the
# number of ops; `ifcc lint` of the same file is timed in the same run for scale.
#   usage: bench/diff.sh [IFCC] [N] [K]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ifcc=$(realpath "${1:-$here/../build/cli/ifcc}")
n=${2:-4000}
runs=${3:-7}
[ -x /usr/bin/time ] || { echo "diff.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ifcc-diff.XXXXXX")
trap 'rm -rf "$work"' EXIT
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" "$here/gen-leaf.py" "$n" "$work"
leaf=$work/leaf01/interfaces
: > "$work/empty"
lines=$(wc -l < "$leaf")
ops_empty=$("$ifcc" diff -i "$leaf" --against-config "$work/empty" --format=json | grep -c '"op":' || true)
ops_self=$("$ifcc" diff -i "$leaf" --against-config "$leaf" --format=json | grep -c '"op":' || true)
echo "ifcc diff, N=$n ($lines lines): $ops_empty ops from empty, $ops_self against itself"
args=()
for fmt in json ip text; do
	args+=(--tool "diff from empty ($fmt)" "$ifcc diff -i $leaf --against-config $work/empty --format=$fmt")
done
args+=(--tool "diff against itself" "$ifcc diff -i $leaf --against-config $leaf --format=json")
args+=(--tool "lint (for scale)" "$ifcc lint $leaf")
"$py" "$here/measure.py" run --runs "$runs" --n "$n" --lines "$lines" --results "$work/results" \
	"${args[@]}" >/dev/null 2>&1
"$py" - "$work/results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("| command | median ms | peak RSS MiB |")
print("|---|---:|---:|")
for r in rows:
    print(f"| ifcc {r['tool']} | {r['median_ms']:.1f} | {r['rss_gnu_time_kib'] / 1024:.1f} |")
PY
