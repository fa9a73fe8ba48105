#!/bin/sh
# bad-input.sh - every kind of bad input gets one clear line naming the file and the
# problem, the run goes on with the other files, the exit status says some files could not
# be analysed (3), and the scanned directory is not written to.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
k="$top/kmapcheck"
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export KMAPCHECK_CACHE="$tmp/cache"
pass=0 fail=0

ok()   { pass=$((pass + 1)); echo "ok      $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL    $1"; sed 's/^/        /' "$tmp/err" | head -n 20; }

# expect NAME WANT-EXIT STDERR-TEXT [STDOUT-TEXT] -- kmapcheck args
expect() {
	name=$1 want=$2 errtext=$3 outtext=$4
	shift 5
	(cd "$tmp/in" && "$k" "$@") > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		echo "exit status $rc, want $want" >> "$tmp/err"; bad "$name"; return
	fi
	if [ -n "$errtext" ] && ! grep -qF -- "$errtext" "$tmp/err"; then
		echo "stderr lacks: $errtext" >> "$tmp/err"; bad "$name"; return
	fi
	if [ -n "$outtext" ] && ! grep -qF -- "$outtext" "$tmp/out"; then
		echo "stdout lacks: $outtext" >> "$tmp/err"; cat "$tmp/out" >> "$tmp/err"; bad "$name"; return
	fi
	ok "$name"
}

mkdir -p "$tmp/in"
cat > "$tmp/in/good.c" <<'C'
struct page;
void *kmap(struct page *page);
void kunmap(struct page *page);
int good(struct page *page)
{
	char *a = kmap(page);
	int v = a[0];

	kunmap(page);
	return v;
}
C
printf 'int kmap(int);\0\0\0binary\n' > "$tmp/in/blob.c"
: > "$tmp/in/empty.c"
printf 'notes: kmap(page) is deprecated\n' > "$tmp/in/notes.txt"
cat > "$tmp/in/nohdr.c" <<'C'
#include "no_such_header.h"
struct page;
void *kmap(struct page *page);
void kunmap(struct page *page);
int nohdr(struct page *page)
{
	char *a = kmap(page);
	int v = a[0] + NO_SUCH_CONSTANT;

	kunmap(page);
	return v;
}
C
cp "$tmp/in/good.c" "$tmp/in/crashme.c"
sed 's/good(/good2(/' "$tmp/in/good.c" > "$tmp/in/good2.c"
cp "$tmp/in/good.c" "$tmp/in/hangme.c"
mkfifo "$tmp/in/fifo.c"
find "$tmp/in" -type f -exec sha256sum {} + | sort > "$tmp/before"

expect "missing path is named, the rest is analysed" 3 "nope.c: error: no such file or directory" "good.c:6:12" \
	-- scan --no-db nope.c good.c
expect "binary file is named" 3 "blob.c: error: binary file (NUL bytes), not C source" "good.c:6:12" \
	-- scan --no-db blob.c good.c
expect "empty file is named, not a failure" 0 "empty.c: warning: empty file, nothing to analyse" "good.c:6:12" \
	-- scan --no-db empty.c good.c
expect "a file that is not C is named" 3 "notes.txt: error: not a C source file" "good.c:6:12" \
	-- scan --no-db notes.txt good.c
expect "a FIFO is not a regular file" 3 "fifo.c: error: not a regular file" "good.c:6:12" \
	-- scan --no-db fifo.c good.c
expect "a missing header is named, the site still listed" 0 "nohdr.c: warning:" "nohdr.c:7:12" \
	-- scan --no-db nohdr.c
expect "the missing header is counted in parse quality" 0 "(missing header: 1," "" \
	-- scan --no-db nohdr.c
KMAPCHECK_FAULT_CRASH=crashme expect "a crashing parse costs one file" 3 \
	"crashme.c: error: parse crashed (signal 11" "good.c:6:12" -- scan --no-db crashme.c good.c
KMAPCHECK_FAULT_HANG=hangme expect "a hanging parse is killed after the time limit" 3 \
	"hangme.c: error: parse did not finish within 2 s" "good.c:6:12" \
	-- scan --no-db --timeout 2 hangme.c good.c
# --mem-limit is each parse's: a limit too small for any parse costs each file, named,
# and says what the limit may have done.
expect "a parse over --mem-limit costs that file, named" 3 \
	"good.c: error: parse crashed (signal 6: Aborted, perhaps out of memory under --mem-limit)" "" \
	-- scan --no-db --mem-limit 50 good.c
