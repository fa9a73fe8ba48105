// SPDX-License-Identifier: GPL-2.0-only
/// Step 2a of leaving kmap() in directory code: a static putter that takes
/// only the page gets a second parameter, the address the getter returned,
/// and every call of it in the file hands that address over.  kunmap(page)
/// stays: the new parameter is carried, not used, so that
/// kmap-helper-pair-to-local.cocci can then turn "kunmap(page);" into
/// "kunmap_local(kaddr);".  Run it after kmap-page-getter-to-address.cocci
/// (step 1), whose callers hold the address as "kaddr = get(..., &page);".
///
///	static inline void			static inline void
///	foo_put_page(struct page *page)	  ->	foo_put_page(struct page *page,
///	{						     void *kaddr)
///		kunmap(page);			{
///		put_page(page);				kunmap(page);
///	}						put_page(page);
///						}
///
/// and in the callers
///
///	kaddr = foo_get_page(dir, n, &page);	(unchanged)
///	...
///	foo_put_page(page);	  ->		foo_put_page(page, kaddr);
///
/// Putters.  A function defined once in the file, static (inline or not),
/// with exactly one parameter "struct page *P", whose body holds the
/// statement "kunmap(P);" (anything else may be there too).  The new
/// parameter is "void *kaddr", or "void *addr" when the putter already
/// says kaddr (outside comments and strings), or the putter stays when it
/// says both.  A prototype "T put(struct page *P);" or
/// "T put(struct page *);" in the file gets ", void *kaddr" (or ", void *")
/// too; a prototype of another shape keeps the putter as it is.
///
/// Calls.  Every use of the putter's name in the file must be a statement
/// "put(E);", with E a name, in a function where the address K can be
/// found: on every path from the function's entry to the call, the last
/// change of E and the last change of K is one and the same getter call,
/// a statement
///	K = G(args, &E);   or   T K = G(args, &E);
/// with any function G (its last argument the page's address).  A change
/// of E or K is an assignment (=, +=, ...), ++ or --, taking its address,
/// or a declaration (a declaration in a loop body starts a new variable on
/// each turn); the function's entry counts as a change (a parameter, or a
/// local not yet written).  This is spatch's control-flow "..." with
/// "exists": a path that reaches the call through another getter of E
/// ends there, so "for (...) { K = G(..., &page); if (IS_ERR(K)) continue;
/// ... put(page); }" takes the address, while "if (x) K = G(..., &page);
/// put(page);", a K changed between the getter and the call, or a page
/// parameter (foo_delete_entry(de, page) ending in put(page)) do not.
/// Every getter that reaches a call must assign the same K.  Also: K is a
/// local variable declared once in the function (not a parameter), in a
/// block around the call, not const-qualified (it is passed as void *),
/// and other than E; the function takes the address of E only in getter
/// calls and never takes the address of K.  The call becomes
/// "put(E, K);".
///
/// All or nothing, per putter: a putter is changed only together with
/// every call of it in the file.  Its name must appear in the file,
/// outside comments and strings, exactly as often as its definition,
/// prototypes and calls seen by spatch, so that a use in a macro, as a
/// function pointer, or in a skipped #if branch keeps the putter and all
/// its calls as they are.  A file may hold several putters; each is
/// decided alone.  A putter that is not static, has other parameters, or
/// is defined in a header (qnx6_put_page() in fs/qnx6/qnx6.h) stays.
///
/// What this rule does NOT check or do: that the getter call reaching a
/// put succeeded (a failed getter stores an error in K and leaves E as it
/// was; callers leave on IS_ERR(K) before the put in the shapes step 1
/// writes, and nothing uses the new argument yet); that K points into the
/// page (G is any function whose last argument is &E: "de = find(...,
/// &page)" gives de, an address inside the page, which kunmap_local()
/// takes as well); a variable that shadows E or K in an inner block (names
/// are compared, not declarations); whether the putter is called from
/// other files (it is static).  It does not take, and so keeps the putter
/// and all its calls for: a getter call inside an expression or a
/// condition ("if (IS_ERR(K = G(..., &E))) ..."), a cast of its result, a
/// call of the putter with an expression other than a name, or inside an
/// expression.  Nothing is reported when a putter is left alone, except
/// for listed sites (see Options).
///
// Confidence: High for behaviour: kunmap(page) still releases the page,
//   and the new argument is not used yet.  The argument each call hands
//   over is the getter's address on every path (checked per call), which
//   is what step 2 needs.
// URL: https://www.kernel.org/doc/html/latest/mm/highmem.html
// Options: --very-quiet
//   -D sites=FILE or KMAPCHECK_SITES=FILE converts only the putters whose
//   "kunmap(P);" (the kunmap) is listed in FILE; a listed kunmap that is
//   not converted is reported as left alone (see README.md).  The
//   all-or-nothing rule still holds for each listed putter.
// Requires: spatch with Python scripting (tested with spatch 1.1.1).
// Usage: spatch --sp-file kmap-putter-takes-address.cocci --dir fs/foo
//   spatch --sp-file kmap-putter-takes-address.cocci --in-place fs/foo/dir.c

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

