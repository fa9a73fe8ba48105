#!/bin/sh
# bench.sh - the gate on a one-file change in linux 6.1, next to checkpatch.pl on the same
# change. Run by `make bench` (tests/bench/run.sh, its last section); prints numbers, asserts
# nothing.
#
# The change adds a function with a kmap_atomic() to fs/ext2/dir.c. Debian's 6.1 tree is not
# a git checkout, so the gate runs in patch mode (`gate --patch DIFF TREE`): the same work as
# in a git checkout (both versions of the one file parsed with its kbuild flags, at the same
# time), without copying a 1 GB tree into a repository; the git mode adds a `git diff` and a
# `git cat-file` (milliseconds). Five runs each after one warm-up; the median is compared.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
k="$top/kmapcheck"
cache="${KMAPCHECK_CACHE:-$HOME/.cache/kmapcheck}"
src="$cache/src/linux-source-6.1"
out="$top/build/bench/gate"
runs=5
now() { date +%s.%N; }
median() { LC_ALL=C sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

if [ ! -f "$src/fs/ext2/dir.c" ]; then
	echo "no linux 6.1 tree at $src: skipped"
	exit 0
fi
mkdir -p "$out/a/fs/ext2" "$out/b/fs/ext2"
cp "$src/fs/ext2/dir.c" "$out/a/fs/ext2/dir.c"
cp "$src/fs/ext2/dir.c" "$out/b/fs/ext2/dir.c"
cat >> "$out/b/fs/ext2/dir.c" <<'EOF'

static u32 ext2_dir_page_csum(struct page *page, unsigned int len)
{
	u32 *words = kmap_atomic(page), sum = 0;
	unsigned int i;

	for (i = 0; i < len / sizeof(u32); i++)
		sum += words[i];
	kunmap_atomic(words);
	return sum;
}
EOF
(cd "$out" && diff -u a/fs/ext2/dir.c b/fs/ext2/dir.c > one-file.diff)
"$k" flags "$src/fs/ext2/dir.c" > /dev/null	# configured once, outside the timing

"$k" gate -q --patch "$out/one-file.diff" "$src" > "$out/gate.out" 2>&1
rc=$?
echo "gate on the change (exit $rc, 1 = adds a deprecated call):"
sed 's/^/  /' "$out/gate.out"
: > "$out/gate.times"
: > "$out/checkpatch.times"
: > "$out/gate.cpu"
for i in $(seq "$runs"); do
	t0=$(now)
	/usr/bin/time -f '%U %S' -o "$out/gate.cpu1" "$k" gate -q --patch "$out/one-file.diff" "$src" > /dev/null 2>&1
	t1=$(now)
	echo "$t1 - $t0" | bc >> "$out/gate.times"
	tail -n 1 "$out/gate.cpu1" | awk '{ print $1 + $2 }' >> "$out/gate.cpu"
	t0=$(now)
	(cd "$src" && perl scripts/checkpatch.pl --no-tree --no-signoff -q "$out/one-file.diff") > /dev/null 2>&1
	t1=$(now)
	echo "$t1 - $t0" | bc >> "$out/checkpatch.times"
done
gate_wall=$(median < "$out/gate.times")
gate_cpu=$(median < "$out/gate.cpu")
cp_wall=$(median < "$out/checkpatch.times")
echo
echo "| measure (one-file change to fs/ext2/dir.c, median of $runs) | value |"
echo "|---|---|"
printf '| kmapcheck gate --patch, wall | %.2f s (target <= 2 s) |\n' "$gate_wall"
printf '| kmapcheck gate --patch, CPU (user+sys, all processes) | %.2f s |\n' "$gate_cpu"
printf '| scripts/checkpatch.pl --no-tree, wall | %.2f s |\n' "$cp_wall"
printf '| gate / checkpatch | %.1f |\n' "$(echo "$gate_wall / $cp_wall" | bc -l)"
echo "(load average when measured: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
