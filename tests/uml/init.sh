#!/bin/bash
# init.sh WORKDIR: PID 1 of the user-mode-linux guest that guest.sh boots. Not for direct use.
#
# The guest's root file system is the host's, read-write (hostfs). This script:
#   1. mounts proc, sysfs, and a tmpfs on /run;
#   2. loads the network modules and makes the kernel's module auto-loading work (a
#      modprobe wrapper that knows where UML's modules are);
#   3. puts a tmpfs over the directories that tools write (/var/tmp, /var/log, ...) and a
#      copy-on-write overlay over /etc and /var/lib, so nothing run in the guest changes
#      the host (/tmp and everything else stay shared with the host);
#   4. brings lo up and creates the stand-in switch ports (dummy links);
#   5. runs the command in the host's working directory, with a clean environment, its
#      stdout/stderr going to files in WORKDIR, under a deadline;
#   6. writes the command's exit status to WORKDIR/rc, syncs and powers off.
# WORKDIR is the host temp dir of guest.sh, seen through hostfs at the same path. A setup
# failure is written to WORKDIR/setup-error. PID 1 must never exit (the guest would panic),
# so every path ends in finish(). No `set -e` here: each step checks its own status.
#
# Every process costs in UML (a new host process, page faults through ptrace): tens of ms
# each, more on a busy host. So this script uses bash builtins where it can ($EPOCHREALTIME,
# read, printf) and one process where several would do (one modprobe, one `ip -batch`).
set -uo pipefail

W=$1
# shellcheck source=/dev/null
source "$W/config.sh" || { echo "init.sh: cannot read $W/config.sh"; echo o >/proc/sysrq-trigger; }

exec </dev/null >"$W/setup.log" 2>&1

# shellcheck disable=SC2317 # called by the EXIT trap
finish() {
  # hostfs caches writes in the guest: flush them to the host before powering off.
  sync
  echo o >/proc/sysrq-trigger
  poweroff -f # not reached unless the sysrq poweroff failed
}
trap finish EXIT

fail() {
  printf '%s\n' "$*" >"$W/setup-error"
  printf 'init.sh: %s\n' "$*"
  exit 1
}

stamp() { printf '%s\n' "$EPOCHREALTIME" >"$W/$1"; }
now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
log_uptime() { local up _; read -r up _ </proc/uptime; printf 'init.sh: %s at uptime %s s\n' "$1" "$up"; }

export PATH=$G_PATH

mount -t proc proc /proc || fail "cannot mount /proc"
mount -t sysfs sysfs /sys || fail "cannot mount /sys"
mount -t tmpfs -o mode=0755 tmpfs /run || fail "cannot mount a tmpfs on /run"
mkdir -p /run/network /run/netns /run/uml/root/lib/modules /run/uml/bin "$G_HOME" \
  || fail "cannot make directories in /run"
log_uptime "started"

read -r kver </proc/sys/kernel/osrelease
[ "$kver" = "$G_KVER" ] || fail "guest kernel is $kver but the modules are for $G_KVER"

# Modules. UML's tree is not at /lib/modules/$(uname -r), so modprobe is pointed at it
# through a tmpfs symlink (-d), with a config of its own (-C) holding the module parameters
# instead of the host's /etc/modprobe.d. One modprobe for all (dependencies come from
# modules.dep) is several times faster than one insmod each. The same wrapper serves the
# kernel's module auto-loading (e.g. `ip link add ... type geneve`) and is first in
# COMMAND's PATH. The kernel runs it with an environment of its own, so it sets
# GLIBC_TUNABLES itself (see guest.sh).
ln -s "$G_MODDIR" "/run/uml/root/lib/modules/$kver" || fail "cannot link the module tree"
: >/run/uml/modprobe.conf
names=()
for spec in "${G_MODULES[@]}"; do
  read -r -a words <<<"$spec"
  name=${words[0]##*/}
  names+=("$name")
  [ "${#words[@]}" -eq 1 ] || echo "options $name ${words[*]:1}" >>/run/uml/modprobe.conf
done
printf '#!/bin/sh\nGLIBC_TUNABLES=%s exec /usr/sbin/modprobe -d /run/uml/root -C /run/uml/modprobe.conf "$@"\n' \
  "$G_TUNABLES" >/run/uml/bin/modprobe
chmod 755 /run/uml/bin/modprobe || fail "cannot write the modprobe wrapper"
echo /run/uml/bin/modprobe >/proc/sys/kernel/modprobe || fail "cannot set kernel.modprobe"
/run/uml/bin/modprobe -a "${names[@]}" 2>/run/uml/modprobe.err \
  || fail "modprobe -a ${names[*]} failed: $(</run/uml/modprobe.err)"
for name in "${names[@]}"; do
  [ -d "/sys/module/${name//-/_}" ] || fail "module $name is not loaded after modprobe"
done
stamp modules
log_uptime "modules loaded"

# /dev is the kernel's devtmpfs (mounted before init); make sure, and add pts and shm.
devtmpfs=0
while read -r _ mp fstype _; do
  [ "$mp $fstype" != "/dev devtmpfs" ] || devtmpfs=1
done </proc/mounts
if [ "$devtmpfs" = 0 ]; then
  mount -t devtmpfs devtmpfs /dev || fail "cannot mount devtmpfs on /dev"
fi
mkdir -p /dev/pts /dev/shm || fail "cannot make /dev/pts and /dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts || fail "cannot mount /dev/pts"
mount -t tmpfs tmpfs /dev/shm || fail "cannot mount /dev/shm"

for d in "${G_TMPFS[@]}"; do
  [ -d "$d" ] || fail "cannot mount a tmpfs on $d: not a directory"
  mount -t tmpfs -o mode=0755 tmpfs "$d" || fail "cannot mount a tmpfs on $d"
done

n=0
for d in "${G_WRITABLE[@]}"; do
  [ -d "$d" ] || fail "cannot make $d writable: not a directory"
  n=$((n + 1))
  up=/run/uml/overlay/$n
  mkdir -p "$up/upper" "$up/work" || fail "cannot make directories in /run"
  mount -t overlay overlay -o "lowerdir=$d,upperdir=$up/upper,workdir=$up/work" "$d" \
    || fail "cannot mount an overlay on $d"
done
log_uptime "mounts done"

{
  echo "link set lo up"
  for l in "${G_LINKS[@]}"; do
    echo "link add $l type dummy"
  done
} >/run/uml/links.batch
ip -batch /run/uml/links.batch 2>/run/uml/links.err \
  || fail "cannot create dummy links (${G_LINKS[*]}): $(</run/uml/links.err)"

cd "$G_CWD" || fail "cannot cd to $G_CWD in the guest"

left_ms=$((G_DEADLINE_MS - $(now_ms)))
[ "$left_ms" -ge 1000 ] || fail "no time left for the command after boot (raise --timeout)"
left=$((left_ms / 1000)).$(printf '%03d' $((left_ms % 1000)))
stamp ready
log_uptime "ready"

timeout -k 1 "$left" env -i "${G_ENV[@]}" "${G_CMD[@]}" >"$W/stdout" 2>"$W/stderr"
rc=$?
stamp finished
if { [ "$rc" = 124 ] || [ "$rc" = 137 ]; } && [ "$(now_ms)" -ge "$G_DEADLINE_MS" ]; then
  echo "$left" >"$W/timedout"
fi
echo "$rc" >"$W/rc"
exit 0
