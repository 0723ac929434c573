#!/usr/bin/env bash
# Installs everything ifcc needs to build and test on Debian 12 (run as root).
set -euo pipefail
# The last line is for the tests/uml guest (guest.sh), which has the netlink features this
# machine's kernel lacks: its kernel, module loader, and the ip/bridge/sysctl tools.
pkgs=(build-essential pkg-config meson ninja-build flex bison
      libnl-3-dev libnl-route-3-dev libcmocka-dev libjansson-dev
      clang libclang-rt-14-dev python3 python3-jsonschema python3-yaml ifupdown2
      user-mode-linux kmod iproute2 procps)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # ifupdown2 is the oracle of the differential tests: only its ifquery runs, and it
  # only reads files. Keep its package scripts from starting or reloading networking.
  policy=/usr/sbin/policy-rc.d
  had_policy=0
  [ -e "$policy" ] && had_policy=1
  if [ "$had_policy" = 0 ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
  fi
  apt-get install -y -q --no-install-recommends "${missing[@]}"
  [ "$had_policy" = 1 ] || rm -f "$policy"
fi
