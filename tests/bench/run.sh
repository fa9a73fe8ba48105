#!/bin/sh
# run.sh - `make bench`: measured numbers, in one run, on the same files. Not a test.
#
#   1. kmapcheck scan of all of linux 6.1: wall, CPU, peak RSS per worker; and again with
#      --no-pch (every file parsed from its own text), with the count of sites whose
#      output differs between the two (the PCH must change nothing)
#   2. the parse floor: clang -fsyntax-only over exactly the files the scan parsed (its
#      --list-parsed: the .c files, the headers parsed on their own, the files the
#      cross-file pass read for summaries; each once), with the same flags, the same
#      parallelism
#   3. the baseline Coccinelle conversion (tests/bench/baseline.cocci: the plain
#      kmap_atomic -> kmap_local_page rewrite the target is stated against) over the same tree;
#      then the scan and the baseline once more, back to back: on a shared machine either
#      can run 30% slower from one minute to the next, so the ratio is also given for the
#      second pair and for the best of two of each
#   4. the runtime table (runtime/: kmap vs kmap_local_page pairs per second)
#   5. kmapcheck gate on a one-file change next to checkpatch.pl (tests/gate/bench.sh)
#   6. kmapcheck patch of the same tree (its scan from the SQLite cache) next to 3
# and the ratios the targets are stated in.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cache="${KMAPCHECK_CACHE:-$HOME/.cache/kmapcheck}"
src="$cache/src/linux-source-6.1"
out="$top/build/bench"
jobs=$(nproc)
mkdir -p "$out"
if [ ! -d "$src" ]; then
	mkdir -p "$cache/src" && tar -C "$cache/src" -xf /usr/src/linux-source-6.1.tar.xz &&
		touch "$cache/src/.linux-source-6.1.extracted"
fi
now() { date +%s.%N; }

# Configure once outside the timings (about 22 s the first time).
"$top/kmapcheck" flags "$src/fs/ext2/dir.c" > /dev/null

echo "== 1. kmapcheck scan (linux 6.1, -j $jobs, no cache)"
t0=$(now)
"$top/kmapcheck" scan --no-db --no-progress -j "$jobs" --format json --list-parsed "$out/parsed.txt" \
	"$src" > "$out/scan.jsonl" 2> "$out/scan.err"
t1=$(now)
scan_wall=$(echo "$t1 - $t0" | bc)
tail -n 3 "$out/scan.err"
scan_cpu=$(sed -n 's/.* s wall, \([0-9.]*\) s CPU in workers.*/\1/p' "$out/scan.err")
scan_rss=$(sed -n 's/.*peak RSS per worker \([0-9]*\) MB.*/\1/p' "$out/scan.err")

grep 'precompiled' "$out/scan.err"
echo "== 1b. the same scan with --no-pch"
t0=$(now)
"$top/kmapcheck" scan --no-db --no-progress -j "$jobs" --format json --no-pch \
	"$src" > "$out/scan-nopch.jsonl" 2> "$out/scan-nopch.err"
t1=$(now)
nopch_wall=$(echo "$t1 - $t0" | bc)
tail -n 2 "$out/scan-nopch.err"
pch_diff=$(sort "$out/scan.jsonl" | diff - "$(sort "$out/scan-nopch.jsonl" > "$out/nopch.sorted"; echo "$out/nopch.sorted")" | grep -c '^[<>]')

echo "== 2. parse floor: clang-19 -fsyntax-only on the same files with the same flags"
nfiles=$(wc -l < "$out/parsed.txt")
xfile=$(sed -n 's/.*cross-file: .* definitions found in [0-9]* files.*(\([0-9.]*\) s)$/\1/p' "$out/scan.err")
echo "$nfiles files: $(grep -c '^[^ ]*\.c ' "$out/parsed.txt") .c, $(grep -c '^[^ ]*\.h ' "$out/parsed.txt") headers on their own"
t0=$(now)
tr '\n' '\0' < "$out/parsed.txt" | xargs -0 -P "$jobs" -n 1 sh -c \
	'eval "set -- $1"; f=$1; shift; clang-19 -fsyntax-only -w "$@" "$f" 2>/dev/null; exit 0' sh
t1=$(now)
floor_wall=$(echo "$t1 - $t0" | bc)

echo "== 3. baseline spatch conversion (tests/bench/baseline.cocci, -j $jobs)"
spatch_wall=""
if command -v spatch > /dev/null; then
	# As the baseline is stated: spatch --dir TREE, which skips files without the names.
	ulimit -s unlimited 2>/dev/null || true
	t0=$(now)
	# -j work directories go to build/bench, never into the tree
	(cd "$src" && spatch --sp-file "$top/tests/bench/baseline.cocci" --very-quiet -j "$jobs" \
		--tmp-dir "$out/spatch-par" --dir . > "$out/naive.diff" 2> "$out/naive.err")
	t1=$(now)
	spatch_wall=$(echo "$t1 - $t0" | bc)
	echo "spatch --dir: diff of $(grep -c '^+++ ' "$out/naive.diff") files"
	echo "== 3b. the scan and the baseline again, back to back"
	t0=$(now)
	"$top/kmapcheck" scan --no-db --no-progress -j "$jobs" --format json "$src" > "$out/scan2.jsonl" 2> "$out/scan2.err"
	t1=$(now)
	scan2_wall=$(echo "$t1 - $t0" | bc)
	t0=$(now)
	(cd "$src" && spatch --sp-file "$top/tests/bench/baseline.cocci" --very-quiet -j "$jobs" \
		--tmp-dir "$out/spatch-par" --dir . > "$out/naive2.diff" 2> "$out/naive2.err")
	t1=$(now)
	spatch2_wall=$(echo "$t1 - $t0" | bc)
	printf 'scan %.1f s (%d output lines differ from the first), spatch %.1f s\n' "$scan2_wall" \
		"$(sort "$out/scan2.jsonl" | diff - "$(sort "$out/scan.jsonl" > "$out/scan.sorted"; echo "$out/scan.sorted")" | grep -c '^[<>]')" \
		"$spatch2_wall"
