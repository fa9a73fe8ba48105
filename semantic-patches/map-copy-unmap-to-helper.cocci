// SPDX-License-Identifier: GPL-2.0-only
/// Replace a map/copy/unmap sequence with the helper that does exactly that:
///
///	addr = kmap_atomic(page);		memcpy_to_page(page, off, src, len);
///	memcpy(addr + off, src, len);	->
///	kunmap_atomic(addr);
///
/// and likewise memcpy(dst, addr + off, len) -> memcpy_from_page(),
/// memset(addr + off, 0, len) -> memzero_page(), and two maps around
/// memcpy(d + doff, s + soff, len) -> memcpy_page().  The map may be
/// kmap_atomic(), kmap_local_page() or kmap() (unmapped by address, or by
/// page for kmap()), in an assignment or a declaration; a missing offset
/// becomes 0; a flush_dcache_page(page) between the copy and the unmap goes,
/// since memcpy_to_page() and memzero_page() flush themselves.
///
/// The sequence must be exactly that: three (or, for memcpy_page(), five)
/// consecutive statements, with no comment among them (it would be lost),
/// nor, when it starts with the declaration of the address, on the line
/// above (it would go with the declaration).  The address variable must
/// be a local of type void *, char *, u8 * or unsigned char * (so that
/// "+ off" counts bytes), declared once in the function and mentioned
/// nowhere else in it except in such sequences.  A declaration left unused
/// afterwards is removed, in whichever block it is (a loop body too) and
/// alone or among other declarators; so it must have no initialiser or a
/// constant one, and a sequence that declares the address must be the
/// only one using it.  Source and destination buffers must be known to be
/// void, char, u8 or unsigned char pointers, since the helpers take char *.
///
/// The helpers map with kmap_local_page() inside, so the result is correct
/// whatever the original map was: the address never leaves the helper.  A
/// kmap_atomic() sequence loses its implicit preempt and page fault
/// disabling, which a memcpy()/memset() between kernel buffers never
/// needed.  With CONFIG_DEBUG_VM the helpers also check off + len <=
/// PAGE_SIZE.
///
// Confidence: High
// URL: https://www.kernel.org/doc/html/latest/mm/highmem.html
// Options: --very-quiet
//   -D sites=FILE or KMAPCHECK_SITES=FILE converts only the sequences whose
//   map call (the first map, for memcpy_page()) is listed in FILE (see
//   README.md).
// Requires: spatch with Python scripting (tested with spatch 1.1.1).
// Usage: spatch --sp-file map-copy-unmap-to-helper.cocci --dir fs/foo

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

kmapcheck_rule = "map-copy-unmap-to-helper"
kmapcheck_cands = {}      # map key -> ((real path, function), names, first, last)
kmapcheck_names = set()
kmapcheck_decls = {}      # ((real path, function), name) -> [(line, type, init)]
kmapcheck_converted = set()

def kmapcheck_candidate(p, e, names):
    m = kmapcheck_key(p)
    owner = (m[0], p[0].current_element)
    kmapcheck_cands[m] = (owner, names, m[1], int(e[0].line_end))
    kmapcheck_names.update(names)

def kmapcheck_decl(d, name, typ, init):
    if name not in kmapcheck_names:
        return
    owner = (os.path.realpath(d[0].file), d[0].current_element)
    kmapcheck_decls.setdefault((owner, name), []).append((int(d[0].line), typ,
                                                         init))

def kmapcheck_plain(init):
    # Initialisers the unused rules below remove with the declaration.
    return init == "" or re.match(r"^(NULL|[0-9][0-9a-fA-FxXuUlL]*)$", init)

def kmapcheck_comment_before(body, start, first):
    # Whether the last non-blank line before line first is all comment (the
    # end of a comment is spelt with chr(): the SmPL lexer would take it
    # for one).
    for text in reversed(body[:first - start]):
        t = text.strip()
        if t:
            return (t.startswith(("/*", "*", "//")) or
                    (t.endswith(chr(42) + chr(47)) and "/*" not in t))
    return False