kmapcheck_rule = "kmap-putter-takes-address"
kpt_putters = {}    # function key -> {"name", "P", "kunmaps": keys, "def": key}
kpt_defs = {}       # (path, name) -> function keys of its definitions
kpt_static = set()  # function keys of static definitions
kpt_protos = {}     # (path, name) -> keys of the name in its prototypes
kpt_proto_ok = {}   # key of a prototype name -> "named" or "unnamed"
kpt_occ = {}        # (path, name) -> keys of the name used as an expression
kpt_calls = {}      # call key -> (function key, E)
kpt_getters = {}    # key of E in "&E" of a getter -> (function key, K, E, key of K)
kpt_getter_k = {}   # key of K in a getter -> E
kpt_reach = {}      # call key -> keys of "&E" that reach it
kpt_kdefs = {}      # call key -> keys of changes of K between a getter and it
kpt_bad = set()     # call keys reached by some other change of E, or entry
kpt_addr = {}       # (function key, name) -> keys of "&name"
kpt_decls = {}      # (function key, name) -> [(key, type)] of its declarators
kpt_params = {}     # function key -> parameter names
kpt_texts = {}      # path -> (text without comments and literals, line offsets)
kpt_edits = {}      # (edit kind, key) -> name
kpt_ok = {}         # putter function key -> whether it converts
kpt_applied = set() # (edit kind, key) of the edits the rewrite made
kpt_checked = set() # putter function keys checked after the rewrite

def kpt_fn(p):
    return (os.path.realpath(p[0].file), p[0].current_element,
            int(p[0].current_element_line))

def kpt_blank(m):
    return "".join(ch if ch == chr(10) else " " for ch in m.group(0))

def kpt_text(path):
    # The file with comments and literals blanked out, offsets kept.
    if path not in kpt_texts:
        with open(path, errors="replace") as f:
            text = f.read()
        bs = chr(92)
        pats = ["/[*].*?[*]/", "//[^" + chr(10) + "]*"]
        for mark in (chr(34), chr(39)):
            pats.append(mark + "([^" + mark + bs + bs + chr(10) + "]|" +
                        bs + bs + ".)*" + mark)
        text = re.sub(chr(124).join(pats), kpt_blank, text, flags=re.S)
        starts = [0]
        for line in text.split(chr(10)):
            starts.append(starts[-1] + len(line) + 1)
        kpt_texts[path] = (text, starts)
    return kpt_texts[path]

def kpt_offset(k):
    text, starts = kpt_text(k[0])
    return starts[k[1] - 1] + k[2] - 1

