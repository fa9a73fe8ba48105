// SPDX-License-Identifier: GPL-2.0-only
#spatch --no-includes
/// The naive conversion: every kmap_atomic() becomes kmap_local_page(), every
/// kmap() becomes kmap_local_page() and every kunmap(page) becomes
/// kunmap_local(addr), with no question asked about whether the result is
/// correct.
///
/// It exists as a baseline (what a tree-wide sed or a first semantic patch
/// does) and for forced conversions.  It is wrong exactly where kmapcheck's
/// proofs look: regions that need page faults or preemption disabled
/// (__copy_from_user_inatomic(), per-CPU data), nested kmap() mappings
/// released out of LIFO order, addresses stored in structures or handed to
/// other threads, maps and unmaps split across functions, mappings found
/// again with page_address().
///
/// kmap_atomic(), kmap_atomic_prot() and kmap_atomic_pfn() become
/// kmap_local_page(), kmap_local_page_prot() and kmap_local_pfn(), and every
/// kunmap_atomic() becomes kunmap_local(), everywhere, paired or not: both
/// take an address, so the result compiles even when map and unmap are in
/// different functions.
///
/// kunmap(page) takes the page, so each kunmap() needs the address the
/// file's kmap() of that page returned.  In the order the rules try:
///  1. a kmap() and the kunmap() calls of the same page expression that
///     follow it in the same function convert together: the unmap takes the
///     expression the result was assigned to (a variable or a field), or a
///     variable (kaddr, kaddr2, ...) declared at the top of the function
///     when the result was used without being stored.  Not when the unmap
///     would not see the variable (declared in an inner block) or one
///     kunmap() would need two different addresses;
///  2. a kunmap(E->pg) or kunmap(E->pg[i]) anywhere in the file, E a pointer
///     to the structure type whose field addr some function filled with
///     "E->addr = kmap(E->pg)" (or kmap(E->pg[i])): kunmap_local(E->addr).
///     Not when two fields take kmap()s of the same page field;
///  3. a kunmap() in a function pf of the file, when a function returns
///     kmap()'s result and a caller stores it and passes it to pf: the
///     parameter of pf in that argument position.  Not when callers pass it
///     in two different positions;
///  4. otherwise kunmap_local(page_address(page)), which is wrong for a
///     highmem page mapped locally (page_address() finds only kmap()
///     mappings): careless converters do write it.
/// Then every kmap() left (a bare "kmap(page);", a returned one, one whose
/// pair did not convert) becomes kmap_local_page().  Paths that return early
/// without an unmap are not checked (spatch's default path semantics).
/// A kmap() or kunmap() in a macro body is rewritten where spatch can parse
/// the body as an expression, like any other.
///
// Confidence: Low, on purpose.
// Options: --very-quiet; -D sites=FILE or KMAPCHECK_SITES=FILE restricts the
//   kmap() part to the same-function pairs (1.) of the listed calls, and
//   turns 2. to 4. and the conversion of the kmap() calls left off: they
//   need every kmap() of the file converted (the kmap_atomic() part is
//   always whole).
// Requires: spatch with Python scripting (tested with spatch 1.1.1).
//   The "#spatch --no-includes" line above keeps spatch from parsing, and
//   so from rewriting, the headers a file includes (the type metavariables
//   below would otherwise make it read them): a header is converted only
//   when spatch is given it, once.
// Usage: spatch --sp-file naive.cocci --dir . -j 2 --very-quiet > naive.diff

// BEGIN kmapcheck site selector: identical in every rule, see README.md.
// KMAPCHECK_SITES=FILE or -D sites=FILE (which wins) restricts the rule to
// the mapping calls listed in FILE; without either, every match converts.
// A line of FILE is PATH:LINE[:COLUMN] [WORD...]: the file as spatch is
// given it or absolute (both sides are compared as real paths resolved from
// spatch's working directory), the 1-based line and column of the mapping
// function's name, and words some rules read; "#" starts a comment.  A
// bad line stops spatch.  Listed sites the rule leaves alone, in files
// with a call it looks at, are reported as "SITE: warning: RULE left this
// site alone" on stderr.
@initialize:python@
@@
import os
import re
import sys
import coccinelle

