#!/usr/bin/env bash
# Times ifcc against ifupdown2's ifquery on generated MLAG leaf files.
#
#   bench/run.sh [--ifcc PATH] [--runs K] [--sizes "10 1000 4000"] [--json] [--out FILE]
#
# For each N it writes a leaf01/leaf02 pair with bench/gen-leaf.py into a temporary
# folder and times, on leaf01/interfaces:
#   ifcc lint FILE
#   ifcc query -i FILE -a            (when this ifcc has `query`)
#   ifquery -i FILE -a               (ifupdown2, run by Debian's /usr/bin/python3)
# and with --json also `ifcc query -i FILE -a -o json` and `ifquery -i FILE -a -o json`.
# Each command: one warm-up run under GNU time (its %M is the peak RSS reported), then
# K timed rounds, each tool once a round in a shuffled order. Prints a Markdown table
# (median wall time, peak RSS, speedup against ifquery); --out FILE writes the same report
# to FILE too.
#
# Nothing here touches the network configuration: ifcc lint/query and ifquery only read
# the generated files. Root is needed only to apt-get install a missing package
# (time, python3, ifupdown2).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)

ifcc="$top/build/cli/ifcc"
runs=5
sizes="10 1000 4000"
json=0
out=""

usage() { sed -n '2,18s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --ifcc) ifcc=${2:?--ifcc needs a PATH}; shift 2 ;;
    --ifcc=*) ifcc=${1#*=}; shift ;;
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --runs=*) runs=${1#*=}; shift ;;
    --sizes) sizes=${2:?--sizes needs a list}; shift 2 ;;
    --sizes=*) sizes=${1#*=}; shift ;;
    --json) json=1; shift ;;
    --out) out=${2:?--out needs a FILE}; shift 2 ;;
    --out=*) out=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

case "$runs" in ''|*[!0-9]*|0) echo "run.sh: --runs must be a positive number" >&2; exit 2 ;; esac
for n in $sizes; do
  case "$n" in ''|*[!0-9]*) echo "run.sh: --sizes takes numbers: '$n'" >&2; exit 2 ;; esac
  if [ "$n" -lt 10 ] || [ "$n" -gt 4094 ]; then
    echo "run.sh: each size must be from 10 to 4094: '$n'" >&2; exit 2
  fi
done

# --- what the benchmark needs -------------------------------------------------------
py=/usr/bin/python3      # Debian's interpreter, whatever python3 PATH finds first
ifquery=/usr/sbin/ifquery
missing=()
[ -x /usr/bin/time ] || missing+=(time)
[ -x "$py" ] || missing+=(python3)
[ -e "$ifquery" ] || missing+=(ifupdown2)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "run.sh: missing ${missing[*]}; run as root once to apt-get install them" >&2
    exit 1
  fi
  echo "run.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  # ifupdown2's package scripts must not start or reload networking: block service
  # starts while it installs (as scripts/install-deps.sh does).
  policy=/usr/sbin/policy-rc.d
  had_policy=0
  [ -e "$policy" ] && had_policy=1
  if [ "$had_policy" = 0 ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  if [ "$had_policy" = 0 ]; then rm -f "$policy"; trap - EXIT; fi
fi

case "$ifcc" in /*) ;; *) ifcc="$PWD/$ifcc" ;; esac
if [ ! -x "$ifcc" ]; then
  echo "run.sh: no ifcc at $ifcc (build it: meson setup build --buildtype=release && ninja -C build, or give --ifcc PATH)" >&2
  exit 1
fi
have_query=0
if "$ifcc" query --help >/dev/null 2>&1; then have_query=1; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ifcc-bench.XXXXXX")
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
results="$work/results.jsonl"
: >"$results"

q() { printf '%q ' "$@"; }

# --- the machine ---------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
ifud=$(dpkg-query -W -f='${Version}' ifupdown2 2>/dev/null || echo '?')
rev=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?')
dirty=""
if [ -n "$(git -C "$top" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  dirty=" (work tree has uncommitted changes)"
fi
btype=""
if [ -f "$(dirname "$(dirname "$ifcc")")/meson-info/intro-buildoptions.json" ]; then
  btype=$("$py" -c 'import json,sys
o={x["name"]:x["value"] for x in json.load(open(sys.argv[1]))}
print("%s, -O%s" % (o.get("buildtype"), o.get("optimization")))' \
    "$(dirname "$(dirname "$ifcc")")/meson-info/intro-buildoptions.json" 2>/dev/null || true)
fi
header=$(cat <<EOF
- Machine: $(nproc) cores, ${cpu:-unknown CPU}, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r)
- ifcc: $ifcc at $rev$dirty${btype:+, build $btype}; ifcc query: $([ "$have_query" = 1 ] && echo yes || echo 'not in this build')
- ifquery: ifupdown2 $ifud under $($py --version 2>&1)
- Runs: $runs timed runs per command after one warm-up; sizes: $sizes; $(date -u '+%Y-%m-%d %H:%M UTC')
EOF
)
echo "$header" >&2

# --- generate and time -----------------------------------------------------------------
for n in $sizes; do
  "$py" "$here/gen-leaf.py" "$n" "$work/n$n"
  f="$work/n$n/leaf01/interfaces"
  lines=$(wc -l <"$f")
  tools=(--tool "ifcc lint" "$(q "$ifcc" lint "$f")")
  if [ "$have_query" = 1 ]; then
    tools+=(--tool "ifcc query -a" "$(q "$ifcc" query -i "$f" -a)")
  fi
  tools+=(--tool "ifquery -a" "$(q "$py" "$ifquery" -i "$f" -a)")
  if [ "$json" = 1 ]; then
    if [ "$have_query" = 1 ]; then
      tools+=(--tool "ifcc query -a -o json" "$(q "$ifcc" query -i "$f" -a -o json)")
    fi
    tools+=(--tool "ifquery -a -o json" "$(q "$py" "$ifquery" -i "$f" -a -o json)")
  fi
  echo "N=$n: $lines lines in $f" >&2
  "$py" "$here/measure.py" run --runs "$runs" --n "$n" --lines "$lines" \
    --results "$results" "${tools[@]}"
done

report=$(printf '%s\n\n' "$header"; "$py" "$here/measure.py" table --results "$results")
printf '%s\n' "$report"
if [ -n "$out" ]; then printf '%s\n' "$report" >"$out"; fi