def kpt_fn_text(fk, last):
    text, starts = kpt_text(fk[0])
    return text[starts[fk[2] - 1]:starts[min(last, len(starts) - 1)]]

def kpt_word(name, text):
    return re.search(r"\b%s\b" % name, text) is not None

def kpt_in_scope(d, c):
    # Whether the call at c lies after the declarator at d and inside the
    # block that declares it.
    if d[0] != c[0] or d[1:] >= c[1:]:
        return False
    depth = 0
    for ch in kpt_text(d[0])[0][kpt_offset(d):kpt_offset(c)]:
        if ch == chr(123):
            depth += 1
        elif ch == chr(125):
            depth -= 1
            if depth < 0:
                return False
    return True

def kpt_putter(f, q, name, P):
    fk = kpt_fn(f)
    u = kpt_putters.setdefault(fk, {"name": name, "P": P, "kunmaps": set(),
                                    "def": kmapcheck_key(f),
                                    "last": int(f[0].current_element_line_end)})
    u["kunmaps"].add(kmapcheck_key(q))

def kpt_check_call(c, edits):
    # Approves one call of a putter and notes its edit, or returns False.
    if c not in kpt_calls or c in kpt_bad:
        return False
    fk, E = kpt_calls[c]
    reach = kpt_reach.get(c, set())
    if not reach or any(d not in kpt_getters for d in reach):
        return False
    ks = set(kpt_getters[d][1] for d in reach)
    if len(ks) != 1 or any(kpt_getters[d][0] != fk for d in reach):
        return False
    K = ks.pop()
    if K == E:
        return False
    if any(kpt_getter_k.get(r) != E for r in kpt_kdefs.get(c, ())):
        return False
    # Aliases: E only in getters, K never.
    if any(a not in kpt_getters or kpt_getters[a][2] != E
           for a in kpt_addr.get((fk, E), ())):
        return False
    if kpt_addr.get((fk, K)):
        return False
    decls = kpt_decls.get((fk, K), [])
    if len(decls) != 1 or K in kpt_params.get(fk, ()):
        return False
    d, T = decls[0]
    if "const" in T.split() or "*" not in T or not kpt_in_scope(d, c):
        return False
    edits[("call", c)] = K
    return True

def kpt_check_putter(fk, edits):
    u = kpt_putters[fk]
    path, name = fk[0], u["name"]
    if not any(kmapcheck_selected(q) for q in u["kunmaps"]):
        return False
    if fk not in kpt_static or kpt_defs.get((path, name)) != [fk]:
        return False
    body = kpt_fn_text(fk, u["last"])
    for A in ("kaddr", "addr"):
        if not kpt_word(A, body):
            break
    else:
        return False
    protos = kpt_protos.get((path, name), set())
    if any(p not in kpt_proto_ok for p in protos):
        return False
    occ = kpt_occ.get((path, name), set())
    # Definition, prototypes and calls: a use spatch did not see (a macro,
    # a branch of #if it did not parse) keeps the putter as it is.
    text = kpt_text(path)[0]
    if len(re.findall(r"\b%s\b" % name, text)) != 1 + len(protos) + len(occ):
        return False
    for c in occ:
        if not kpt_check_call(c, edits):
            return False
    edits[("sig", u["def"])] = A
    for p in protos:
        edits[(kpt_proto_ok[p], p)] = A
    return True

def kpt_decide(fk):
    if fk not in kpt_ok:
        edits = {}
        ok = fk in kpt_putters and kpt_check_putter(fk, edits)
        kpt_ok[fk] = ok
        if ok:
            kpt_edits.update(edits)
    return kpt_ok[fk]

def kpt_decide_file(path):
    # Decides every putter of the file (edits are keyed by position).
    for fk in list(kpt_putters):
        if fk[0] == path:
            kpt_decide(fk)

def kpt_edit(kind, p):
    k = kmapcheck_key(p)
    kpt_decide_file(k[0])
    return (kind, k) in kpt_edits

