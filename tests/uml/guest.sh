#!/usr/bin/env bash
# guest.sh [OPTIONS] -- COMMAND [ARGS...]
#
# Runs COMMAND as root inside a throw-away user-mode-linux guest (Debian's `user-mode-linux`
# package: a 6.1 kernel run as an ordinary host process) that has the kernel features this
# machine's own kernel lacks: 8021q, bonding, VRF, dummy, VLAN-aware bridges, VXLAN with
# vnifilter, network namespaces. One boot runs one COMMAND, typically a whole test script.
#
# The guest's root file system is the host's (hostfs), so COMMAND sees the work tree, the
# build dir and the installed tools at the same paths, and runs in the same working
# directory. Its network is the guest kernel's own: nothing it does reaches the host's
# network. Writes are kept from the host: /run, /var/tmp, /var/log and /dev/shm are empty
# tmpfs mounts, /etc and /var/lib are copy-on-write overlays (so /etc/network/...,
# /etc/iproute2/rt_tables.d, ... can be written), HOME is a tmpfs dir. /tmp and the rest
# (the work tree, the build dirs) are the host's, shared: write results there.
#
# Before COMMAND runs, the guest has the network modules loaded, lo up and the stand-in
# switch ports swp1..swp8 and eth0 as dummy links (admin down, no master); IFCC_UML_GUEST=1
# is set in COMMAND's environment (scripts that change the network should refuse to run
# without it). COMMAND's stdin is /dev/null; its stdout and stderr are captured in files in
# a host temp dir and printed after the guest has powered off (stdout to stdout, then
# stderr to stderr). guest.sh exits with COMMAND's exit status, which the guest writes to a
# file in that temp dir (not through the console).
#
# Exit status: COMMAND's; 124 when COMMAND or the guest ran out of time; 125 when the guest
# could not be started or set up (user-mode-linux, kmod or a module missing, boot failure,
# ...), with a message saying why. It never skips.
#
# Options (each also settable by environment variable):
#   --timeout SECS   wall-clock limit for everything, boot included    IFCC_UML_TIMEOUT (60)
#   --mem SIZE       guest memory, e.g. 512M (a bare number is MiB)    IFCC_UML_MEM (512M)
#   --links "A B"    dummy links to create (space or comma separated;  IFCC_UML_LINKS
#                    "" for none)                  (swp1 swp2 swp3 swp4 swp5 swp6 swp7 swp8 eth0)
#   --tmpfs DIR      also mount an empty tmpfs on DIR (repeatable; must exist on the host)
#   --writable DIR   also overlay DIR copy-on-write (repeatable; must exist on the host)
#   --env NAME[=VAL] pass NAME to COMMAND (its host value if no =VAL; repeatable)
#   --keep           keep the host temp dir and print its path        IFCC_UML_KEEP=1
#   --verbose        print the boot/command/poweroff times to stderr  IFCC_UML_VERBOSE=1
# IFCC_UML_KERNEL names the UML binary (default linux.uml from PATH); IFCC_UML_TMPDIR the
# host dir in which the temp dir is made (default /tmp).
#
# See tests/uml/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
me=guest.sh

die() { # die MESSAGE: a guest that cannot be had is a failure, never a skip
  printf '%s: %s\n' "$me" "$*" >&2
  exit 125
}

usage() {
  sed -n '2,/^# See /{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
  exit "$1"
}

timeout_s=${IFCC_UML_TIMEOUT:-60}
mem=${IFCC_UML_MEM:-512M}
links=${IFCC_UML_LINKS-swp1 swp2 swp3 swp4 swp5 swp6 swp7 swp8 eth0}
keep=${IFCC_UML_KEEP:-0}
verbose=${IFCC_UML_VERBOSE:-0}
kernel=${IFCC_UML_KERNEL:-linux.uml}
extra_tmpfs=()
extra_writable=()
extra_env=()

