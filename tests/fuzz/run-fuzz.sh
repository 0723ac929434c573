#!/usr/bin/env bash
# CI run of a libFuzzer target:
#   1. the dictionary is what tests/fuzz/gen-dict.py writes from parser/keywords.tsv;
#   2. every file of tests/fuzz/regressions/ is replayed;
#   3. the target is fuzzed for IFCC_FUZZ_SECONDS (default 60) with the dictionary, seeded
#      from the lab, the corpus and the regressions (but regressions/slow-*).
# Any crash, leak, sanitizer report or timeout fails the test. New inputs the fuzzer finds
# stay in a temporary directory; copy the ones worth keeping into regressions/.
#
# Usage: run-fuzz.sh TARGET TESTS_DATA_DIR FUZZ_SOURCE_DIR
set -euo pipefail
target=$(realpath "$1") data=$(realpath "$2") here=$(realpath "$3")
seconds=${IFCC_FUZZ_SECONDS:-60}
dict="$here/ifcc.dict"

# Sanitizer reports must stop the run even when the caller did not ask for it.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:print_stacktrace=1"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
common=(-max_len=4096 -timeout=20 -rss_limit_mb=2048 -artifact_prefix="$work/")

# Fails on a non-zero exit and on a sanitizer report that did not stop the process.
check_log() { # name, log, status
	if [ "$3" -ne 0 ] || grep -qE 'runtime error:|ERROR: (Address|Leak|Undefined)Sanitizer|ERROR: libFuzzer' "$2"; then
		echo "run-fuzz: $1 failed (exit $3):"
		grep -E -A40 'runtime error:|==ERROR|ERROR: libFuzzer|SUMMARY' "$2" | head -120 || tail -60 "$2"
		for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
			[ -e "$f" ] || continue
			echo "run-fuzz: input $(basename "$f") (base64):"
			base64 "$f" | head -40
		done
		exit 1
	fi
}

echo "== dictionary"
python3 "$here/gen-dict.py" --check --out "$dict"
echo "$(grep -c '^"' "$dict") entries, up to date"

echo "== regressions"
shopt -s nullglob
regs=("$here"/regressions/*)
if [ "${#regs[@]}" -eq 0 ]; then
	echo "run-fuzz: no files in $here/regressions" >&2
	exit 1
fi
status=0
"$target" "${common[@]}" "${regs[@]}" >"$work/replay.log" 2>&1 || status=$?
check_log "replay of regressions/" "$work/replay.log" "$status"
echo "${#regs[@]} inputs replayed, no findings"

echo "== fuzzing for ${seconds}s"
# Seeds: the regressions but the slow-* ones (each takes a good part of a second, and so
# would every mutant of them, starving the run).
mkdir "$work/seeds"
for f in "${regs[@]}"; do
	case $(basename "$f") in slow-*) ;; *) cp "$f" "$work/seeds/" ;; esac
done
status=0
"$target" "${common[@]}" -dict="$dict" -max_total_time="$seconds" -print_final_stats=1 \
	"$work/corpus" "$data/lab" "$data/corpus" "$work/seeds" >"$work/fuzz.log" 2>&1 ||
	status=$?
check_log "fuzzing" "$work/fuzz.log" "$status"
grep -E '^#[0-9]+.*(DONE|pulse)' "$work/fuzz.log" | tail -1
grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$work/fuzz.log"
echo "no crash, leak, sanitizer report or timeout"
