#!/usr/bin/env bash
# side.sh ifcc IFCC FILE OUTDIR  |  side.sh ifupdown2 - FILE OUTDIR
# In the guest: configure the stand-in ports that guest.sh made (--links) with `ifcc apply
# -i FILE` or with ifupdown2's `ifup -a -i FILE`, let IPv6 duplicate address detection
# finish (at most 5 s: addresses and their local routes are then final), and dump the
# kernel state (dump.sh) into OUTDIR. The tool's exit status goes to OUTDIR/rc and its
# output to OUTDIR/out.txt: a tool that fails is a difference for normalise.py to report,
# not a failure of this script.
set -uo pipefail
[ "${IFCC_UML_GUEST:-}" = 1 ] || { echo "side.sh: run me in the guest (tests/uml/guest.sh)" >&2; exit 1; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tool=$1 ifcc=$2 file=$3 out=$4
mkdir -p "$out" || exit 1
case $tool in
  ifcc) "$ifcc" apply -i "$file" >"$out/out.txt" 2>&1 ;;
  # ifupdown2 3.0 (Debian's package) runs with /usr/bin/python3, whatever python3 is on PATH;
  # guest.sh gives it an empty /run (/run/network), /var/tmp and a writable /etc.
  ifupdown2) /usr/bin/python3 /usr/sbin/ifup -a -i "$file" >"$out/out.txt" 2>&1 ;;
  *) echo "side.sh: unknown tool $tool" >&2; exit 2 ;;
esac
echo $? >"$out/rc"
for _ in $(seq 50); do
  [ -n "$(ip -6 address show tentative)" ] || break
  sleep 0.1
done
exec bash "$here/dump.sh" "$out"