def kpt_edit_name(kind, p):
    return kpt_edits[(kind, kmapcheck_key(p))]

def kpt_done(kind, p):
    kpt_applied.add((kind, kmapcheck_key(p)))

def kpt_verify(q):
    # After the rewrite: every edit decided for the putter of q was made.
    # A miss would leave a call that does not compile, so it is reported;
    # the golden tests fail on any message.
    fk = kpt_fn(q)
    if fk in kpt_checked or not kpt_decide(fk):
        return
    kpt_checked.add(fk)
    u = kpt_putters[fk]
    path, name = fk[0], u["name"]
    mine = [("sig", u["def"])]
    mine += [e for e in kpt_edits if e[0] in ("named", "unnamed")
             and e[1] in kpt_protos.get((path, name), ())]
    mine += [("call", c) for c in kpt_occ.get((path, name), ())]
    missing = sorted(set(e[1][1] for e in mine if e not in kpt_applied))
    if missing:
        sys.stderr.write("%s: warning: %s could not make all of its edits "
                         "(lines %s): check the result\n"
                         % (q[0].file, kmapcheck_rule,
                            ", ".join(str(m) for m in missing)))
        return
    for k in u["kunmaps"]:
        kmapcheck_mark(k)

@kmapcheck_seen@
expression list es;
position p : script:python() { kmapcheck_seen(p) };
@@
kunmap@p(es)

// The putters: one parameter, a page, and "kunmap(P);" somewhere.
@kpt_putter exists@
identifier PUT, P;
type T;
position f, q;
@@
T PUT@f(struct page *P)
{
  ... when any
  kunmap@q(P);
  ... when any
}

@script:python@
f << kpt_putter.f;
q << kpt_putter.q;
PUT << kpt_putter.PUT;
P << kpt_putter.P;
@@
kpt_putter(f, q, PUT, P)

@kpt_def@
identifier kpt_putter.PUT;
type T;
position f;
@@
T PUT@f(...) {...}

@script:python@
f << kpt_def.f;
@@
fk = kpt_fn(f)
kpt_defs.setdefault((fk[0], fk[1]), []).append(fk)

@kpt_sdef@
identifier kpt_putter.PUT;
type T;
position f;
@@
static T PUT@f(...) {...}

@script:python@
f << kpt_sdef.f;
@@
kpt_static.add(kpt_fn(f))

@kpt_proto@
identifier kpt_putter.PUT;
type T;
position f;
@@
T PUT@f(...);

@script:python@
f << kpt_proto.f;
PUT << kpt_putter.PUT;
@@
kpt_protos.setdefault((os.path.realpath(f[0].file), PUT), set()).add(kmapcheck_key(f))

@kpt_proto_shape@
identifier kpt_putter.PUT;
identifier P;
type T;
position f1, f2;
@@
(
  T PUT@f1(struct page *P);
|
  T PUT@f2(struct page *);
)

@script:python@
f << kpt_proto_shape.f1;
@@
kpt_proto_ok[kmapcheck_key(f)] = "named"

@script:python@
f << kpt_proto_shape.f2;
@@
kpt_proto_ok[kmapcheck_key(f)] = "unnamed"

// Every use of a putter name as an expression: each must be a call below,
// or the putter stays.
@kpt_occ@
identifier kpt_putter.PUT;
position o;
@@
PUT@o

@script:python@
o << kpt_occ.o;
PUT << kpt_putter.PUT;
@@
kpt_occ.setdefault((os.path.realpath(o[0].file), PUT), set()).add(kmapcheck_key(o))

@kpt_call@
identifier kpt_putter.PUT;
identifier E;
position c;
@@
PUT@c(E);

@script:python@
c << kpt_call.c;
E << kpt_call.E;
@@
kpt_calls[kmapcheck_key(c)] = (kpt_fn(c), E)