def kmapcheck_bytes(typ):
    t = " ".join(typ.replace("*", " * ").split())
    t = " ".join(w for w in t.split() if w not in ("const", "volatile"))
    return t in ("void *", "char *", "u8 *", "unsigned char *", "__u8 *")

def kmapcheck_span(c, body, start):
    # First and last line of candidate c, and whether it starts with the
    # declaration "T A = map(P);" (which may begin lines before the map).
    owner, names, first, last = c
    decls = kmapcheck_decls.get((owner, names[0]), [])
    if (len(decls) == 1 and start <= decls[0][0] <= first and
            not any(";" in t for t in body[decls[0][0] - start:first - start])):
        return decls[0][0], last, True
    return first, last, False

def kmapcheck_fits(m, body, start):
    # Whether candidate m may become a helper call, apart from overlaps.
    owner, names = kmapcheck_cands[m][:2]
    if not kmapcheck_selected(m):
        return False
    first, last, declared = kmapcheck_span(kmapcheck_cands[m], body, start)
    # A comment on the lines before a removed declaration goes with it,
    # and the helper call is glued to the line before.
    if declared and kmapcheck_comment_before(body, start, first):
        return False
    # A comment inside the sequence would go with it.
    if any("/*" in t or "//" in t for t in body[first - start:last - start + 1]):
        return False
    for name in names:
        decls = kmapcheck_decls.get((owner, name), [])
        if len(decls) != 1 or not kmapcheck_bytes(decls[0][1]):
            return False
        spans = [kmapcheck_span(c, body, start)[:2]
                 for c in kmapcheck_cands.values()
                 if c[0] == owner and name in c[1]]
        home = [(a, b) for a, b in spans if a <= decls[0][0] <= b]
        if home:
            # Declared by a sequence, which takes the declaration with it:
            # no other sequence may use the name.
            spans = home
        elif not kmapcheck_plain(decls[0][2]):
            # The declaration could not go with the last use.
            return False
        for n, text in enumerate(body, start):
            if (re.search(r"\b%s\b" % name, text) and n != decls[0][0] and
                    not any(a <= n <= b for a, b in spans)):
                return False
    return True

def kmapcheck_helper(p):
    # A memcpy_page() sequence holds a memcpy_from_page() one; the larger
    # wins when both fit.
    m = kmapcheck_key(p)
    if m not in kmapcheck_cands:
        return False
    start = int(p[0].current_element_line)
    with open(p[0].file, errors="replace") as f:
        body = f.readlines()[start - 1:int(p[0].current_element_line_end)]
    if not kmapcheck_fits(m, body, start):
        return False
    owner, names, first, last = kmapcheck_cands[m]
    for o, c in kmapcheck_cands.items():
        if (o != m and c[0] == owner and c[2] <= last and first <= c[3] and
                c[3] - c[2] > last - first and kmapcheck_fits(o, body, start)):
            return False
    return True

def kmapcheck_helped(p):
    m = kmapcheck_key(p)
    owner, names, first, last = kmapcheck_cands[m]
    kmapcheck_mark(m)
    kmapcheck_converted.update((owner[1], os.path.basename(owner[0]), name)
                               for name in names)

def kmapcheck_unused(d, name):
    # By now d names a rewritten copy of the file ("...-NAME.c").
    base = os.path.basename(d[0].file)
    return any(fn == d[0].current_element and n == name and
               (base == b or base.endswith("-" + b))
               for fn, b, n in kmapcheck_converted)

