#!/bin/sh
# store.sh - where flags come from and what the SQLite store remembers:
#   - a compile_commands.json is read (through libclang) for files without `--` flags,
#     found next to the file, in a parent, or with -p DIR;
#   - a second run takes an unchanged file from the cache, and parses it again when the
#     file, a header it includes, its flags or the rules change;
#   - each run is recorded with its files and sites;
#   - cross-file summaries are reused while the defining file is unchanged;
#   - the byte scan's choice of the files to parse (whose content hash keys the cache).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
k="$top/kmapcheck"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KMAPCHECK_CACHE="$tmp/cache"
pass=0 fail=0

ok()  { pass=$((pass + 1)); echo "ok      $1"; }
bad() { fail=$((fail + 1)); echo "FAIL    $1"; sed 's/^/        /' "$tmp/err" | head -n 20; }

# run NAME WANT-STDOUT-TEXT WANT-STDERR-TEXT -- kmapcheck args (in $tmp/proj)
run() {
	name=$1 outtext=$2 errtext=$3
	shift 4
	(cd "$tmp/proj" && "$k" "$@") > "$tmp/out" 2> "$tmp/err"
	if [ -n "$outtext" ] && ! grep -qF -- "$outtext" "$tmp/out"; then
		{ echo "stdout lacks: $outtext"; cat "$tmp/out"; } >> "$tmp/err"; bad "$name"; return
	fi
	if [ -n "$errtext" ] && ! grep -qF -- "$errtext" "$tmp/err"; then
		echo "stderr lacks: $errtext" >> "$tmp/err"; bad "$name"; return
	fi
	ok "$name"
}

mkdir -p "$tmp/proj/src/inc" "$tmp/proj/build" "$tmp/rules"
cat > "$tmp/proj/src/inc/kapi.h" <<'C'
struct page;
void *kmap_atomic(struct page *page);
void __kunmap_atomic(void *addr);
#define kunmap_atomic(addr) __kunmap_atomic(addr)
C
# Without -DWANT_MAP the site is in a skipped #if branch, and without -Iinc the header is
# missing: only the database's flags give the proven verdict.
cat > "$tmp/proj/src/sum.c" <<'C'
#include "kapi.h"

int page_sum(struct page *page)
{
	int sum = 0;
#ifdef WANT_MAP
	unsigned char *p = kmap_atomic(page);

	for (int i = 0; i < 64; i++)
		sum += p[i];
	kunmap_atomic(p);
#endif
	return sum;
}
C
cat > "$tmp/proj/build/compile_commands.json" <<J
[
  { "directory": "$tmp/proj/src",
    "command": "cc -c -Iinc -DWANT_MAP -o sum.o sum.c",
    "file": "sum.c" }
]
J

run "without a database the header is missing" "" "kapi.h' file not found" \
	-- scan --no-db src/sum.c
run "-p DIR: flags from compile_commands.json" "sum.c:7:21: warning: kmap_atomic() is deprecated; verdict safe" "" \
	-- scan --no-db -p build src/sum.c
run "kmapcheck flags names the database's flags" "-DWANT_MAP" "" -- flags -p build src/sum.c
cp "$tmp/proj/build/compile_commands.json" "$tmp/proj/compile_commands.json"
run "a compile_commands.json in a parent directory is found" "sum.c:7:21: warning: kmap_atomic() is deprecated; verdict safe" "" \
	-- scan --no-db src/sum.c
rm "$tmp/proj/compile_commands.json"

db="$tmp/runs.db"
scan() { (cd "$tmp/proj" && "$k" scan --db "$db" -p build "$@" src/sum.c) > "$tmp/out" 2> "$tmp/err"; }
cached() {
	name=$1 want=$2
	shift 2
	scan "$@"
	if grep -qF "1 parsed ($want from the cache)" "$tmp/err" && grep -q "verdict safe" "$tmp/out"; then
		ok "$name"
	else
		bad "$name"
	fi
}
cached "the first run parses" 0
cached "an unchanged file comes from the cache" 1
sleep 1; echo "/* more */" >> "$tmp/proj/src/sum.c"
cached "a changed file is parsed again" 0
cached "... and then cached" 1
sleep 1; echo "/* a header change */" >> "$tmp/proj/src/inc/kapi.h"
cached "a changed header is parsed again" 0
echo "memcpy_ignored 1  # test rule" > "$tmp/rules/extra.nocapture.rules"
cached "changed rules parse again" 0 --rules "$tmp/rules"
cached "... and then cached" 1 --rules "$tmp/rules"

