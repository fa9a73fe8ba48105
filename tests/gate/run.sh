#!/bin/sh
# run.sh - `make gate-test`: kmapcheck gate and kmapcheck check.
#
#   1. a small git repository of kernel-style files (tests/gate/steps/N-name/ hold the
#      files each commit changes), built against runtime/include; every commit is
#      checked with the gate's default base (HEAD~1): adds a kmap_atomic (exit 1, the
#      line, verdict safe, the suggestion), converts one (0), moves a function with
#      an old one and re-indents it (0), adds a cross-thread kmap (1), moves a function
#      to another file (0), breaks the syntax (2, a message naming the file)
#   2. the same diffs in patch mode (`git diff` output, a plain copy of the tree
#      before the commit): the same exit status and the same lines
#   3. --base, a dirty work tree, a bad revision, not a git tree, a patch that does not
#      apply; the tree is never written to
#   4. --format json and --format sarif (checked by sarif_check.py against the SARIF
#      2.1.0 required properties, and the checker against broken logs)
#   5. kmapcheck check: sparse's argv, the byte check that skips the parse, and
#      `make ARCH=i386 CC=clang-19 C=1 CHECK="kmapcheck check" fs/ext2/` on linux 6.1
#      in a copy of the prepared kbuild directory (nothing kbuild makes appears in the source tree)
# Ends with `gate: N passed, M failed`.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
k="$top/kmapcheck"
steps="$top/tests/gate/steps"
sarif="$top/tests/gate/sarif_check.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok()  { pass=$((pass + 1)); echo "ok      $1"; }
bad() {
	fail=$((fail + 1)); echo "FAIL    $1"
	for f in "$tmp/why" "$tmp/out" "$tmp/err"; do
		[ -s "$f" ] && sed 's/^/        /' "$f" | head -n 15
	done
	: > "$tmp/why"
}
why() { echo "$*" >> "$tmp/why"; }

# The files of a tree, with their contents' sums: to show nothing was written.
tree_sum() { (cd "$1" && find . -path ./.git -prune -o -type f -print | LC_ALL=C sort | xargs md5sum) ; }

# gate_in DIR ARGS...: run the gate in DIR, status in $rc, output in out/err; gate: in the repository.
gate_in() {
	gdir=$1
	shift
	(cd "$gdir" && "$k" gate "$@" -- -m32 -I"$top/runtime/include") > "$tmp/out" 2> "$tmp/err"
	rc=$?
}
gate() { gate_in "$repo" "$@"; }
nwarn() { grep -c ': warning: ' "$tmp/out"; }
line_of() { grep -n -F -- "$2" "$1" | head -n1 | cut -d: -f1; }

