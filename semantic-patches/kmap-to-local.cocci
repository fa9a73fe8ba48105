// SPDX-License-Identifier: GPL-2.0-only
/// Convert kmap()/kunmap() pairs to kmap_local_page()/kunmap_local().
///
/// kunmap() takes the page, kunmap_local() takes the address: every
/// kunmap(page) that releases a converted mapping becomes
/// kunmap_local(addr), addr being the local variable that holds what kmap()
/// returned.  Where kmap()'s result is used without being stored, as in
///	memcpy(kmap(page) + off, src, len);
///	kunmap(page);
/// the rule declares a variable (kaddr, or kaddr2, ... if taken) at the top
/// of the function and maps into it on the line before.
///
/// A bare kmap(page); whose very next statement stores page_address(page)
/// into a local pointer, as in
///	kmap(page);
///	base = (char *)page_address(page);
/// becomes that statement with kmap_local_page(page) in place of
/// page_address(page) (casts kept), the kmap(page); line removed.
///
/// A mapping is converted only when, in one function, every path from the
/// map reaches a kunmap() of the same page expression, and in between the
/// address variable is not reassigned, incremented or address-taken, the
/// page expression is not reassigned, and page_address() of the page is not
/// used (it sees kmap()'s mapping, never kmap_local_page()'s), other than
/// in the statement right after a bare kmap(page);.  Everything else is left
/// alone, unmaps included: kmap() whose kunmap() is in another function,
/// addresses kept in structures or globals, other bare kmap(page);
/// statements (page_address(page) + off, or not on the next line), maps or
/// unmaps on some paths only.
///
/// kmap() addresses are valid in every thread; kmap_local_page() addresses
/// only in the mapping thread, and nested local mappings must be released
/// in reverse order.  This rule does not check either: it is safe only
/// where the address stays in the thread and unmaps are LIFO (kmapcheck
/// proves that per site and passes the proven ones with -D sites=FILE).
///
// Confidence: Moderate.  The shape is checked strictly, but thread
//   locality and unmap order are not (see above).
// URL: https://www.kernel.org/doc/html/latest/mm/highmem.html
// Options: --very-quiet
//   -D sites=FILE or the environment variable KMAPCHECK_SITES=FILE converts
//   only the kmap() calls listed in FILE (see README.md).
// Requires: spatch with Python scripting (tested with spatch 1.1.1).
// Usage: spatch --sp-file kmap-to-local.cocci --dir fs/foo
//   spatch --sp-file kmap-to-local.cocci --in-place fs/foo/bar.c

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

kmapcheck_rule = "kmap-to-local"
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

// A map whose address is kept in a local variable that nothing reassigns,
// and whose page every path unmaps, with no page_address() of the page in
// between (that would only see kmap()'s mapping).
@pair@
local idexpression A;
expression P, X, E;
identifier I;
type T, T1;
position p, q;
@@
(
  A = \( kmap@p(P) \| (T1)kmap@p(P) \| kmap@p(P) + X \| (T1)kmap@p(P) + X
      \| (T1)(kmap@p(P) + X) \);
  ... when != A = E
      when != A += E
      when != A -= E
      when != A++
      when != ++A
      when != A--
      when != --A
      when != &A
      when != P = E
      when != page_address(P)
      when != kmap(P)
      when strict
  kunmap@q(P);
|
  T I = \( kmap@p(P) \| (T1)kmap@p(P) \| kmap@p(P) + X \| (T1)kmap@p(P) + X
      \| (T1)(kmap@p(P) + X) \);
  ... when != I = E
      when != I += E
      when != I -= E
      when != I++
      when != ++I
      when != I--
      when != --I
      when != &I
      when != P = E
      when != page_address(P)
      when != kmap(P)
      when strict
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

// A bare kmap() whose next statement reads the address back with
// page_address() into a local variable: that statement becomes the map.
@pa_pair@
local idexpression A;
expression P, E;
identifier I;
type T, T1;
position p, q;
@@
(
  kmap@p(P);
  A = \( page_address(P) \| (T1)page_address(P) \);
  ... when != A = E
      when != A += E
      when != A -= E
      when != A++
      when != ++A
      when != A--
      when != --A
      when != &A
      when != P = E
      when != page_address(P)
      when != kmap(P)
      when strict
  kunmap@q(P);
|
  kmap@p(P);
  T I = \( page_address(P) \| (T1)page_address(P) \);
  ... when != I = E
      when != I += E
      when != I -= E
      when != I++
      when != ++I
      when != I--
      when != --I
      when != &I
      when != P = E
      when != page_address(P)
      when != kmap(P)
      when strict
  kunmap@q(P);
)

@script:python@
p << pa_pair.p;
q << pa_pair.q;
a << pa_pair.A = "";
i << pa_pair.I = "";
@@
kmapcheck_pair(p, q, a or i)
if not kmapcheck_in_scope(p, q):
    kmapcheck_outside.add(kmapcheck_key(p))

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
      when != page_address(P)
      when != kmap(P)
      when strict
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

// The pairing patterns again, now rewriting both ends in one match: a map
// and its unmaps change together or not at all (for a bare kmap(), the
// kmap() statement, the page_address() after it and the unmaps).  A cast is rewritten with
// the call, or the result would read "(T) kmap_local_page(...)".
@convert@
local idexpression A;
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
  ... when != A = E
      when != A += E
      when != A -= E
      when != A++
      when != ++A
      when != A--
      when != --A
      when != &A
      when != P = E
      when != page_address(P)
      when != kmap(P)
      when strict
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
  ... when != I = E
      when != I += E
      when != I -= E
      when != I++
      when != ++I
      when != I--
      when != --I
      when != &I
      when != P = E
      when != page_address(P)
      when != kmap(P)
      when strict
- kunmap(P);
+ kunmap_local(I);
|
- kmap@p(P);
  A =
(
- page_address
+ kmap_local_page
  (P)
|
- (T1)page_address(P)
+ (T1)kmap_local_page(P)
)
  ;
  ... when != A = E
      when != A += E
      when != A -= E
      when != A++
      when != ++A
      when != A--
      when != --A
      when != &A
      when != P = E
      when != page_address(P)
      when != kmap(P)
      when strict
- kunmap(P);
+ kunmap_local(A);
|
- kmap@p(P);
  T I =
(
- page_address
+ kmap_local_page
  (P)
|
- (T1)page_address(P)
+ (T1)kmap_local_page(P)
)
  ;
  ... when != I = E
      when != I += E
      when != I -= E
      when != I++
      when != ++I
      when != I--
      when != --I
      when != &I
      when != P = E
      when != page_address(P)
      when != kmap(P)
      when strict
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
      when != page_address(P)
      when != kmap(P)
      when strict
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
      when != page_address(P)
      when != kmap(P)
      when strict
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
