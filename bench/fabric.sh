#!/usr/bin/env bash
# Times `ifcc lint --fabric` once on a generated fabric: PAIRS MLAG pairs (default 4) of
# leaves with N tenant VLANs each (default 4000), written by gen-leaf.py --pair K.
# Prints the wall time and the peak RSS (GNU time's %e and %M) and lint's summary.
#   usage: bench/fabric.sh [IFCC] [N] [PAIRS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ifcc=$(realpath "${1:-$here/../build/cli/ifcc}")
n=${2:-4000}
pairs=${3:-4}
[ -x /usr/bin/time ] || { echo "fabric.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ifcc-fabric.XXXXXX")
trap 'rm -rf "$work"' EXIT
py=/usr/bin/python3
[ -x "$py" ] || py=python3
for ((k = 0; k < pairs; k++)); do
	"$py" "$here/gen-leaf.py" --pair "$k" "$n" "$work"
done
devices=$(find "$work" -name interfaces | wc -l)
bytes=$(cat "$work"/*/interfaces | wc -c)
set +e
/usr/bin/time -f '%e %M' -o "$work/time" "$ifcc" lint --fabric "$work" >"$work/out" 2>&1
rc=$?
set -e
read -r wall rss <"$work/time"
echo "ifcc lint --fabric: $devices devices ($pairs pairs, N=$n, $((bytes / 1024)) KiB)"
echo "  exit $rc; $(tail -n 1 "$work/out" | grep -E 'error|warning' || echo 'no diagnostic')"
echo "  wall ${wall} s, peak RSS $((rss / 1024)) MiB"
