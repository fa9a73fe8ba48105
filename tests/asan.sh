#!/bin/sh
# asan.sh - kmapcheck built with AddressSanitizer (build/asan/kmapcheck, `make asan-test`)
# scans the bundled corpus, the cross-file checks (files that wait, parsed, for a summary
# and are proved again in place) and, when kernel-test has extracted linux 6.1, fs/erofs,
# fs/btrfs, fs/jbd2 and net/core: no memory error in the parent or in any worker, and the
# same results as the plain build. A write through a stale pointer that the plain build
# survives by luck (the lowering's, fixed in 7bdc59d) is a heap-use-after-free here on
# every run.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
k="$top/kmapcheck"
asan="$top/build/asan/kmapcheck"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src="${KMAPCHECK_CACHE:-$HOME/.cache/kmapcheck}/src/linux-source-6.1"
pass=0 fail=0 skip=0
# libclang's allocations outlive the children on purpose (_exit): no leak report
export ASAN_OPTIONS=detect_leaks=0:halt_on_error=1
export KMAPCHECK_RULES="$top/rules"

ok()  { pass=$((pass + 1)); echo "ok      $1"; }
bad() { fail=$((fail + 1)); echo "FAIL    $1"; sed 's/^/        /' "$tmp/err" | head -n 30; }

# both builds on the same input: $1 names the case, $2 the directory, the rest the arguments
same() {
	name=$1 dir=$2
	shift 2
	(cd "$dir" && "$k" scan --no-db -q --format json "$@") > "$tmp/plain.json" 2> "$tmp/plain.err"
	pst=$?
	(cd "$dir" && "$asan" scan --no-db -q --format json "$@") > "$tmp/asan.json" 2> "$tmp/err"
	st=$?
	if grep -q "AddressSanitizer" "$tmp/err"; then
		bad "$name: no memory error"
	elif [ $st != $pst ] || ! cmp -s "$tmp/plain.json" "$tmp/asan.json"; then
		echo "exit $st, plain build $pst; the JSON differs:" >> "$tmp/err"
		diff "$tmp/plain.json" "$tmp/asan.json" | head -n 10 >> "$tmp/err"
		bad "$name: no memory error, the plain build's results"
	else
		ok "$name: no memory error, the plain build's results"
	fi
}

same "the bundled corpus" "$top" corpus/cases -- -m32 -Iruntime/include \
	-Icorpus/harness/user -Icorpus/harness
same "cross-file summaries, proved again in place" "$top/tests/prove" xfile_summaries.c \
	xfile_inline.c lib/xfile_callees.c -- -I.

if [ -d "$src/fs/erofs" ]; then
	(cd "$tmp" && "$asan" scan --no-db --format json -j 2 "$src/fs/erofs" "$src/fs/btrfs" \
		"$src/fs/jbd2" "$src/net/core") > "$tmp/kernel.json" 2> "$tmp/err"
	st=$?
	if [ $st = 0 ] && ! grep -q "AddressSanitizer" "$tmp/err" &&
	   grep -q "files proved again ([1-9][0-9]* of them without a second parse" "$tmp/err" &&
	   grep -q '"api":"kmap_atomic"' "$tmp/kernel.json"; then
		ok "linux 6.1 fs/erofs fs/btrfs fs/jbd2 net/core: no memory error, files proved again in place"
	else
		echo "exit $st" >> "$tmp/err"
		grep -A 12 "AddressSanitizer" "$tmp/err" >> "$tmp/err.asan" 2>/dev/null
		[ -s "$tmp/err.asan" ] && cp "$tmp/err.asan" "$tmp/err"
		bad "linux 6.1 fs/erofs fs/btrfs fs/jbd2 net/core: no memory error, files proved again in place"
	fi
else
	skip=$((skip + 1))
	echo "skip    linux 6.1 subset: $src not extracted (make kernel-test does it)"
fi
echo "asan: $pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
