#!/usr/bin/env bash
# Apply and reload on the full kernel (a user-mode-linux guest, tests/uml/guest.sh): ifcc
# against `ip -batch`/`bridge -batch`/`sysctl` scripts that build the same kernel state,
# and against ifupdown2 3.0, on MLAG leaves with N VRR SVIs (bench/gen-svis.py: a
# VLAN-aware bridge, bonds, VRFs, a VXLAN device and N SVIs, each with its own address and
# an address-virtual macvlan).
#
#   bench/guest-apply.sh [--ifcc PATH] [--sizes "100 1000 4000"] [--runs K] [--large-runs K]
#                        [--cap SECS] [--mem SIZE] [--no-ifupdown2] [--ifupdown2-all]
#                        [--out FILE] [--keep]
#
# Run it on the host (as the user that runs tests/uml/guest.sh); it boots one guest per N
# and runs itself inside (--inner), where every run gets a fresh network namespace with a
# private mount namespace (sysfs of the namespace on /sys, tmpfs on /run/network and
# /var/tmp/network, the file bind-mounted on /etc/network/interfaces for ifupdown2) and
# the stand-in ports swp1..swp52 and eth0 as dummies, admin down. Rows, per N:
#   apply from scratch:  ifcc apply -i A   | sh ip-apply.sh    | ifup -a
#   no-op reload:        ifcc reload -i A  | (no op)           | ifreload -a
#   10 % change reload:  ifcc reload -i B  | sh ip-reload.sh   | ifreload -a (B bound)
# B is A with the virtual IP of every tenth SVI changed (gen-svis.py --change 10).
# ip-apply.sh is what `ifcc apply -n --format=ip` plans in a fresh namespace (checked: after
# running it, `ifcc diff` finds nothing to do); ip-reload.sh is what `ifcc reload -n
# --format=ip -i B` plans after an apply of A (both made once per N, in the first round,
# untimed). The steps of a tool run in sequence in one namespace; ifcc's and the scripts'
# namespaces take turns, K rounds (median of K; an apply at N=4000 takes minutes in UML,
# so N > 1000 gets --large-runs rounds, default 1).
# ifupdown2 runs once per N under `timeout CAP` (default 300 s): a run that hits the cap
# is "> CAP s"; when `ifup -a` hits it, its reloads are not run, nor ifupdown2 at larger N
# (unless --ifupdown2-all). Before each timed step the guest waits until its CPU is idle
# (the teardown of the last namespace and IPv6 DAD run in the background).
#
# Options: --ifcc (default build-gbench/cli/ifcc, else build/cli/ifcc; use a release build:
# ASan does not work in UML), --sizes (default "100 1000 4000"), --runs K (default 3),
# --large-runs K (rounds for N > 1000, default 1),
# --cap SECS (default 300), --mem (guest memory; default 512M up to N=1000, 1536M above),
# --no-ifupdown2, --ifupdown2-all, --out FILE (the report also written there), --keep
# (keep the work dir: files, scripts, tools' output).
set -uo pipefail
self=$(realpath "${BASH_SOURCE[0]}")
here=$(dirname "$self")
py=/usr/bin/python3

# ---------------------------------------------------------------- inside the guest
settle() { # wait until the guest's CPU has been >= 90 % idle for two 0.25 s spells (max 120 s)
  local s1 s2 i=0 ok=0 t1 i1 t2 i2 s0=$EPOCHREALTIME
  while [ $i -lt 480 ]; do
    read -r -a s1 </proc/stat
    sleep 0.25
    read -r -a s2 </proc/stat
    t1=$((s1[1] + s1[2] + s1[3] + s1[4] + s1[5] + s1[6] + s1[7] + s1[8])) i1=$((s1[4] + s1[5]))
    t2=$((s2[1] + s2[2] + s2[3] + s2[4] + s2[5] + s2[6] + s2[7] + s2[8])) i2=$((s2[4] + s2[5]))
    if [ $((t2 - t1)) -gt 0 ] && [ $(((i2 - i1) * 100)) -ge $(((t2 - t1) * 90)) ]; then
      ok=$((ok + 1))
      if [ $ok -ge 2 ]; then
        echo "settled in $(($(usec "$s0" "$EPOCHREALTIME") / 1000)) ms" >>"$G_D/progress.txt"
        return 0
      fi
    else
      ok=0
    fi
    i=$((i + 1))
  done
  echo "not settled after 120 s" >>"$G_D/progress.txt"
}

