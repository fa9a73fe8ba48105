#!/bin/sh
# run-checks.sh - run annotated C test inputs, sparse style.
#
# Each FILE.c carries its expectation in a trailing comment:
#   check-name: what it shows
#   check-command: kmapcheck scan $file -- FLAGS     (default: kmapcheck scan --no-db $file)
#   check-exit-value: N                              (default 0)
#   check-known-to-fail                              (a known false negative: reported, not failed)
#   check-output-start ... check-output-end          (exact stdout)
#   check-error-start ... check-error-end            (lines that must appear in stderr)
# The command runs in the file's directory with `kmapcheck` resolved to this tree's binary
# and a private database. Prints `checks: N passed, M failed`.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="$top:$PATH"
export KMAPCHECK_CACHE="${KMAPCHECK_CACHE:-$top/build/cache}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 known=0

section() {	# section FILE START END -> the lines between the markers
	awk -v s="$2" -v e="$3" '
		index($0, e) { on = 0 }
		on { print }
		index($0, s) { on = 1 }' "$1"
}

for f in "$@"; do
	[ -f "$f" ] || continue
	dir=$(dirname "$f")
	base=$(basename "$f")
	name=$(sed -n 's/^ \* check-name: *//p' "$f" | head -n1)
	cmd=$(sed -n 's/^ \* check-command: *//p' "$f" | head -n1)
	[ -n "$cmd" ] || cmd='kmapcheck scan --no-db $file'
	want_exit=$(sed -n 's/^ \* check-exit-value: *//p' "$f" | head -n1)
	[ -n "$want_exit" ] || want_exit=0
	ktf=0
	grep -q '^ \* check-known-to-fail' "$f" && ktf=1
	section "$f" ' * check-output-start' ' * check-output-end' > "$tmp/want.out"
	section "$f" ' * check-error-start' ' * check-error-end' > "$tmp/want.err"
	cmd=$(printf '%s' "$cmd" | sed "s|\\\$file|$base|g")
	(cd "$dir" && eval "$cmd") > "$tmp/got.out" 2> "$tmp/got.err"
	got_exit=$?
	ok=1
	diff -u "$tmp/want.out" "$tmp/got.out" > "$tmp/diff" || ok=0
	[ "$got_exit" = "$want_exit" ] || { ok=0; echo "exit status $got_exit, want $want_exit" >> "$tmp/diff"; }
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		grep -qF -- "$line" "$tmp/got.err" || { ok=0; echo "stderr lacks: $line" >> "$tmp/diff"; }
	done < "$tmp/want.err"
	if [ $ok = 1 ]; then
		if [ $ktf = 1 ]; then
			echo "FIXED   $f: $name (marked known-to-fail, now passes)"
		fi
		pass=$((pass + 1))
	elif [ $ktf = 1 ]; then
		echo "KNOWN   $f: $name"
		known=$((known + 1))
	else
		echo "FAIL    $f: $name"
		sed 's/^/        /' "$tmp/diff" | head -n 40
		sed 's/^/  stderr: /' "$tmp/got.err" | head -n 5
		fail=$((fail + 1))
	fi
done
echo "checks: $pass passed, $fail failed, $known known to fail"
[ $fail = 0 ]