runs=$(sqlite3 "$db" "SELECT count(*) FROM runs")
sites=$(sqlite3 "$db" "SELECT count(*) FROM sites s JOIN files f ON s.file_id = f.id
	WHERE f.run_id = (SELECT max(id) FROM runs) AND s.api = 'kmap_atomic' AND s.verdict = 'safe'")
mode=$(sqlite3 "$db" "PRAGMA journal_mode")
if [ "$runs" = 7 ] && [ "$sites" = 1 ] && [ "$mode" = wal ]; then
	ok "the database holds every run and the last run's sites (WAL)"
else
	echo "runs $runs (want 7), safe kmap_atomic sites in the last run $sites (want 1), journal $mode" > "$tmp/err"
	bad "the database holds every run and the last run's sites (WAL)"
fi
# Cross-file summaries are kept: a changed caller is proved again with the callee's
# summary from the store; a changed callee is summarized again.
cp "$top/tests/prove/xfile_summaries.c" "$top/tests/prove/kapi.h" "$tmp/proj/"
mkdir -p "$tmp/proj/lib" && cp "$top/tests/prove/lib/xfile_callees.c" "$tmp/proj/lib/"
xscan() { (cd "$tmp/proj" && "$k" scan --db "$db" xfile_summaries.c lib/xfile_callees.c -- -I.) > "$tmp/out" 2> "$tmp/err"; }
xcheck() {
	name=$1 want=$2
	if grep -qF "$want" "$tmp/err" && grep -q "xfile_summaries.c:17:12: .*verdict safe" "$tmp/out"; then
		ok "$name"
	else
		echo "stderr lacks: $want" >> "$tmp/err"; bad "$name"
	fi
}
xscan; xcheck "cross-file: the callees are summarized" "3 definitions found in 1 files (0 from the store), 3 summarized"
sleep 1; echo "/* caller changed */" >> "$tmp/proj/xfile_summaries.c"
xscan; xcheck "cross-file: an unchanged callee's summary comes from the store" "3 definitions found in 1 files (1 from the store)"
sleep 1; echo "/* callee changed */" >> "$tmp/proj/lib/xfile_callees.c"
xscan; xcheck "cross-file: a changed callee is summarized again" "(0 from the store), 3 summarized"
# A callee defined in two files is named by the first in byte order, "lib/a_twice.c and
# others", whichever summary job ends first: lib/a_twice.c is made slow to parse (4000
# functions) so that lib/z_twice.c's job, started with it (-j 2), ends before it.
mkdir -p "$tmp/twice/lib"
cp "$top/tests/prove/kapi.h" "$tmp/twice/"
cat > "$tmp/twice/twice.c" <<'C'
#include "kapi.h"
void xfile_twice(void *buf);
void twice_page(struct page *page)
{
	void *buf = kmap_atomic(page);

	xfile_twice(buf);
	kunmap_atomic(buf);
}
C
{
	echo '#include "../kapi.h"'
	echo 'void xfile_remember_elsewhere(void *buf);'
	echo 'void xfile_twice(void *buf) { xfile_remember_elsewhere(buf); }'
	for i in $(seq 4000); do echo "int twice_filler_$i(int x) { return x * $i + (x >> 3); }"; done
} > "$tmp/twice/lib/a_twice.c"
printf '#include "../kapi.h"\nvoid xfile_twice(void *buf) { ((u8 *)buf)[0] = 0; }\n' > "$tmp/twice/lib/z_twice.c"
(cd "$tmp/twice" && "$k" scan --no-db -j 2 twice.c lib/a_twice.c lib/z_twice.c -- -I.) > "$tmp/out" 2> "$tmp/err"
if grep -qF "whose summary (lib/a_twice.c and others) cannot tell" "$tmp/out"; then
	ok "cross-file: a callee defined twice is named by the first file in byte order"
else
	{ echo "stdout lacks: whose summary (lib/a_twice.c and others)"; cat "$tmp/out"; } >> "$tmp/err"
	bad "cross-file: a callee defined twice is named by the first file in byte order"
fi
# A file whose proof stopped at another file's function waits, parsed, for the summary
# and is proved again in place: the same output as parsing it again (KMAPCHECK_PARK_MAX=0).
mkdir -p "$tmp/park/lib"
cp "$top/tests/prove/xfile_summaries.c" "$top/tests/prove/xfile_inline.c" \
	"$top/tests/prove/xfile_inline.h" "$top/tests/prove/kapi.h" "$tmp/park/"
cp "$top/tests/prove/lib/xfile_callees.c" "$tmp/park/lib/"
pscan() { (cd "$tmp/park" && env "$@" "$k" scan --no-db --format json xfile_summaries.c \
	xfile_inline.c lib/xfile_callees.c -- -I.); }
pscan KMAPCHECK_PARK_MAX= > "$tmp/park.json" 2> "$tmp/park.err"
pscan KMAPCHECK_PARK_MAX=0 > "$tmp/again.json" 2> "$tmp/again.err"
# room for one: the other file is told to end when it parks, and is parsed again
pscan KMAPCHECK_PARK_MAX=1 > "$tmp/one.json" 2> "$tmp/one.err"
if grep -qF "2 files proved again (2 of them without a second parse" "$tmp/park.err" &&
   grep -qF "2 files proved again (0 of them without a second parse" "$tmp/again.err" &&
   grep -qF "2 files proved again (1 of them without a second parse" "$tmp/one.err" &&
   [ "$(grep -c '"verdict":"safe"' "$tmp/park.json")" -ge 6 ] &&
   cmp -s "$tmp/park.json" "$tmp/again.json" && cmp -s "$tmp/park.json" "$tmp/one.json"; then
	ok "cross-file: a file proved again in place says what a second parse says"
else
	{ cat "$tmp/park.err" "$tmp/again.err" "$tmp/one.err"; diff "$tmp/park.json" "$tmp/again.json"; } >> "$tmp/err"
	bad "cross-file: a file proved again in place says what a second parse says"
fi
# One worker (-j 1, parking off) that proves one file again and then another records for
# each only the callees its own proof looked up: the same dependencies and output as a new
# worker for every file (KMAPCHECK_REUSE=1).
for r in 1 16; do
	(cd "$tmp/park" && KMAPCHECK_PARK_MAX=0 KMAPCHECK_REUSE=$r "$k" scan --db "$tmp/reuse$r.db" \
		-j 1 --format json xfile_summaries.c xfile_inline.c lib/xfile_callees.c -- -I.) \
		> "$tmp/reuse$r.json" 2> "$tmp/reuse$r.err"
	python3 -c "
import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute('SELECT path, deps FROM files ORDER BY path'):
    print(*row)" "$tmp/reuse$r.db" > "$tmp/reuse$r.deps"
done
if grep -qF "2 files proved again (0 of them without a second parse" "$tmp/reuse16.err" &&
   grep -q 'xfile_callees' "$tmp/reuse16.deps" && cmp -s "$tmp/reuse1.deps" "$tmp/reuse16.deps" &&
   cmp -s "$tmp/reuse1.json" "$tmp/reuse16.json"; then
	ok "cross-file: a reused worker's second proof records that file's dependencies only"
else
	{ cat "$tmp/reuse16.err"; diff "$tmp/reuse1.deps" "$tmp/reuse16.deps"; } >> "$tmp/err"
	bad "cross-file: a reused worker's second proof records that file's dependencies only"
fi
# Parked files whose callee no file defines are ended at the end of the run.
(cd "$tmp/park" && timeout 120 "$k" scan --no-db xfile_summaries.c xfile_inline.c -- -I.) > "$tmp/out" 2> "$tmp/err"
st=$?
if [ $st = 0 ] && grep -qF "0 files proved again" "$tmp/err" && grep -q "which is not analysed" "$tmp/out"; then
	ok "cross-file: parked files with no definition to wait for end with the run"
else
	echo "exit $st" >> "$tmp/err"; bad "cross-file: parked files with no definition to wait for end with the run"
fi
# A second proof that crashes costs that proof only: the file keeps its first verdicts.
pscan KMAPCHECK_FAULT_CRASH_AGAIN=xfile_inline.c > "$tmp/crash.json" 2> "$tmp/crash.err"
st=$?
if [ $st = 0 ] && grep -qF "1 files proved again (1 of them without a second parse, 1 kept their first proof)" "$tmp/crash.err" &&
   grep -q '"file":"xfile_inline.c","line":20,.*"verdict":"unknown"' "$tmp/crash.json" &&
   grep -q '"file":"xfile_summaries.c","line":17,.*"verdict":"safe"' "$tmp/crash.json"; then
	ok "cross-file: a crash in a second proof keeps the first"
else
	{ echo "exit $st"; cat "$tmp/crash.err" "$tmp/crash.json"; } >> "$tmp/err"
	bad "cross-file: a crash in a second proof keeps the first"
fi
# A cached file's sites in a header it includes keep the header's name.
mkdir -p "$tmp/hdr"
cat > "$tmp/hdr/peek.h" <<'C'
struct page;
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);
static inline int peek_byte(struct page *p)
{
	char *a = kmap_atomic(p);
	int v = a[0];

	kunmap_atomic(a);
	return v;
}
C
cat > "$tmp/hdr/user.c" <<'C'
#include "peek.h"
int first_byte(struct page *p)
{
	return peek_byte(p);
}
int second_byte(struct page *p)
{
	char *a = kmap_atomic(p);
	int v = a[1];

	kunmap_atomic(a);
	return v;
}
C
(cd "$tmp/hdr" && "$k" scan --db "$tmp/hdr.db" . -- -I. > "$tmp/first" 2> /dev/null)
(cd "$tmp/hdr" && "$k" scan --db "$tmp/hdr.db" . -- -I. > "$tmp/again" 2> "$tmp/err")
if grep -q "^peek.h:6:" "$tmp/first" && cmp -s "$tmp/first" "$tmp/again" && grep -qF "(1 from the cache)" "$tmp/err"; then
	ok "a cached header site keeps the header's name"
