#!/bin/sh
# Runs every tests/runtime/cases/*.c against runtime/libkmaprt.a.
#
# Each case ends with an annotation block (sparse style):
#   check-name:    what it shows
#   check-exit:    ok | fail | abort | compile-fail
#                  (ok: status 0; fail: non-zero status, no signal;
#                   abort: killed by SIGABRT; compile-fail: must not compile)
#   check-report:  LEVEL class   (e.g. "BUG lifo"); a report line of that
#                  level and class must name NAME.c:LINE, LINE being the
#                  line that carries the marker "check-site" (without a
#                  marker, only the class is checked); every other report
#                  line must have the same class
#   check-clean:   yes           (the run must end "kmaprt: 0 reports")
#   check-env:     VAR=value ... (environment for the run)
# Prints PASS/FAIL per case and "runtime: N passed, M failed".
set -u

cd "$(dirname "$0")/../.." || exit 2
CC32=${RUNTIME_CC:-gcc -m32}
LIB=runtime/libkmaprt.a
OUT=build/runtime-test
mkdir -p "$OUT"

pass=0
fail=0

field() {
	sed -n "s/^ \* check-$1: *//p" "$2" | head -n 1
}

bad() {
	echo "FAIL $name: $*"
	fail=$((fail + 1))
	if [ -s "$OUT/$name.out" ]; then
		sed 's/^/    | /' "$OUT/$name.out" | head -n 30
	fi
}

for src in tests/runtime/cases/*.c; do
	name=$(basename "$src" .c)
	expect_exit=$(field exit "$src")
	report=$(field report "$src")
	clean=$(field clean "$src")
	envs=$(field env "$src")
	rm -f "$OUT/$name.out"

	if [ -z "$expect_exit" ]; then
		bad "no check-exit annotation"
		continue
	fi

	if ! $CC32 -O1 -g -Wall -Werror -Iruntime/include -Itests/runtime \
		-o "$OUT/$name" "$src" "$LIB" -lpthread >"$OUT/$name.cc" 2>&1; then
		if [ "$expect_exit" = compile-fail ]; then
			echo "PASS $name (refused to compile)"
			pass=$((pass + 1))
		else
			cp "$OUT/$name.cc" "$OUT/$name.out"
			bad "does not compile"
		fi
		continue
	fi
	if [ "$expect_exit" = compile-fail ]; then
		bad "compiled, but must not"
		continue
	fi

	# shellcheck disable=SC2086
	env $envs timeout 120 "./$OUT/$name" >"$OUT/$name.out" 2>&1
	status=$?

	case "$expect_exit" in
	ok)	[ $status -eq 0 ] || { bad "exit status $status, expected 0"; continue; } ;;
	fail)	{ [ $status -ne 0 ] && [ $status -lt 128 ]; } ||
			{ bad "exit status $status, expected a non-zero exit"; continue; } ;;
	abort)	[ $status -eq 134 ] || { bad "exit status $status, expected SIGABRT (134)"; continue; } ;;
	*)	bad "unknown check-exit '$expect_exit'"; continue ;;
	esac

	if [ -n "$report" ]; then
		level=${report%% *}
		class=${report#* }
		line=$(grep -n 'check-site' "$src" | head -n 1 | cut -d: -f1)
		if [ -n "$line" ]; then
			where=".*$name\.c:$line([^0-9]|\$)"
		else
			where=""
		fi
		if ! grep -E "^kmaprt: $level: \[$class\] $where" "$OUT/$name.out" >/dev/null; then
			bad "no '$level: [$class]' report${line:+ naming $name.c:$line}"
			continue
		fi
		if grep -E '^kmaprt: (BUG|WARNING): \[' "$OUT/$name.out" |
			grep -v -F "[$class]" | grep . >/dev/null; then
			bad "reports of another class than [$class]"
			continue
		fi
	fi

	if [ "$clean" = yes ]; then
		if ! grep -x 'kmaprt: 0 reports' "$OUT/$name.out" >/dev/null ||
			grep -E '^kmaprt: (BUG|WARNING):' "$OUT/$name.out" >/dev/null; then
			bad "expected a clean run (kmaprt: 0 reports)"
			continue
		fi
	fi
	echo "PASS $name"
	pass=$((pass + 1))
done

echo "runtime: $pass passed, $fail failed"
[ $fail -eq 0 ]
