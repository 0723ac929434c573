#!/bin/sh
# Checks that bench/gen-leaf.py writes files that lint clean: generates the pair for
# N=10 and runs `ifcc lint --werror` on both. Usage: lint-generated.sh IFCC [N]
set -eu
ifcc=${1:?usage: lint-generated.sh IFCC [N]}
n=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ifcc-gen-leaf.XXXXXX")
trap 'rm -rf "$work"' EXIT
# gen-leaf.py needs only the standard library: any python3 does.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" "$here/gen-leaf.py" "$n" "$work"
status=0
for peer in leaf01 leaf02; do
  if "$ifcc" lint --werror "$work/$peer/interfaces"; then
    echo "ok: N=$n $peer lints clean"
  else
    echo "FAIL: N=$n $peer" >&2
    status=1
  fi
done
exit $status