else
	diff "$tmp/first" "$tmp/again" >> "$tmp/err"; bad "a cached header site keeps the header's name"
fi
# A header parsed on its own (no includer mentions the API) is cached like a .c file.
mkdir -p "$tmp/hdronly" && cp "$tmp/hdr/peek.h" "$tmp/hdronly/"
(cd "$tmp/hdronly" && "$k" scan --db "$tmp/hdronly.db" . -- -I. > "$tmp/first" 2> /dev/null)
(cd "$tmp/hdronly" && "$k" scan --db "$tmp/hdronly.db" . -- -I. > "$tmp/again" 2> "$tmp/err")
if grep -q "^peek.h:6:" "$tmp/first" && cmp -s "$tmp/first" "$tmp/again" && grep -qF "(1 from the cache)" "$tmp/err"; then
	ok "a header parsed on its own comes from the cache"
else
	bad "a header parsed on its own comes from the cache"
fi
# A site's key tells apart identical lines of one function by their order: three
# "kunmap_atomic(p);" get three keys (the store matches sites across runs by them).
mkdir -p "$tmp/keys" && cp "$tmp/proj/src/inc/kapi.h" "$tmp/keys/"
cat > "$tmp/keys/three.c" <<'C'
#include "kapi.h"

int first_nonzero(struct page *page, int n)
{
	char *p = kmap_atomic(page);

	if (p[0]) {
		kunmap_atomic(p);
		return 0;
	}
	if (p[n]) {
		kunmap_atomic(p);
		return n;
	}
	kunmap_atomic(p);
	return -1;
}
C
(cd "$tmp/keys" && "$k" scan --no-db --format json three.c -- -I. > "$tmp/out" 2> "$tmp/err")
nkeys=$(sed -n 's/.*"api":"kunmap_atomic".*"key":"\([0-9a-f]*\)".*/\1/p' "$tmp/out" | sort -u | wc -l)
if [ "$nkeys" = 3 ]; then
	ok "identical unmap lines of one function get distinct keys"
