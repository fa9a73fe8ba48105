#!/bin/sh
# run.sh - `make patch-test`: kmapcheck patch on bad input, --apply all or nothing,
# --validate on plain files and on a few directories of linux 6.1.
#
# Every case checks the exit status, the message (naming the file and the problem),
# and that the tree was not written (a hash of every file, its mode and the listing,
# before and after) unless --apply was asked for and could do all of it.
# tests/patch/tree/ is a small tree of kernel-style files: two that convert and
# build, one whose header lacks kmap_local_page() (the build breaks), one whose
# header makes sparse see another address space (sparse warns), one gcc cannot
# build at all (not validated), and an unproven kmap() next to a proven one.
# The kernel part (skipped without the extracted tree) validates fs/ext2,
# fs/nilfs2 and drivers/md for real, and once with a rule sabotaged to emit an
# undeclared function, so that kbuild's own build must fail and the conversion
# be dropped. Ends with `patch: N passed, M failed`.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
k="$top/kmapcheck"
here="$top/tests/patch"
tmp=$(mktemp -d)
mounted=""
cleanup() {
	[ -n "$mounted" ] && umount "$mounted" 2>/dev/null
	chmod -R u+rwx "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
real_spatch=$(command -v spatch || true)
pass=0 fail=0 skip=0
flags="-Iinclude"

ok()   { pass=$((pass + 1)); echo "ok      $1"; }
skip() { skip=$((skip + 1)); echo "skip    $1: $2"; }
bad()  {
	fail=$((fail + 1)); echo "FAIL    $1: $2"
	[ -f "$tmp/err" ] && sed 's/^/        /' "$tmp/err" | head -n 25
}

# A hash of a tree: every path, mode and content (links by their target).
tree_hash() {
	(cd "$1" && find . -printf '%m %y %p %l\n' | LC_ALL=C sort &&
		find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum) | sha256sum
}

# The modification times of every directory: a file made and removed again shows here.
dir_times() {
	find "$1" -type d -printf '%T@ %p\n' | LC_ALL=C sort
}

# A fresh copy of the test tree.
fresh() {
	rm -rf "$tmp/$1"
	cp -r "$here/tree" "$tmp/$1"
}

# run NAME DIR [ENV...] -- ARGS: kmapcheck patch in DIR, exit status in $rc.
run() {
	name=$1 dir=$2
	shift 2
	envs=""
	while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	shift
	(cd "$dir" && env $envs "$k" patch --no-db "$@") > "$tmp/out" 2> "$tmp/err"
	rc=$?
}

expect_rc()  { [ "$rc" = "$2" ] || { bad "$1" "exit status $rc, want $2"; return 1; }; }
expect_err() { grep -qF -- "$2" "$tmp/err" || { bad "$1" "stderr lacks: $2"; return 1; }; }

# A fake spatch first in PATH: fails (or crashes, or edits a file of the tree) as
# $FAKE_MODE says, and otherwise runs the real one. It sees a whole run over
# --dir DIR or a single file.
mkdir -p "$tmp/fakebin" "$tmp/nospatch"
cat > "$tmp/fakebin/spatch" <<EOF
#!/bin/sh
real="$real_spatch"
target=""
prev=""
for a; do
	[ "\$prev" = "--dir" ] && target="\$a"
	case "\$a" in *.c|*.h) target="\$a" ;; esac
	prev="\$a"
done
hit=0
if [ -n "\${FAKE_FILE:-}" ] && [ -n "\$target" ]; then
	if [ -d "\$target" ]; then
		[ -n "\$(find "\$target" -name "\$FAKE_FILE")" ] && hit=1
	else
		case "\$target" in */"\$FAKE_FILE") hit=1 ;; esac
	fi
fi
case "\${FAKE_MODE:-}:\$hit" in
fail:1) echo "fake spatch: cannot parse \$FAKE_FILE" >&2; exit 2 ;;
crash:1) kill -SEGV \$\$ ;;
edit:*)
	if [ "\$1" != "--version" ] && [ ! -e "\$FAKE_EDITED" ]; then
		echo "/* edited while kmapcheck ran */" >> "\$FAKE_EDIT"
		: > "\$FAKE_EDITED"
	fi ;;
esac
exec "\$real" "\$@"
EOF
chmod +x "$tmp/fakebin/spatch"

if [ -z "$real_spatch" ]; then
	echo "spatch is not installed: every case needs it" >&2
	echo "patch: 0 passed, 1 failed"
	exit 1
fi

# ---- the plain tree ----
fresh pristine
(cd "$tmp/pristine" && "$k" scan --no-db -q --format json . -- $flags) > "$tmp/scan.jsonl" 2>/dev/null

# 1. Converts the proven sites only, and the diffs apply to a pristine copy.
t=converts-proven-only
fresh t1
h=$(tree_hash "$tmp/t1")
dt=$(dir_times "$tmp/t1")
run $t "$tmp/t1" -- --out "$tmp/o1" . -- $flags
if expect_rc $t 0; then
	if [ "$(tree_hash "$tmp/t1")" != "$h" ]; then
		bad $t "the tree changed without --apply"
	elif [ "$(dir_times "$tmp/t1")" != "$dt" ]; then
		bad $t "something was made and removed in the tree (a directory's time changed)"
	elif ! grep -q '^+++ b/lib/sum.c' "$tmp/o1/kmapcheck.diff" ||
	     ! grep -q '^+++ b/lib/fill.c' "$tmp/o1/kmapcheck.diff"; then
		bad $t "kmapcheck.diff lacks lib/sum.c or lib/fill.c"
	elif ! grep -q 'kmap-to-local.cocci  *1' "$tmp/o1/summary.txt" ||
	     ! grep -q 'refused (deprecated sites not proven): cross-thread 1' "$tmp/o1/summary.txt"; then
		bad $t "summary.txt: $(tr '\n' '|' < "$tmp/o1/summary.txt")"
	elif ! patch -p1 --dry-run -s -d "$tmp/pristine" < "$tmp/o1/kmapcheck.diff" > "$tmp/err" 2>&1; then
		bad $t "kmapcheck.diff does not apply with patch -p1"
	elif ! (cd "$tmp/pristine" && git apply --check "$tmp/o1/kmapcheck.diff") > "$tmp/err" 2>&1; then
		bad $t "kmapcheck.diff does not apply with git apply"
	elif ! "$here/check-hunks.py" "$tmp/o1/sites.jsonl" "$tmp/o1/kmapcheck.diff" "$tmp/pristine" > "$tmp/err" 2>&1; then
		bad $t "a hunk touches what was not proven"
	else
		ok $t
	fi
