#!/usr/bin/env bash
# Installs everything ifcc needs to build and test on Debian 12 (run as root).
set -euo pipefail
pkgs=(build-essential pkg-config meson ninja-build flex bison
      libnl-3-dev libnl-route-3-dev libcmocka-dev libjansson-dev
      clang libclang-rt-14-dev python3)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