else
	cat "$tmp/out" >> "$tmp/err"; bad "identical unmap lines of one function get distinct keys ($nkeys)"
fi
# The byte scan keeps exactly the files that name the family as a whole word: a file
# with only copy helpers (no "map" of the family in its text), one with only an unmap,
# and not one where the names are parts of longer identifiers. It looks for the names
# no other name contains (kmap is in kmap_atomic) first: a mistake there drops files.
mkdir -p "$tmp/walk"
printf 'struct page;\nvoid memzero_page(struct page *p, unsigned long o, unsigned long n);\nvoid z(struct page *p) { memzero_page(p, 0, 8); }\n' > "$tmp/walk/helpers.c"
printf 'void __kunmap_local(const void *a);\nvoid u(void *a) { __kunmap_local(a); }\nint kunmap_local;\n' > "$tmp/walk/unmap.c"
printf 'int my_kmap_cache, kunmap_atomic_count, memcpy_pages;\n' > "$tmp/walk/inside.c"
(cd "$tmp/walk" && "$k" scan --no-db --format sites . > "$tmp/out" 2> "$tmp/err")
if grep -qF "2 of 3 C files mention a mapping API" "$tmp/err" && grep -q "^helpers.c:3:.*memzero_page" "$tmp/out"; then
	ok "the byte scan keeps whole-word mentions only, helpers included"
