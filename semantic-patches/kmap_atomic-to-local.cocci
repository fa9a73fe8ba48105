// SPDX-License-Identifier: GPL-2.0-only
/// Convert kmap_atomic() mappings to kmap_local_page().
///
/// kmap_atomic(page), kmap_atomic_prot(page, prot) and kmap_atomic_pfn(pfn)
/// become kmap_local_page(page), kmap_local_page_prot(page, prot) and
/// kmap_local_pfn(pfn), and each kunmap_atomic(addr) that releases such a
/// mapping becomes kunmap_local(addr).  A mapping is converted only when,
/// in the same function, every path from the map reaches a kunmap_atomic()
/// of the variable (or field) that holds the address, and that variable is
/// not assigned again in between; a map whose unmap is elsewhere, or is
/// reached on some paths only, is left alone, and so is its unmap.
///
/// With a sites file, a map may carry the word unmaps=LINE:COL[,LINE:COL...]:
/// the kunmap_atomic() calls that release it, as a proof found them (in the
/// same file, possibly in another function: a getter that returns the
/// address and a putter that releases it).  Such a map needs no path of the
/// rule's own: it converts with exactly those unmaps, when every one of them
/// is a kunmap_atomic() call at that position and every map they release is
/// selected with its own unmaps= word; otherwise nothing of it changes.
///
/// kmap_atomic() also disables page faults and preemption;
/// kmap_local_page() does neither.  This rule does not look at the code
/// between map and unmap: where that code relies on either (copies from
/// user space with *_inatomic(), per-CPU data, ...), use
/// kmap_atomic-to-local-disable.cocci instead.
///
// Confidence: High that the result compiles and releases every mapping it
//   converts; whether the region needed atomic context is not checked.
// URL: https://www.kernel.org/doc/html/latest/mm/highmem.html
// Options: --very-quiet
//   -D sites=FILE or the environment variable KMAPCHECK_SITES=FILE converts
//   only the mapping calls listed in FILE (see README.md).
// Requires: spatch with Python scripting (tested with spatch 1.1.1).
// Usage: spatch --sp-file kmap_atomic-to-local.cocci --dir drivers/foo
//   spatch --sp-file kmap_atomic-to-local.cocci --in-place fs/foo/bar.c

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

// BEGIN kmapcheck proven pairs: identical in every rule that reads unmaps=,
// see README.md.  The word unmaps=LINE:COL[,...] on a map names the
// kunmap_atomic() calls that release it, in the same file.  Such a map is
// paired with exactly those, and converts only when it and they are all
// found where the file says.
@initialize:python@
@@
kmapcheck_given = {}
kmapcheck_found = set()
kmapcheck_lines = {}

def kmapcheck_given_unmaps(m):
    for t in kmapcheck_tags(m):
        if t.startswith("unmaps="):
            return set((m[0],) + tuple(int(x) for x in w.split(":"))
                       for w in t[len("unmaps="):].split(","))
    return None

def kmapcheck_note_map(p, eligible):
    # Always false: records the map, and pairs one with the word, selected and
    # eligible(map, unmaps) for the rewrite of the rule, with the unmaps it names.
    m = kmapcheck_key(p)
    kmapcheck_found.add(m)
    us = kmapcheck_given_unmaps(m)
    if us and m not in kmapcheck_given and kmapcheck_selected(m) and eligible(m, us):
        kmapcheck_given[m] = us
        for u in us:
            kmapcheck_maps.setdefault(m, set()).add(u)
            kmapcheck_unmaps.setdefault(u, set()).add(m)
            kmapcheck_holders.setdefault(u, set()).add("")
    return False

def kmapcheck_note_unmap(q):
    kmapcheck_found.add(kmapcheck_key(q))
    return False

def kmapcheck_given_whole(maps, unmaps):
    # Maps that share unmaps with a given map are all given and all found: no
    # unmap the proof named may stay kunmap_atomic() while its map converts.
    if not any(m in kmapcheck_given for m in maps):
        return True
    return (all(m in kmapcheck_given and m in kmapcheck_found for m in maps)
            and all(u in kmapcheck_found for u in unmaps))

def kmapcheck_tight_cast(k):
    # Is the call at key k cast with no space, "(T)kmap_atomic(...)"?  Rewriting
    # its name alone would print "(T) kmap_local_page(...)".
    path, line, col = k[0], k[1], k[2] - 1
    if path not in kmapcheck_lines:
        try:
            with open(path) as f:
                kmapcheck_lines[path] = f.read().split("\n")
        except OSError:
            kmapcheck_lines[path] = []
    lines = kmapcheck_lines[path]
    return 0 < line <= len(lines) and 0 < col <= len(lines[line - 1]) and lines[line - 1][col - 1] == ")"
// END kmapcheck proven pairs

@initialize:python@
@@
kmapcheck_rule = "kmap_atomic-to-local"

def kmapcheck_local_name(f):
    return {"kmap_atomic": "kmap_local_page",
            "kmap_atomic_prot": "kmap_local_page_prot",
            "kmap_atomic_pfn": "kmap_local_pfn"}[f]

@kmapcheck_seen@
expression list es;
position p : script:python() { kmapcheck_seen(p) };
@@
\(kmap_atomic@p\|kmap_atomic_prot@p\|kmap_atomic_pfn@p\)(es)