@kmapcheck_seen@
expression list es;
position p : script:python() { kmapcheck_seen(p) };
@@
\(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(es)

@cand@
identifier A, S;
expression P, DP, SP, OFF, DOFF, SOFF, LEN;
typedef u8;
{void *, char *, unsigned char *, u8 *, const void *, const char *,
 const unsigned char *, const u8 *} SRC;
{void *, char *, unsigned char *, u8 *} DST;
type T, T2;
position p, e;
@@
(
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memcpy(A + OFF, SRC, LEN);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memcpy(A + OFF, SRC, LEN);
  flush_dcache_page(P);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memcpy(A + OFF, SRC, LEN);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memcpy(A + OFF, SRC, LEN);
  flush_dcache_page(P);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memcpy(A, SRC, LEN);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memcpy(A, SRC, LEN);
  flush_dcache_page(P);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memcpy(A, SRC, LEN);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memcpy(A, SRC, LEN);
  flush_dcache_page(P);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memcpy(DST, A + OFF, LEN);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memcpy(DST, A + OFF, LEN);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memcpy(DST, A, LEN);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memcpy(DST, A, LEN);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memset(A + OFF, 0, LEN);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memset(A + OFF, 0, LEN);
  flush_dcache_page(P);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memset(A + OFF, 0, LEN);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memset(A + OFF, 0, LEN);
  flush_dcache_page(P);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memset(A, 0, LEN);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memset(A, 0, LEN);
  flush_dcache_page(P);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memset(A, 0, LEN);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
  memset(A, 0, LEN);
  flush_dcache_page(P);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(P)\);
|
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
  S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
  memcpy(A + DOFF, S + SOFF, LEN);
  \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(DP)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
  T2 S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
  memcpy(A + DOFF, S + SOFF, LEN);
  \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(DP)\);
|
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
  S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
  memcpy(A + DOFF, S, LEN);
  \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(DP)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
  T2 S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
  memcpy(A + DOFF, S, LEN);
  \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(DP)\);
|
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
  S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
  memcpy(A, S + SOFF, LEN);
  \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(DP)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
  T2 S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
  memcpy(A, S + SOFF, LEN);
  \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(DP)\);
|
  A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
  S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
  memcpy(A, S, LEN);
  \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(DP)\);
|
  T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
  T2 S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
  memcpy(A, S, LEN);
  \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
  \(kunmap_atomic@e(A)\|kunmap_local@e(A)\|kunmap@e(DP)\);
)

@script:python@
p << cand.p;
e << cand.e;
a << cand.A;
s << cand.S = "";
@@
kmapcheck_candidate(p, e, [a, s] if s else [a])

@holder_decl depends on cand@
identifier A;
type T;
expression E;
position d;
@@
\( T A@d; \| T A@d = E; \)

@script:python@
d << holder_decl.d;
a << holder_decl.A;
t << holder_decl.T;
i << holder_decl.E = "";
@@
kmapcheck_decl(d, a, t, i)