fi

# 1b. The hunk check can fail: a diff that converts the unproven kmap().
t=check-hunks-catches-unproven
fresh t1b
sed -i 's/last_mapped = kmap(page)/last_mapped = kmap_local_page(page)/' "$tmp/t1b/lib/fill.c"
(cd "$tmp" && diff -u --label a/lib/fill.c --label b/lib/fill.c pristine/lib/fill.c t1b/lib/fill.c) > "$tmp/forced.diff"
if "$here/check-hunks.py" "$tmp/scan.jsonl" "$tmp/forced.diff" "$tmp/pristine" > "$tmp/err" 2>&1; then
	bad $t "accepted a diff that converts lib/fill.c:22"
elif ! grep -q 'lib/fill.c:22: touches a site that was not proven' "$tmp/err"; then
	bad $t "did not name lib/fill.c:22"
else
	ok $t
fi

# 1c. A getter/putter pair converts whole (kmap_local_page() in the getter,
# kunmap_local(kaddr) in the putter), or not at all: with the rule sabotaged to
# leave the putter alone, the file keeps its kmap()/kunmap() pair.
t=pair-whole
rm -rf "$tmp/pair" && cp -r "$here/pair" "$tmp/pair"
run $t "$tmp/pair" -- --out "$tmp/op" dir.c -- -I"$here/tree/include"
if expect_rc $t 0; then
	if ! grep -q '^+	return kmap_local_page(page);' "$tmp/op/kmapcheck.diff" ||
	   ! grep -q '^+	kunmap_local(kaddr);' "$tmp/op/kmapcheck.diff"; then
		cp "$tmp/op/kmapcheck.diff" "$tmp/err"; bad $t "the pair did not convert"
	elif ! grep -q 'kmap-helper-pair-to-local.cocci  *1$' "$tmp/op/summary.txt"; then
		cp "$tmp/op/summary.txt" "$tmp/err"; bad $t "summary.txt does not count one site for the pair rule"
	elif ! grep -q 'dir.c:22 kunmap() in dir_put(), converted by kmap-helper-pair-to-local.cocci: safe: .*kunmap_local(kaddr)' "$tmp/op/series/"*.patch; then
		bad $t "the series does not give the putter's proof"
	else
		ok $t
	fi
fi
t=pair-none-in-part
rm -rf "$tmp/sp-pair" && cp -r "$top/semantic-patches" "$tmp/sp-pair"
cat > "$tmp/sp-pair/kmap-helper-pair-to-local.cocci" <<'EOC'
// a sabotaged pair rule: converts the getter, leaves the putter alone
@@
expression E;
@@
  return
- kmap(E)
+ kmap_local_page(E)
  ;
EOC
run $t "$tmp/pair" KMAPCHECK_SEMANTIC_PATCHES="$tmp/sp-pair" -- --out "$tmp/op2" dir.c -- -I"$here/tree/include"
if expect_rc $t 0 && expect_err $t "dir.c: note: kmap-helper-pair-to-local.cocci converted a getter/putter pair in part only"; then
	if grep -q 'kmap_local_page' "$tmp/op2/kmapcheck.diff" 2>/dev/null; then
		cp "$tmp/op2/kmapcheck.diff" "$tmp/err"; bad $t "half a pair is in kmapcheck.diff"
	elif ! cmp -s "$here/pair/dir.c" "$tmp/pair/dir.c"; then
		bad $t "the tree changed"
	else
		ok $t
	fi
fi

# 1c2. Proven kmap_atomic() pairs the rule's own pattern cannot see (an unmap in
# another function, a path that leaves before the unmap, a release through a copy
# of the address) convert with the unmaps the proof found; the cross-thread map's
# unmap stays kunmap_atomic(), and so does a proven map written in a macro's body (the
# summary says so) or among a macro's arguments (a shape no rule converts).
t=given-unmaps
rm -rf "$tmp/given" && cp -r "$here/given" "$tmp/given"
run $t "$tmp/given" -- --out "$tmp/ogiven" bitmap.c -- -I"$here/tree/include"
if expect_rc $t 0; then
	d="$tmp/ogiven/kmapcheck.diff"
	mkdir -p "$tmp/given-after" && cp "$here/given/bitmap.c" "$tmp/given-after/"
	if [ "$(grep -c '^+.*kmap_local_page(' "$d")" != 3 ] ||
	   [ "$(grep -c '^+.*kunmap_local(' "$d")" != 3 ] ||
	   ! grep -q '^+	kunmap_local(addr);' "$d" || ! grep -q '^+	kunmap_local(page_addr);' "$d"; then
		cp "$d" "$tmp/err"; bad $t "not the three pairs with their own unmaps"
	elif grep -q 'kunmap_atomic(slot)' "$d"; then
		cp "$d" "$tmp/err"; bad $t "the cross-thread map's unmap changed"
	elif ! grep -q 'kmap_atomic-to-local.cocci  *3$' "$tmp/ogiven/summary.txt" ||
	     ! grep -q 'left alone by the rules: 2 (1 of them written inside a macro, 1 of a shape' "$tmp/ogiven/summary.txt" ||
	     ! grep -q 'bitmap.c:[0-9]*:[0-9]* kmap_atomic() in bm_last_word(), safe: inside the macro bm_map_fast(), which the rules do not change' "$tmp/ogiven/summary.txt" ||
	     ! grep -q 'bitmap.c:[0-9]*:[0-9]* kmap_atomic() in bm_peek(), safe: shape not matched' "$tmp/ogiven/summary.txt"; then
		cp "$tmp/ogiven/summary.txt" "$tmp/err"; bad $t "summary.txt does not count 3 sites, one left inside a macro, one among a macro's arguments"
	elif ! "$here/check-hunks.py" "$tmp/ogiven/sites.jsonl" "$d" "$here/given" > "$tmp/err" 2>&1; then
		bad $t "a hunk touches what was not proven"
	elif ! patch -s -p1 -d "$tmp/given-after" < "$d" > "$tmp/err" 2>&1 ||
	     ! gcc -fsyntax-only -Wall -Werror -I"$here/tree/include" "$tmp/given-after/bitmap.c" > "$tmp/err" 2>&1; then
		bad $t "the converted file does not apply or compile"
	elif ! cmp -s "$here/given/bitmap.c" "$tmp/given/bitmap.c"; then
		bad $t "the tree changed"
	else
		ok $t
	fi