# --- 1. the repository and its commits --------------------------------------------
repo="$tmp/repo"
mkdir -p "$repo"
git -C "$repo" init -q
git -C "$repo" config user.email gate-test@example.org
git -C "$repo" config user.name "gate test"
git -C "$repo" config advice.detachedHead false
names=""
for s in "$steps"/*/; do
	name=$(basename "$s")
	cp -R "$s." "$repo/"
	git -C "$repo" add -A
	git -C "$repo" commit -q -m "$name"
	eval "c_${name%%-*}=$(git -C "$repo" rev-parse HEAD)"
	names="$names $name"
done
checkout() { git -C "$repo" checkout -q "$1"; }

# expect_step N WANT-EXIT WANT-WARNINGS: the gate on commit N against its parent.
expect_step() {
	n=$1 want=$2 nw=$3
	eval "checkout \$c_$n"
	before=$(tree_sum "$repo"; git -C "$repo" status --porcelain --ignored)
	gate
	after=$(tree_sum "$repo"; git -C "$repo" status --porcelain --ignored)
	cp "$tmp/out" "$tmp/git-$n.out"
	cp "$tmp/err" "$tmp/git-$n.err"
	echo "$rc" > "$tmp/git-$n.rc"
	[ "$rc" = "$want" ] || why "exit status $rc, want $want"
	[ "$(nwarn)" = "$nw" ] || why "$(nwarn) warnings, want $nw"
	[ "$before" = "$after" ] || why "the gate changed the work tree"
	grep -q 'kmapcheck-gate-' "$tmp/out" "$tmp/err" && why "a temporary path in the output"
	[ "$rc" = "$want" ] && [ "$(nwarn)" = "$nw" ] && [ "$before" = "$after" ] &&
		! grep -q 'kmapcheck-gate-' "$tmp/out" "$tmp/err"
}

if expect_step 1 1 1; then
	l=$(line_of "$steps/1-add/drivers/demo/blkcache.c" 'void *src = kmap_atomic(page);')
	if grep -q "^drivers/demo/blkcache.c:$l:[0-9]*: warning: new kmap_atomic() call, verdict safe: could be kmap_local_page(): thread-local, LIFO" "$tmp/out"; then
		ok "adds a kmap_atomic: exit 1, line $l, verdict safe, the suggestion"
	else
		why "want a warning at drivers/demo/blkcache.c:$l with verdict safe and the suggestion"; bad "adds a kmap_atomic"
	fi
else
	bad "adds a kmap_atomic"
fi
if expect_step 2 0 0; then ok "converts a kmap_atomic to kmap_local_page: exit 0"; else bad "converts a kmap_atomic"; fi
if expect_step 3 0 0; then ok "moves (and re-indents) a function with an old kmap_atomic: exit 0"; else bad "moves a function"; fi
if expect_step 4 1 1; then
	l=$(line_of "$steps/4-cross/drivers/demo/window.c" 'blk_win.addr = kmap(page);')
	if grep -q "^drivers/demo/window.c:$l:[0-9]*: warning: new kmap() call, verdict cross-thread: address crosses threads (line $l): needs a redesign" "$tmp/out"; then
		ok "adds a cross-thread kmap in a new file: exit 1, line $l, verdict cross-thread"
	else
		why "want a cross-thread warning at drivers/demo/window.c:$l"; bad "adds a cross-thread kmap"
	fi
else
	bad "adds a cross-thread kmap"
fi
if expect_step 5 0 0; then ok "moves a function with a kmap_atomic to another file: exit 0"; else bad "moves a function to another file"; fi
if expect_step 6 2 0; then
	if grep -q '^drivers/demo/blkcache.c: error: the changed file does not parse: .*first: drivers/demo/blkcache.c:[0-9]*:[0-9]*: ' "$tmp/err"; then
		ok "a syntax error: exit 2, a message naming the file and the first error"
	else
		why "want 'drivers/demo/blkcache.c: error: the changed file does not parse ... first: FILE:LINE:COL'"; bad "a syntax error"
	fi
else
	bad "a syntax error"
fi

# --- 2. patch mode, same diffs --------------------------------------------------
prev=0
for n in 1 2 3 4 5 6; do
	eval "old=\$c_$prev new=\$c_$n"
	plain="$tmp/plain-$n"
	mkdir -p "$plain"
	git -C "$repo" archive "$old" | tar -x -C "$plain"
	git -C "$repo" diff "$old" "$new" > "$tmp/step-$n.diff"
	before=$(tree_sum "$plain")
	gate_in "$plain" --patch "$tmp/step-$n.diff"
	after=$(tree_sum "$plain")
	want=$(cat "$tmp/git-$n.rc")
	if [ "$rc" = "$want" ] && cmp -s "$tmp/out" "$tmp/git-$n.out" && [ "$before" = "$after" ] &&
	   { [ "$n" != 6 ] || grep -q '^drivers/demo/blkcache.c: error: the changed file does not parse' "$tmp/err"; }; then
		ok "patch mode, commit $n: exit $rc and the same lines as the git mode, tree unchanged"
	else
		why "exit $rc (git mode: $want)"
		cmp -s "$tmp/out" "$tmp/git-$n.out" || { why "lines differ from the git mode:"; why "$(cat "$tmp/git-$n.out")"; }
		[ "$before" = "$after" ] || why "the plain tree was changed"
		bad "patch mode, commit $n"
	fi
	prev=$n
done
(cd "$tmp/plain-1" && "$k" gate --patch - -- -m32 -I"$top/runtime/include") < "$tmp/step-1.diff" > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ "$rc" = 1 ] && cmp -s "$tmp/out" "$tmp/git-1.out"; then ok "patch mode from stdin (--patch -)"; else why "exit $rc"; bad "patch mode from stdin"; fi
(cd / && "$k" gate --patch "$tmp/step-4.diff" "$tmp/plain-4" -- -m32 -I"$top/runtime/include") > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ "$rc" = 1 ] && cmp -s "$tmp/out" "$tmp/git-4.out"; then ok "patch mode with TREE given, run elsewhere"; else why "exit $rc"; bad "patch mode with TREE"; fi
# The diff of commit 1 on the tree after commit 1: it does not apply.
plain="$tmp/plain-after-1"
mkdir -p "$plain"
git -C "$repo" archive "$c_1" | tar -x -C "$plain"
before=$(tree_sum "$plain")
gate_in "$plain" --patch "$tmp/step-1.diff"
after=$(tree_sum "$plain")
if [ "$rc" = 2 ] && grep -q 'error: the patch does not apply' "$tmp/err" && [ "$before" = "$after" ]; then
	ok "a patch that does not apply: exit 2, said so, tree unchanged"
else
	why "exit $rc"; bad "a patch that does not apply"
fi
sed 's#drivers/demo/blkcache.c#drivers/demo/nosuch.c#g' "$tmp/step-1.diff" > "$tmp/nosuch.diff"
gate_in "$plain" --patch "$tmp/nosuch.diff"
if [ "$rc" = 2 ] && grep -q 'nosuch.c is not there' "$tmp/err"; then ok "a patch of a file not in TREE: exit 2"; else why "exit $rc"; bad "a patch of a missing file"; fi
printf 'hello\n' > "$tmp/not.diff"
gate_in "$plain" --patch "$tmp/not.diff"
if [ "$rc" = 2 ] && grep -q 'not a unified diff' "$tmp/err"; then ok "not a diff: exit 2"; else why "exit $rc"; bad "not a diff"; fi

# --- 3. bases, dirty trees, bad input ----------------------------------------------
checkout "$c_4"
gate --base "$c_0"
if [ "$rc" = 1 ] && [ "$(nwarn)" = 2 ] && grep -q 'blkcache.c:.*new kmap_atomic() call, verdict safe' "$tmp/out" &&
   grep -q 'window.c:.*verdict cross-thread' "$tmp/out"; then
	ok "--base over four commits: the two calls they add, not the converted or moved ones"
else
	why "exit $rc, $(nwarn) warnings, want 1 and 2"; bad "--base over four commits"
fi
cat >> "$repo/drivers/demo/window.c" <<'EOF'

u8 blk_window_first(struct page *page)
{
	u8 *p = kmap_atomic(page), v = p[0];

	kunmap_atomic(p);
	return v;
}
EOF
gate
if [ "$rc" = 1 ] && [ "$(nwarn)" = 1 ] && grep -q 'against HEAD (' "$tmp/err" &&
   grep -q '^drivers/demo/window.c:[0-9]*:[0-9]*: warning: new kmap_atomic() call, verdict safe' "$tmp/out"; then
	ok "a dirty work tree is compared with HEAD"
else
	why "exit $rc"; bad "a dirty work tree"
fi
git -C "$repo" checkout -q -- .
gate --base no-such-rev
if [ "$rc" = 2 ] && grep -q "bad revision 'no-such-rev'" "$tmp/err"; then ok "a bad revision: exit 2"; else why "exit $rc"; bad "a bad revision"; fi
gate_in "$tmp/plain-1"
if [ "$rc" = 2 ] && grep -q 'not a git work tree' "$tmp/err"; then ok "not a git tree: exit 2"; else why "exit $rc"; bad "not a git tree"; fi
"$k" gate --base HEAD --patch x > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ "$rc" = 2 ]; then ok "--base with --patch: exit 2"; else why "exit $rc"; bad "--base with --patch"; fi

# --- 4. JSON Lines and SARIF -------------------------------------------------------
checkout "$c_1"
gate --format json
l=$(line_of "$steps/1-add/drivers/demo/blkcache.c" 'void *src = kmap_atomic(page);')
if [ "$rc" = 1 ] && python3 - "$tmp/out" "$l" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert len(rows) == 1, rows
r = rows[0]
assert r["file"] == "drivers/demo/blkcache.c" and r["line"] == int(sys.argv[2]), r
assert r["api"] == "kmap_atomic" and r["function"] == "blk_copy_out" and r["new"] is True, r
assert r["verdict"] == "safe" and r["suggestion"] == "could be kmap_local_page(): thread-local, LIFO", r
assert isinstance(r["evidence"], list) and r["key"], r
EOF
then ok "--format json: one JSON line with file, line, verdict, suggestion"; else bad "--format json"; fi
gate --format sarif
cp "$tmp/out" "$tmp/step1.sarif"
if [ "$rc" = 1 ] && python3 "$sarif" "$tmp/step1.sarif" --results 1 > "$tmp/why" &&
   python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]["results"][0]; assert r["ruleId"]=="kmap-new-safe" and r["locations"][0]["physicalLocation"]["region"]["startLine"]==int(sys.argv[2])' "$tmp/step1.sarif" "$l"; then
	ok "--format sarif: SARIF 2.1.0 required properties, one result, rule and line"
else
	bad "--format sarif (commit 1)"
fi
if python3 "$sarif" "$tmp/step1.sarif" --self-test > "$tmp/why"; then
	ok "sarif_check.py refuses 17 kinds of broken log"
else
	bad "sarif_check.py self-test"
fi
checkout "$c_4"
gate --format sarif
if [ "$rc" = 1 ] && python3 "$sarif" "$tmp/out" --results 1 > "$tmp/why" && grep -q '"ruleId":"kmap-new-cross-thread","ruleIndex":[0-9]*,"level":"error"' "$tmp/out"; then
	ok "--format sarif, cross-thread: an error-level result"
else
	bad "--format sarif (commit 4)"
fi
checkout "$c_2"
gate --format sarif
if [ "$rc" = 0 ] && python3 "$sarif" "$tmp/out" --results 0 > "$tmp/why"; then ok "--format sarif, nothing new: a valid empty log"; else bad "--format sarif (commit 2)"; fi
gate_in "$tmp/plain-1" --format sarif
if [ "$rc" = 2 ] && python3 "$sarif" "$tmp/out" --results 0 > "$tmp/why"; then ok "--format sarif when the gate cannot run: still a valid log"; else bad "--format sarif (cannot run)"; fi

# --- 5. kmapcheck check ------------------------------------------------------------
"$k" check -D__linux__ -m32 > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ "$rc" = 2 ] && grep -q 'no source file' "$tmp/err"; then ok "check without a file: exit 2"; else why "exit $rc"; bad "check without a file"; fi
"$k" check -m32 "$tmp/missing.c" > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ "$rc" = 2 ] && grep -q "missing.c: error: cannot read" "$tmp/err"; then ok "check of a missing file: exit 2, named"; else why "exit $rc"; bad "check of a missing file"; fi
mkdir -p "$tmp/chk"
printf 'int nomap_add(int a, int b)\n{\n\treturn a + b;\n}\n' > "$tmp/chk/nomap.c"
cp "$steps/0-init/drivers/demo/blkcache.c" "$steps/0-init/drivers/demo/blkcache.h" "$tmp/chk/"
# KMAPCHECK_FAULT_CRASH makes a parse of the named file crash: a file without a
# mapping call must not be parsed at all, the file with calls must (the control).
(cd "$tmp/chk" && KMAPCHECK_FAULT_CRASH=nomap "$k" check -m32 -I"$top/runtime/include" nomap.c) > "$tmp/out" 2> "$tmp/err"
rc=$?
(cd "$tmp/chk" && KMAPCHECK_FAULT_CRASH=blkcache "$k" check -m32 -I"$top/runtime/include" blkcache.c) > "$tmp/out2" 2> "$tmp/err2"
rc2=$?
if [ "$rc" = 0 ] && [ "$rc2" = 0 ] && [ ! -s "$tmp/err" ] && [ ! -s "$tmp/out" ] && grep -q crashed "$tmp/err2"; then
	ok "check: a file without mapping calls is not parsed (exit 0, silent)"
else
	why "nomap: exit $rc; control (must crash): $(cat "$tmp/err2")"; bad "check skips files without mapping calls"
fi
# What kbuild passes: CHECKFLAGS (sparse's own options among them) and c_flags.
(cd "$tmp/chk" && "$k" check -D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise \
	-Wno-return-void -Wno-unknown-attribute -D__i386__ --arch=i386 -mlittle-endian -m32 \
	-Wp,-MMD,./.blkcache.o.d -I "$top/runtime/include" -I ./. -include \
	"$top/runtime/include/linux/kconfig.h" -D__KERNEL__ -DKBUILD_MODNAME='"demo"' \
	-DKBUILD_BASENAME='"blkcache"' blkcache.c) > "$tmp/out" 2> "$tmp/err"
rc=$?
n=$(grep -c 'warning: kmap_atomic() is deprecated; verdict safe: could be kmap_local_page(): thread-local, LIFO' "$tmp/err")
l1=$(line_of "$tmp/chk/blkcache.c" 'words = kmap_atomic(page);')
l2=$(line_of "$tmp/chk/blkcache.c" 'char *addr = kmap_atomic(page);')
if [ "$rc" = 0 ] && [ "$n" = 2 ] && grep -q "^blkcache.c:$l1:[0-9]*: warning" "$tmp/err" &&
   grep -q "^blkcache.c:$l2:[0-9]*: warning" "$tmp/err" && [ ! -e "$tmp/chk/.blkcache.o.d" ]; then
	ok "check with sparse's argv: sparse-style warnings at lines $l1 and $l2, no .d file written"
else
	why "exit $rc, $n warnings (want 2 at lines $l1, $l2)"; bad "check with sparse's argv"
fi

# make C=1 CHECK="kmapcheck check" fs/ext2/ on linux 6.1, in a copy of the prepared
# kbuild directory; the objects of fs/ext2 are removed first so that C=1 checks them all.
cache="${KMAPCHECK_CACHE:-$HOME/.cache/kmapcheck}"
src="$cache/src/linux-source-6.1"
if [ ! -d "$src" ] && [ -f /usr/src/linux-source-6.1.tar.xz ]; then
	mkdir -p "$cache/src" && tar -C "$cache/src" -xf /usr/src/linux-source-6.1.tar.xz &&
		touch "$cache/src/.linux-source-6.1.extracted"
fi
if [ ! -d "$src" ]; then
	why "no linux 6.1 tree at $src (make deps installs linux-source-6.1)"; bad "make C=1 CHECK=kmapcheck fs/ext2/"
else
	"$k" flags "$src/fs/ext2/dir.c" > /dev/null 2> "$tmp/err"	# configures once (about 22 s)
	srcreal=$(readlink -f "$src")
	prepared=""
	for d in "$cache"/kbuild/*/; do
		# the i386 configuration: other arches' (arch/arm/ files) are there too
		[ -f "$d.kmapcheck-ready" ] && [ "$(readlink -f "$d/source")" = "$srcreal" ] &&
			grep -q '^CONFIG_X86_32=y' "$d.config" && prepared=${d%/}
	done
	bdir="$cache/kbuild-check-test"
	if [ -z "$prepared" ]; then
		why "no prepared kbuild directory for $src"; bad "make C=1 CHECK=kmapcheck fs/ext2/"
	else
		if [ ! -f "$bdir/.config" ] || ! cmp -s "$bdir/.config" "$prepared/.config"; then
			rm -rf "$bdir" && cp -a "$prepared" "$bdir"
		fi
		rm -rf "$bdir/fs/ext2"
		touch "$tmp/stamp"
		sleep 1
		# without the outer make's flags: `make -s gate-test` would hide the CHECK lines
		MAKEFLAGS= MFLAGS= make -C "$bdir" ARCH=i386 CC=clang-19 -j"$(nproc)" C=1 CHECK="$k check" \
			fs/ext2/ > "$tmp/make.log" 2>&1
		rc=$?
		cp "$tmp/make.log" "$tmp/err"
		checked=$(grep -c "^  CHECK   $srcreal/fs/ext2/[a-z_]*\.c" "$tmp/make.log")
		# An independent text search for the deprecated calls (comment lines left out).
		grep -n -E '\bkmap(_atomic|_atomic_prot|_atomic_pfn)?\(' "$srcreal"/fs/ext2/*.c |
			grep -v -E '^[^:]*:[0-9]*:[[:space:]]*(\*|/\*|//)' | cut -d: -f1,2 > "$tmp/want"
		nwant=$(wc -l < "$tmp/want")
		ngot=$(grep -c 'warning: kmap[a-z_]*() is deprecated' "$tmp/make.log")
		missing=""
		while IFS= read -r fl; do
			grep -q "^$fl:[0-9]*: warning: kmap[a-z_]*() is deprecated; verdict" "$tmp/make.log" || missing="$missing $fl"
		done < "$tmp/want"
		# What a kbuild run would write into a source tree (others' runs may write
		# elsewhere in the shared tree at the same time; those are not this test's).
		written=$(cd "$srcreal" && find fs/ext2 include/config include/generated \
			arch/x86/include/generated scripts/basic scripts/mod .config Module.symvers \
			modules.order .tmp_versions -newer "$tmp/stamp" -print 2>/dev/null | head -n 3)
		if [ "$rc" = 0 ] && [ "$checked" -ge 10 ] && [ "$nwant" -ge 1 ] && [ "$ngot" = "$nwant" ] &&
		   [ -z "$missing" ] && [ -z "$written" ]; then
			ok "make ARCH=i386 C=1 CHECK=\"kmapcheck check\" fs/ext2/: $checked files checked, the $nwant deprecated call(s) reported, source tree untouched"
		else
			why "make exit $rc, $checked files checked, $ngot deprecated warnings (want $nwant:$(tr '\n' ' ' < "$tmp/want")), missing:$missing, written in the tree: $written"
			tail -n 12 "$tmp/make.log" > "$tmp/err"
			bad "make C=1 CHECK=kmapcheck fs/ext2/"
		fi
	fi
fi

echo "gate: $pass passed, $fail failed"
[ "$fail" = 0 ]