@convert@
identifier A, S;
expression P, DP, SP, OFF, DOFF, SOFF, LEN;
typedef u8;
{void *, char *, unsigned char *, u8 *, const void *, const char *,
 const unsigned char *, const u8 *} SRC;
{void *, char *, unsigned char *, u8 *} DST;
type T, T2;
position p : script:python() { kmapcheck_helper(p) };
@@
(
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memcpy(A + OFF, SRC, LEN);
+ memcpy_to_page(P, OFF, SRC, LEN);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memcpy(A + OFF, SRC, LEN);
+ memcpy_to_page(P, OFF, SRC, LEN);
- flush_dcache_page(P);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memcpy(A + OFF, SRC, LEN);
+ memcpy_to_page(P, OFF, SRC, LEN);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memcpy(A + OFF, SRC, LEN);
+ memcpy_to_page(P, OFF, SRC, LEN);
- flush_dcache_page(P);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memcpy(A, SRC, LEN);
+ memcpy_to_page(P, 0, SRC, LEN);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memcpy(A, SRC, LEN);
+ memcpy_to_page(P, 0, SRC, LEN);
- flush_dcache_page(P);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memcpy(A, SRC, LEN);
+ memcpy_to_page(P, 0, SRC, LEN);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memcpy(A, SRC, LEN);
+ memcpy_to_page(P, 0, SRC, LEN);
- flush_dcache_page(P);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memcpy(DST, A + OFF, LEN);
+ memcpy_from_page(DST, P, OFF, LEN);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memcpy(DST, A + OFF, LEN);
+ memcpy_from_page(DST, P, OFF, LEN);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memcpy(DST, A, LEN);
+ memcpy_from_page(DST, P, 0, LEN);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memcpy(DST, A, LEN);
+ memcpy_from_page(DST, P, 0, LEN);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memset(A + OFF, 0, LEN);
+ memzero_page(P, OFF, LEN);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memset(A + OFF, 0, LEN);
+ memzero_page(P, OFF, LEN);
- flush_dcache_page(P);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memset(A + OFF, 0, LEN);
+ memzero_page(P, OFF, LEN);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memset(A + OFF, 0, LEN);
+ memzero_page(P, OFF, LEN);
- flush_dcache_page(P);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memset(A, 0, LEN);
+ memzero_page(P, 0, LEN);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memset(A, 0, LEN);
+ memzero_page(P, 0, LEN);
- flush_dcache_page(P);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memset(A, 0, LEN);
+ memzero_page(P, 0, LEN);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(P);
- memset(A, 0, LEN);
+ memzero_page(P, 0, LEN);
- flush_dcache_page(P);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(P)\);
|
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
- S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
- memcpy(A + DOFF, S + SOFF, LEN);
+ memcpy_page(DP, DOFF, SP, SOFF, LEN);
- \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(DP)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
- T2 S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
- memcpy(A + DOFF, S + SOFF, LEN);
+ memcpy_page(DP, DOFF, SP, SOFF, LEN);
- \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(DP)\);
|
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
- S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
- memcpy(A + DOFF, S, LEN);
+ memcpy_page(DP, DOFF, SP, 0, LEN);
- \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(DP)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
- T2 S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
- memcpy(A + DOFF, S, LEN);
+ memcpy_page(DP, DOFF, SP, 0, LEN);
- \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(DP)\);
|
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
- S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
- memcpy(A, S + SOFF, LEN);
+ memcpy_page(DP, 0, SP, SOFF, LEN);
- \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(DP)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
- T2 S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
- memcpy(A, S + SOFF, LEN);
+ memcpy_page(DP, 0, SP, SOFF, LEN);
- \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(DP)\);
|
- A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
- S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
- memcpy(A, S, LEN);
+ memcpy_page(DP, 0, SP, 0, LEN);
- \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(DP)\);
|
- T A = \(kmap_atomic@p\|kmap_local_page@p\|kmap@p\)(DP);
- T2 S = \(kmap_atomic\|kmap_local_page\|kmap\)(SP);
- memcpy(A, S, LEN);
+ memcpy_page(DP, 0, SP, 0, LEN);
- \(kunmap_atomic(S)\|kunmap_local(S)\|kunmap(SP)\);
- \(kunmap_atomic(A)\|kunmap_local(A)\|kunmap(DP)\);
)

@script:python@
p << convert.p;
@@
kmapcheck_helped(p)

// The dots stop at the end of the declaring block: in a loop body they
// would otherwise follow the loop back to the declaration itself.
@unused depends on convert@
identifier convert.A;
type T;
constant C;
position d : script:python(A) { kmapcheck_unused(d, A) };
@@
{
  ...
(
- T A@d;
|
- T A@d = NULL;
|
- T A@d = C;
)
  ... when != A
      when strict
}

@unused_src depends on convert@
identifier convert.S;
type T;
constant C;
position d : script:python(S) { kmapcheck_unused(d, S) };
@@
{
  ...
(
- T S@d;
|
- T S@d = NULL;
|
- T S@d = C;
)
  ... when != S
      when strict
}