fi

# 1c3. Maps sharing an unmap get their unmaps written all or none: pick.c's second map
# cannot (an unmap through a macro), so nothing of the pair converts.
t=given-unmaps-all-or-none
run $t "$tmp/given" -- --out "$tmp/ogiven2" pick.c -- -I"$here/tree/include"
if expect_rc $t 0; then
	if ! grep -q '"line":27,.*"verdict":"safe","reason":"releases the mappings of line 18 and 20"' "$tmp/ogiven2/sites.jsonl"; then
		cp "$tmp/ogiven2/sites.jsonl" "$tmp/err"; bad $t "the shared unmap is not proven (the case is vacuous)"
	elif grep -q 'kunmap_local' "$tmp/ogiven2/kmapcheck.diff"; then
		cp "$tmp/ogiven2/kmapcheck.diff" "$tmp/err"; bad $t "the shared unmap converted with one of its maps"
	else
		ok $t
	fi
fi

# 1c4. The disable rule with the proof's unmaps: fill.c's kmap_atomic() branch keeps
# pagefault_disable() for its user copy, inside the branches.
t=given-unmaps-disable
run $t "$tmp/given" -- --out "$tmp/ogiven3" fill.c -- -I"$here/tree/include"
if expect_rc $t 0; then
	d="$tmp/ogiven3/kmapcheck.diff"
	rm -rf "$tmp/given-after3" && mkdir -p "$tmp/given-after3" && cp "$here/given/fill.c" "$tmp/given-after3/"
	if ! grep -q '^+		kaddr = kmap_local_page(page);' "$d" || ! grep -q '^+		pagefault_disable();' "$d" ||
	   ! grep -q '^+		pagefault_enable();' "$d" || ! grep -q '^+		kunmap_local(kaddr);' "$d" ||
	   grep -q 'preempt_' "$d"; then
		cp "$d" "$tmp/err"; bad $t "not the kmap_atomic() branch with pagefault_disable() alone"
	elif ! grep -q 'kmap_atomic-to-local-disable.cocci  *1$' "$tmp/ogiven3/summary.txt"; then
		cp "$tmp/ogiven3/summary.txt" "$tmp/err"; bad $t "summary.txt does not count the site for the disable rule"
	elif ! patch -s -p1 -d "$tmp/given-after3" < "$d" > "$tmp/err" 2>&1 ||
	     ! gcc -fsyntax-only -Wall -Werror -I"$here/tree/include" "$tmp/given-after3/fill.c" > "$tmp/err" 2>&1; then
		bad $t "the converted file does not apply or compile"
	else
		ok $t
	fi
fi

# 1d. A proven map whose unmap sits in a header another file includes and proves
# differently (the header's copy kept is not safe): the map is safe, but the unmap's
# text is shared, so nothing converts and the tree is left alone; scanned alone,
# blk.c proves the header's unmaps safe (the case is not vacuous).
t=hdrpair-left
rm -rf "$tmp/hp" && cp -r "$here/hdrpair" "$tmp/hp"
(cd "$tmp/hp" && "$k" scan --no-db blk.c -- -I"$here/tree/include") > "$tmp/alone" 2>/dev/null
run $t "$tmp/hp" -- --out "$tmp/ohp" blk.c stash.c -- -I"$here/tree/include"
if expect_rc $t 0; then
	if ! grep -q 'blk_put.h:18:2: note: kunmap_atomic() verdict safe' "$tmp/alone"; then
		cp "$tmp/alone" "$tmp/err"; bad $t "blk.c alone does not prove the header's unmap safe"
	elif ! grep -q '"file":"blk_put.h","line":18,.*"verdict":"unknown"' "$tmp/ohp/sites.jsonl"; then
		cp "$tmp/ohp/sites.jsonl" "$tmp/err"; bad $t "with stash.c the header's unmap is not reported unproven"
	elif [ -s "$tmp/ohp/kmapcheck.diff" ]; then
		cp "$tmp/ohp/kmapcheck.diff" "$tmp/err"; bad $t "a site whose unmap is shared with stash.c converted"
	elif ! grep -q '^    blk.c:39:14 kmap_atomic() in blk_clear(), safe: shape not matched$' "$tmp/ohp/summary.txt" ||
	     ! grep -q '^    blk.c:20:9 kmap() in blk_get(), safe: shape not matched$' "$tmp/ohp/summary.txt"; then
		cp "$tmp/ohp/summary.txt" "$tmp/err"; bad $t "summary.txt does not name the proven sites left alone"
	elif ! diff -r "$here/hdrpair" "$tmp/hp" > /dev/null; then
		bad $t "the tree changed"
	else
		ok $t
	fi
fi