# (real path, line) -> [(column or None, tags, text as written)]; None when
# no selector was given.
kmapcheck_sites = None
kmapcheck_files = set()
kmapcheck_maps = {}
kmapcheck_unmaps = {}
kmapcheck_holders = {}
kmapcheck_ok = {}
kmapcheck_done = set()
coccinelle.kmapcheck_state = ([], [])

def kmapcheck_load(name):
    global kmapcheck_sites
    sites = {}
    with open(name) as f:
        for n, text in enumerate(f, 1):
            words = text.split()
            for i, w in enumerate(words):
                if w.startswith("#"):
                    del words[i:]
                    break
            if not words:
                continue
            parts = words[0].split(":")
            if len(parts) >= 3 and parts[-1].isdigit() and parts[-2].isdigit():
                path, line, col = ":".join(parts[:-2]), int(parts[-2]), int(parts[-1])
            elif len(parts) >= 2 and parts[-1].isdigit():
                path, line, col = ":".join(parts[:-1]), int(parts[-1]), None
            else:
                raise ValueError("%s:%d: expected PATH:LINE[:COLUMN], got %r"
                                 % (name, n, words[0]))
            for w in words[1:]:
                if w.startswith("unmaps=") and not all(
                        re.match(r"^[0-9]+:[0-9]+$", x) for x in w[len("unmaps="):].split(",")):
                    raise ValueError("%s:%d: expected unmaps=LINE:COL[,LINE:COL...], got %r"
                                     % (name, n, w))
            key = (os.path.realpath(path), line)
            sites.setdefault(key, []).append((col, frozenset(words[1:]), words[0]))
    kmapcheck_sites = sites

def kmapcheck_key(p):
    # Coccinelle counts columns from 0, compilers and the sites file from 1.
    return (os.path.realpath(p[0].file), int(p[0].line), int(p[0].column) + 1)

def kmapcheck_entries(k):
    if kmapcheck_sites is None:
        return None
    return [e for e in kmapcheck_sites.get(k[:2], ())
            if e[0] is None or e[0] == k[2]]

def kmapcheck_selected(k):
    e = kmapcheck_entries(k)
    return e is None or len(e) > 0

def kmapcheck_tags(k):
    tags = set()
    for e in kmapcheck_entries(k) or ():
        tags |= e[1]
    return tags

def kmapcheck_export():
    coccinelle.kmapcheck_state = (
        sorted(kmapcheck_files),
        sorted("%d:%d:%s" % (k[1], k[2], k[0]) for k in kmapcheck_done))

def kmapcheck_seen(p):
    # Always false: only records that the file holds a mapping call, so that
    # the final report can name selected sites the rule left alone.
    if kmapcheck_sites is not None:
        kmapcheck_files.add(os.path.realpath(p[0].file))
        kmapcheck_export()
    return False

def kmapcheck_mark(k):
    kmapcheck_done.add(k)
    if kmapcheck_sites is not None:
        kmapcheck_export()

def kmapcheck_pair(p, q, holder=""):
    m, u = kmapcheck_key(p), kmapcheck_key(q)
    kmapcheck_maps.setdefault(m, set()).add(u)
    kmapcheck_unmaps.setdefault(u, set()).add(m)
    kmapcheck_holders.setdefault(u, set()).add(holder)

def kmapcheck_decide(m):
    # Maps that share an unmap convert together or not at all: a converted
    # unmap must never release a mapping that stayed as it was.
    if m not in kmapcheck_ok:
        maps, unmaps, todo = set([m]), set(), [m]
        while todo:
            for u in kmapcheck_maps.get(todo.pop(), ()):
                if u not in unmaps:
                    unmaps.add(u)
                    for m2 in kmapcheck_unmaps[u]:
                        if m2 not in maps:
                            maps.add(m2)
                            todo.append(m2)
        ok = all(kmapcheck_selected(x) for x in maps)
        ok = ok and all(len(kmapcheck_holders[u]) == 1 for u in unmaps)
        ok = ok and kmapcheck_check(maps, unmaps)
        for x in maps:
            kmapcheck_ok[x] = ok
    return kmapcheck_ok[m]

def kmapcheck_convert(p):
    m = kmapcheck_key(p)
    return m in kmapcheck_maps and kmapcheck_decide(m)

def kmapcheck_unmap(q):
    maps = kmapcheck_unmaps.get(kmapcheck_key(q))
    return bool(maps) and kmapcheck_decide(next(iter(maps)))

