#!/bin/sh
# pch.sh - the shared precompiled <linux/highmem.h> and common headers (analyzer/pch.h):
# which files a scan parses with it, which it parses again without it, that a PCH that cannot be built costs
# nothing but time, that the results are the very results of parsing every file from its
# own text (--no-pch), and that the run leaves no PCH behind.
#
# A compile_commands.json project (flags of that origin get a PCH, as kbuild's do) with its
# own include/linux/highmem.h, and a per-directory -I that the PCH must not hold.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
k="$top/kmapcheck"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KMAPCHECK_CACHE="$tmp/cache"
pass=0 fail=0

ok()  { pass=$((pass + 1)); echo "ok      $1"; }
bad() { fail=$((fail + 1)); echo "FAIL    $1"; sed 's/^/        /' "$tmp/err" | head -n 20; }

p="$tmp/proj"
mkdir -p "$p/include/linux" "$p/drv/local"
cat > "$p/include/linux/highmem.h" <<'H'
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H
struct page;
#ifdef HIGHMEM_TEST_DIRECT
static inline void *kmap(struct page *page) { return (void *)page; }
#else
void *kmap(struct page *page);
#endif
void kunmap(struct page *page);
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);
void *page_address(const struct page *page);
void might_sleep(void);
#endif
H
# A header only the per-directory -I finds.
cat > "$p/drv/local/drvlocal.h" <<'H'
static inline int drv_sum(const char *p) { return p[0] + p[1]; }
H
# Includes only: parsed with the PCH.
cat > "$p/drv/plain.c" <<'C'
// SPDX-License-Identifier: GPL-2.0
#include <linux/highmem.h>
#include <drvlocal.h>

int plain_sum(struct page *page)
{
	char *p = kmap_atomic(page);
	int v = drv_sum(p);

	kunmap_atomic(p);
	return v;
}
C
# pr_fmt before the includes: the printk prefix, parsed with the PCH.
cat > "$p/drv/prfmt.c" <<'C'
#define pr_fmt(fmt) "prfmt: " fmt
#include <linux/highmem.h>

int prfmt_first(struct page *page)
{
	char *p = kmap(page);
	int v = p[0];

	kunmap(page);
	return v;
}
C
# A macro the header tests, defined before the include: parsed without the PCH.
cat > "$p/drv/direct.c" <<'C'
#define HIGHMEM_TEST_DIRECT
#include <linux/highmem.h>

int direct_first(struct page *page)
{
	char *p = kmap(page);
	int v = p[0];

	kunmap(page);
	return v;
}
C
# Its own page_address(), which the PCH's contradicts: an error with the PCH, parsed
# again without it (and then there is no error).
cat > "$p/drv/ownaddr.c" <<'C'
struct page;
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);
static char *page_address(struct page *page, int off)
{
	return (char *)page + off;
}

int ownaddr_first(struct page *page)
{
	char *p = kmap_atomic(page);
	int v = p[0] + *page_address(page, 1);

	kunmap_atomic(p);
	return v;
}
C
cat > "$p/compile_commands.json" <<J
[
 { "directory": "$p", "file": "$p/drv/plain.c",
   "arguments": ["cc", "-nostdinc", "-I$p/include", "-I$p/drv/local", "-c", "$p/drv/plain.c"] },
 { "directory": "$p", "file": "$p/drv/prfmt.c",
   "arguments": ["cc", "-nostdinc", "-I$p/include", "-DKBUILD_MODNAME=\"prfmt\"", "-c", "$p/drv/prfmt.c"] },
 { "directory": "$p", "file": "$p/drv/direct.c",
   "arguments": ["cc", "-nostdinc", "-I$p/include", "-c", "$p/drv/direct.c"] },
 { "directory": "$p", "file": "$p/drv/ownaddr.c",
   "arguments": ["cc", "-nostdinc", "-I$p/include", "-c", "$p/drv/ownaddr.c"] }
]
J

run() {
	(cd "$p" && "$k" scan --no-db --no-progress --format json "$@" drv) > "$tmp/out" 2> "$tmp/err"
	sort "$tmp/out" > "$tmp/out.sorted"
}

run
line=$(grep 'precompiled <linux/highmem.h>' "$tmp/err")
want='kmapcheck: precompiled <linux/highmem.h> and 42 common headers: 1 variant (0 could not be built, 0 with <linux/highmem.h> alone); 3 files parsed with it, 1 of them again without it (an error with it)'
if [ "$line" = "$want" ]; then
	ok "one PCH for the flags the files share (a per-directory -I and KBUILD_MODNAME left out); pr_fmt first is fine, a #define first is not; an error with it parses again"