# 1e. Directory-page helpers: restructured on a copy (the getter returns kmap()'s address,
# the putter takes it), proven again, then converted as a pair; in escape.c the new proof
# still finds the address escaping, so that file is left as it was, with a note.
t=restructure-pair
rm -rf "$tmp/rs" && cp -r "$here/restructure" "$tmp/rs"
run $t "$tmp/rs" -- --out "$tmp/ors" dir.c escape.c -- -I"$here/tree/include"
if expect_rc $t 0 && expect_err $t "escape.c: note: kmap-page-getter-to-address.cocci and kmap-putter-takes-address.cocci changed its getter/putter helpers, but the new proof has no pair that converts (dir_get_page()'s kmap() in the changed text: cross-thread:"; then
	d="$tmp/ors/kmapcheck.diff"
	if grep -q '^+++ b/escape.c' "$d"; then
		cp "$d" "$tmp/err"; bad $t "escape.c is in the diff"
	elif ! grep -q '^+static inline void dir_put_page(struct page \*page, void \*kaddr)$' "$d" ||
	     ! grep -q '^+	kunmap_local(kaddr);$' "$d" ||
	     ! grep -q '^+	return kmap_local_page(page);$' "$d" ||
	     [ "$(grep -c '^+		kaddr = dir_get_page(d, n, &page);$\|^+	kaddr = dir_get_page(d, 0, &page);$' "$d")" != 2 ] ||
	     [ "$(grep -c '^+.*dir_put_page(page, kaddr);$' "$d")" != 3 ] ||
	     grep -q '^+.*page_address' "$d"; then
		cp "$d" "$tmp/err"; bad $t "dir.c's helpers and callers are not converted as expected"
	elif ! grep -q 'files whose getter/putter helpers were restructured first and proven again: 1$' "$tmp/ors/summary.txt"; then
		cp "$tmp/ors/summary.txt" "$tmp/err"; bad $t "summary.txt does not count the restructured file"
	elif ! grep -q '^- dir.c: on top of the previous patch (dir_get_page() and dir_put_page() changed so that the getter returns the address and the putter takes it)' "$tmp/ors/series/"*.patch; then
		bad $t "the series does not say the helpers were restructured"
	elif ! diff -r "$here/restructure" "$tmp/rs" > /dev/null; then
		bad $t "the tree changed"
	elif ! (cd "$tmp/rs" && patch -s -p1 --dry-run < "$d" > /dev/null); then
		bad $t "kmapcheck.diff does not apply"
	else
		ok $t
	fi
fi
# ... and the series sends the restructuring first, on its own (kmap() stays), then the
# conversion, whose hunks touch only proven sites of the restructured text.
t=restructure-series
s1="$tmp/ors/series/0001-dir.c.patch" s2="$tmp/ors/series/0002-dir.c.patch"
rm -rf "$tmp/rsa" "$tmp/rsb" && cp -r "$here/restructure" "$tmp/rsa" && cp -r "$here/restructure" "$tmp/rsb"
if [ ! -f "$s1" ] || [ ! -f "$s2" ] || [ -f "$tmp/ors/series/0003-dir.c.patch" ]; then
	ls "$tmp/ors/series" > "$tmp/err" 2>&1; bad $t "not two patches in series/"
elif ! grep -q '^Subject: \[PATCH 1/2\] dir.c: Change the signatures of dir_get_page() and dir_put_page()$' "$s1" ||
     grep -q '^+.*kmap_local_page\|^+.*kunmap_local' "$s1"; then
	cp "$s1" "$tmp/err"; bad $t "the first patch is not the restructuring alone"
elif ! grep -q '^Subject: \[PATCH 2/2\] dir.c: Replace kmap() with kmap_local_page()$' "$s2"; then
	cp "$s2" "$tmp/err"; bad $t "the second patch is not the conversion"
elif ! (cd "$tmp/rsa" && patch -s -p1 < "$s1" && patch -s -p1 < "$s2") > "$tmp/err" 2>&1 ||
     ! (cd "$tmp/rsb" && patch -s -p1 < "$tmp/ors/kmapcheck.diff") >> "$tmp/err" 2>&1 ||
     ! diff -r "$tmp/rsa" "$tmp/rsb" >> "$tmp/err" 2>&1; then
	bad $t "the series in order does not give what kmapcheck.diff gives"
elif ! "$here/check-hunks.py" --base "$tmp/ors/restructured" "$tmp/ors/sites.jsonl" "$s2" "$here/restructure" > "$tmp/err" 2>&1; then
	bad $t "the conversion touches lines outside the proven sites of the restructured text"
else
	ok $t
fi
# ... and --apply writes the restructured and converted file (what the series gives), which compiles.
t=restructure-apply
rm -rf "$tmp/rsc" && cp -r "$here/restructure" "$tmp/rsc"
run $t "$tmp/rsc" -- --apply --out "$tmp/orsc" dir.c escape.c -- -I"$here/tree/include"
if expect_rc $t 0; then
	if ! diff -r "$tmp/rsa" "$tmp/rsc" > "$tmp/err" 2>&1; then
		bad $t "--apply did not write what the series gives"
	elif ! gcc -fsyntax-only -Wall -Werror -I"$here/tree/include" "$tmp/rsc/dir.c" > "$tmp/err" 2>&1; then
		bad $t "the converted dir.c does not compile cleanly"
	else
		ok $t
	fi
fi