def kmapcheck_holder(q):
    return next(iter(kmapcheck_holders[kmapcheck_key(q)]))

def kmapcheck_check(maps, unmaps):
    return True

if os.environ.get("KMAPCHECK_SITES"):
    kmapcheck_load(os.environ["KMAPCHECK_SITES"])

@initialize:python@
kmapcheck_file << virtual.sites;
@@
kmapcheck_load(kmapcheck_file)

@finalize:python@
kmapcheck_states << merge.kmapcheck_state;
@@
if kmapcheck_sites is not None:
    files, done = set(), set()
    for st in kmapcheck_states:
        files.update(st[0])
        for d in st[1]:
            line, col, path = d.split(":", 2)
            done.add((path, int(line), int(col)))
    for (path, line), entries in sorted(kmapcheck_sites.items()):
        if path not in files:
            continue
        for col, tags, text in entries:
            if not any(d[0] == path and d[1] == line and col in (None, d[2])
                       for d in done):
                sys.stderr.write("%s: warning: %s left this site alone\n"
                                 % (text, kmapcheck_rule))
// END kmapcheck site selector

@initialize:python@
@@
import re

kmapcheck_rule = "naive"

def kmapcheck_local_name(f):
    return {"kmap_atomic": "kmap_local_page",
            "kmap_atomic_prot": "kmap_local_page_prot",
            "kmap_atomic_pfn": "kmap_local_pfn"}[f]
kmapcheck_named = {}      # map key -> ((real path, function), variable name)
kmapcheck_roomy = set()   # (real path, function) that can take a declaration
kmapcheck_outside = set() # map keys with an unmap outside the holder scope
kmapcheck_calls = {}      # call key -> unstored map keys in that call
kmapcheck_crowded = set() # unstored map keys sharing their call with another

def kmapcheck_in_scope(p, q):
    # Whether the unmap at q lies inside every block open at the map at p,
    # judged from the braces between them (comments and literals dropped):
    # kunmap_local(addr) there must still see addr.
    l0, c0 = int(p[0].line), int(p[0].column)
    l1, c1 = int(q[0].line), int(q[0].column)
    if (l1, c1) < (l0, c0):
        return False
    with open(p[0].file, errors="replace") as f:
        lines = f.readlines()[l0 - 1:l1]
    text = "".join(lines)
    text = text[c0:len(text) - len(lines[-1]) + c1]
    text = re.sub(r"/[*].*?[*]/|//[^\n]*", " ", text, flags=re.S)
    bs = chr(92)
    for mark in (chr(34), chr(39)):
        literal = mark + "([^" + mark + bs + bs + chr(10) + "]|" + bs + bs + ".)*" + mark
        text = re.sub(literal, " ", text)
    depth = 0
    for ch in text:
        if ch == chr(123):
            depth += 1
        elif ch == chr(125):
            depth -= 1
            if depth < 0:
                return False
    return True

def kmapcheck_unstored(p, q, s):
    # Names the variable for an address used unstored: kaddr, or kaddr2,
    # kaddr3, ... when the function already says that word or another
    # unstored site in it took the name.  Two such maps in one call would
    # need two new lines before the same statement: neither converts.
    m = kmapcheck_key(p)
    kmapcheck_calls.setdefault(kmapcheck_key(s), set()).add(m)
    if len(kmapcheck_calls[kmapcheck_key(s)]) > 1:
        kmapcheck_crowded.update(kmapcheck_calls[kmapcheck_key(s)])
    if m not in kmapcheck_named:
        owner = (m[0], p[0].current_element)
        first = int(p[0].current_element_line)
        last = int(p[0].current_element_line_end)
        with open(p[0].file, errors="replace") as f:
            body = "".join(f.readlines()[first - 1:last])
        taken = set(n for o, n in kmapcheck_named.values() if o == owner)
        n = 1
        while True:
            name = "kaddr" if n == 1 else "kaddr%d" % n
            if name not in taken and not re.search(r"\b%s\b" % name, body):
                break
            n += 1
        if not kmapcheck_selected(m):
            name = "(unselected %d:%d)" % m[1:]
        kmapcheck_named[m] = (owner, name)
    kmapcheck_pair(p, q, kmapcheck_named[m][1])

