#!/bin/sh
# Runs the golden tests of semantic-patches/: every tests/cocci/NAME.c goes
# through the rule it names and must come out exactly as NAME.res.  It does
# not judge whether a conversion is safe; that is what the rules' tests
# (the inputs written here) and kmapcheck's proofs are for.
#
# A test names its rule and options in a comment at the top of NAME.c:
#
#   check-name: one line saying what the test is about
#   check-rule: kmap-to-local          (semantic-patches/kmap-to-local.cocci)
#   check-options: -D pagefault        (more spatch options, optional)
#   check-site: 12                     (a selected site: LINE[:COL] [TAG...];
#   check-site: 30:9 preempt            any check-site turns the selector on)
#   check-sites-path: absolute         (how the sites file names NAME.c:
#                                       "absolute", "dot" for ./NAME.c, or by
#                                       default NAME.c; spatch runs in the
#                                       test's directory and is given NAME.c)
#   check-sites-raw: TEXT              (a line copied into the sites file)
#   check-sites-via: define            (-D sites=FILE; default KMAPCHECK_SITES)
#   check-warning: 30                  (a selected site the rule must report
#                                       as left alone)
#   check-error: TEXT                  (spatch must fail and say TEXT; the
#                                       file must stay as it was)
#   check-compile: no                  (skip the gcc -fsyntax-only check)
#
# Besides the comparison, NAME.c must parse completely with spatch --parse-c,
# and NAME.c and NAME.res must both compile against the declarations in
# tests/cocci/include (so a result that would not build fails its test).
#
# Usage: tests/cocci/run.sh [NAME...]   (V=1 shows commands and diffs)

SPATCH=${SPATCH:-spatch}
CC=${CC:-gcc}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
rules="$top/semantic-patches"
CFLAGS_CHECK="-std=gnu11 -fsyntax-only -nostdinc -I$here/include -Wall -Wextra \
 -Wno-unused-parameter -Wno-pointer-sign -Wdeclaration-after-statement -Werror"

# Big inputs need a deep stack in spatch's parser; harmless otherwise.
ulimit -s unlimited 2>/dev/null || ulimit -s 65536 2>/dev/null

passed=0
failed=0
# Each test runs in its own directory under $COCCI_WORK, kept for inspection
# until the next run or "make cocci-clean".
work=${COCCI_WORK:-$top/build/cocci}
rm -rf "$work" && mkdir -p "$work" || exit 1

say() { [ "$V" = 1 ] && printf '%s\n' "$*" >&2; return 0; }

# directive FILE NAME: every value of "check-NAME:" in FILE, one a line.
directive() {
	sed -n "s/^[[:space:]/*]*check-$2:[[:space:]]*//p" "$1" |
		sed 's/[[:space:]]*$//'
}

fail() {
	printf 'FAIL %s: %s\n' "$name" "$*"
	failed=$((failed + 1))
}

