#!/bin/sh
# tree.sh - `kmapcheck patch --validate` over all of linux 6.1, and the checks of
# issue 4 on its output: the numbers README's "Converting" section reports.
#
#   tests/patch/tree.sh [OUT]      (default OUT: build/patch/tree; about 15 to 30 min)
#
# Prints: sites converted per rule and refused per verdict (summary.txt), patched
# files, how many compile for i386 (or, for another architecture's files, for
# that architecture) after conversion and why the others do not, new sparse
# warnings, whether every diff applies to the pristine tree (patch -p1 --dry-run
# and git apply --check, the combined diff and each file's), whether any hunk touches a site the prover did not prove
# (check-hunks.py against a scan of the same tree), and that the tree was not
# written (no file in it newer than the run). The scan comes from the SQLite
# cache in OUT's database when the tree and the rules are unchanged.
# Exit status 1 when a check fails.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
k="$top/kmapcheck"
cache="${KMAPCHECK_CACHE:-$HOME/.cache/kmapcheck}"
src="$cache/src/linux-source-6.1"
out="${1:-$top/build/patch/tree}"
db="$out.db"
status=0
if [ ! -f "$src/Makefile" ]; then
	echo "tree.sh: no linux 6.1 at $src (make kernel-test extracts it)" >&2
	exit 2
fi
mkdir -p "$(dirname "$out")"
marker="$out.started"
touch "$marker"
ulimit -s unlimited 2>/dev/null || true

t0=$(date +%s.%N)
(cd "$src" && "$k" patch --db "$db" --no-progress --validate --out "$out" .) 2> "$out.log"
rc=$?
t1=$(date +%s.%N)
echo "kmapcheck patch --validate: exit status $rc, $(echo "$t1 - $t0" | bc) s wall (log: $out.log)"
[ -f "$out/summary.txt" ] || { echo "no summary.txt" >&2; exit 1; }
cat "$out/summary.txt"

v="$out/validate.txt"
files=$(grep -c '^+++ ' "$out/kmapcheck.diff")
checked=$(grep -c ': passed: \|: dropped (build): \|: dropped (sparse): \|: not validated: ' "$v")
passed=$(grep -c ': passed: ' "$v")
broken=$(grep -c ': dropped (build): ' "$v")
sparse=$(grep -c ': dropped (sparse): ' "$v")
notval=$(grep -c ': not validated: ' "$v")
built=$((passed + broken + sparse))
echo
echo "files converted before validation: $checked; kept after it: $files"
if [ "$built" -gt 0 ]; then
	echo "compile after conversion: $((passed + sparse)) of $built files the configuration builds" \
		"($(echo "scale=1; 100 * ($passed + $sparse) / $built" | bc)%); $broken dropped for the build," \
		"$sparse for new sparse warnings"
fi
i386=$(grep -c ': passed: compiles.* for i386 ' "$v")
echo "of all $checked converted files: $passed passed ($(echo "scale=1; 100 * $passed / $checked" | bc)%;" \
	"$i386 of them for i386 with HIGHMEM, $(echo "scale=1; 100 * $i386 / $checked" | bc)% of all;" \
	"$((passed - i386)) for another architecture with clang), $notval not validated:"
sed -n 's/^[^ ]*: not validated: //p' "$v" | sed 's/[^ ]*\.o is not built/an object that is not built/; s/ (not in the lists of .*//; s/ (.*//' |
	sort | uniq -c | sort -rn
echo "new sparse warnings (files dropped for them): $sparse"
awk '/: dropped \(/ { show = 1; print; next } /^    / { if (show) print; next } { show = 0 }' "$v"

# Every diff applies to the pristine tree.
if (cd "$src" && patch -p1 --dry-run -s -f < "$out/kmapcheck.diff") > "$out.apply" 2>&1 &&
   (cd "$src" && git apply --check "$out/kmapcheck.diff") >> "$out.apply" 2>&1; then
	echo "kmapcheck.diff applies to the pristine tree (patch -p1 --dry-run, git apply --check)"
else
	echo "FAIL: kmapcheck.diff does not apply (see $out.apply)"; status=1
fi
nd=0 nbad=0
for d in $(find "$out/diffs" -name '*.diff'); do
	nd=$((nd + 1))
	(cd "$src" && patch -p1 --dry-run -s -f < "$d" > /dev/null 2>&1 && git apply --check "$d" 2>/dev/null) ||
		{ nbad=$((nbad + 1)); echo "FAIL: $d does not apply"; }
done
echo "per-file diffs: $nd, of which $nbad do not apply"
[ "$nbad" = 0 ] || status=1
# The series applies in order (a directory whose helpers were restructured has that
# patch first, then its conversion) to a copy of the files it touches, and ends where
# kmapcheck.diff does.
nser=0
scratch=$(mktemp -d)
sed -n 's|^+++ b/||p' "$out/kmapcheck.diff" | while read -r f; do
	mkdir -p "$scratch/a/$(dirname "$f")"
	cp "$src/$f" "$scratch/a/$f"
done
cp -r "$scratch/a" "$scratch/b"
for p in "$out"/series/*.patch; do
	nser=$((nser + 1))
	(cd "$scratch/a" && patch -p1 -s -f < "$p" > /dev/null 2>&1) || { echo "FAIL: $p does not apply in order"; status=1; }
done
(cd "$scratch/b" && patch -p1 -s -f < "$out/kmapcheck.diff" > /dev/null 2>&1) &&
	diff -r "$scratch/a" "$scratch/b" > /dev/null ||
	{ echo "FAIL: the series applied in order does not give what kmapcheck.diff gives"; status=1; }
rm -rf "$scratch"
echo "series: $nser patches ($(grep -l '^Subject: .*: Change the signatures\? of' "$out"/series/*.patch 2>/dev/null | wc -l) restructuring helpers first), applied in order, the same result as kmapcheck.diff"

# No site the prover did not prove is touched: the hunks against the analysis
# the patches were made from (sites.jsonl), checked in the pristine tree; a
# restructured file's conversion alone, against its restructured text.
conv="$out.conversion.diff"
for p in "$out"/series/*.patch; do
	grep -q '^Subject: .*: Change the signatures\? of' "$p" || cat "$p"
done > "$conv"
"$top/tests/patch/check-hunks.py" --base "$out/restructured" "$out/sites.jsonl" "$conv" "$src" || status=1

# The tree was not written.
newer=$(find "$src" -newer "$marker" ! -path "$src" ! -path "$src/naive_*" | head)
if [ -n "$newer" ]; then
	echo "FAIL: written in the tree during the run:"; echo "$newer"; status=1
else
	echo "the tree was not written (nothing in it newer than the start of the run)"
fi
exit $status
