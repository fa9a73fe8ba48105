// SPDX-License-Identifier: GPL-2.0-only
/// Replace the mapping of a page that is never in highmem by page_address(),
/// and drop its unmaps.
///
/// A page allocated without __GFP_HIGHMEM (GFP_KERNEL, GFP_NOFS, ...) always
/// has a permanent kernel address, so kmap(page), kmap_atomic(page) and
/// kmap_local_page(page) can become page_address(page), and their kunmap(),
/// kunmap_atomic() and kunmap_local() calls go away.  kmap() is paired with
/// kunmap() of the same page expression; its result may be stored anywhere,
/// used unstored (memcpy(kmap(page), ...)) or ignored (a bare kmap(page);
/// statement, which is then removed).  kmap_atomic() and kmap_local_page()
/// are paired through the variable or field that holds the address.  As in
/// the other rules, a map is converted only when every path from it in the
/// same function reaches a matching unmap; maps and unmaps split across
/// functions are left alone.
///
/// This rule cannot know that a page is lowmem: that is a fact about where
/// the page was allocated, which kmapcheck proves per site (the "lowmem"
/// verdict) before selecting it with -D sites=FILE.  Run on a whole tree
/// without a selector it is wrong for every highmem page.  It also drops
/// the preempt and page fault disabling of kmap_atomic(); only use it on
/// regions that do not rely on them.  An unmap that was the only statement
/// of an if branch leaves "{}" behind; one that was the last statement after
/// a label leaves the label at the end of the block, which gcc before 11
/// rejects.
///
// Confidence: Low without a selector (see above); high for sites proven
//   lowmem and free of atomic-context dependence.
// URL: https://www.kernel.org/doc/html/latest/mm/highmem.html
// Options: --very-quiet
//   -D sites=FILE or KMAPCHECK_SITES=FILE converts only the mapping calls
//   listed in FILE (see README.md).
// Requires: spatch with Python scripting (tested with spatch 1.1.1).
// Usage: KMAPCHECK_SITES=lowmem.txt spatch --sp-file lowmem-to-page-address.cocci \
//          --in-place fs/foo/bar.c

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
kmapcheck_rule = "lowmem-to-page-address"

@kmapcheck_seen@
expression list es;
position p : script:python() { kmapcheck_seen(p) };
@@
\(kmap@p\|kmap_atomic@p\|kmap_local_page@p\)(es)

@pair@
identifier f = {kmap_atomic, kmap_local_page};
expression A, P, X, E, E2;
expression list es1, es2;
identifier F, I;
type T, T1, T2, T3;
position p, q;
@@
(
  A = \( kmap@p(P) \| (T1)kmap@p(P) \| kmap@p(P) + X \| (T1)kmap@p(P) + X
      \| (T1)(kmap@p(P) + X) \);
  ... when != P = E
      when != kmap(P)
      when strict
  kunmap@q(P);
|
  T I = \( kmap@p(P) \| (T1)kmap@p(P) \| kmap@p(P) + X \| (T1)kmap@p(P) + X
      \| (T1)(kmap@p(P) + X) \);
  ... when != P = E
      when != kmap(P)
      when strict
  kunmap@q(P);
|
  F(es1, \( kmap@p(P) \| (T1)kmap@p(P) \| kmap@p(P) + X \), es2);
  ... when != P = E
      when != kmap(P)
      when strict
  kunmap@q(P);
|
  E2 = F(es1, \( kmap@p(P) \| (T1)kmap@p(P) \| kmap@p(P) + X \), es2);
  ... when != P = E
      when != kmap(P)
      when strict
  kunmap@q(P);
|
  kmap@p(P);
  ... when != P = E
      when != kmap(P)
      when strict
  kunmap@q(P);
|
  A = \( f@p(P) \| (T1)f@p(P) \| f@p(P) + X \| (T1)f@p(P) + X
      \| (T1)(f@p(P) + X) \);
  ... when != A = E
      when strict
  \(kunmap_atomic@q\|kunmap_local@q\)(\(A\|(T2)A\|(T2)(T3)A\|A - X\));
|
  T I = \( f@p(P) \| (T1)f@p(P) \| f@p(P) + X \| (T1)f@p(P) + X
      \| (T1)(f@p(P) + X) \);
  ... when != I = E
      when strict
  \(kunmap_atomic@q\|kunmap_local@q\)(\(I\|(T2)I\|(T2)(T3)I\|I - X\));
)

@script:python@
p << pair.p;
q << pair.q;
@@
kmapcheck_pair(p, q)

// The pairing patterns again, rewriting the map and dropping its unmaps in
// one match, so that they change together or not at all.  A cast is
// rewritten with the call, or the result would read "(T) page_address(...)".
@convert@
identifier f = {kmap_atomic, kmap_local_page};
expression A, P, X, E, E2;
expression list es1, es2;
identifier F, I;
type T, T1, T2, T3;
position p : script:python() { kmapcheck_convert(p) };
@@
(
  A = 
(
- (T1)kmap@p(P)
+ (T1)page_address(P)
|
- (T1)kmap@p(P)
+ (T1)page_address(P)
  + X
|
- kmap@p
+ page_address
  (P)
|
- kmap@p
+ page_address
  (P) + X
|
  (T1)(
- kmap@p
+ page_address
  (P) + X)
)
 ;
  ... when != P = E
      when != kmap(P)
      when strict
- kunmap(P);
|
  T I = 
(
- (T1)kmap@p(P)
+ (T1)page_address(P)
|
- (T1)kmap@p(P)
+ (T1)page_address(P)
  + X
|
- kmap@p
+ page_address
  (P)
|
- kmap@p
+ page_address
  (P) + X
|
  (T1)(
- kmap@p
+ page_address
  (P) + X)
)
 ;
  ... when != P = E
      when != kmap(P)
      when strict
- kunmap(P);
|
  F(es1, 
(
- (T1)kmap@p(P)
+ (T1)page_address(P)
|
- kmap@p
+ page_address
  (P)
|
- kmap@p
+ page_address
  (P) + X
)
 , es2);
  ... when != P = E
      when != kmap(P)
      when strict
- kunmap(P);
|
  E2 = F(es1, 
(
- (T1)kmap@p(P)
+ (T1)page_address(P)
|
- kmap@p
+ page_address
  (P)
|
- kmap@p
+ page_address
  (P) + X
)
 , es2);
  ... when != P = E
      when != kmap(P)
      when strict
- kunmap(P);
|
- kmap@p(P);
  ... when != P = E
      when != kmap(P)
      when strict
- kunmap(P);
|
  A = 
(
- (T1)f@p(P)
+ (T1)page_address(P)
|
- (T1)f@p(P)
+ (T1)page_address(P)
  + X
|
- f@p
+ page_address
  (P)
|
- f@p
+ page_address
  (P) + X
|
  (T1)(
- f@p
+ page_address
  (P) + X)
)
 ;
  ... when != A = E
      when strict
- \(kunmap_atomic\|kunmap_local\)(\(A\|(T2)A\|(T2)(T3)A\|A - X\));
|
  T I = 
(
- (T1)f@p(P)
+ (T1)page_address(P)
|
- (T1)f@p(P)
+ (T1)page_address(P)
  + X
|
- f@p
+ page_address
  (P)
|
- f@p
+ page_address
  (P) + X
|
  (T1)(
- f@p
+ page_address
  (P) + X)
)
 ;
  ... when != I = E
      when strict
- \(kunmap_atomic\|kunmap_local\)(\(I\|(T2)I\|(T2)(T3)I\|I - X\));
)

@script:python@
p << convert.p;
@@
kmapcheck_mark(kmapcheck_key(p))