// Getter calls: the last argument takes the address of the page.
@kpt_get depends on kpt_call@
identifier E, G, K;
expression list es;
type T;
position ge, gk;
@@
(
  K@gk = G(es, &E@ge);
|
  T K@gk = G(es, &E@ge);
)

@script:python@
ge << kpt_get.ge;
gk << kpt_get.gk;
E << kpt_get.E;
K << kpt_get.K;
@@
kpt_getters[kmapcheck_key(ge)] = (kpt_fn(ge), K, E, kmapcheck_key(gk))
kpt_getter_k[kmapcheck_key(gk)] = E

// Reaching changes of the page at each call: "&E" (a getter, if all goes
// well), any other change, a declaration, or the entry of the function.
@kpt_rd_addr exists@
identifier kpt_putter.PUT, kpt_call.E;
position kpt_call.c, d;
expression X;
assignment operator aop;
type T;
@@
  &E@d
  ... when != &E
      when != E aop X
      when != E++
      when != E--
      when != ++E
      when != --E
      when != T E;
      when != T E = X;
  PUT@c(E);

@script:python@
c << kpt_call.c;
d << kpt_rd_addr.d;
@@
kpt_reach.setdefault(kmapcheck_key(c), set()).add(kmapcheck_key(d))

@kpt_rd_other exists@
identifier kpt_putter.PUT, kpt_call.E;
position kpt_call.c, b;
expression X, Y;
assignment operator aop, aop2;
type T;
@@
(
  E@b aop2 Y
|
  E@b++
|
  E@b--
|
  ++E@b
|
  --E@b
)
  ... when != &E
      when != E aop X
      when != E++
      when != E--
      when != ++E
      when != --E
      when != T E;
      when != T E = X;
  PUT@c(E);

@script:python@
c << kpt_call.c;
b << kpt_rd_other.b;
@@
kpt_bad.add(kmapcheck_key(c))

@kpt_rd_decl exists@
identifier kpt_putter.PUT, kpt_call.E;
position kpt_call.c, b;
expression X, Y;
assignment operator aop;
type T, T2;
@@
(
  T2 E@b;
|
  T2 E@b = Y;
)
  ... when != &E
      when != E aop X
      when != E++
      when != E--
      when != ++E
      when != --E
      when != T E;
      when != T E = X;
  PUT@c(E);

@script:python@
c << kpt_call.c;
b << kpt_rd_decl.b;
@@
kpt_bad.add(kmapcheck_key(c))

@kpt_rd_entry exists@
identifier kpt_putter.PUT, kpt_call.E;
identifier fn;
position kpt_call.c, b;
expression X;
assignment operator aop;
type T;
@@
fn@b(...) {
  ... when != &E
      when != E aop X
      when != E++
      when != E--
      when != ++E
      when != --E
      when != T E;
      when != T E = X;
  PUT@c(E);
  ... when any
}

@script:python@
c << kpt_call.c;
b << kpt_rd_entry.b;
@@
kpt_bad.add(kmapcheck_key(c))

// Changes of K between a getter and the call, on a path that does not
// change the page again (a later getter of the same page is sorted out in
// Python by its position).
@kpt_rd_k exists@
identifier kpt_putter.PUT, kpt_call.E;
identifier K, G;
expression list es;
position kpt_call.c, r;
expression X, Y;
assignment operator aop, aop2;
type T, T0;
@@
(
  K = G(es, &E);
|
  T0 K = G(es, &E);
)
  ... when != &E
      when != E aop X
      when != E++
      when != E--
      when != ++E
      when != --E
      when != T E;
      when != T E = X;
(
  K@r aop2 Y
|
  K@r++
|
  K@r--
|
  ++K@r
|
  --K@r
|
  &K@r
)
  ... when != &E
      when != E aop X
      when != E++
      when != E--
      when != ++E
      when != --E
      when != T E;
      when != T E = X;
  PUT@c(E);

