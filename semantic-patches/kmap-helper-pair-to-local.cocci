// SPDX-License-Identifier: GPL-2.0-only
/// Convert a map/unmap helper pair, in which kmap() and kunmap() sit in two
/// different functions, to kmap_local_page()/kunmap_local():
///
///	static void *dir_get_page(struct dir *dir, unsigned int n,
///				  struct page **pagep)
///	{
///		...
///		return kmap(page);	->	return kmap_local_page(page);
///	}
///
///	static void dir_put_page(struct page *page, void *kaddr)
///	{
///		kunmap(page);		->	kunmap_local(kaddr);
///		put_page(page);
///	}
///
/// The getter is a statement "return kmap(E);" or "return (T)kmap(E);"
/// (not "return kmap(E) + off;").  The putter is a function with a
/// parameter "struct page *P" and another pointer parameter A, in either
/// order, among any others; its statement "kunmap(P);" becomes
/// "kunmap_local(A);", since kunmap_local() takes the address, and A is the
/// address the putter's callers hand back.
///
/// Without a sites file the rule works file by file and converts a file
/// only when all of these hold, or else leaves the whole file alone:
/// every kmap() call in it is a getter's "return kmap(E);"; every kunmap()
/// call in it is a putter's "kunmap(P);" of a struct page * parameter P,
/// in a function with exactly one other pointer parameter A (so no second
/// page either); neither A nor P is assigned, incremented, decremented or
/// address-taken in that function; the file has at least one getter and
/// one putter (a getter converted without its putter would leave kunmap()
/// releasing a local mapping); and it calls page_address() nowhere (on a
/// page the getter mapped, that sees kmap()'s mapping, never
/// kmap_local_page()'s).
///
/// What this rule does NOT check: that each caller passes the address the
/// getter returned, and nothing else, to the putter (a caller that unmaps
/// with kunmap() itself, keeps the address in a structure, or hands the
/// putter another pointer is not looked at); that the address stays in the
/// mapping thread (kmap() addresses are valid in every thread,
/// kmap_local_page() ones only in the thread that mapped); and that nested
/// local mappings are released in reverse order.  kmapcheck proves those
/// per site and passes the proven ones with -D sites=FILE, where a getter
/// site is the kmap in "return kmap(E);" and a putter site is the kunmap
/// in "kunmap(P);" with the word addr=NAME naming the putter's address
/// parameter (see README.md).  A listed putter converts only when its
/// function has a pointer parameter NAME, other than P and not a struct
/// page *, and P is a struct page * parameter; otherwise it is reported as
/// left alone.  The file-wide conditions above do not apply to listed
/// sites.
///
// Confidence: Low without a selector: the pairing of getter and putter
//   through their callers, thread locality and unmap order are not
//   checked (see above).  High for sites kmapcheck proved.
// URL: https://www.kernel.org/doc/html/latest/mm/highmem.html
// Options: --very-quiet
//   -D sites=FILE or KMAPCHECK_SITES=FILE converts only the kmap() and
//   kunmap() calls listed in FILE; a kunmap() line needs addr=NAME (see
//   README.md).
// Requires: spatch with Python scripting (tested with spatch 1.1.1).
// Usage: spatch --sp-file kmap-helper-pair-to-local.cocci --dir fs/foo
//   spatch --sp-file kmap-helper-pair-to-local.cocci -D sites=sites.txt \
//          --in-place fs/foo/dir.c

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
kmapcheck_rule = "kmap-helper-pair-to-local"
kmapcheck_params = {}     # function -> [(parameter name, type as spatch prints it)]
kmapcheck_changed = {}    # function -> names assigned, stepped or address-taken in it
kmapcheck_calls = {}      # real path -> {"kmap": call keys, "kunmap": call keys}
kmapcheck_getters = set() # keys of the kmap in "return kmap(E);"
kmapcheck_putters = {}    # key of the kunmap in "kunmap(P);" -> (function, P)
kmapcheck_paddr = set()   # real paths that call page_address()
kmapcheck_file_ok = {}    # real path -> whether the file converts (no selector)

def kmapcheck_function(p):
    # A function is known by its file, name and first line: the same static
    # name may be defined twice in one file, under different #if branches.
    return (os.path.realpath(p[0].file), p[0].current_element,
            int(p[0].current_element_line))

def kmapcheck_type(t):
    return " ".join(w for w in t.split() if w not in ("const", "volatile"))

def kmapcheck_is_page(t):
    return kmapcheck_type(t) == "struct page *"

def kmapcheck_is_pointer(t):
    # Arrays and function pointers count here, so that "exactly one other
    # pointer parameter" errs on the side of refusing.
    return "*" in t or "[" in t

def kmapcheck_is_address(t):
    # What kunmap_local() may take: a data pointer that is not a page.
    return (kmapcheck_is_pointer(t) and "(" not in t and
            not kmapcheck_type(t).startswith("struct page *"))