# A getter proven safe that already returns kmap()'s address, with a putter that takes the
# page alone: the putter rule alone makes the pair, and the first patch names the putter only.
t=restructure-putter
rm -rf "$tmp/rp" && cp -r "$here/restructure-putter" "$tmp/rp"
run $t "$tmp/rp" -- --out "$tmp/orp" blk.c -- -I"$here/tree/include"
if expect_rc $t 0; then
	if ! grep -q '^Subject: \[PATCH 1/2\] blk.c: Change the signature of blk_put()$' "$tmp/orp/series/0001-blk.c.patch" 2>/dev/null; then
		cat "$tmp/orp/series/"* > "$tmp/err" 2>&1; bad $t "the first patch is not the putter's new signature alone"
	elif ! grep -q '^+	kunmap_local(kaddr);$' "$tmp/orp/kmapcheck.diff" ||
	     ! grep -q '^+	return kmap_local_page(page);$' "$tmp/orp/kmapcheck.diff" ||
	     ! grep -q '^+		blk_put(page, kaddr);$' "$tmp/orp/kmapcheck.diff"; then
		cp "$tmp/orp/kmapcheck.diff" "$tmp/err"; bad $t "the pair did not convert"
	else
		ok $t
	fi
fi

# 2. --validate: what breaks the build or sparse is dropped, what cannot be built is said.
t=validate-drops
fresh t2
h=$(tree_hash "$tmp/t2")
run $t "$tmp/t2" -- --validate --out "$tmp/o2" . -- $flags
v="$tmp/o2/validate.txt"
if expect_rc $t 0 && expect_err $t "drv/old_api.c: warning: conversion dropped"; then
	if [ "$(tree_hash "$tmp/t2")" != "$h" ]; then
		bad $t "the tree changed"
	elif ! grep -q '^drv/old_api.c: dropped (build): gcc warns about something new after conversion: .*kmap_local_page' "$v" ||
	     ! grep -q '^drv/checked.c: dropped (sparse): sparse reports something new after conversion: .*different address spaces' "$v" ||
	     ! grep -q '^drv/clang_only.c: not validated: does not compile before conversion' "$v" ||
	     ! grep -q '^lib/sum.c: passed' "$v" || ! grep -q '^lib/fill.c: passed' "$v"; then
		cp "$v" "$tmp/err"; bad $t "validate.txt says otherwise"
	elif grep -q 'old_api.c\|checked.c' "$tmp/o2/kmapcheck.diff" ||
	     [ -e "$tmp/o2/diffs/drv/old_api.c.diff" ] || [ -e "$tmp/o2/diffs/drv/checked.c.diff" ] ||
	     grep -rq 'old_api.c\|checked.c' "$tmp/o2/series"; then
		bad $t "a dropped conversion is still in the output"
	elif ! grep -q 'refused by --validate.*: 2 sites in 2 files' "$tmp/o2/summary.txt" ||
	     ! grep -q '^validation: 5 files: 2 passed, 1 dropped (build), 1 dropped (sparse), 1 not validated' "$tmp/o2/summary.txt"; then
		bad $t "summary.txt: $(tr '\n' '|' < "$tmp/o2/summary.txt")"
	elif ! grep -q '^drv/clang_only.c: not compile-tested' "$tmp/o2/series/"*drv.patch; then
		bad $t "the series does not say clang_only.c was not compile-tested"
	else
		ok $t
	fi
fi

# 2b. With the warning an error, the build itself breaks.
t=validate-build-error
fresh t2b
run $t "$tmp/t2b" -- --validate --out "$tmp/o2b" drv/old_api.c -- $flags -Werror=implicit-function-declaration
if expect_rc $t 0; then
	if grep -q '^drv/old_api.c: dropped (build): does not compile after conversion: .*error: implicit declaration' "$tmp/o2b/validate.txt" &&
	   [ ! -s "$tmp/o2b/kmapcheck.diff" ]; then
		ok $t
	else
		cp "$tmp/o2b/validate.txt" "$tmp/err"; bad $t "old_api.c was not dropped for a build error"
	fi
fi

# 3. --validate --apply: applies what passed or could not be validated, nothing else.
t=validate-apply
fresh t3
fresh t3want
patch -p1 -s -d "$tmp/t3want" < "$tmp/o2/kmapcheck.diff" > /dev/null 2>&1
run $t "$tmp/t3" -- --validate --apply --out "$tmp/o3" . -- $flags
if expect_rc $t 0 && expect_err $t "--apply: 3 files changed"; then
	if [ "$(tree_hash "$tmp/t3")" != "$(tree_hash "$tmp/t3want")" ]; then
		diff -r "$tmp/t3want" "$tmp/t3" > "$tmp/err"; bad $t "the tree is not the pristine tree plus the kept diffs"
	elif ! cmp -s "$here/tree/drv/old_api.c" "$tmp/t3/drv/old_api.c"; then
		bad $t "a dropped file was changed"
	else
		ok $t
	fi
fi

# 4. spatch missing: refused before the scan, nothing written.
t=spatch-missing
fresh t4
h=$(tree_hash "$tmp/t4")
run $t "$tmp/t4" PATH="$tmp/nospatch" -- --out "$tmp/o4" . -- $flags
if expect_rc $t 2 && expect_err $t "spatch (Coccinelle) is not installed"; then
	if [ -e "$tmp/o4" ]; then
		bad $t "the output directory was created"
	elif [ "$(tree_hash "$tmp/t4")" != "$h" ]; then
		bad $t "the tree changed"
	elif grep -q 'parsed' "$tmp/err"; then
		bad $t "it scanned before refusing"
	else
		ok $t
	fi
fi

# 5. spatch fails on one file: that file is named and left out, the others convert.
t=spatch-fails-on-a-file
fresh t5
h=$(tree_hash "$tmp/t5")
run $t "$tmp/t5" PATH="$tmp/fakebin:$PATH" FAKE_MODE=fail FAKE_FILE=old_api.c -- --out "$tmp/o5" . -- $flags
if expect_rc $t 3 && expect_err $t "drv/old_api.c: error: left out: spatch failed on " &&
   expect_err $t ".cocci (exit status 2: fake spatch: cannot parse old_api.c)"; then
	if grep -q 'old_api.c' "$tmp/o5/kmapcheck.diff" || ! grep -q '^+++ b/lib/sum.c' "$tmp/o5/kmapcheck.diff"; then
		bad $t "kmapcheck.diff: old_api.c in it, or sum.c missing"
	elif ! grep -q 'left out (spatch failed, or the file changed): 1 sites in 1 files' "$tmp/o5/summary.txt"; then
		bad $t "summary.txt does not count it"
	elif [ "$(tree_hash "$tmp/t5")" != "$h" ]; then
		bad $t "the tree changed"
	else
		ok $t
	fi