@script:python@
c << kpt_call.c;
r << kpt_rd_k.r;
@@
kpt_kdefs.setdefault(kmapcheck_key(c), set()).add(kmapcheck_key(r))

@kpt_rd_kdecl exists@
identifier kpt_putter.PUT, kpt_call.E;
identifier K, G;
expression list es;
position kpt_call.c, r;
expression X, Y;
assignment operator aop;
type T, T0, T2;
@@
(
  K = G(es, &E);
|
  T0 K = G(es, &E);
)
  ... when != &E
      when != E aop X
      when != E++
      when != E--
      when != ++E
      when != --E
      when != T E;
      when != T E = X;
(
  T2 K@r;
|
  T2 K@r = Y;
)
  ... when != &E
      when != E aop X
      when != E++
      when != E--
      when != ++E
      when != --E
      when != T E;
      when != T E = X;
  PUT@c(E);

@script:python@
c << kpt_call.c;
r << kpt_rd_kdecl.r;
@@
kpt_kdefs.setdefault(kmapcheck_key(c), set()).add(kmapcheck_key(r))

// Addresses taken, declarations and parameters, by position.
@kpt_addr depends on kpt_call@
identifier x;
position a;
@@
\(&x@a\)

@script:python@
a << kpt_addr.a;
x << kpt_addr.x;
@@
kpt_addr.setdefault((kpt_fn(a), x), set()).add(kmapcheck_key(a))

@kpt_declr depends on kpt_call@
identifier x;
expression E;
type T;
position w;
@@
\( T x@w; \| T x@w = E; \)

@script:python@
w << kpt_declr.w;
x << kpt_declr.x;
T << kpt_declr.T;
@@
kpt_decls.setdefault((kpt_fn(w), x), []).append((kmapcheck_key(w), T))

@kpt_param depends on kpt_call@
identifier fn, x;
type T;
position f;
@@
fn@f(..., T x, ...) {...}

@script:python@
f << kpt_param.f;
x << kpt_param.x;
@@
kpt_params.setdefault(kpt_fn(f), set()).add(x)

// The only rewrite that sees the file as it was: the calls, each at its
// own position.
@kpt_convert@
identifier PUT, E;
position pc : script:python() { kpt_edit("call", pc) };
fresh identifier Kc = script:python(pc) { kpt_edit_name("call", pc) };
@@
  PUT@pc(E
+ , Kc
  )

@script:python@
p << kpt_convert.pc;
@@
kpt_done("call", p)

// The putter and its prototypes are functions and declarations of their
// own, which the rewrite above did not touch: spatch still reports their
// positions in the file as it was.  spatch would also change every
// prototype of the same name by itself, in all the files it was given
// together; "disable prototypes" leaves that to the two rules after.
@kpt_sig disable prototypes@
identifier PUT, P;
type T;
position pf : script:python() { kpt_edit("sig", pf) };
fresh identifier A = script:python(pf) { kpt_edit_name("sig", pf) };
@@
  T PUT@pf(struct page *P
+ , void *A
  )
  {...}

@script:python@
p << kpt_sig.pf;
@@
kpt_done("sig", p)

@kpt_proto_named@
identifier PUT, P;
type T;
position pp : script:python() { kpt_edit("named", pp) };
fresh identifier A = script:python(pp) { kpt_edit_name("named", pp) };
@@
  T PUT@pp(struct page *P
+ , void *A
  );

@script:python@
p << kpt_proto_named.pp;
@@
kpt_done("named", p)

@kpt_proto_unnamed@
identifier PUT;
type T;
position pp : script:python() { kpt_edit("unnamed", pp) };
@@
  T PUT@pp(struct page *
+ , void *
  );

@script:python@
p << kpt_proto_unnamed.pp;
@@
kpt_done("unnamed", p)

@script:python@
q << kpt_putter.q;
@@
kpt_verify(q)