usec() { # usec T0 T1 ($EPOCHREALTIME values) -> microseconds
  local from=${1/./} to=${2/./}
  echo $((10#$to - 10#$from))
}

# timed ROW TOOL COMMAND...: one timed step; appends "N ROW TOOL VALUE RC" to the rows.
# VALUE is microseconds, or "cap" when COMMAND hit the time cap (exit 124 of timeout).
timed() {
  local row=$1 tool=$2 t0 t1 rc v
  shift 2
  settle
  printf '== N=%s %s: %s\n' "$G_N" "$row" "$tool" >>"$G_D/log-$tool.txt"
  t0=$EPOCHREALTIME
  "$@" >>"$G_D/log-$tool.txt" 2>&1
  rc=$?
  t1=$EPOCHREALTIME
  v=$(usec "$t0" "$t1")
  # timeout: 124 after SIGTERM, 137 when it had to SIGKILL (ifupdown2 can ignore SIGTERM)
  if [ "$tool" = ifupdown2 ] && { [ $rc = 124 ] || [ $rc = 137 ]; }; then v=cap; fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$G_N" "$row" "$tool" "$v" "$rc" >>"$G_D/rows.tsv"
  printf '%s %s %s: %s us, exit %s\n' "$G_N" "$row" "$tool" "$v" "$rc" >>"$G_D/progress.txt"
  [ "$v" != cap ]
}

ns_setup() { # in a fresh network + mount namespace: private sysfs and ifupdown2 dirs, ports
  mount -t sysfs sysfs /sys || return 1
  mount -t tmpfs none /run/network || return 1
  mkdir -p /var/tmp/network && mount -t tmpfs none /var/tmp/network || return 1
  {
    echo "link set lo up"
    for i in $(seq 52); do echo "link add swp$i type dummy"; done
    echo "link add eth0 type dummy"
  } | ip -batch - || return 1
}

ns_main() { # ns_main SEQUENCE: runs in the namespace
  ns_setup || { echo "guest-apply.sh: namespace setup failed" >&2; return 1; }
  local st=(--state-file /run/network/ifcc-bench/state.json --lock-file /run/network/ifcc-bench.lock --no-scripts)
  local a=$G_D/a b=$G_D/b ifcc=$G_IFCC rc
  case $1 in
    ifcc)
      timed apply ifcc "$ifcc" apply -i "$a" "${st[@]}"
      free -m | sed 's/^/  /' >>"$G_D/log-memory.txt"
      timed noop ifcc "$ifcc" reload -i "$a" "${st[@]}"
      timed reload ifcc "$ifcc" reload -i "$b" "${st[@]}"
      ;;
    ip)
      # The scripts, made once (first round): what ifcc plans from a fresh namespace, and
      # after it (checked to be the same state: ifcc then plans nothing) what reload plans.
      if [ ! -s "$G_D/ip-apply.sh" ]; then
        "$ifcc" apply -n --format=ip -i "$a" "${st[@]}" >"$G_D/ip-apply.sh" 2>>"$G_D/log-prepare.txt"
      fi
      timed apply ip sh "$G_D/ip-apply.sh"
      if [ ! -s "$G_D/ip-reload.sh" ]; then
        "$ifcc" diff -i "$a" >"$G_D/check-ip.txt" 2>&1
        rc=$?
        echo "ifcc diff after ip-apply.sh: exit $rc (0: nothing to do)" >>"$G_D/prepare.txt"
        "$ifcc" apply -i "$a" "${st[@]}" >>"$G_D/log-prepare.txt" 2>&1
        echo "ifcc apply after ip-apply.sh (to write the state record): exit $?" >>"$G_D/prepare.txt"
        "$ifcc" reload -n --format=ip -i "$a" "${st[@]}" >"$G_D/ip-noop.sh" 2>>"$G_D/log-prepare.txt"
        "$ifcc" reload -n --format=ip -i "$b" "${st[@]}" >"$G_D/ip-reload.sh" 2>>"$G_D/log-prepare.txt"
      fi
      timed reload ip sh "$G_D/ip-reload.sh"
      ;;
    ifupdown2)
      local up=(timeout -k 10 "$G_CAP" "$py" /usr/sbin/ifup) re=(timeout -k 10 "$G_CAP" "$py" /usr/sbin/ifreload)
      mount --bind "$a" /etc/network/interfaces || return 1
      if timed apply ifupdown2 "${up[@]}" -a && timed noop ifupdown2 "${re[@]}" -a; then
        umount /etc/network/interfaces && mount --bind "$b" /etc/network/interfaces || return 1
        timed reload ifupdown2 "${re[@]}" -a
      fi
      ;;
  esac
  return 0
}

