#!/usr/bin/env bash
# test-guest.sh: tests of guest.sh itself, run on the host (meson test uml-guest).
#
# Four guest boots (about 2.5 s each, plus 10 s for the timeout case) check that guest.sh:
# passes COMMAND's arguments, working directory, stdout, stderr and exit status through;
# passes --env; keeps the guest's writes to /etc, /var/lib, /var/log, /var/tmp, /run and HOME
# off the host while /tmp stays shared; reports a guest-side setup failure with status 125
# and its reason; kills a COMMAND that outlives --timeout with status 124 and still shows
# its output; fails with 125 before booting when UML is missing; and leaves no temp dir and
# no guest process behind. Prints one line per check and "N passed, N failed".
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
guest=$here/guest.sh

base=$(mktemp -d)
token=ifcc-uml-test.$$.$RANDOM
trap 'rm -rf "$base" "/tmp/$token.shared"' EXIT
export IFCC_UML_TMPDIR=$base/tmp
mkdir "$IFCC_UML_TMPDIR"
mkdir "$base/cwd"

passed=0
failed=0
check() { # check WHAT CONDITION...: CONDITION is a command
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok   $what"
  else
    failed=$((failed + 1))
    echo "FAIL $what"
  fi
}
same() { [ "$1" = "$2" ] || { printf '  expected: %q\n  got:      %q\n' "$2" "$1"; return 1; }; }
contains() { case $1 in *"$2"*) return 0 ;; esac; printf '  %q does not contain %q\n' "$1" "$2"; return 1; }
absent() { [ ! -e "$1" ] || { echo "  $1 exists on the host"; return 1; }; }

# 1. Arguments, cwd, streams, status, --env; writes that must stay in the guest.
cat >"$base/writes.sh" <<'EOF'
set -eu
printf '<%s>\n' "$@"
pwd
echo "env:$GREETING:$FROM_HOST:$IFCC_UML_GUEST"
echo to-stderr >&2
t=$TOKEN
echo x >"/etc/network/$t"
mkdir -p /etc/iproute2/rt_tables.d && echo "1001 $t" >"/etc/iproute2/rt_tables.d/$t.conf"
echo x >"/etc/$t"
echo x >"/var/lib/$t"
echo x >"/var/log/$t"
echo x >"/var/tmp/$t"
echo x >"/run/$t"
echo x >"$HOME/$t"
echo x >"/tmp/$t.shared"
exit 3
EOF
set +e
# shellcheck disable=SC2016 # '$x' is meant literally
(cd "$base/cwd" && FROM_HOST=hostvalue "$guest" --env GREETING=hi --env FROM_HOST \
  --env "TOKEN=$token" -- bash "$base/writes.sh" 'a b' '$x' "it's" '' \
  >"$base/out1" 2>"$base/err1")
rc=$?
set -e
check "COMMAND's exit status comes back (3)" same "$rc" 3
# shellcheck disable=SC2016 # '$x' is meant literally
check "arguments, working directory and --env reach COMMAND; stdout comes back" \
  same "$(cat "$base/out1")" "$(printf '<a b>\n<$x>\n<it'"'"'s>\n<>\n%s\nenv:hi:hostvalue:1' "$base/cwd")"
check "stderr comes back on stderr" same "$(cat "$base/err1")" "to-stderr"
for p in "/etc/network/$token" "/etc/iproute2/rt_tables.d/$token.conf" "/etc/$token" \
  "/var/lib/$token" "/var/log/$token" "/var/tmp/$token" "/run/$token" "$HOME/$token"; do
  check "guest write to $p does not reach the host" absent "$p"
done
check "guest write to /tmp reaches the host" test -f "/tmp/$token.shared"

# 2. A guest-side setup failure (a link name the kernel refuses) is status 125, with why.
set +e
"$guest" --links 'swp1 bad/name' -- true >"$base/out2" 2>"$base/err2"
rc=$?
set -e
check "guest setup failure gives status 125" same "$rc" 125
check "guest setup failure says why" contains "$(cat "$base/err2")" "cannot create dummy links"
check "guest setup failure names the culprit" contains "$(cat "$base/err2")" '"bad/name"'

# 3. COMMAND past --timeout: status 124, its output so far shown, within the limit.
start=$(date +%s)
set +e
"$guest" --timeout 10 -- bash -c 'echo before-sleep; sleep 60' >"$base/out3" 2>"$base/err3"
rc=$?
set -e
took=$(($(date +%s) - start))
check "COMMAND past --timeout gives status 124" same "$rc" 124
check "COMMAND past --timeout still shows its output" same "$(cat "$base/out3")" before-sleep
check "COMMAND past --timeout is reported" contains "$(cat "$base/err3")" "killed after"
check "--timeout 10 is kept and used (took ${took} s)" test "$took" -ge 7 -a "$took" -le 11

# 4. No UML: status 125 before any boot, with the package to install.
set +e
IFCC_UML_KERNEL=/nonexistent/linux.uml "$guest" -- true >"$base/out4" 2>"$base/err4"
rc=$?
set -e
check "missing UML kernel gives status 125" same "$rc" 125
check "missing UML kernel names the package" contains "$(cat "$base/err4")" "user-mode-linux"

# 5. Nothing left behind.
check "no temp dir left behind" same "$(ls -A "$IFCC_UML_TMPDIR")" ""
no_guest_running() { ! pgrep -f "init=$IFCC_UML_TMPDIR/" >/dev/null; }
check "no guest process left behind" no_guest_running

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