else
	echo "got:  $line" >> "$tmp/err"; echo "want: $want" >> "$tmp/err"; bad "the PCH's files"
fi
cp "$tmp/out.sorted" "$tmp/with"
n=$(wc -l < "$tmp/with")
if [ "$n" -ge 8 ] && ! grep -q '"verdict":"unknown","reason":"[^"]*parse error' "$tmp/with"; then
	ok "every file's sites reported ($n), none with a parse error"
else
	cp "$tmp/with" "$tmp/err"; bad "sites with the PCH"
fi
if [ -z "$(ls -d "$KMAPCHECK_CACHE"/pch-* 2>/dev/null)" ]; then
	ok "the run leaves no PCH directory behind"
else
	ls -la "$KMAPCHECK_CACHE" > "$tmp/err"; bad "PCH directory left behind"
fi

run --no-pch
if grep -q 'precompiled' "$tmp/err"; then
	bad "--no-pch still used a PCH"
elif cmp -s "$tmp/with" "$tmp/out.sorted"; then
	ok "--no-pch: the same sites, verdicts, reasons and evidence"
else
	diff "$tmp/with" "$tmp/out.sorted" > "$tmp/err"; bad "results differ with and without the PCH"
fi

# A common header of the PCH's list that this tree has but that does not build on its own:
# the PCH holds <linux/highmem.h> alone, and the results are the same.
printf 'int slab_broken = ;\n' > "$p/include/linux/slab.h"
run
rm "$p/include/linux/slab.h"
line=$(grep 'precompiled <linux/highmem.h>' "$tmp/err")
want='kmapcheck: precompiled <linux/highmem.h> and 42 common headers: 1 variant (0 could not be built, 1 with <linux/highmem.h> alone); 3 files parsed with it, 1 of them again without it (an error with it)'
if [ "$line" = "$want" ] && cmp -s "$tmp/with" "$tmp/out.sorted" &&
   grep -q '^kmapcheck: a PCH holds <linux/highmem.h> alone: .*include/linux/slab.h:' "$tmp/err"; then
	ok "a common header that does not build: the PCH holds <linux/highmem.h> alone, says why, same results"
else
	echo "got:  $line" >> "$tmp/err"; diff "$tmp/with" "$tmp/out.sorted" >> "$tmp/err"
	bad "a common header that does not build"
fi

# The same broken header with flags that are not a kernel's (no -nostdinc): the common
# headers are not tried at all, so nothing is reduced.
printf 'int slab_broken = ;\n' > "$p/include/linux/slab.h"
cp "$p/compile_commands.json" "$tmp/cc.json"
sed -i 's|"-nostdinc", ||' "$p/compile_commands.json"
run
cp "$tmp/cc.json" "$p/compile_commands.json"
rm "$p/include/linux/slab.h"
line=$(grep 'precompiled <linux/highmem.h>' "$tmp/err")
want='kmapcheck: precompiled <linux/highmem.h> and 42 common headers: 1 variant (0 could not be built, 0 with <linux/highmem.h> alone); 3 files parsed with it, 1 of them again without it (an error with it)'
if [ "$line" = "$want" ] && cmp -s "$tmp/with" "$tmp/out.sorted" && ! grep -q 'a PCH holds' "$tmp/err"; then
	ok "flags without -nostdinc: <linux/highmem.h> alone, the common headers not tried"
else
	echo "got:  $line" >> "$tmp/err"; diff "$tmp/with" "$tmp/out.sorted" >> "$tmp/err"
	bad "flags without -nostdinc"
fi

# Fewer files than PCH_MIN_FILES (3): building the PCH would cost more than it saves.
(cd "$p" && "$k" scan --no-db --no-progress --format json drv/plain.c drv/prfmt.c) > "$tmp/out" 2> "$tmp/err"
if ! grep -q 'precompiled' "$tmp/err" && [ "$(wc -l < "$tmp/out")" = 4 ]; then
	ok "two files: no PCH built, every site reported"
else
	cat "$tmp/out" >> "$tmp/err"; bad "two files built a PCH"
fi