def kmapcheck_check(maps, unmaps):
    # An unstored map needs a function whose body starts with something the
    # declaration can go before; a stored one needs its variable in scope
    # at every unmap.
    if any(m in kmapcheck_outside or m in kmapcheck_crowded for m in maps):
        return False
    return all(kmapcheck_named[m][0] in kmapcheck_roomy
               for m in maps if m in kmapcheck_named)

def kmapcheck_convert_named(p):
    return kmapcheck_key(p) not in kmapcheck_named and kmapcheck_convert(p)

def kmapcheck_convert_unstored(p):
    return kmapcheck_key(p) in kmapcheck_named and kmapcheck_convert(p)

def kmapcheck_name(p):
    return kmapcheck_named[kmapcheck_key(p)][1]

def kmapcheck_introduced(p):
    # The variables introduced in the function p names, as the declarator
    # list of one "void *" declaration.  By now p names a rewritten copy of
    # the file in a temporary directory, so the function is recognised by
    # its name, the base name of the file, and the new names in its text: each
    # was chosen because the function did not say it before.
    first = int(p[0].current_element_line)
    last = int(p[0].current_element_line_end)
    with open(p[0].file, errors="replace") as f:
        body = "".join(f.readlines()[first - 1:last])
    base = os.path.basename(p[0].file)
    names = set()
    for m in kmapcheck_done:
        if m not in kmapcheck_named:
            continue
        (path, fn), name = kmapcheck_named[m]
        here = (base == os.path.basename(path) or
                base.endswith("-" + os.path.basename(path)))
        if (fn == p[0].current_element and here and
                re.search(r"\b%s = kmap_local_page\x28" % name, body)):
            names.add(name)
    return ", *".join(sorted(names))

@kmapcheck_seen@
expression list es;
position p : script:python() { kmapcheck_seen(p) };
@@
\(kmap@p\|kunmap@p\)(es)

// A map whose address is used once, in the call that contains it.
@unstored@
expression P, X, E;
expression list es1, es2;
identifier F;
type T;
position p, q, s;
@@
(
  F@s(es1, \( kmap@p(P) \| (T)kmap@p(P) \| kmap@p(P) + X \), es2);
|
  E = F@s(es1, \( kmap@p(P) \| (T)kmap@p(P) \| kmap@p(P) + X \), es2);
)
  ... when != P = E
      when != kmap(P)
  kunmap@q(P);

@script:python@
p << unstored.p;
q << unstored.q;
s << unstored.s;
@@
kmapcheck_unstored(p, q, s)

// Functions whose body opens with a plain declaration or a statement: an
// unstored address gets its variable declared first thing there.
@roomy depends on unstored@
identifier fn, x;
type T;
expression E;
statement S;
position p;
@@
fn@p(...)
{
\( S \| T x; \| T x = E; \)
  ... when any
}

@script:python@
p << roomy.p;
fn << roomy.fn;
@@
kmapcheck_roomy.add((os.path.realpath(p[0].file), fn))

// A kmap() whose address is stored anywhere and whose page is unmapped
// later in the function (on the paths spatch checks by default).
@pair@
expression A;
expression P, X, E;
identifier I;
type T, T1;
position p, q;
@@
(
  A = \( kmap@p(P) \| (T1)kmap@p(P) \| kmap@p(P) + X \| (T1)kmap@p(P) + X
      \| (T1)(kmap@p(P) + X) \);
  ... when != P = E
      when != kmap(P)
  kunmap@q(P);
|
  T I = \( kmap@p(P) \| (T1)kmap@p(P) \| kmap@p(P) + X \| (T1)kmap@p(P) + X
      \| (T1)(kmap@p(P) + X) \);
  ... when != P = E
      when != kmap(P)
  kunmap@q(P);
)

@script:python@
p << pair.p;
q << pair.q;
a << pair.A = "";
i << pair.I = "";
@@
kmapcheck_pair(p, q, a or i)
if not kmapcheck_in_scope(p, q):
    kmapcheck_outside.add(kmapcheck_key(p))