inner_main() { # inner_main WORK N RUNS CAP IFCC IFUPDOWN2
  [ "${IFCC_UML_GUEST:-}" = 1 ] || { echo "guest-apply.sh: --inner runs in the guest only (tests/uml/guest.sh)" >&2; exit 1; }
  export G_N=$2 G_D=$1/n$2 G_CAP=$4 G_IFCC=$5
  local runs=$3 ifud=$6 r
  : >"$G_D/rows.tsv"
  for ((r = 1; r <= runs; r++)); do
    unshare -n -m bash "$self" --ns ifcc || exit 1
    unshare -n -m bash "$self" --ns ip || exit 1
  done
  if [ "$ifud" = 1 ]; then
    unshare -n -m bash "$self" --ns ifupdown2 || exit 1
  fi
  exit 0
}

case ${1:-} in
  --inner) shift; inner_main "$@" ;;
  --ns)
    [ "${IFCC_UML_GUEST:-}" = 1 ] || { echo "guest-apply.sh: --ns runs in the guest only" >&2; exit 1; }
    shift; ns_main "$@"; exit $? ;;
esac

# ---------------------------------------------------------------- on the host
ifcc='' sizes="100 1000 4000" runs=3 large_runs=1 cap=300 mem='' ifud=1 ifud_all=0 out='' keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --ifcc) ifcc=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --large-runs) large_runs=$2; shift 2 ;;
    --cap) cap=$2; shift 2 ;;
    --mem) mem=$2; shift 2 ;;
    --no-ifupdown2) ifud=0; shift ;;
    --ifupdown2-all) ifud_all=1; shift ;;
    --out) out=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^set -uo/{/^set -uo/d;s/^# \{0,1\}//;p}' "$self"; exit 0 ;;
    *) echo "guest-apply.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$ifcc" ]; then
  ifcc=$here/../build-gbench/cli/ifcc
  [ -x "$ifcc" ] || ifcc=$here/../build/cli/ifcc
fi
[ -x "$ifcc" ] || { echo "guest-apply.sh: no ifcc at $ifcc (--ifcc PATH)" >&2; exit 2; }
ifcc=$(realpath "$ifcc")
[ "$ifud" = 0 ] || [ -x /usr/sbin/ifup ] || { echo "guest-apply.sh: no ifupdown2 (/usr/sbin/ifup); --no-ifupdown2 to run without" >&2; exit 2; }
case "$runs $large_runs $cap" in *[!0-9\ ]*|*" "*" "*" "*) echo "guest-apply.sh: --runs, --large-runs and --cap want numbers" >&2; exit 2 ;; esac

work=$(mktemp -d /tmp/ifcc-gbench.XXXXXX) || exit 1
if [ "$keep" = 1 ]; then echo "guest-apply.sh: work dir $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
report=$work/report.txt
t_start=$(date +%s)
{
  echo "# ifcc apply/reload in the full-kernel guest, $(date -u '+%F %H:%M UTC')"
  echo "# ifcc $(git -C "$here" rev-parse --short HEAD 2>/dev/null)$(git -C "$here/.." diff --quiet HEAD -- backend cli parser include validator 2>/dev/null || echo '+changes'), $ifcc ($(grep -o "buildtype=[a-z]*" "$(dirname "$ifcc")/../meson-logs/meson-log.txt" 2>/dev/null | tail -1))"
  echo "# guest: $(linux.uml --version 2>/dev/null) (user-mode-linux), host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# ifupdown2: $(dpkg-query -W -f '${Version}' ifupdown2 2>/dev/null), runs $runs ($large_runs above N=1000), cap $cap s"
} >"$report"
cat "$report"

capped_at=
for n in $sizes; do
  d=$work/n$n
  mkdir -p "$d"
  "$py" "$here/gen-svis.py" "$n" "$d/a" && "$py" "$here/gen-svis.py" --change 10 "$n" "$d/b" || exit 1
  m=$mem
  [ -n "$m" ] || { [ "$n" -le 1000 ] && m=512M || m=1536M; }
  run_ifud=$ifud
  [ -z "$capped_at" ] || [ "$ifud_all" = 1 ] || run_ifud=0
  k=$runs
  [ "$n" -le 1000 ] || k=$large_runs
  # Generous: K rounds of ifcc and the scripts (one round took 0.1 s per SVI here, with
  # the teardown of the namespaces), ifupdown2 up to 3 caps, and the waits for an idle CPU.
  to=$((600 + k * n * 250 / 1000 + run_ifud * 3 * (cap + 30)))
  t0=$(date +%s)
  "$here/../tests/uml/guest.sh" --links "" --mem "$m" --timeout "$to" -- \
    bash "$self" --inner "$work" "$n" "$k" "$cap" "$ifcc" "$run_ifud" >"$d/guest.out" 2>&1
  rc=$?
  echo "# N=$n: guest exit $rc, $(($(date +%s) - t0)) s (--mem $m, --timeout $to)" | tee -a "$report"
  if [ "$rc" != 0 ]; then tail -n 20 "$d/guest.out" | sed 's/^/#   /' | tee -a "$report"; fi
  [ ! -f "$d/prepare.txt" ] || sed 's/^/#   /' "$d/prepare.txt" | tee -a "$report"
  if [ "$run_ifud" = 0 ] && [ "$ifud" = 1 ]; then
    printf '%s\tapply\tifupdown2\tcap-at-%s\t-\n' "$n" "$capped_at" >>"$d/rows.tsv"
  fi
  if [ -z "$capped_at" ] && grep -q "	apply	ifupdown2	cap	" "$d/rows.tsv" 2>/dev/null; then capped_at=$n; fi
