#!/usr/bin/env bash
# Installs what is missing, builds ifcc twice (plain, and with ASan+UBSan) and runs the
# whole test suite in both builds, then the two-thread test under ThreadSanitizer. Ends
# with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
run_suite() { # name, meson setup args...
	local dir=$1
	shift
	if [ ! -d "$dir" ]; then
		meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; failed=$((failed + 1)); return; }
	fi
	if ! meson compile -C "$dir"; then
		failed=$((failed + 1))
		return
	fi
	local log="$dir/meson-logs/testlog.txt"
	meson test -C "$dir" --print-errorlogs --num-processes 2 --timeout-multiplier 3
	local ok fail
	ok=$(sed -n 's/^Ok:[[:space:]]*\([0-9]*\).*/\1/p' "$dir/meson-logs/testlog.txt" | tail -1)
	fail=$(sed -n 's/^\(Fail\|Timeout\|Unexpected Pass\):[[:space:]]*\([0-9]*\).*/\2/p' "$log" |
		awk '{s+=$1} END {print s+0}')
	passed=$((passed + ${ok:-0}))
	failed=$((failed + ${fail:-0}))
	if [ -z "$ok" ]; then failed=$((failed + 1)); fi
}

run_suite build
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	CC=clang run_suite build-san -Db_sanitize=address,undefined -Db_lundef=false -Dfuzz=true

# ThreadSanitizer on the code that runs on two threads (parser/split.c, the attribute
# step of lowering, the graph rules): test-split reads every test file with the work
# shared between threads. Only that test is built in this configuration.
tsan_split() {
	local dir=build-tsan
	if [ ! -d "$dir" ]; then
		CC=clang meson setup "$dir" -Db_sanitize=thread -Db_lundef=false >"$dir.setup.log" 2>&1 ||
			{ cat "$dir.setup.log"; failed=$((failed + 1)); return; }
	fi
	if ! meson compile -C "$dir" tests/unit/test-split; then
		failed=$((failed + 1))
		return
	fi
	if TSAN_OPTIONS=halt_on_error=1 meson test -C "$dir" --no-rebuild --print-errorlogs split; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
}
tsan_split

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