fi

# 5b. spatch crashes on one file.
t=spatch-crashes-on-a-file
fresh t5b
run $t "$tmp/t5b" PATH="$tmp/fakebin:$PATH" FAKE_MODE=crash FAKE_FILE=checked.c -- --out "$tmp/o5b" . -- $flags
if expect_rc $t 3 && expect_err $t "drv/checked.c: error: left out: spatch was killed by signal 11"; then
	if grep -q 'checked.c' "$tmp/o5b/kmapcheck.diff" || ! grep -q '^+++ b/lib/fill.c' "$tmp/o5b/kmapcheck.diff"; then
		bad $t "kmapcheck.diff: checked.c in it, or fill.c missing"
	else
		ok $t
	fi
fi

# 5c. ... and with --apply nothing is applied.
t=spatch-fails-apply-nothing
fresh t5c
h=$(tree_hash "$tmp/t5c")
run $t "$tmp/t5c" PATH="$tmp/fakebin:$PATH" FAKE_MODE=fail FAKE_FILE=old_api.c -- --apply --out "$tmp/o5c" . -- $flags
if expect_rc $t 3 && expect_err $t "--apply changed nothing"; then
	[ "$(tree_hash "$tmp/t5c")" = "$h" ] && ok $t || bad $t "the tree changed"
fi

# 6. A file changed since the scan: --apply refuses and changes nothing else.
t=changed-since-scan
fresh t6
fresh t6want
echo "/* edited while kmapcheck ran */" >> "$tmp/t6want/lib/sum.c"
run $t "$tmp/t6" PATH="$tmp/fakebin:$PATH" FAKE_MODE=edit FAKE_EDIT="$tmp/t6/lib/sum.c" FAKE_EDITED="$tmp/t6-edited" -- --apply --out "$tmp/o6" . -- $flags
if expect_rc $t 3 && expect_err $t "lib/sum.c: error: cannot apply: changed since the analysis" &&
   expect_err $t "--apply changed nothing in the tree"; then
	if [ "$(tree_hash "$tmp/t6")" != "$(tree_hash "$tmp/t6want")" ]; then
		diff -r "$tmp/t6want" "$tmp/t6" > "$tmp/err"; bad $t "the tree is not as the edit left it"
	elif [ ! -s "$tmp/o6/kmapcheck.diff" ]; then
		bad $t "the patches were not written"
	else
		ok $t
	fi
fi

# 7. An output directory with other content: refused, untouched, nothing scanned.
t=out-dir-foreign
fresh t7
mkdir -p "$tmp/o7/sub"
echo "my notes" > "$tmp/o7/notes.txt"
echo "x" > "$tmp/o7/sub/keep"
ho=$(tree_hash "$tmp/o7")
h=$(tree_hash "$tmp/t7")
run $t "$tmp/t7" -- --out "$tmp/o7" . -- $flags
if expect_rc $t 2 && expect_err $t "o7: error: output directory exists with other content"; then
	if [ "$(tree_hash "$tmp/o7")" != "$ho" ]; then
		bad $t "the output directory changed"
	elif [ "$(tree_hash "$tmp/t7")" != "$h" ]; then
		bad $t "the tree changed"
	elif grep -q 'parsed' "$tmp/err" || ls -d "$tmp"/o7.kmapcheck-* > /dev/null 2>&1; then
		bad $t "it scanned, or left a temporary directory"
	else
		ok $t
	fi
fi

# 7b. ... a file where the directory should be.
t=out-is-a-file
echo "not a directory" > "$tmp/o7b"
run $t "$tmp/t7" -- --out "$tmp/o7b" . -- $flags
if expect_rc $t 2 && expect_err $t "output directory exists and is not a directory"; then
	[ "$(cat "$tmp/o7b")" = "not a directory" ] && ok $t || bad $t "the file changed"
fi

# 7c. ... an earlier output of ours is replaced; with a stranger inside it is not.
t=out-dir-ours
run $t "$tmp/t7" -- --out "$tmp/o1" . -- $flags
if expect_rc $t 0; then
	echo "mine" > "$tmp/o1/mine.txt"
	run $t "$tmp/t7" -- --out "$tmp/o1" . -- $flags
	if expect_rc $t 2 && expect_err $t "exists with other content"; then
		[ -f "$tmp/o1/mine.txt" ] && [ -f "$tmp/o1/kmapcheck.diff" ] && ok $t ||
			bad $t "the earlier output was touched"
	fi
fi

# 8. A read-only file with --apply: refused, and the writable ones are not changed either.
t=read-only-file-apply
fresh t8
chmod a-w "$tmp/t8/lib/sum.c"
h=$(tree_hash "$tmp/t8")
run $t "$tmp/t8" -- --apply --out "$tmp/o8" . -- $flags
if expect_rc $t 3 && expect_err $t "lib/sum.c: error: cannot apply: read-only" &&
   expect_err $t "--apply changed nothing"; then
	if [ "$(tree_hash "$tmp/t8")" != "$h" ]; then
		bad $t "the tree changed (all or nothing)"
	elif [ -n "$(find "$tmp/t8" -name '*.kmapcheck-*')" ]; then
		bad $t "temporary files left in the tree"
	else
		ok $t
	fi
fi