def kmapcheck_putter_address(k):
    # The address parameter of the putter whose kunmap is at k, or None.
    if k not in kmapcheck_putters:
        return None
    fn, page = kmapcheck_putters[k]
    params = dict(kmapcheck_params.get(fn, ()))
    if page not in params or not kmapcheck_is_page(params[page]):
        return None
    if kmapcheck_sites is not None:
        names = set(t[len("addr="):] for t in kmapcheck_tags(k)
                    if t.startswith("addr="))
        if len(names) != 1:
            return None
        name = names.pop()
        if name == page or not kmapcheck_is_address(params.get(name, "")):
            return None
        return name
    others = [n for n, t in params.items()
              if n != page and kmapcheck_is_pointer(t)]
    if len(others) != 1 or not kmapcheck_is_address(params[others[0]]):
        return None
    changed = kmapcheck_changed.get(fn, set())
    if others[0] in changed or page in changed:
        return None
    return others[0]

def kmapcheck_whole_file(path):
    # Without a selector: every kmap() a getter, every kunmap() in a putter,
    # at least one of each, and no page_address() anywhere in the file.
    if path not in kmapcheck_file_ok:
        calls = kmapcheck_calls.get(path, {})
        maps, unmaps = calls.get("kmap", set()), calls.get("kunmap", set())
        ok = bool(maps) and bool(unmaps) and path not in kmapcheck_paddr
        ok = ok and maps <= kmapcheck_getters
        ok = ok and all(kmapcheck_putter_address(u) is not None
                        for u in unmaps)
        kmapcheck_file_ok[path] = ok
    return kmapcheck_file_ok[path]

def kmapcheck_call(name, p):
    k = kmapcheck_key(p)
    kmapcheck_calls.setdefault(k[0], {}).setdefault(name, set()).add(k)

def kmapcheck_convert_get(p):
    k = kmapcheck_key(p)
    if k not in kmapcheck_getters:
        return False
    if kmapcheck_sites is not None:
        return kmapcheck_selected(k)
    return kmapcheck_whole_file(k[0])

def kmapcheck_address(q):
    k = kmapcheck_key(q)
    if kmapcheck_sites is None and not kmapcheck_whole_file(k[0]):
        return None
    if not kmapcheck_selected(k):
        return None
    return kmapcheck_putter_address(k)

def kmapcheck_convert_put(q):
    return kmapcheck_address(q) is not None

@kmapcheck_seen@
expression list es;
position p : script:python() { kmapcheck_seen(p) };
@@
\(kmap@p\|kunmap@p\)(es)

// Every kmap() and kunmap() call of the file, whatever its shape.
@maps@
expression list es;
position p;
@@
kmap@p(es)

@script:python@
p << maps.p;
@@
kmapcheck_call("kmap", p)

@unmaps@
expression list es;
position p;
@@
kunmap@p(es)

@script:python@
p << unmaps.p;
@@
kmapcheck_call("kunmap", p)

@getter@
expression E;
type T;
position p;
@@
(
  return kmap@p(E);
|
  return (T)kmap@p(E);
)

@script:python@
p << getter.p;
@@
kmapcheck_getters.add(kmapcheck_key(p))

// An unmap of a plain name; whether that name is a page parameter is
// decided from the parameters collected below.
@putter@
identifier P;
position q;
@@
kunmap@q(P);

@script:python@
q << putter.q;
P << putter.P;
@@
kmapcheck_putters[kmapcheck_key(q)] = (kmapcheck_function(q), P)

// One match per parameter of every function definition of the file.
@params depends on putter@
identifier fn, X;
type T;
position f;
@@
fn@f(..., T X, ...)
{
  ...
}

@script:python@
f << params.f;
X << params.X;
T << params.T;
@@
kmapcheck_params.setdefault(kmapcheck_function(f), []).append((X, T))

// Names that change in a function.  A local that shadows a parameter
// counts too, which only makes the rule refuse more.
@changed depends on putter@
identifier X;
expression E;
assignment operator aop;
position c;
@@
(
  X@c aop E
|
  X@c++
|
  ++X@c
|
  X@c--
|
  --X@c
|
  &X@c
)

@script:python@
c << changed.c;
X << changed.X;
@@
kmapcheck_changed.setdefault(kmapcheck_function(c), set()).add(X)

// The name is given as a set so that spatch --dir does not read every
// file that says page_address: only files with a getter need the answer.
@paddr depends on getter@
identifier f = {page_address};
expression list es;
position p;
@@
f@p(es)

@script:python@
p << paddr.p;
@@
kmapcheck_paddr.add(os.path.realpath(p[0].file))

// The only rewrite: getters and putters change in one pass, so every
// position above still names the file as spatch read it.  A cast is
// rewritten with the call, or the result would read "(T) kmap_local_page(".
@convert@
identifier P;
expression E;
type T;
position p : script:python() { kmapcheck_convert_get(p) };
position q : script:python() { kmapcheck_convert_put(q) };
fresh identifier A = script:python(q) { kmapcheck_address(q) };
@@
(
  return
- kmap@p
+ kmap_local_page
  (E);
|
  return
- (T)kmap@p(E)
+ (T)kmap_local_page(E)
  ;
|
- kunmap@q(P);
+ kunmap_local(A);
)

@script:python@
p << convert.p;
@@
kmapcheck_mark(kmapcheck_key(p))

@script:python@
q << convert.q;
@@
kmapcheck_mark(kmapcheck_key(q))