// The pairing patterns again, now rewriting both ends in one match: a map
// and its unmaps change together or not at all.  A cast is rewritten with
// the call, or the result would read "(T) kmap_local_page(...)".
@convert@
expression A;
expression P, X, E;
expression list es1, es2;
identifier F, I;
type T, T1;
position p : script:python() { kmapcheck_convert_named(p) };
position p2 : script:python() { kmapcheck_convert_unstored(p2) };
fresh identifier K = script:python(p2) { kmapcheck_name(p2) };
@@
(
  A =
(
- (T1)kmap@p(P)
+ (T1)kmap_local_page(P)
|
- (T1)kmap@p(P)
+ (T1)kmap_local_page(P)
  + X
|
- kmap@p
+ kmap_local_page
  (P)
|
- kmap@p
+ kmap_local_page
  (P) + X
|
  (T1)(
- kmap@p
+ kmap_local_page
  (P) + X)
)
  ;
  ... when != P = E
      when != kmap(P)
- kunmap(P);
+ kunmap_local(A);
|
  T I =
(
- (T1)kmap@p(P)
+ (T1)kmap_local_page(P)
|
- (T1)kmap@p(P)
+ (T1)kmap_local_page(P)
  + X
|
- kmap@p
+ kmap_local_page
  (P)
|
- kmap@p
+ kmap_local_page
  (P) + X
|
  (T1)(
- kmap@p
+ kmap_local_page
  (P) + X)
)
  ;
  ... when != P = E
      when != kmap(P)
- kunmap(P);
+ kunmap_local(I);
|
+ K = kmap_local_page(P);
  F(es1,
(
- (T1)kmap@p2(P)
+ (T1)K
|
- kmap@p2(P)
+ K
|
- kmap@p2(P)
+ K
  + X
)
  , es2);
  ... when != P = E
      when != kmap(P)
- kunmap(P);
+ kunmap_local(K);
|
+ K = kmap_local_page(P);
  E = F(es1,
(
- (T1)kmap@p2(P)
+ (T1)K
|
- kmap@p2(P)
+ K
|
- kmap@p2(P)
+ K
  + X
)
  , es2);
  ... when != P = E
      when != kmap(P)
- kunmap(P);
+ kunmap_local(K);
)

@script:python@
p << convert.p;
@@
kmapcheck_mark(kmapcheck_key(p))

@script:python@
p << convert.p2;
@@
kmapcheck_mark(kmapcheck_key(p))

// One declaration per function, naming every variable introduced there.
@declare depends on convert@
identifier fn, x;
type T;
expression E;
statement S;
position p : script:python() { kmapcheck_introduced(p) != "" };
fresh identifier K = script:python(p) { kmapcheck_introduced(p) };
@@
fn@p(...)
{
(
+ void *K;
+
  S
|
+ void *K;
  T x;
|
+ void *K;
  T x = E;
)
  ... when any
}

// ---- Beyond one function: what is left once the pairs have converted. ----
// A careless converter still turns every kmap() into kmap_local_page(), so
// every kunmap(page) left needs an address from somewhere: the structure
// field the file's kmap() results go to, the parameter the callers of the
// unmapping function pass the address in, and page_address(page) when
// nothing else is in sight.  These rules need the whole file: they run
// only without a site selector.

@initialize:python@
@@
kmapcheck_cur_file = None
kmapcheck_fields = {}   # (struct type, page field) -> address fields
kmapcheck_params = {}   # unmapping function -> argument positions of the address

def kmapcheck_file_start(p):
    # Always false: the first rule that sees a mapping call in a file
    # forgets what the previous file said about fields and parameters.
    global kmapcheck_cur_file
    f = os.path.realpath(p[0].file)
    if f != kmapcheck_cur_file:
        kmapcheck_cur_file = f
        kmapcheck_fields.clear()
        kmapcheck_params.clear()
    return False

def kmapcheck_whole(p):
    return kmapcheck_sites is None

@file_start@
expression list es;
position p : script:python() { kmapcheck_file_start(p) };
@@
\(kmap@p\|kunmap@p\)(es)

// Only a file with a kunmap() left needs to know where addresses are kept.
@unmapped@
expression P;
@@
kunmap(P)

// An address kept in a field of the structure that holds the page (or the
// array of pages), in any function of the file: by kmap(), or by the
// kmap_local_page() a pair above became.  First the call, untyped ...
@addr_cand depends on unmapped@
expression E, I;
identifier fp;
position p : script:python() { kmapcheck_whole(p) };
@@
\(kmap@p\|kmap_local_page@p\)(\(E->fp\|E->fp[I]\))