// Maps whose unmaps the sites file gives (unmaps=...): every map qualifies
// (convert_given rewrites a call wherever it is), and a given pair converts
// only when all its calls are where the file says.
@initialize:python@
@@
def kmapcheck_any(m, us):
    return True

def kmapcheck_check(maps, unmaps):
    return kmapcheck_given_whole(maps, unmaps)

def kmapcheck_given_call(p):
    k = kmapcheck_key(p)
    if k in kmapcheck_given:
        return kmapcheck_convert(p)
    maps = kmapcheck_unmaps.get(k, ())
    return (any(m in kmapcheck_given for m in maps)
            and all(kmapcheck_decide(m) for m in maps))

@given_map@
identifier f = {kmap_atomic, kmap_atomic_prot, kmap_atomic_pfn};
expression list es;
position p : script:python() { kmapcheck_note_map(p, kmapcheck_any) };
@@
f@p(es)

@given_unmap@
expression E;
position q : script:python() { kmapcheck_note_unmap(q) };
@@
kunmap_atomic@q(E)

// Pair each map with the unmaps that release it.  The holder may be any
// lvalue: a kmap_atomic() address is confined to its thread already.
@pair@
identifier f = {kmap_atomic, kmap_atomic_prot, kmap_atomic_pfn};
expression list es;
expression A, X, E;
identifier I;
type T, T1, T2, T3;
position p, q;
@@
(
  A = \( f@p(es) \| (T1)f@p(es) \| f@p(es) + X \| (T1)f@p(es) + X
      \| (T1)(f@p(es) + X) \);
  ... when != A = E
      when strict
  kunmap_atomic@q(\(A\|(T2)A\|(T2)(T3)A\|A - X\));
|
  T I = \( f@p(es) \| (T1)f@p(es) \| f@p(es) + X \| (T1)f@p(es) + X
      \| (T1)(f@p(es) + X) \);
  ... when != I = E
      when strict
  kunmap_atomic@q(\(I\|(T2)I\|(T2)(T3)I\|I - X\));
)

@script:python@
p << pair.p;
q << pair.q;
@@
if kmapcheck_key(p) not in kmapcheck_given:
    kmapcheck_pair(p, q)

// The maps the sites file gives unmaps for: the map call and exactly those
// unmaps, wherever they are.  One rule for both ends, and before the rule's
// own conversion (but after its pairs are known, for the closure): a function
// that a rule changed is parsed again, and the positions the sites file gives
// no longer name anything in it.
@convert_given@
expression list es;
expression E;
type T;
position p : script:python() { kmapcheck_given_call(p) and kmapcheck_tight_cast(kmapcheck_key(p)) };
position p2 : script:python() { kmapcheck_given_call(p2) and not kmapcheck_tight_cast(kmapcheck_key(p2)) };
@@
(
- (T)kmap_atomic@p(es)
+ (T)kmap_local_page(es)
|
- (T)kmap_atomic_prot@p(es)
+ (T)kmap_local_page_prot(es)
|
- (T)kmap_atomic_pfn@p(es)
+ (T)kmap_local_pfn(es)
|
- kmap_atomic@p2
+ kmap_local_page
  (es)
|
- kmap_atomic_prot@p2
+ kmap_local_page_prot
  (es)
|
- kmap_atomic_pfn@p2
+ kmap_local_pfn
  (es)
|
- kunmap_atomic@p2
+ kunmap_local
  (E)
)


@script:python@
p << convert_given.p;
@@
if kmapcheck_key(p) in kmapcheck_given:
    kmapcheck_mark(kmapcheck_key(p))

@script:python@
p << convert_given.p2;
@@
if kmapcheck_key(p) in kmapcheck_given:
    kmapcheck_mark(kmapcheck_key(p))

// The same pattern again, now rewriting both ends in one match: a map and
// its unmaps change together or not at all.  A cast is rewritten with the
// call, or the result would read "(T) kmap_local_page(...)".
@convert depends on pair@
identifier f = {kmap_atomic, kmap_atomic_prot, kmap_atomic_pfn};
fresh identifier g = script:python(f) { kmapcheck_local_name(f) };
expression list es;
expression A, X, E;
identifier I;
type T, T1, T2, T3;
position p : script:python() { kmapcheck_key(p) not in kmapcheck_given and kmapcheck_convert(p) };
@@
(
  A =
(
- (T1)f@p(es)
+ (T1)g(es)
|
- (T1)f@p(es)
+ (T1)g(es)
  + X
|
- f@p
+ g
  (es)
|
- f@p
+ g
  (es) + X
|
  (T1)(
- f@p
+ g
  (es) + X)
)
  ;
  ... when != A = E
      when strict
- kunmap_atomic
+ kunmap_local
  (\(A\|(T2)A\|(T2)(T3)A\|A - X\));
|
  T I =
(
- (T1)f@p(es)
+ (T1)g(es)
|
- (T1)f@p(es)
+ (T1)g(es)
  + X
|
- f@p
+ g
  (es)
|
- f@p
+ g
  (es) + X
|
  (T1)(
- f@p
+ g
  (es) + X)
)
  ;
  ... when != I = E
      when strict
- kunmap_atomic
+ kunmap_local
  (\(I\|(T2)I\|(T2)(T3)I\|I - X\));
)

@script:python@
p << convert.p;
@@
kmapcheck_mark(kmapcheck_key(p))