done

"$py" - "$work" "$cap" "$sizes" >"$work/table.md" <<'PY'
import os, statistics, sys
work, cap, sizes = sys.argv[1], sys.argv[2], sys.argv[3].split()
rows_name = {"apply": "apply from scratch", "noop": "no-op reload", "reload": "10 % change reload"}
tools = ("ifcc", "ip", "ifupdown2")
tool_name = {"ifcc": "ifcc", "ip": "ip -batch", "ifupdown2": "ifupdown2"}
print()
print("| N | row | tool | ops | median ms | runs | ÷ ip -batch | ifupdown2 ÷ |")
print("|---:|---|---|---:|---:|---:|---:|---:|")
bad = []
for n in sizes:
    d = os.path.join(work, "n" + n)
    vals = {}
    try:
        lines = [l.rstrip("\n").split("\t") for l in open(os.path.join(d, "rows.tsv"))]
    except OSError:
        lines = []
    for _, row, tool, v, rc in lines:
        vals.setdefault((row, tool), []).append(v)
        if rc not in ("0", "-") and v != "cap":
            why = ""
            if tool == "ifupdown2":
                try:
                    if "protodown on: operation failed" in open(os.path.join(d, "log-ifupdown2.txt")).read():
                        why = " (its log: cannot set protodown on the bond ports, which are dummies here)"
                except OSError:
                    pass
            bad.append("N=%s %s %s: exit %s%s" % (n, rows_name[row], tool_name[tool], rc, why))
    ops = {}
    for row, name in (("apply", "ip-apply.sh"), ("noop", "ip-noop.sh"), ("reload", "ip-reload.sh")):
        try:
            first = open(os.path.join(d, name)).read().splitlines()[1:2]
            ops[row] = first[0].split()[1] if first and first[0].startswith("# ") else "0"
        except OSError:
            ops[row] = "?"
    def med(row, tool):
        v = vals.get((row, tool))
        if not v:
            return None, 0, ""
        if v[0] == "cap":
            return None, 1, "> %s s" % cap
        if v[0].startswith("cap-at-"):
            return None, 0, "> %s s (not run: capped at N=%s)" % (cap, v[0][7:])
        ms = statistics.median(int(x) for x in v) / 1000
        return ms, len(v), "%.0f" % ms if ms >= 100 else "%.1f" % ms
    for row in ("apply", "noop", "reload"):
        ifcc_ms = med(row, "ifcc")[0]
        ip_ms = med(row, "ip")[0]
        ifud_ms, _, ifud_txt = med(row, "ifupdown2")
        for tool in tools:
            ms, k, txt = med(row, tool)
            if tool == "ip" and row == "noop":
                txt, k = "(nothing to run)", 0
            if not txt:
                if tool == "ifupdown2" and (row, "ifupdown2") not in vals and ("apply", "ifupdown2") in vals:
                    txt = "not run (ifup -a capped)"
                else:
                    continue
            r_ip = r_ud = ""
            if tool in ("ifcc", "ip"):
                if ms and ip_ms:
                    r_ip = "%.2f" % (ms / ip_ms)
                if ms and ifud_ms:
                    r_ud = "%.1f×" % (ifud_ms / ms)
                elif ms and ifud_txt.startswith(">"):
                    r_ud = "> %.0f×" % (float(cap) * 1000 / ms)
            print("| %s | %s | %s | %s | %s | %s | %s | %s |"
                  % (n, rows_name[row], tool_name[tool], ops[row] if tool != "ifupdown2" else "",
                     txt, k or "", r_ip, r_ud))
if bad:
    print()
    print("Non-zero exit statuses (see the tools' logs with --keep):")
    for b in bad:
        print("- " + b)
PY
echo "# total $(($(date +%s) - t_start)) s" >>"$work/table.md"
cat "$work/table.md"
cat "$work/table.md" >>"$report"
[ -z "$out" ] || cp "$report" "$out"