while [ $# -gt 0 ]; do
  case $1 in
    --timeout) [ $# -ge 2 ] || usage 2; timeout_s=$2; shift 2 ;;
    --mem) [ $# -ge 2 ] || usage 2; mem=$2; shift 2 ;;
    --links) [ $# -ge 2 ] || usage 2; links=$2; shift 2 ;;
    --tmpfs) [ $# -ge 2 ] || usage 2; extra_tmpfs+=("$2"); shift 2 ;;
    --writable) [ $# -ge 2 ] || usage 2; extra_writable+=("$2"); shift 2 ;;
    --env) [ $# -ge 2 ] || usage 2; extra_env+=("$2"); shift 2 ;;
    --keep) keep=1; shift ;;
    --verbose) verbose=1; shift ;;
    -h|--help) usage 0 ;;
    --) shift; break ;;
    -*) printf '%s: unknown option %s\n' "$me" "$1" >&2; usage 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { printf '%s: no COMMAND given\n' "$me" >&2; usage 2; }

case $timeout_s in
  ''|*[!0-9]*) die "--timeout wants whole seconds, not '$timeout_s'" ;;
esac
[ "$timeout_s" -ge 10 ] || die "--timeout $timeout_s is too short to boot a guest (use 10 or more)"
case $mem in
  *[!0-9]*) [[ $mem =~ ^[0-9]+[KMG]$ ]] || die "--mem wants e.g. 512M, not '$mem'" ;;
  *) mem=${mem}M ;;
esac
read -r -a link_list <<<"${links//,/ }"

# What the guest is made of. Missing pieces are reported here, before booting.
kernel_path=$(command -v "$kernel" 2>/dev/null) \
  || die "no $kernel: install the user-mode-linux package (scripts/install-deps.sh)"
if [ ! -x /usr/sbin/insmod ] || [ ! -x /usr/sbin/modprobe ]; then
  die "no /usr/sbin/insmod or /usr/sbin/modprobe: install the kmod package (scripts/install-deps.sh)"
fi
[ -x /usr/bin/python3 ] || die "no /usr/bin/python3: install the python3 package"
command -v ip >/dev/null || die "no ip command: install the iproute2 package"
kver=$("$kernel_path" --version 2>/dev/null) || die "$kernel_path --version failed"
moddir=/usr/lib/uml/modules/$kver
[ -d "$moddir/kernel" ] || die "no modules for UML kernel $kver in $moddir"

# The guest loads these, in this order (dependencies first), with one modprobe; words after
# the path are module parameters. max_bonds=0 and numdummies=0 keep the modules from adding
# bond0/dummy0. Other modules load on demand.
modules=(
  fs/overlayfs/overlay
  lib/crc-ccitt
  net/ipv6/ipv6
  net/llc/llc
  net/802/stp
  net/802/garp
  net/802/mrp
  net/bridge/bridge
  net/8021q/8021q
  "drivers/net/bonding/bonding max_bonds=0"
  drivers/net/vrf
  "drivers/net/dummy numdummies=0"
  drivers/net/macvlan
  drivers/net/veth
  net/ipv4/udp_tunnel
  net/ipv6/ip6_udp_tunnel
  drivers/net/vxlan/vxlan
)
for m in "${modules[@]}"; do
  [ -f "$moddir/kernel/${m%% *}.ko" ] || die "UML module ${m%% *} missing: no $moddir/kernel/${m%% *}.ko"
done