// ... then the same call as what a field of the structure is set to, with
// the structure type (typed matching everywhere costs several times more).
@addr_field@
type T, T1;
T *E;
identifier addr_cand.fp, fa;
expression X, I;
position addr_cand.p;
@@
(
  E->fa = \(kmap@p\|kmap_local_page@p\)(E->fp)
|
  E->fa = \(kmap@p\|kmap_local_page@p\)(E->fp) + X
|
  E->fa = (T1)\(kmap@p\|kmap_local_page@p\)(E->fp)
|
  E->fa = \(kmap@p\|kmap_local_page@p\)(E->fp[I])
|
  E->fa = \(kmap@p\|kmap_local_page@p\)(E->fp[I]) + X
|
  E->fa = (T1)\(kmap@p\|kmap_local_page@p\)(E->fp[I])
)

@script:python@
t << addr_field.T;
fa << addr_field.fa;
fp << addr_cand.fp;
@@
kmapcheck_fields.setdefault((t, fp), set()).add(fa)

// Two address fields for one page field: no single kunmap_local() fits.
@script:python@
t << addr_field.T;
fp << addr_cand.fp;
@@
if len(kmapcheck_fields[(t, fp)]) != 1:
    cocci.include_match(False)

// kunmap() of that page, through any pointer to the same structure type,
// anywhere in the file: the field holds the address.
@unmap_field@
type addr_field.T;
T *E;
identifier addr_field.fa, addr_cand.fp;
expression I;
@@
(
- kunmap(E->fp)
+ kunmap_local(E->fa)
|
- kunmap(E->fp[I])
+ kunmap_local(E->fa)
)

// A function that returns what kmap() returned ...
@addr_getter@
identifier gf;
expression P, X;
type T;
position p : script:python() { kmapcheck_whole(p) };
@@
gf(...)
{
  ... when any
  return \( kmap@p(P) \| (T)kmap@p(P) \| kmap@p(P) + X \);
}

// ... whose result a caller passes on to another function of the file.
@addr_passed@
identifier addr_getter.gf, pf, v;
expression A;
expression list[n] es1;
expression list es, es2;
type T;
@@
(
  A = gf(es);
  ... when any
  pf(es1, A, es2);
|
  T v = gf(es);
  ... when any
  pf(es1, v, es2);
)

@script:python@
pf << addr_passed.pf;
n << addr_passed.n;
@@
kmapcheck_params.setdefault(pf, set()).add(n)

// Callers that pass the address in two different places: no single
// parameter holds it.
@script:python@
pf << addr_passed.pf;
@@
if len(kmapcheck_params[pf]) != 1:
    cocci.include_match(False)

// kunmap() in that function releases the parameter the address came in.
@unmap_param@
identifier addr_passed.pf, w;
parameter list[addr_passed.n] ps1;
parameter list ps2;
type T;
expression P;
@@
pf(ps1, T w, ps2)
{
  <...
- kunmap(P)
+ kunmap_local(w)
  ...>
}

// The last resort for an unmap with no address in sight.  Wrong for a
// highmem page (page_address() finds only kmap() mappings), which is the
// kind of mistake this rule is here to make.
@unmap_rest@
expression P;
position q : script:python() { kmapcheck_whole(q) };
@@
- kunmap@q(P)
+ kunmap_local(page_address(P))

// And every kmap() left: the bare "kmap(page);", the returned one, the one
// whose pair could not convert.
@map_rest@
expression list es;
type T;
position p : script:python() { kmapcheck_whole(p) };
@@
(
- (T)kmap@p(es)
+ (T)kmap_local_page(es)
|
- kmap@p
+ kmap_local_page
  (es)
)

// Every kmap_atomic() family call, paired or not.  A cast is rewritten with
// the call, or the result would read "(T) kmap_local_page(...)".
@atomic@
expression list es;
type T;
@@
(
- (T)kmap_atomic(es)
+ (T)kmap_local_page(es)
|
- (T)kmap_atomic_prot(es)
+ (T)kmap_local_page_prot(es)
|
- (T)kmap_atomic_pfn(es)
+ (T)kmap_local_pfn(es)
|
- kmap_atomic
+ kmap_local_page
  (es)
|
- kmap_atomic_prot
+ kmap_local_page_prot
  (es)
|
- kmap_atomic_pfn
+ kmap_local_pfn
  (es)
|
- kunmap_atomic
+ kunmap_local
  (es)
)