else
	cat "$tmp/out" >> "$tmp/err"; bad "the byte scan keeps whole-word mentions only, helpers included"
fi
# A .c file with calls that another .c file #includes (i915's selftests) is parsed
# through that file too, though it mentions no call: alone, sub/body.c lacks the static
# helper its includer defines (a parse error in the function, so unknown); through
# outer.c its map is proven. A .c file that includes nothing with calls is not parsed.
mkdir -p "$tmp/incl/sub"
cat > "$tmp/incl/outer.c" <<'C'
struct page;
static int peek(const char *p)
{
	return p[0];
}
#include "sub/body.c"
C
cat > "$tmp/incl/sub/body.c" <<'C'
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);
int body(struct page *page)
{
	char *a = kmap_atomic(page);
	int v = peek(a);

	kunmap_atomic(a);
	return v;
}
C
printf '#include "other.h"\nint plain;\n' > "$tmp/incl/plain.c"
(cd "$tmp/incl" && "$k" scan --no-db --format json . -- > "$tmp/out" 2> "$tmp/err")
if grep -qF "1 of 3 C files mention a mapping API, 1 more #include one of them; 2 parsed" "$tmp/err" &&
   grep -q '"file":"sub/body.c","line":5,.*"verdict":"safe"' "$tmp/out" &&
   [ "$(grep -c '"file":"sub/body.c"' "$tmp/out")" = 2 ]; then
	ok "a .c file #included by another is parsed through it"
else
	cat "$tmp/out" >> "$tmp/err"; bad "a .c file #included by another is parsed through it"
fi
# explain reads the proof back from the store: a path count at its cap reads "10^9 or
# more" there too, not the cap's number.
(cd "$top/tests/prove" && "$k" scan --db "$tmp/cap.db" -q safe_path_cap.c -- > /dev/null 2> "$tmp/err" &&
	"$k" explain --db "$tmp/cap.db" safe_path_cap.c:9 > "$tmp/out" 2>> "$tmp/err")
if grep -q '^  paths checked: 10^9 or more$' "$tmp/out" &&
   grep -q '^ *paths: 10^9 or more paths from entry' "$tmp/out" && ! grep -q 1000000000 "$tmp/out"; then
	ok "explain: a capped path count reads \"10^9 or more\""
else
	cat "$tmp/out" >> "$tmp/err"; bad "explain: a capped path count reads \"10^9 or more\""
fi
echo "store: $pass passed, $fail failed"
[ "$fail" = 0 ]