# 8b. A read-only file system (a read-only bind mount; needs root).
t=read-only-fs-apply
fresh t8b
mkdir -p "$tmp/ro"
if mount --bind "$tmp/t8b" "$tmp/ro" 2>/dev/null; then
	mounted="$tmp/ro"
	if mount -o remount,bind,ro "$tmp/ro" 2>/dev/null; then
		h=$(tree_hash "$tmp/ro")
		run $t "$tmp/ro" -- --apply --out "$tmp/o8b" . -- $flags
		if expect_rc $t 3 && expect_err $t "cannot apply: on a read-only file system" &&
		   expect_err $t "--apply changed nothing"; then
			[ "$(tree_hash "$tmp/ro")" = "$h" ] && ok $t || bad $t "the tree changed"
		fi
	else
		skip $t "cannot remount read-only"
	fi
	umount "$tmp/ro" && mounted=""
else
	skip $t "cannot bind-mount (not root)"
fi

# 9. --apply that can do it all: the tree becomes pristine + kmapcheck.diff, atomically per file.
t=apply-all
fresh t9
fresh t9want
patch -p1 -s -d "$tmp/t9want" < "$tmp/o1/kmapcheck.diff" > /dev/null 2>&1
run $t "$tmp/t9" -- --apply --out "$tmp/o9" . -- $flags
if expect_rc $t 0 && expect_err $t "--apply: 5 files changed"; then
	if [ "$(tree_hash "$tmp/t9")" != "$(tree_hash "$tmp/t9want")" ]; then
		diff -r "$tmp/t9want" "$tmp/t9" > "$tmp/err"; bad $t "the tree is not pristine + kmapcheck.diff"
	else
		ok $t
	fi
fi

# ---- linux 6.1: kbuild validation on a few directories ----
cache="${KMAPCHECK_CACHE:-$HOME/.cache/kmapcheck}"
linux="$cache/src/linux-source-6.1"
if [ ! -f "$linux/Makefile" ] || ! command -v make > /dev/null || ! command -v sparse > /dev/null; then
	skip kernel "no extracted linux 6.1 at $linux (make kernel-test extracts it), or no make/sparse"
else
	dirs="fs/ext2 fs/nilfs2 drivers/md"
	touch "$tmp/before-kernel"
	kh=$(cd "$linux" && find $dirs -printf '%m %p %s %T@\n' | LC_ALL=C sort | sha256sum)
	kc=$(cd "$linux" && find $dirs -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum)

	t=kernel-validate
	rm -rf "$tmp/ko"
	# Also: an object listed by its parent directory's Makefile (svm/ has none); a
	# file no Makefile lists, compiled as part of the file that #includes it (i915's
	# selftests); files only a second configuration builds (Xen needs PAE,
	# CONFIG_HIGHMEM64G; squashfs's FILE_DIRECT is the other member of a choice);
	# one that no i386 configuration builds (TEST_HMM needs 64 bits); and two files
	# of other architectures: arm's, built for arm with clang, and sparc's, whose
	# configuration fails (6.1's scripts/Makefile.clang has no sparc target).
	(cd "$linux" && "$k" patch --db "$tmp/k.db" --no-progress --validate --out "$tmp/ko" $dirs \
		arch/x86/kvm/svm/sev.c drivers/gpu/drm/i915/gem/selftests/huge_pages.c \
		drivers/block/xen-blkfront.c fs/squashfs/file_direct.c lib/test_hmm.c \
		arch/arm/mm/copypage-v6.c arch/sparc/kernel/uprobes.c) > "$tmp/out" 2> "$tmp/err"
	rc=$?
	v="$tmp/ko/validate.txt"
	if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then
		bad $t "exit status $rc"
	elif [ ! -f "$v" ]; then
		bad $t "no validate.txt"
	elif grep -v '^validation: \|^    ' "$v" | grep -qv ': passed: \|: not validated: \|: dropped (build): \|: dropped (sparse): '; then
		cp "$v" "$tmp/err"; bad $t "a file without a result"
	elif [ "$(grep -c ': passed: compiles for i386 allmodconfig (HIGHMEM) with gcc' "$v")" -lt 5 ]; then
		cp "$v" "$tmp/err"; bad $t "fewer than 5 files passed"
	elif ! grep -q '^arch/x86/kvm/svm/sev.c: passed: ' "$v" ||
	     ! grep -q '^lib/test_hmm.c: not validated: lib/test_hmm.o is not built by i386 allmodconfig (not in the lists of lib/); nor by i386 allmodconfig with CONFIG_HIGHMEM64G=y, CONFIG_X86_PAE=y and CONFIG_TEST_HMM=y$' "$v"; then
		cp "$v" "$tmp/err"; bad $t "sev.c not passed, or test_hmm.c not 'not built' by either configuration"
	elif ! grep -q '^drivers/gpu/drm/i915/gem/selftests/huge_pages.c: passed: compiles (as part of drivers/gpu/drm/i915/gem/i915_gem_object.c, which includes it) for i386 allmodconfig (HIGHMEM)' "$v"; then
		cp "$v" "$tmp/err"; bad $t "an included .c file not validated through its includer"
	elif ! grep -q '^drivers/block/xen-blkfront.c: passed: compiles for i386 allmodconfig with CONFIG_HIGHMEM64G=y, CONFIG_X86_PAE=y and CONFIG_XEN_BLKDEV_FRONTEND=y (HIGHMEM)' "$v" ||
	     ! grep -q '^fs/squashfs/file_direct.c: passed: compiles for i386 allmodconfig with CONFIG_HIGHMEM64G=y, CONFIG_X86_PAE=y and CONFIG_SQUASHFS_FILE_DIRECT=y (HIGHMEM)' "$v"; then
		cp "$v" "$tmp/err"; bad $t "xen-blkfront.c or squashfs's file_direct.c not validated by the second configuration"
	elif ! grep -q '^arch/arm/mm/copypage-v6.c: passed: compiles for arm allmodconfig (HIGHMEM) with clang-19 ' "$v" ||
	     ! grep -q "^arch/sparc/kernel/uprobes.c: not validated: arch/sparc/ is not built for i386 allmodconfig; nor by sparc allmodconfig: .*failed (Specify CROSS_COMPILE" "$v"; then
		cp "$v" "$tmp/err"; bad $t "arm's file not built for arm, or sparc's failure not said"
	elif ! grep -q '^+++ b/lib/test_hmm.c' "$tmp/ko/kmapcheck.diff"; then
		bad $t "a file that was not validated was dropped (only a broken one may be)"
	elif ! patch -p1 --dry-run -s -d "$linux" < "$tmp/ko/kmapcheck.diff" > "$tmp/err" 2>&1; then
		bad $t "kmapcheck.diff does not apply to the pristine tree"
	elif ! "$here/check-hunks.py" "$tmp/ko/sites.jsonl" "$tmp/ko/kmapcheck.diff" "$linux" > "$tmp/err" 2>&1; then
		bad $t "a hunk touches what was not proven"
	else
		ok "$t ($(head -n1 "$v" | cut -d';' -f1))"
	fi

	# The same with a rule that writes an undeclared function: kbuild must fail, the conversion go.
	t=kernel-validate-drops-broken-build
	rm -rf "$tmp/sp" "$tmp/kb"
	cp -r "$top/semantic-patches" "$tmp/sp"
	sed -i -e 's/"kmap_atomic": "kmap_local_page"/"kmap_atomic": "kmap_local_page_undeclared"/' \
		-e 's/^+ kmap_local_page$/+ kmap_local_page_undeclared/' \
		-e 's/^+ (T)kmap_local_page(es)$/+ (T)kmap_local_page_undeclared(es)/' \
		"$tmp/sp/kmap_atomic-to-local.cocci"
	(cd "$linux" && KMAPCHECK_SEMANTIC_PATCHES="$tmp/sp" "$k" patch --db "$tmp/k.db" -q --validate --out "$tmp/kb" fs/ext2) > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ "$rc" != 0 ]; then
		bad $t "exit status $rc"
	elif ! grep -q "^fs/ext2/dir.c: dropped (build): does not compile after conversion: .*kmap_local_page_undeclared" "$tmp/kb/validate.txt"; then
		cp "$tmp/kb/validate.txt" "$tmp/err"; bad $t "fs/ext2/dir.c was not dropped"
	elif [ -s "$tmp/kb/kmapcheck.diff" ]; then
		bad $t "the broken conversion is still in kmapcheck.diff"
	else
		ok $t
	fi

	# Nothing in the tree newer than the start of this part. Left out: the root
	# directory itself and naive_*/, which other targets' `spatch -j --dir .`
	# runs (tests/cocci, make bench) make there while they run.
	t=kernel-tree-untouched
	newer=$(find "$linux" -newer "$tmp/before-kernel" ! -path "$linux" ! -path "$linux/naive_*" | head)
	if [ "$(cd "$linux" && find $dirs -printf '%m %p %s %T@\n' | LC_ALL=C sort | sha256sum)" != "$kh" ] ||
	   [ "$(cd "$linux" && find $dirs -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum)" != "$kc" ]; then
		bad $t "files under $dirs changed"
	elif [ -n "$newer" ]; then
		echo "$newer" > "$tmp/err"; bad $t "something in the tree is newer than the test"
	else
		ok $t
	fi
