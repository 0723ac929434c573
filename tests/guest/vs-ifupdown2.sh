#!/usr/bin/env bash
# vs-ifupdown2.sh GUEST_SH IFCC FILE PORTS
# ifcc against ifupdown2 on one interfaces file: a fresh guest (GUEST_SH, tests/uml/guest.sh)
# with the stand-in ports PORTS (dummies) runs `ifcc apply -i FILE`, a second fresh guest
# with the same ports runs ifupdown2's `ifup -a -i FILE`; each dumps the kernel state
# (side.sh, dump.sh), and normalise.py compares the two dumps, printing every difference
# per object and field. Fails on a difference not listed in known-differences.tsv, or when
# a guest cannot be had. IFCC_GUEST_KEEP=1 keeps the dumps (their folder is printed).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
guest=$1 ifcc=$(realpath "$2") file=$(realpath "$3") ports=$4
work=$(mktemp -d /tmp/ifcc-vs-ifupdown2.XXXXXX) || exit 1
if [ "${IFCC_GUEST_KEEP:-0}" = 1 ]; then
  echo "dumps kept in $work"
else
  trap 'rm -rf "$work"' EXIT
fi
for tool in ifcc ifupdown2; do
  "$guest" --links "$ports" --timeout 90 -- \
    bash "$here/side.sh" "$tool" "$ifcc" "$file" "$work/$tool"
  rc=$?
  if [ "$rc" != 0 ]; then
    echo "FAIL: the $tool guest exited $rc"
    exit 1
  fi
  echo "== $tool: exit status $(cat "$work/$tool/rc")"
  sed 's/^/   /' "$work/$tool/out.txt"
done
/usr/bin/python3 "$here/normalise.py" --known "$here/known-differences.tsv" \
  "$file" "$work/ifcc" "$work/ifupdown2"
