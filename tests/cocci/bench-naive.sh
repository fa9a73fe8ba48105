#!/bin/sh
# Runs semantic-patches/naive.cocci over a whole kernel tree and prints what
# it cost and what it changed: wall and CPU time, peak RSS, files and call
# sites converted, and whether the diff applies to the pristine tree.  It
# prints numbers only; nothing here passes or fails on time.
#
# Usage: tests/cocci/bench-naive.sh TREE   (JOBS=2 by default)

SPATCH=${SPATCH:-spatch}
JOBS=${JOBS:-2}
here=$(cd "$(dirname "$0")" && pwd)
rule="$here/../../semantic-patches/naive.cocci"
tree=$1

if [ -z "$tree" ] || [ ! -f "$tree/Makefile" ] || [ ! -d "$tree/mm" ]; then
	echo "bench-naive: '$tree' is not a kernel tree (extract" \
		"/usr/src/linux-source-6.1.tar.xz, or set COCCI_BENCH_TREE=DIR)" >&2
	exit 1
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/kmapcheck-naive.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT INT TERM

# spatch's C parser recurses deeply on big files.
ulimit -s unlimited 2>/dev/null || ulimit -s 65536
# spatch -j writes its work directories into the current one unless told: not into the tree.
(cd "$tree" && /usr/bin/time -v "$SPATCH" --sp-file "$rule" --dir . \
	-j "$JOBS" --tmp-dir "$out/par" --very-quiet >"$out/naive.diff" 2>"$out/time")
status=$?

field() {
	sed -n "s/^[[:space:]]*$1: *//p" "$out/time" | tail -n 1
}

# Calls removed (-) and added (+) by the diff, per name.
count() {
	grep "^$1" "$out/naive.diff" | grep -v "^$1$1$1 " |
		grep -oE "\\b$2\\(" | wc -l
}

echo "naive.cocci over $tree with -j $JOBS (spatch exit status $status)"
echo "  wall $(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)')," \
	"user $(field 'User time (seconds)') s," \
	"system $(field 'System time (seconds)') s," \
	"peak RSS $(field 'Maximum resident set size (kbytes)') KB"
echo "  files changed: $(grep -c '^+++ ' "$out/naive.diff")"
for api in kmap_atomic kmap_atomic_prot kmap_atomic_pfn kunmap_atomic kmap kunmap; do
	echo "  $api(): $(count - "$api") removed"
done
for api in kmap_local_page kmap_local_page_prot kmap_local_pfn kunmap_local; do
	echo "  $api(): $(count + "$api") added"
done
if patch -p1 --dry-run -s -d "$tree" <"$out/naive.diff" >"$out/patch" 2>&1; then
	echo "  patch -p1 --dry-run on the tree: applies"
else
	echo "  patch -p1 --dry-run on the tree: FAILS"
	sed 's/^/    /' "$out/patch" | head -n 20
fi
grep -v '^[[:space:]]' "$out/time" | grep -v 'not a git repository' |
	sed 's/^/  spatch: /' | head -n 20