run_one() {
	name=$1
	src="$here/$name.c"
	res="$here/$name.res"
	dir="$work/$name"

	[ -f "$src" ] || { fail "no $name.c"; return; }
	[ -f "$res" ] || { fail "no $name.res (expected result)"; return; }
	rule=$(directive "$src" rule | head -n 1)
	[ -n "$rule" ] || { fail "no check-rule: line"; return; }
	sp="$rules/$rule.cocci"
	[ -f "$sp" ] || { fail "no rule $sp"; return; }
	options=$(directive "$src" options | tr '\n' ' ')

	mkdir -p "$dir" && cp "$src" "$dir/$name.c" || { fail "cannot copy"; return; }

	# The input must parse as a whole, or a "left alone" result proves nothing.
	"$SPATCH" --parse-c "$dir/$name.c" >"$dir/parse.log" 2>&1
	if ! grep -q 'nb bad = 0 ' "$dir/parse.log"; then
		fail "spatch --parse-c does not parse all of $name.c"
		[ "$V" = 1 ] && grep -i 'bad\|error' "$dir/parse.log" >&2
		return
	fi

	if [ "$(directive "$src" compile)" != no ]; then
		for f in "$src" "$res"; do
			if ! $CC $CFLAGS_CHECK -x c "$f" 2>"$dir/cc.log"; then
				fail "$(basename "$f") does not compile"
				[ "$V" = 1 ] && cat "$dir/cc.log" >&2
				return
			fi
		done
	fi

	env_sites=
	sites_opt=
	: >"$dir/expected-warnings"
	if [ -n "$(directive "$src" site)$(directive "$src" sites-raw)" ]; then
		case $(directive "$src" sites-path) in
		absolute) path="$dir/$name.c" ;;
		dot) path="./$name.c" ;;
		*) path="$name.c" ;;
		esac
		{
			directive "$src" site | while read -r loc tags; do
				printf '%s:%s %s\n' "$path" "$loc" "$tags"
			done
			directive "$src" sites-raw
		} >"$dir/sites.txt"
		directive "$src" warning | while read -r loc; do
			printf '%s:%s: warning: %s left this site alone\n' \
				"$path" "$loc" "$rule"
		done >"$dir/expected-warnings"
		if [ "$(directive "$src" sites-via)" = define ]; then
			sites_opt="-D sites=sites.txt"
		else
			env_sites=sites.txt
		fi
	fi

	say "(cd $dir && KMAPCHECK_SITES=$env_sites $SPATCH --sp-file $sp $options $sites_opt --in-place $name.c)"
	# shellcheck disable=SC2086
	(cd "$dir" && KMAPCHECK_SITES=$env_sites "$SPATCH" --sp-file "$sp" \
		--very-quiet --no-includes --timeout 120 --in-place \
		$options $sites_opt "$name.c") >"$dir/stdout" 2>"$dir/stderr"
	rc=$?
	error=$(directive "$src" error)
	if [ -n "$error" ]; then
		if [ $rc -eq 0 ]; then
			fail "spatch succeeded, expected it to fail with: $error"
			return
		fi
		if ! grep -qF -- "$error" "$dir/stderr"; then
			fail "spatch failed without saying: $error"
			sed 's/^/    /' "$dir/stderr"
			return
		fi
		: >"$dir/stderr"
	elif [ $rc -ne 0 ]; then
		fail "spatch exited with status $rc"
		sed 's/^/    /' "$dir/stderr"
		return
	fi
	sort "$dir/expected-warnings" >"$dir/expected.sorted"
	sort "$dir/stderr" >"$dir/stderr.sorted"
	if ! cmp -s "$dir/expected.sorted" "$dir/stderr.sorted"; then
		fail "spatch's messages differ from the expected warnings"
		diff -u "$dir/expected.sorted" "$dir/stderr.sorted" | sed 's/^/    /'
		return
	fi
	if ! diff -u "$res" "$dir/$name.c" >"$dir/diff"; then
		fail "result differs from $name.res"
		sed 's/^/    /' "$dir/diff"
		return
	fi
	say "ok   $name"
	passed=$((passed + 1))
}

# Every rule carries the same site selector, and every rule that reads unmaps= the
# same proven-pairs block; a copy that drifted would make one rule read sites files
# differently from the others.
check_block() {
	name=$1-block
	ref=
	for sp in "$rules"/*.cocci; do
		block=$(sed -n "/^\/\/ BEGIN kmapcheck $2/,/^\/\/ END kmapcheck $2/p" "$sp")
		[ -n "$block" ] || continue
		if [ -z "$ref" ]; then
			ref=$block
			first=$sp
		elif [ "$block" != "$ref" ]; then
			fail "the $2 block in $(basename "$sp") differs from $(basename "$first")"
			return
		fi
	done
	if [ -z "$ref" ]; then
		fail "no rule carries the $2 block"
		return
	fi
	say "ok   $name"
	passed=$((passed + 1))
}

if [ $# -gt 0 ]; then
	names=$*
else
	names=$(cd "$here" && ls ./*.c 2>/dev/null | sed 's|^\./||; s|\.c$||')
fi
[ $# -gt 0 ] || { check_block selector "site selector"; check_block pairs "proven pairs"; }
for n in $names; do
	run_one "$n"
done

echo "cocci: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