fi

# ---- linux 6.12: kbuild's lists where a directory has a Kbuild file ----
# From 6.10 on, scripts/Makefile.build finds a directory's Kbuild file through
# $(VPATH) (an O= build sets it): without it, arch/arm's lists came from
# arch/arm/Makefile, the architecture's top Makefile, and kbuild stopped ("Recursive
# variable 'KBUILD_CFLAGS' references itself"), so arm's file was "not validated".
# And the second configuration the other way round: 6.12's i386 allmodconfig has PAE,
# which hifn_795x's 32-bit DMA addresses exclude, so the second turns PAE off.
# The tree is extracted from Debian's package when missing, as kernel-test does.
tarball612=/usr/src/linux-source-6.12.tar.xz
linux612="$cache/src/linux-source-6.12"
stamp612="$cache/src/.linux-source-6.12.extracted"
if [ -f "$tarball612" ] && { [ ! -f "$stamp612" ] || [ "$tarball612" -nt "$stamp612" ]; }; then
	rm -rf "$linux612" && mkdir -p "$cache/src" && tar -C "$cache/src" -xf "$tarball612" &&
		touch "$stamp612"
fi
if [ ! -f "$linux612/Makefile" ] || ! command -v sparse > /dev/null; then
	skip kernel-6.12 "no linux 6.12 at $linux612 (Debian's linux-source-6.12), or no sparse"
else
	t=kernel-6.12-validate-kbuild-file-and-no-pae
	rm -rf "$tmp/k12"
	(cd "$linux612" && "$k" patch --db "$tmp/k12.db" -q --no-progress --validate --out "$tmp/k12" \
		arch/arm/mm/copypage-v6.c arch/mips/mm/init.c drivers/crypto/hifn_795x.c) \
		> "$tmp/out" 2> "$tmp/err"
	rc=$?
	v="$tmp/k12/validate.txt"
	if [ "$rc" != 0 ]; then
		bad $t "exit status $rc"
	elif ! grep -q '^arch/arm/mm/copypage-v6.c: passed: compiles for arm allmodconfig (HIGHMEM) with clang-19 ' "$v" ||
	     ! grep -q '^arch/mips/mm/init.c: passed: compiles for mips allmodconfig (HIGHMEM) with clang-19 ' "$v"; then
		cp "$v" "$tmp/err"; bad $t "arm's or mips's file not validated for its architecture"
	elif ! grep -q '^drivers/crypto/hifn_795x.c: passed: compiles for i386 allmodconfig with CONFIG_HIGHMEM4G=y, CONFIG_X86_PAE off and CONFIG_CRYPTO_DEV_HIFN_795X=y (HIGHMEM)' "$v"; then
		cp "$v" "$tmp/err"; bad $t "hifn_795x.c not validated with PAE off"
	else
		ok $t
	fi
fi

echo "patch: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