# Without linux/highmem.h on the include path the PCH cannot be built: nothing lost.
mkdir -p "$p/other"
mv "$p/include/linux/highmem.h" "$p/other/highmem.h"
sed -i 's|#include <linux/highmem.h>|#include <highmem.h>|' "$p/drv/plain.c" "$p/drv/prfmt.c" "$p/drv/direct.c"
sed -i "s|\"-I$p/include\", |\"-I$p/include\", \"-I$p/other\", |" "$p/compile_commands.json"
run
line=$(grep 'precompiled <linux/highmem.h>' "$tmp/err")
want='kmapcheck: precompiled <linux/highmem.h> and 42 common headers: 0 variants (1 could not be built, 0 with <linux/highmem.h> alone); 0 files parsed with it, 0 of them again without it (an error with it)'
if [ "$line" = "$want" ] && [ "$(wc -l < "$tmp/out.sorted")" = "$n" ] &&
   grep -q "^kmapcheck: a PCH could not be built: .*'linux/highmem.h' file not found" "$tmp/err"; then
	ok "a PCH that cannot be built: every file parsed without it, every site reported"
else
	echo "got:  $line" >> "$tmp/err"; bad "a PCH that cannot be built"
fi

# A variant too few files would use is not built: three files share their flags, a
# fourth has -DDEBUG of its own and parses without a PCH (pch_plan()).
q="$tmp/proj2"
mkdir -p "$q/include/linux" "$q/drv"
cp "$p/other/highmem.h" "$q/include/linux/highmem.h"
for f in a b c dbg; do
	sed "s/plain_sum/${f}_sum/; s/#include <highmem.h>/#include <linux\/highmem.h>/; /drvlocal.h/d; s/drv_sum(p)/p[0]/" \
		"$p/drv/plain.c" > "$q/drv/$f.c"
done
{
	echo "["
	for f in a b c; do
		echo " { \"directory\": \"$q\", \"file\": \"$q/drv/$f.c\", \"arguments\": [\"cc\", \"-nostdinc\", \"-I$q/include\", \"-c\", \"$q/drv/$f.c\"] },"
	done
	echo " { \"directory\": \"$q\", \"file\": \"$q/drv/dbg.c\", \"arguments\": [\"cc\", \"-nostdinc\", \"-I$q/include\", \"-DDEBUG\", \"-c\", \"$q/drv/dbg.c\"] }"
	echo "]"
} > "$q/compile_commands.json"
(cd "$q" && "$k" scan --no-db --no-progress --format json drv) > "$tmp/out" 2> "$tmp/err"
line=$(grep 'precompiled <linux/highmem.h>' "$tmp/err")
want='kmapcheck: precompiled <linux/highmem.h> and 42 common headers: 1 variant (0 could not be built, 0 with <linux/highmem.h> alone, 1 not built: fewer than 3 files each); 3 files parsed with it, 0 of them again without it (an error with it)'
if [ "$line" = "$want" ] && [ "$(grep -c '"verdict":"safe"' "$tmp/out")" = 8 ] &&
   grep -q '"file":"dbg.c","line":6,.*"verdict":"safe"' "$tmp/out"; then
	ok "a variant of one file is not built: that file parses without a PCH, its sites proven"
else
	echo "got:  $line" >> "$tmp/err"; cat "$tmp/out" >> "$tmp/err"; bad "a variant too small for a PCH"
fi

# A run that was killed leaves its PCH directory: the next run removes it when its
# process is gone (pch-PID-*), or, in the form without the PID, when it is an hour old.
sh -c 'exit 0' & wait $!
dead=$!
for d in "pch-$dead-gone00" "pch-$$-alive0" pch-old000 pch-new000; do
	mkdir -p "$KMAPCHECK_CACHE/$d" && echo x > "$KMAPCHECK_CACHE/$d/x.pch"
done
touch -d '2 hours ago' "$KMAPCHECK_CACHE/pch-old000"
(cd "$q" && "$k" scan --no-db --no-progress --format json drv) > "$tmp/out" 2> "$tmp/err"
left=$(cd "$KMAPCHECK_CACHE" && ls -d pch-* 2>/dev/null | tr '\n' ' ')
if [ "$left" = "pch-$$-alive0 pch-new000 " ]; then
	ok "stale PCH directories of killed runs removed, a live run's and a recent old-style one kept"
else
	echo "left: $left" >> "$tmp/err"; bad "stale PCH directories"
fi

echo "pch: $pass passed, $fail failed"
[ "$fail" = 0 ]