tmpfs_dirs=(/var/tmp /var/log "${extra_tmpfs[@]}")
writable_dirs=(/etc /var/lib "${extra_writable[@]}")
for d in "${tmpfs_dirs[@]}" "${writable_dirs[@]}"; do
  case $d in /*) ;; *) die "not an absolute path: $d" ;; esac
  [ -d "$d" ] || die "$d is not a directory on the host (needed as a mount point)"
done

# The host dir the guest reports through (hostfs: same path in the guest). It must not be
# hidden by a guest mount, and its path goes on the kernel command line (no spaces).
tmp_base=${IFCC_UML_TMPDIR:-/tmp}
work=$(mktemp -d "$tmp_base/ifcc-uml.XXXXXX") || die "cannot create a temp dir in $tmp_base"
work=$(cd "$work" && pwd -P)
uml_pid=
uml_reaped=0
watchdog_pid=
kill_guest() { # UML's process group (UML makes itself a session leader, and its helper
  # processes outlive a kill of its main process), and the watchdog
  if [ -n "$watchdog_pid" ]; then
    kill -TERM "$watchdog_pid" 2>/dev/null || true
    wait "$watchdog_pid" 2>/dev/null || true
    watchdog_pid=
  fi
  if [ -n "$uml_pid" ]; then
    if [ "$uml_reaped" = 1 ]; then
      kill -KILL -- "-$uml_pid" 2>/dev/null || true
    else
      kill -KILL -- "-$uml_pid" 2>/dev/null || kill -KILL "$uml_pid" 2>/dev/null || true
      wait "$uml_pid" 2>/dev/null || true
    fi
    uml_pid=
  fi
}
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  kill_guest
  if [ "$keep" = 1 ]; then
    printf '%s: kept %s\n' "$me" "$work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'kill_guest; exit 130' INT
trap 'kill_guest; exit 143' TERM

cwd=$(pwd -P)
under() { # under PATH DIR: is PATH DIR or inside it?
  case $1/ in "${2%/}"/*) return 0 ;; esac
  return 1
}
for d in /run /dev "${tmpfs_dirs[@]}" "${writable_dirs[@]}"; do
  ! under "$cwd" "$d" || die "the working directory $cwd is under $d, which the guest replaces"
  ! under "$work" "$d" || die "the temp dir $work is under $d, which the guest replaces (set IFCC_UML_TMPDIR)"
done
case $work in *[[:space:]]*) die "the temp dir $work has white space (set IFCC_UML_TMPDIR)" ;; esac

# COMMAND's environment: clean, plus what was asked for.
path=/run/uml/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
home=/run/uml/home
# Keep glibc to SSE: UML 6.1 on this kind of host restores only the x87/SSE registers of
# its processes (see no-xstate.py); glibc's AVX-512 (EVEX) string functions give wrong
# results there, and AVX/AVX2 code is not safe either (README.md).
tunables='glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD,-AVX2,-AVX,-AVX_Fast_Unaligned_Load'
cmd_env=("PATH=$path" "HOME=$home" "USER=root" "LOGNAME=root" "SHELL=/bin/bash"
         "LANG=C.UTF-8" "TERM=dumb" "GLIBC_TUNABLES=$tunables" "IFCC_UML_GUEST=1")
for e in "${extra_env[@]}"; do
  case $e in
    *=*) cmd_env+=("$e") ;;
    *) [ -n "${!e+x}" ] || die "--env $e: $e is not set"
       cmd_env+=("$e=${!e}") ;;
  esac
done

start=$(date +%s.%N)
start_ms=$(date +%s%3N)
{
  # COMMAND gets SIGTERM 2.5 s before the limit, SIGKILL 1 s later: time enough for the
  # guest to write the status, sync and power off (~0.2 s) before the host kills it.
  printf 'G_DEADLINE_MS=%d\n' "$((start_ms + timeout_s * 1000 - 2500))"
  G_KVER=$kver G_MODDIR=$moddir G_PATH=$path G_HOME=$home G_CWD=$cwd G_TUNABLES=$tunables
  G_MODULES=("${modules[@]}") G_TMPFS=("${tmpfs_dirs[@]}") G_WRITABLE=("${writable_dirs[@]}")
  G_LINKS=("${link_list[@]}") G_ENV=("${cmd_env[@]}") G_CMD=("$@")
  declare -p G_KVER G_MODDIR G_PATH G_HOME G_CWD G_TUNABLES G_MODULES G_TMPFS G_WRITABLE G_LINKS G_ENV G_CMD
} >"$work/config.sh"
printf '#!/bin/bash\nexec /bin/bash %q %q\n' "$here/init.sh" "$work" >"$work/init"
chmod 755 "$work/init"

# Boot time: this kernel spends ~1 s at boot benchmarking RAID6 and XOR code (used only by
# md RAID and btrfs RAID5/6, which the guest never runs: their initcalls are skipped) and
# ~0.3 s setting up 256 legacy BSD ptys (devpts ptys are what is used). The kernel passes
# GLIBC_TUNABLES=... on to init's environment. uml_dir keeps UML's pid/socket dir out of
# $HOME. UML runs in the background so that INT/TERM are handled at once (bash runs traps
# only between commands; `wait` returns for them): kill_guest then kills it, as it does
# after UML has exited (a crashed UML can leave helpers behind). The watchdog SIGKILLs the
# guest at the time limit, leaving a mark for the report.
/usr/bin/python3 "$here/no-xstate.py" "$kernel_path" \
  mem="$mem" rootfstype=hostfs rw init="$work/init" con=null con0=fd:0,fd:1 quiet \
  initcall_blacklist=raid6_select_algo,calibrate_xor_blocks pty.legacy_count=0 \
  uml_dir="$work" umid=guest "GLIBC_TUNABLES=$tunables" \
  </dev/null >"$work/console.log" 2>&1 &
uml_pid=$!
(
  trap 'kill "$sleep_pid" 2>/dev/null; exit 0' TERM
  sleep "$timeout_s" &
  sleep_pid=$!
  wait "$sleep_pid"
  : >"$work/killed"
  kill -KILL -- "-$uml_pid" 2>/dev/null || kill -KILL "$uml_pid" 2>/dev/null
) </dev/null >/dev/null 2>&1 &
watchdog_pid=$!
uml_rc=0
wait "$uml_pid" 2>/dev/null || uml_rc=$?
uml_reaped=1
kill_guest
end=$(date +%s.%N)

show_console() {
  printf '%s: last lines of the guest console and setup log:\n' "$me" >&2
  tail -n 25 "$work/console.log" >&2 || true
  [ ! -s "$work/setup.log" ] || tail -n 25 "$work/setup.log" >&2
}
show_output() {
  [ ! -f "$work/stdout" ] || cat "$work/stdout"
  [ ! -f "$work/stderr" ] || cat "$work/stderr" >&2
}
elapsed() { # elapsed FROM TO: seconds with one decimal
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'
}

if [ "$verbose" = 1 ] && [ -f "$work/finished" ]; then
  printf '%s: boot+setup %s s (modules loaded at +%s s), command %s s, poweroff %s s, total %s s\n' \
    "$me" "$(elapsed "$start" "$(cat "$work/ready")")" \
    "$(elapsed "$start" "$(cat "$work/modules")")" \
    "$(elapsed "$(cat "$work/ready")" "$(cat "$work/finished")")" \
    "$(elapsed "$(cat "$work/finished")" "$end")" "$(elapsed "$start" "$end")" >&2
fi

rc=
[ ! -f "$work/rc" ] || rc=$(cat "$work/rc")
case $rc in ''|*[!0-9]*) rc= ;; esac
if [ -n "$rc" ]; then
  show_output
  if [ -f "$work/timedout" ]; then
    printf '%s: COMMAND killed after %s s (--timeout %s)\n' "$me" "$(cat "$work/timedout")" "$timeout_s" >&2
    exit 124
  fi
  exit "$rc"
fi
if [ -f "$work/setup-error" ]; then
  printf '%s: guest setup failed: %s\n' "$me" "$(cat "$work/setup-error")" >&2
  show_console
  exit 125
fi
if [ -f "$work/killed" ]; then
  if [ -f "$work/ready" ]; then
    show_output
    printf '%s: guest killed after %s s (--timeout): COMMAND did not finish\n' "$me" "$timeout_s" >&2
    exit 124
  fi
  printf '%s: guest did not boot within %s s\n' "$me" "$timeout_s" >&2
  show_console
  exit 125
fi
if [ -f "$work/ready" ]; then
  show_output
  printf '%s: guest died while running COMMAND (UML exit status %s), no exit status\n' "$me" "$uml_rc" >&2
else
  printf '%s: guest failed to boot (UML exit status %s)\n' "$me" "$uml_rc" >&2
fi
show_console
exit 125
