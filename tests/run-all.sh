#!/bin/sh
# run-all.sh - run each test target with make, keep its closing `N passed, M failed`
# line, and end with the sum. A target that fails without such a line counts as one failure.
set -u
total_pass=0 total_fail=0 total_skip=0
summary=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$@"; do
	echo "==== make $t"
	make --no-print-directory "$t" 2>&1 | tee "$log"
	rc=$(tail -n1 "$log" | sed -n 's/^make: \*\*\* .*Error \([0-9]*\).*/\1/p')
	line=$(grep -E '^([A-Za-z0-9_-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n1)
	p=$(printf '%s' "$line" | sed -n 's/.*\b\([0-9][0-9]*\) passed.*/\1/p')
	f=$(printf '%s' "$line" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
	s=$(printf '%s' "$line" | sed -n 's/.* \([0-9][0-9]*\) skipped.*/\1/p')
	p=${p:-0} f=${f:-0} s=${s:-0}
	if grep -q '^make: \*\*\*' "$log" && [ "$f" = 0 ]; then
		f=1
	fi
	total_pass=$((total_pass + p)) total_fail=$((total_fail + f)) total_skip=$((total_skip + s))
	summary="$summary$(printf '  %-16s %s' "$t" "${line:-(no summary line; exit ${rc:-0})}")
"
done
echo "==== summary"
printf '%s' "$summary"
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" = 0 ]