else
	echo "spatch missing: skipped"
fi
min() { echo "if ($1 < $2) $1 else $2" | bc -l; }

echo
echo "| measure | value |"
echo "|---|---|"
printf '| kmapcheck scan, wall | %.1f s |\n' "$scan_wall"
printf '| kmapcheck scan, CPU in workers | %s s |\n' "${scan_cpu:-?}"
printf '| kmapcheck scan, peak RSS per worker | %s MB |\n' "${scan_rss:-?}"
printf '| kmapcheck scan --no-pch, wall | %.1f s (the PCH: %.2fx faster; %d output lines differ) |\n' \
	"$nopch_wall" "$(echo "$nopch_wall / $scan_wall" | bc -l)" "$pch_diff"
printf '| parse floor (clang -fsyntax-only, %d files, -j %d), wall | %.1f s |\n' "$nfiles" "$jobs" "$floor_wall"
[ -n "$spatch_wall" ] && printf '| naive spatch conversion, wall | %.1f s |\n' "$spatch_wall"
printf '| scan / parse floor | %.2f (target <= 1.3) |\n' "$(echo "$scan_wall / $floor_wall" | bc -l)"
[ -n "$xfile" ] && printf '| scan without its cross-file pass (%s s) / parse floor | %.2f |\n' "$xfile" \
	"$(echo "($scan_wall - $xfile) / $floor_wall" | bc -l)"
[ -n "$spatch_wall" ] && printf '| scan / naive spatch | %.2f (target <= 3) |\n' "$(echo "$scan_wall / $spatch_wall" | bc -l)"
[ -n "$spatch_wall" ] && printf '| the same, second pair (scan %.1f s, spatch %.1f s) | %.2f |\n' \
	"$scan2_wall" "$spatch2_wall" "$(echo "$scan2_wall / $spatch2_wall" | bc -l)"
[ -n "$spatch_wall" ] && printf '| the same, best of two each | %.2f |\n' \
	"$(echo "$(min "$scan_wall" "$scan2_wall") / $(min "$spatch_wall" "$spatch2_wall")" | bc -l)"
echo
echo "== 4. runtime: map+unmap pairs per second"
make -C "$top" --no-print-directory runtime-bench 2>/dev/null || echo "runtime-bench not available"

echo
echo "== 5. kmapcheck gate on a one-file change (linux 6.1 fs/ext2/dir.c, patch mode) vs checkpatch.pl"
"$top/tests/gate/bench.sh"

echo
echo "== 6. kmapcheck patch of linux 6.1 next to the baseline spatch run (section 3)"
# Timed: the whole `kmapcheck patch` command with its scan from the SQLite cache
# (build/bench/patch.db, filled before the clock starts: a full scan when the tree,
# the rules or kmapcheck changed), i.e. the cached scan, the per-rule spatch runs
# over the proven files, the diffs and the series; and, from its summary.txt, the
# conversion alone. Without section 3's number there is no ratio.
pdb="$out/patch.db"
"$top/kmapcheck" scan --db "$pdb" -q --no-progress --format sites -j "$jobs" "$src" > /dev/null 2>&1
rm -rf "$out/patch"
t0=$(now)
(cd "$src" && "$top/kmapcheck" patch --db "$pdb" -q --no-progress -j "$jobs" --out "$out/patch" .) 2> "$out/patch.err"
t1=$(now)
patch_wall=$(echo "$t1 - $t0" | bc)
conv=$(sed -n 's/^time: \([0-9.]*\) s conversion.*/\1/p' "$out/patch/summary.txt" 2>/dev/null)
head -n 1 "$out/patch/summary.txt" 2>/dev/null || echo "kmapcheck patch wrote no summary (see $out/patch.err)"
echo
echo "| measure | value |"
echo "|---|---|"
printf '| kmapcheck patch (scan from the cache + conversion), wall | %.1f s |\n' "$patch_wall"
printf '| of which the conversion (spatch per rule, diffs, series) | %s s |\n' "${conv:-?}"
if [ -n "$spatch_wall" ]; then
	printf '| baseline spatch conversion (section 3), wall | %.1f s |\n' "$spatch_wall"
	printf '| kmapcheck patch / baseline spatch | %.2f (target <= 2) |\n' "$(echo "$patch_wall / $spatch_wall" | bc -l)"
	[ -n "$conv" ] && printf '| conversion alone / baseline spatch | %.2f |\n' "$(echo "$conv / $spatch_wall" | bc -l)"
fi
