#!/usr/bin/env bash
# Apply and reload on this machine's kernel, in throwaway network namespaces: ifcc
# against ifupdown2 and against `ip -batch` doing the same, on gen-bridges.py files
# (N traditional bridges, each with a veth port and a VRR macvlan).
#
#   bench/apply.sh [IFCC] ["SIZES"] [RUNS] [CAP_SECONDS]     (defaults: build/cli/ifcc,
#                                                            "100 1000", 3, 300)
# Rows, per N (median of RUNS, each in a fresh namespace):
#   apply from scratch: ifcc apply; sh of the `ip -batch`/`bridge -batch`/sysctl script
#     that `ifcc diff --format=ip` writes for the same plan; ifupdown2 `ifup -a`
#   no-op reload: ifcc reload; ifupdown2 `ifreload -a` (after an apply of the same file)
#   10 % change reload: the virtual IP of every tenth bridge changed
# ifupdown2 runs under `timeout CAP`; a run that hits it is reported as "> CAP s".
# ifupdown2 needs its files private: each run also gets a mount namespace with tmpfs on
# /run/network and /var/tmp/network, and the file bind-mounted on
# /etc/network/interfaces (ifreload has no -i). Nothing outside the namespaces changes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ifcc=$(realpath "${1:-$here/../build/cli/ifcc}")
sizes=${2:-"100 1000"}
runs=${3:-3}
cap=${4:-300}
py=/usr/bin/python3
work=$(mktemp -d "${TMPDIR:-/tmp}/ifcc-apply-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ "$(id -u)" = 0 ] || { echo "apply.sh: needs root (network and mount namespaces)" >&2; exit 2; }
[ -x /usr/sbin/ifup ] || { echo "apply.sh: needs ifupdown2" >&2; exit 2; }

# One timed step in a fresh namespace: SETUP runs first (untimed), then STEP is timed.
# Prints the seconds, or "cap" when STEP hit the time cap.
timed() {
	local setup=$1 step=$2
	unshare -n -m sh -c '
		mount -t tmpfs none /run/network 2>/dev/null || { mkdir -p /run/network; mount -t tmpfs none /run/network; }
		mkdir -p /var/tmp/network && mount -t tmpfs none /var/tmp/network
		ip link set lo up
		eval "$1" >/dev/null 2>&1
		t0=$(date +%s%N)
		eval "$2" >/dev/null 2>&1
		rc=$?
		t1=$(date +%s%N)
		[ $rc = 124 ] && echo cap || echo "$(( (t1 - t0) / 1000 ))"
	' sh "$setup" "$step"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

run_row() { # LABEL SETUP STEP -> prints "LABEL<TAB>median µs or cap"
	local label=$1 setup=$2 step=$3 out=() v capped=0
	for ((r = 0; r < runs; r++)); do
		v=$(timed "$setup" "$step")
		if [ "$v" = cap ]; then capped=1; break; fi
		out+=("$v")
	done
	if [ "$capped" = 1 ]; then printf '%s\tcap\n' "$label"; else
		printf '%s\t%s\n' "$label" "$(printf '%s\n' "${out[@]}" | median)"; fi
}

ifup="timeout $cap /usr/bin/python3 /usr/sbin/ifup"
ifreload="timeout $cap /usr/bin/python3 /usr/sbin/ifreload"
echo "# apply and reload, this machine's kernel, $(date -u +%F) $(git -C "$here" rev-parse --short HEAD 2>/dev/null)"
for n in $sizes; do
	f=$work/b$n f2=$work/b$n-10
	"$py" "$here/gen-bridges.py" "$n" "$f"
	"$py" "$here/gen-bridges.py" "$n" "$f2" --change 10
	: > "$work/empty"
	"$ifcc" diff -i "$f" --against-config "$work/empty" --format=ip > "$work/ip$n.sh" || true
	bind="touch /etc/network/interfaces 2>/dev/null; mount --bind $f /etc/network/interfaces"
	bind2="mount --bind $f2 /etc/network/interfaces"
	st="--state-file /run/network/ifcc.json --no-scripts"
	{
		run_row "apply from scratch: ifcc" "" "$ifcc apply -i $f $st"
		run_row "apply from scratch: ip -batch" "" "sh $work/ip$n.sh"
		run_row "apply from scratch: ifupdown2" "$bind" "$ifup -a -i $f"
		run_row "no-op reload: ifcc" "$ifcc apply -i $f $st" "$ifcc reload -i $f $st"
		run_row "no-op reload: ifupdown2" "$bind; $ifup -a" "$ifreload -a"
		run_row "10 % change reload: ifcc" "$ifcc apply -i $f $st" "$ifcc reload -i $f2 $st"
		run_row "10 % change reload: ifupdown2" "$bind; $ifup -a; umount /etc/network/interfaces; $bind2" "$ifreload -a"
	} > "$work/rows$n"
	"$py" - "$n" "$work/rows$n" "$cap" <<'PY'
import sys
n, path, cap = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [l.rstrip("\n").split("\t") for l in open(path)]
val = {k: (None if v == "cap" else int(float(v))) for k, v in rows}
print(f"\n| N={n} | median ms | vs ifupdown2 | vs ip -batch |")
print("|---|---:|---:|---:|")
for k, v in rows:
    kind = k.split(":")[0]
    ms = "> %s s" % cap if val[k] is None else "%.1f" % (val[k] / 1000)
    ref = val.get(kind + ": ifupdown2")
    ipb = val.get(kind + ": ip -batch")
    r1 = "" if val[k] is None or not ref or k.endswith("ifupdown2") else "%.1f×" % (ref / val[k])
    if val[k] is not None and ref is None and not k.endswith("ifupdown2"):
        r1 = "> %.0f×" % (int(cap) * 1e6 / val[k])
    r2 = "" if val[k] is None or not ipb or k.endswith("ip -batch") else "%.2f" % (val[k] / ipb)
    print(f"| {k} | {ms} | {r1} | {r2} |")
PY
done