# One worker (-j 1) parses the files one after another in one child (worker reuse): a
# crash or a hang in the second file costs that file; the first is reported, and the
# third, parsed by a new child, too.
KMAPCHECK_FAULT_CRASH=crashme expect "a crash in a reused worker costs one file (before it)" 3 \
	"crashme.c: error: parse crashed (signal 11" "good.c:6:12" -- scan --no-db -j 1 good.c crashme.c good2.c
KMAPCHECK_FAULT_CRASH=crashme expect "a crash in a reused worker costs one file (after it)" 3 \
	"crashme.c: error: parse crashed (signal 11" "good2.c:6:12" -- scan --no-db -j 1 good.c crashme.c good2.c
KMAPCHECK_FAULT_HANG=hangme expect "a hang in a reused worker costs one file" 3 \
	"hangme.c: error: parse did not finish within 2 s" "good2.c:6:12" \
	-- scan --no-db -j 1 --timeout 2 good.c hangme.c good2.c
(cd "$tmp/in" && KMAPCHECK_REUSE=1 "$k" scan --no-db -j 1 --format json good.c nohdr.c good2.c) \
	> "$tmp/one" 2> "$tmp/err"
(cd "$tmp/in" && KMAPCHECK_REUSE=2 "$k" scan --no-db -j 1 --format json good.c nohdr.c good2.c) \
	> "$tmp/two" 2>> "$tmp/err"
if [ "$(grep -c '"file"' "$tmp/one")" = 6 ] && cmp -s "$tmp/one" "$tmp/two"; then
	ok "a worker that parsed other files before reports the same"
else
	diff "$tmp/one" "$tmp/two" >> "$tmp/err"; bad "a worker that parsed other files before reports the same"
fi
if [ "$(id -u)" != 0 ]; then
	cp "$tmp/in/good.c" "$tmp/in/locked.c"; chmod 000 "$tmp/in/locked.c"
	expect "an unreadable file is named" 3 "locked.c: error: cannot read: Permission denied" "good.c:6:12" \
		-- scan --no-db locked.c good.c
	rm -f "$tmp/in/locked.c"
fi
expect "an unknown option is a usage error" 2 "unknown option '--frobnicate'" "" -- scan --frobnicate good.c
expect "no path is a usage error" 2 "scan: no PATH given" "" -- scan
expect "a whole directory: every bad file named, good ones analysed" 3 "blob.c: error: binary" "good.c:6:12" \
	-- scan --no-db .

# --list-parsed: each file parsed once (the main pass, and b.c, which the cross-file
# pass read for peek()'s summary; a.c proved again is not listed twice), c.c not at all.
mkdir -p "$tmp/xf"
cat > "$tmp/xf/a.c" <<'C'
struct page;
void *kmap(struct page *page);
void kunmap(struct page *page);
int peek(const char *p);
int a_read(struct page *page)
{
	char *a = kmap(page);
	int v = peek(a);

	kunmap(page);
	return v;
}
C
printf 'int peek(const char *p)\n{\n\treturn p[0];\n}\n' > "$tmp/xf/b.c"
printf 'int unrelated(void)\n{\n\treturn 0;\n}\n' > "$tmp/xf/c.c"
(cd "$tmp/xf" && "$k" scan --no-db -q --list-parsed "$tmp/parsed.txt" a.c b.c c.c --) > "$tmp/out" 2> "$tmp/err"
if [ "$(cut -d' ' -f1 "$tmp/parsed.txt" 2>/dev/null | LC_ALL=C sort | tr '\n' ' ')" = "$tmp/xf/a.c $tmp/xf/b.c " ]; then
	ok "--list-parsed names each parsed file once, the cross-file pass's included"
else
	cat "$tmp/parsed.txt" >> "$tmp/err" 2>/dev/null; bad "--list-parsed names each parsed file once, the cross-file pass's included"
fi
expect "--list-parsed into a missing directory is named" 3 "$tmp/no/dir/list.txt: error: cannot write" "good.c:6:12" \
	-- scan --no-db --list-parsed "$tmp/no/dir/list.txt" good.c

find "$tmp/in" -type f -exec sha256sum {} + | sort > "$tmp/after"
if cmp -s "$tmp/before" "$tmp/after" && [ -z "$(find "$tmp/in" -newer "$tmp/before" ! -type p)" ]; then
	ok "the scanned directory was not written to"
else
	diff "$tmp/before" "$tmp/after" > "$tmp/err"; bad "the scanned directory was not written to"
fi
echo "bad-input: $pass passed, $fail failed"
[ "$fail" = 0 ]
