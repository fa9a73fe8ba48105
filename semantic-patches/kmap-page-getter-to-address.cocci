// SPDX-License-Identifier: GPL-2.0-only
/// First step of leaving kmap() in directory code: a static getter that
/// returns a page it mapped with kmap() is changed to return the mapped
/// address and hand the page back through a new last parameter, and every
/// caller in the file is changed to match.  kmap() stays: this is a pure
/// refactor, after which kmap-helper-pair-to-local.cocci can do the
/// second step (kmap_local_page()).
///
///	static struct page *dir_get_page(struct inode *dir, unsigned long n)
///	{
///		struct page *page = read_mapping_page(dir->i_mapping, n, NULL);
///
///		if (!IS_ERR(page))		if (IS_ERR(page))
///			kmap(page);	  ->		return ERR_CAST(page);
///		return page;			*pagep = page;
///	}					return kmap(page);
///
/// with "static void *dir_get_page(struct inode *dir, unsigned long n,
/// struct page **pagep)" as the new signature, and in the callers
///
///	page = dir_get_page(dir, n);		kaddr = dir_get_page(dir, n, &page);
///	if (IS_ERR(page))		  ->	if (IS_ERR(kaddr))
///		return PTR_ERR(page);			return PTR_ERR(kaddr);
///	kaddr = (char *)page_address(page);
///
/// Getters.  A function defined once in the file, static, returning
/// "struct page *", whose body ends in one of
///	if (!IS_ERR(P)) kmap(P);	(or with braces around kmap(P);)
///	return P;			(or return (P);)
///
///	if (IS_ERR(P)) return P;	(or return ERR_CAST(P);)
///	kmap(P);
///	return P;
/// with no other return and no other kmap() in it, not declared apart from
/// its definition, and with at least one parameter (not "void", not
/// variadic).  The new parameter is named pagep (pagep2, ... if the getter
/// already says that word).  The getter may do anything before.  In linux
/// 6.1 the getters of fs/minix, fs/sysv and fs/qnx6 (dir.c) and of
/// fs/reiserfs/xattr.c have these shapes; vxfs_get_page() has one too but
/// is not static; ufs_get_page() checks the page and jumps to a label on
/// failure, which is not taken (the other struct page * functions of 6.1
/// that call kmap() are no such getters).
///
/// Callers.  Every use of the getter name in the file must be a call site
/// of this form, in a function:
///	page = G(args);   or   struct page *page = G(args);
///	...				nothing that names page
///	[err = PTR_ERR(page);]
///	if (IS_ERR(page)) S	where S always leaves: continue, break,
///				goto, return, or a block ending in one
///   or
///	if (!IS_ERR(page)) { ... }	(no else)
/// where page is a local struct page *, err a local variable, and the
/// condition exactly IS_ERR(page) or !IS_ERR(page) (not unlikely(...));
/// and where, on every path on which the page is valid, the first
/// statement that calls page_address(page) comes before any change of
/// page, and is either
///	V = page_address(page);   or   V = (T *)page_address(page);
/// with V a local pointer ("reuse": the statement goes, the call becomes
/// "V = G(args, &page);", the cast goes), or any other statement ("inline":
/// page_address(page) there is replaced by a new variable "void *kaddr"
/// (kaddr2, ... if the word is taken) holding the call's result).  The
/// test becomes IS_ERR(V); on the error branch of "if (IS_ERR(page)) S",
/// PTR_ERR(page), ERR_CAST(page) and IS_ERR(page) take V instead of page,
/// and "return page;" or "x = page" become ERR_CAST(V).  The new variable
/// is declared with the call when page is declared there
/// ("struct page *page; void *kaddr = G(args, &page);"), else at the top of
/// the function.  With reuse, a declaration "struct page *page = G(args);"
/// becomes "struct page *page;" and the call goes just before the test, so
/// only declarations without initialisers may stand between them (with an
/// inline address the call stays where it was, in the new declaration).
///
/// Semantics.  For a page mapped with kmap(), page_address(page) returns
/// the address kmap() returned, so V holds the same value as before from
/// the old page_address() statement on; the rule checks that V is neither
/// read nor written between the call and that statement, that page is not
/// changed there, and that V is declared in a block around the call.  On
/// the error path the new code leaves page as it was (the getter only
/// stores it on success) and puts the error in V: the rule checks that
/// neither page nor V is read on any path from the error test before it
/// is written again (for "if (!IS_ERR(page))" on any path past the if),
/// that the error branch names page only in the forms rewritten above,
/// and that err (whose value on success changes from one meaningless
/// pointer to another) is written before it is read on every success path.
/// Other page_address(page) calls stay: the page is still mapped with
/// kmap(), so they still return the right address; so does the putter
/// (kunmap(page); put_page(page);), which this rule does not touch.
///
/// All or nothing: a file is changed only when every getter in it (every
/// function with the body shape above) and every use of every getter
/// name qualifies; otherwise it is left exactly as it was, since a getter
/// with a new signature and an old caller would not compile.  The name of
/// each getter must also appear in the file, outside comments and
/// strings, exactly once more than it has call sites (its definition), so
/// that a use in a macro or a skipped #if branch keeps the file as it is.
///
/// What this rule does NOT check or do: what the callers do with page and
/// the address after the call (unchanged); whether the getter is also
/// called from other files (it is static); a use of page_address(page)
/// that sees a page variable shadowing the one of the call (not told apart
/// by name); a goto from the error branch to a label inside the statement
/// that follows the test (that statement is taken as the start of the
/// success path).  It does not take, and so keeps the whole file as it is
/// for: callers that store the page through a pointer ("*res = G(args);"),
/// call the getter inside an expression or a macro, test the page some
/// other way, or never call page_address(page) on the valid page; a getter
/// declared apart from its definition, not static, or whose address is
/// taken; an address used first in a for initialiser "x = f(...)" (spatch
/// would rewrite the rest of the header but not that part); a reused
/// variable declared after "struct page *page = G(args);" with an
/// initialised declaration in between (the call cannot move down).
/// Nothing is reported when a file is left alone, except for listed sites
/// (see Options): without a selector the golden tests need a quiet stderr.
///
// Confidence: High.  The rewrite is behaviour-preserving for the shapes
//   above (checked per call site, on every path), and every other file
//   stays as it is.
// URL: https://www.kernel.org/doc/html/latest/mm/highmem.html
// Options: --very-quiet
//   -D sites=FILE or KMAPCHECK_SITES=FILE converts only the getters whose
//   kmap() (the one in the shapes above) is listed in FILE; a listed kmap()
//   that is not converted is reported as left alone (see README.md).  The
//   all-or-nothing rule then applies to the listed getters only.
// Requires: spatch with Python scripting (tested with spatch 1.1.1).
// Usage: spatch --sp-file kmap-page-getter-to-address.cocci --dir fs/foo
//   spatch --sp-file kmap-page-getter-to-address.cocci --in-place fs/foo/dir.c

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

kmapcheck_rule = "kmap-page-getter-to-address"
kpg_defs = {}       # (path, name) -> [function key] of each definition
kpg_static = set()  # function keys of static definitions
kpg_rettype = {}    # function key -> return type as spatch prints it
kpg_defpos = {}     # function key -> key of the name in the definition
kpg_getters = {}    # function key -> {kmap key: (P, shape, final return key)}
kpg_returns = {}    # function key -> keys of its return statements
kpg_kmaps = {}      # function key -> keys of its kmap() calls
kpg_occ = {}        # (path, getter name) -> keys of the name used as an expression
kpg_protos = set()  # (path, getter name) declared without a body
kpg_sites = {}      # call key -> site record
kpg_decl = set()    # call keys of "struct page *page = G(args);"
kpg_local = set()   # call keys of "page = G(args);", page a local struct page *
kpg_jump = set()    # test keys whose error branch always leaves
kpg_next = {}       # test key -> span of the statement after the if
kpg_uses = {}       # (path, name) -> keys of the name used as an expression
kpg_ctx = {}        # use key -> ("fn", key of IS_ERR/PTR_ERR/ERR_CAST) or ("bare", None)
kpg_writes = set()  # keys of names assigned with = or declared
kpg_decls = {}      # (function key, name) -> keys of its declarators
kpg_params = {}     # function key -> parameter names
kpg_reuse = {}      # call key -> set of (address statement key, V, cast type)
kpg_inline = {}     # test key -> keys of the page_address() calls to replace
kpg_errread = {}    # test key -> set of (name, key) read past the test
kpg_errlive = {}    # test key -> keys where err is read on the success path
kpg_first = {}      # function key -> key of the first declarator of its body
kpg_forinits = {}   # path -> spans of the initialisers of for loops
kpg_forcalls = set()  # keys of the start of "V = F(...)" for initialisers
kpg_edits = {}      # (edit kind, key) -> name; ("gate", kmap key) -> (getter, pagep)
kpg_file_ok = {}    # path -> whether the file converts
kpg_names = {}      # function key -> names introduced in it
kpg_texts = {}      # path -> (text without comments and literals, line offsets)
kpg_fn_texts = {}   # function key of a getter -> its text
kpg_applied = set() # (edit kind, key) of the edits the rewrite made
kpg_signed = set()  # getter names whose signature the rewrite changed
kpg_checked = set() # paths checked after the rewrite

def kpg_fn(p):
    return (os.path.realpath(p[0].file), p[0].current_element,
            int(p[0].current_element_line))

def kpg_span(p):
    return ((int(p[0].line), int(p[0].column) + 1),
            (int(p[0].line_end), int(p[0].column_end) + 1))

def kpg_in(k, span):
    return span is not None and span[0] <= k[1:] < span[1]

def kpg_blank(m):
    return "".join(ch if ch == chr(10) else " " for ch in m.group(0))

def kpg_text(path):
    # The file with comments and literals blanked out, offsets kept.
    if path not in kpg_texts:
        with open(path, errors="replace") as f:
            text = f.read()
        bs = chr(92)
        pats = ["/[*].*?[*]/", "//[^" + chr(10) + "]*"]
        for mark in (chr(34), chr(39)):
            pats.append(mark + "([^" + mark + bs + bs + chr(10) + "]|" +
                        bs + bs + ".)*" + mark)
        text = re.sub(chr(124).join(pats), kpg_blank, text, flags=re.S)
        starts = [0]
        for line in text.split(chr(10)):
            starts.append(starts[-1] + len(line) + 1)
        kpg_texts[path] = (text, starts)
    return kpg_texts[path]

def kpg_offset(k):
    text, starts = kpg_text(k[0])
    return starts[k[1] - 1] + k[2] - 1

def kpg_fn_text(p):
    text, starts = kpg_text(os.path.realpath(p[0].file))
    first = int(p[0].current_element_line)
    last = int(p[0].current_element_line_end)
    return text[starts[first - 1]:starts[min(last, len(starts) - 1)]]

def kpg_word(name, text):
    return re.search(r"\b%s\b" % name, text) is not None

def kpg_type(t):
    return " ".join(w for w in t.split() if w not in ("const", "volatile"))

def kpg_fresh(fk, base, text):
    taken = kpg_names.setdefault(fk, set())
    n = 1
    while True:
        name = base if n == 1 else "%s%d" % (base, n)
        if name not in taken and not kpg_word(name, text):
            taken.add(name)
            return name
        n += 1

def kpg_call_end(k):
    # Offset just past the closing parenthesis of the call whose name is at k.
    text = kpg_text(k[0])[0]
    i = text.find(chr(40), kpg_offset(k))
    depth = 0
    while 0 <= i < len(text):
        if text[i] == chr(40):
            depth += 1
        elif text[i] == chr(41):
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None

KPG_KEYWORDS = set(["return", "goto", "break", "continue", "else", "do",
                    "case", "default", "if", "for", "while", "switch",
                    "sizeof"])

def kpg_only_decls(c, nxt, tail):
    # Whether "struct page *page = G(args);" at call key c is followed, up to
    # the next statement (key nxt, preceded by the text tail), only by
    # declarations without initialisers: the call may then move down to
    # that statement without running later than anything it ran before.
    text = kpg_text(c[0])[0]
    end = kpg_call_end(c)
    if end is None:
        return False
    rest = text[end:kpg_offset(nxt)]
    m = re.match(r"\s*;(.*?)" + tail + "$", rest, re.S)
    if m is None:
        return False
    chunks = m.group(1).split(";")
    if chunks[-1].strip():
        return False
    for chunk in chunks[:-1]:
        if not re.match(r"\s*[A-Za-z_]\w*[\s*]+[A-Za-z_*][][\w\s*,]*$", chunk):
            return False
        if chunk.split()[0] in KPG_KEYWORDS:
            return False
    return True

def kpg_in_scope(d, c):
    # Whether the call at c lies after the declarator at d and inside the
    # block that declares it.
    if d[0] != c[0] or d[1:] >= c[1:]:
        return False
    depth = 0
    for ch in kpg_text(d[0])[0][kpg_offset(d):kpg_offset(c)]:
        if ch == chr(123):
            depth += 1
        elif ch == chr(125):
            depth -= 1
            if depth < 0:
                return False
    return True

def kpg_getter(k, r, P, shape):
    fk = kpg_fn(k)
    kpg_getters.setdefault(fk, {})[kmapcheck_key(k)] = (P, shape, kmapcheck_key(r))

def kpg_site(c, t, kind, ps, page):
    ck = kmapcheck_key(c)
    s = kpg_sites.setdefault(ck, {"tests": set()})
    s["tests"].add((kmapcheck_key(t), kind))
    s["page"] = page
    s["S"] = kpg_span(ps)
    s["fn"] = kpg_fn(c)
    s["text"] = kpg_fn_text(c)

def kpg_site_err(c, e, err):
    s = kpg_sites.setdefault(kmapcheck_key(c), {"tests": set()})
    s.setdefault("errs", set()).add((kmapcheck_key(e), err))

def kpg_read(t, name, r):
    kpg_errread.setdefault(kmapcheck_key(t), set()).add((name, kmapcheck_key(r)))

def kpg_check_getter(path, fk, kk, edits):
    P, shape, ret = kpg_getters[fk][kk]
    name = fk[1]
    if len(kpg_getters[fk]) != 1 or len(kpg_defs.get((path, name), ())) != 1:
        return False
    if fk not in kpg_static or (path, name) in kpg_protos:
        return False
    if kpg_type(kpg_rettype.get(fk, "")) != "struct page *":
        return False
    if kpg_kmaps.get(fk, set()) != set([kk]):
        return False
    rets = kpg_returns.get(fk, set())
    if ret not in rets or len(rets) != (1 if shape == "A" else 2):
        return False
    # One parameter at least, and not variadic: the new one goes last.
    end = kpg_call_end(kpg_defpos[fk])
    if end is None:
        return False
    text = kpg_text(path)[0]
    params = text[text.find(chr(40), kpg_offset(kpg_defpos[fk])) + 1:end - 1]
    if params.strip() in ("", "void") or "..." in params:
        return False
    pp = kpg_fresh(fk, "pagep", params + kpg_fn_texts.get(fk, ""))
    edits[("get", kk)] = pp
    edits[("gate", kk)] = (name, pp)
    return True

def kpg_check_site(s, edits, firsts):
    # Approves one call site and notes its edits, or returns False.
    c = s["c"]
    page = s["page"]
    fk = s["fn"]
    if len(s["tests"]) != 1 or len(s.get("errs", ())) > 1:
        return False
    t, kind = next(iter(s["tests"]))
    S = s["S"]
    err = None
    e = None
    if s.get("errs"):
        e, err = next(iter(s["errs"]))
        if err == page or kind != "T1":
            return False
        if any(r not in kpg_writes for r in kpg_errlive.get(t, ())):
            return False
    if c in kpg_decl:
        form = "decl"
    elif c in kpg_local:
        form = "assign"
    else:
        return False
    fixes = []
    if kind == "T1":
        if t not in kpg_jump or t not in kpg_next:
            return False
        skip = [kpg_next[t], S]
        # The error branch: every use of page there gets the error from the
        # address instead.
        for u in kpg_uses.get((c[0], page), ()):
            if not kpg_in(u, S):
                continue
            if u in kpg_writes or u not in kpg_ctx:
                return False
            how, f = kpg_ctx[u]
            fixes.append(("fn", f) if how == "fn" else ("bare", u))
    else:
        skip = [S]
    reuse = kpg_reuse.get(c, set())
    inline = kpg_inline.get(t, set())
    reads = kpg_errread.get(t, set())
    for name, r in reads:
        if name != page or r in kpg_writes or any(kpg_in(r, x) for x in skip):
            continue
        return False
    if reuse:
        if len(reuse) != 1:
            return False
        a, V, cast = next(iter(reuse))
        if V in (page, err) or (cast is not None and "*" not in cast):
            return False
        for name, r in reads:
            if name != V or r in kpg_writes or any(kpg_in(r, x) for x in skip):
                continue
            return False
        if kind == "T1":
            text, starts = kpg_text(c[0])
            lo = starts[S[0][0] - 1] + S[0][1] - 1
            hi = starts[S[1][0] - 1] + S[1][1] - 1
            if kpg_word(V, text[lo:hi]):
                return False
        # V must be visible where the call will stand: at the call, or for
        # a declaration of page, at the statement after the declarations.
        at = c if form == "assign" else (e if e is not None else t)
        decls = kpg_decls.get((fk, V), [])
        if len(decls) > 1 or (decls and V in kpg_params.get(fk, ())):
            return False
        if decls:
            if not kpg_in_scope(decls[0], at):
                return False
        elif V not in kpg_params.get(fk, ()):
            return False
        X = V
        edits[("a", a)] = X
        if form == "decl":
            if e is not None:
                if not kpg_only_decls(c, e, r"[A-Za-z_]\w*\s*=\s*"):
                    return False
                edits[("m2_err", c)] = X
                edits[("m2_err_e", e)] = X
            else:
                if not kpg_only_decls(c, t, r"if\s*[(]\s*!?\s*"):
                    return False
                edits[("m2_t", c)] = X
                edits[("m2_t_t", t)] = X
        else:
            edits[("call", c)] = X
    elif inline:
        spans = [x for x in kpg_forinits.get(c[0], ())
                 if (c[0],) + x[0] in kpg_forcalls]
        if any(kpg_in(i, x) for i in inline for x in spans):
            return False
        X = kpg_fresh(fk, "kaddr", s["text"])
        for i in inline:
            edits[("i", i)] = X
        if form == "decl":
            edits[("decl_new", c)] = X
        else:
            if fk not in kpg_first:
                return False
            firsts.setdefault(kpg_first[fk], []).append(X)
            edits[("call", c)] = X
    else:
        return False
    if ("m2_t_t", t) not in edits:
        edits[("fn", t)] = X
    if e is not None and ("m2_err_e", e) not in edits:
        edits[("fn", e)] = X
    for fix in fixes:
        edits[fix] = X
    return True

def kpg_check_file(path, edits):
    getters = [(fk, kk) for fk in kpg_getters if fk[0] == path
               for kk in kpg_getters[fk] if kmapcheck_selected(kk)]
    if not getters:
        return False
    text = kpg_text(path)[0]
    firsts = {}
    for fk, kk in getters:
        if not kpg_check_getter(path, fk, kk, edits):
            return False
        name = fk[1]
        occ = kpg_occ.get((path, name), set())
        # Definition plus call sites: a use spatch did not see (a macro, a
        # branch of #if it did not parse) keeps the file as it is.
        if len(re.findall(r"\b%s\b" % name, text)) != 1 + len(occ):
            return False
        for o in occ:
            s = kpg_sites.get(o)
            if s is None:
                return False
            s["c"] = o
            if not kpg_check_site(s, edits, firsts):
                return False
    for k, names in firsts.items():
        edits[("first", k)] = ", *".join(names)
    return True

def kpg_decide(path):
    if path not in kpg_file_ok:
        edits = {}
        ok = kpg_check_file(path, edits)
        kpg_file_ok[path] = ok
        if ok:
            kpg_edits.update(edits)
    return kpg_file_ok[path]

def kpg_edit(kind, p):
    k = kmapcheck_key(p)
    return kpg_decide(k[0]) and (kind, k) in kpg_edits

def kpg_edit_name(kind, p):
    return kpg_edits[(kind, kmapcheck_key(p))]

def kpg_done(kind, p):
    kpg_applied.add((kind, kmapcheck_key(p)))

def kpg_verify(k):
    # After the rewrite: every edit decided for the file of k was made.  A
    # miss would leave a caller that does not compile or a wrong test, so
    # it is reported; the golden tests fail on any message.
    path = kmapcheck_key(k)[0]
    if path in kpg_checked or not kpg_decide(path):
        return
    kpg_checked.add(path)
    missing = sorted(set(e[1][1] for e in kpg_edits
                         if e[1][0] == path and e[0] != "gate" and
                         e not in kpg_applied))
    missing += sorted(set(v[0] for e, v in kpg_edits.items()
                          if e[0] == "gate" and e[1][0] == path and
                          v[0] not in kpg_signed))
    if missing:
        sys.stderr.write("%s: warning: %s could not make all of its edits "
                         "(lines or getters %s): check the result\n"
                         % (k[0].file, kmapcheck_rule,
                            ", ".join(str(m) for m in missing)))

@kmapcheck_seen@
expression list es;
position p : script:python() { kmapcheck_seen(p) };
@@
kmap@p(es)

// The getters: the body shapes, then what else is true of their functions.
@kpg_shape@
identifier P;
position k, r, qa, qb;
@@
(
  if (!IS_ERR@qa(P)) kmap@k(P);
|
  if (!IS_ERR@qa(P)) { kmap@k(P); }
|
  if (IS_ERR@qb(P)) \( return P; \| return ERR_CAST(P); \)
  kmap@k(P);
)
\( return@r P; \| return@r (P); \)

@script:python@
k << kpg_shape.k;
r << kpg_shape.r;
P << kpg_shape.P;
qa << kpg_shape.qa;
@@
kpg_getter(k, r, P, "A")

@script:python@
k << kpg_shape.k;
r << kpg_shape.r;
P << kpg_shape.P;
qb << kpg_shape.qb;
@@
kpg_getter(k, r, P, "B")

@script:python kpg_name@
k << kpg_shape.k;
G;
@@
kpg_fn_texts[kpg_fn(k)] = kpg_fn_text(k)
coccinelle.G = k[0].current_element

@kpg_def@
identifier kpg_name.G;
type T;
position f;
@@
T G@f(...) {...}

@script:python@
f << kpg_def.f;
G << kpg_name.G;
T << kpg_def.T;
@@
fk = kpg_fn(f)
kpg_defs.setdefault((fk[0], G), []).append(fk)
kpg_rettype[fk] = T
kpg_defpos[fk] = kmapcheck_key(f)

@kpg_sdef@
identifier kpg_name.G;
type T;
position f;
@@
static T G@f(...) {...}

@script:python@
f << kpg_sdef.f;
@@
kpg_static.add(kpg_fn(f))

@kpg_proto@
identifier kpg_name.G;
type T;
position f;
@@
T G@f(...);

@script:python@
f << kpg_proto.f;
G << kpg_name.G;
@@
kpg_protos.add((os.path.realpath(f[0].file), G))

@kpg_ret depends on kpg_shape@
expression E;
position r;
@@
\( return@r E; \| return@r; \)

@script:python@
r << kpg_ret.r;
@@
kpg_returns.setdefault(kpg_fn(r), set()).add(kmapcheck_key(r))

@kpg_maps depends on kpg_shape@
expression list es;
position p;
@@
kmap@p(es)

@script:python@
p << kpg_maps.p;
@@
kpg_kmaps.setdefault(kpg_fn(p), set()).add(kmapcheck_key(p))

// Every use of a getter name as an expression: each must be a call site
// below, or the file stays.
@kpg_occ@
identifier kpg_name.G;
position o;
@@
G@o

@script:python@
o << kpg_occ.o;
G << kpg_name.G;
@@
kpg_occ.setdefault((os.path.realpath(o[0].file), G), set()).add(kmapcheck_key(o))

// Call sites: the call, then the error test on the page.
@kpg_site@
identifier kpg_name.G;
identifier pv;
local idexpression err;
expression list args;
position c, ta, tb, e, ps;
statement S;
@@
(
  pv = G@c(args);
|
  struct page *pv = G@c(args);
)
  ... when != pv
      when strict
(
  if (IS_ERR@ta(pv)) S@ps
|
  if (!IS_ERR@tb(pv)) S@ps
|
  err = PTR_ERR@e(pv);
  if (IS_ERR@ta(pv)) S@ps
)

@script:python@
c << kpg_site.c;
t << kpg_site.ta;
ps << kpg_site.ps;
page << kpg_site.pv;
@@
kpg_site(c, t, "T1", ps, page)

@script:python@
c << kpg_site.c;
t << kpg_site.tb;
ps << kpg_site.ps;
page << kpg_site.pv;
@@
kpg_site(c, t, "T2", ps, page)

@script:python@
c << kpg_site.c;
e << kpg_site.e;
err << kpg_site.err;
@@
kpg_site_err(c, e, str(err))

@kpg_decl@
identifier kpg_name.G;
identifier pv;
position c;
@@
struct page *pv = G@c(...);

@script:python@
c << kpg_decl.c;
@@
kpg_decl.add(kmapcheck_key(c))

@kpg_local@
identifier kpg_name.G;
local idexpression struct page *pl;
position c;
@@
pl = G@c(...);

@script:python@
c << kpg_local.c;
@@
kpg_local.add(kmapcheck_key(c))

// The error branch of "if (IS_ERR(page)) S" always leaves.
@kpg_jump@
identifier kpg_site.pv;
position tj;
identifier L;
expression E;
@@
if (IS_ERR@tj(pv))
(
  continue;
|
  break;
|
  goto L;
|
  return;
|
  return E;
|
  {
  ...
(
  continue;
|
  break;
|
  goto L;
|
  return;
|
  return E;
)
  }
)

@script:python@
t << kpg_jump.tj;
@@
kpg_jump.add(kmapcheck_key(t))

@kpg_next@
identifier kpg_site.pv;
position kpg_site.ta, pn;
statement S, F;
@@
if (IS_ERR@ta(pv)) S
F@pn

@script:python@
t << kpg_site.ta;
pn << kpg_next.pn;
@@
kpg_next[kmapcheck_key(t)] = kpg_span(pn)

// The page variable: its uses, and how it is used in the error branch.
@kpg_use@
identifier kpg_site.pv;
position u;
@@
pv@u

@script:python@
u << kpg_use.u;
page << kpg_site.pv;
@@
kpg_uses.setdefault((os.path.realpath(u[0].file), page), set()).add(kmapcheck_key(u))

@kpg_ctx_fn@
identifier kpg_site.pv;
identifier F = {IS_ERR, PTR_ERR, ERR_CAST};
position u, f;
@@
F@f(pv@u)

@script:python@
u << kpg_ctx_fn.u;
f << kpg_ctx_fn.f;
@@
kpg_ctx[kmapcheck_key(u)] = ("fn", kmapcheck_key(f))

@kpg_ctx_bare@
identifier kpg_site.pv;
expression E;
position u;
@@
(
  return pv@u;
|
  E = pv@u
)

@script:python@
u << kpg_ctx_bare.u;
@@
kpg_ctx.setdefault(kmapcheck_key(u), ("bare", None))

// Names written (assigned with = or declared) and parameters, by position.
@kpg_write depends on kpg_site@
identifier x;
expression E;
position w;
@@
x@w = E

@script:python@
w << kpg_write.w;
@@
kpg_writes.add(kmapcheck_key(w))

@kpg_declr depends on kpg_site@
identifier x;
expression E;
type T;
position w;
@@
\( T x@w; \| T x@w = E; \)

@script:python@
w << kpg_declr.w;
x << kpg_declr.x;
@@
kpg_writes.add(kmapcheck_key(w))
kpg_decls.setdefault((kpg_fn(w), x), []).append(kmapcheck_key(w))

@kpg_param depends on kpg_site@
identifier fn, x;
type T;
position f;
@@
fn@f(..., T x, ...) {...}

@script:python@
f << kpg_param.f;
x << kpg_param.x;
@@
kpg_params.setdefault(kpg_fn(f), set()).add(x)

// The first declaration of each function body: a new address variable for
// a call assigned to a page declared elsewhere goes just before it.
@kpg_first depends on kpg_site@
identifier fn, x;
type T;
expression E;
position f, pf;
@@
fn@f(...) {
\( T x@pf; \| T x@pf = E; \)
  ... when any
}

@script:python@
f << kpg_first.f;
pf << kpg_first.pf;
@@
fk = kpg_fn(f)
k = kmapcheck_key(pf)
if fk not in kpg_first or k[1:] < kpg_first[fk][1:]:
    kpg_first[fk] = k

// On every path on which the page is valid, the first statement calling
// page_address(page): "V = [(T)]page_address(page);" (reuse) ...
@kpg_reuse1@
identifier kpg_site.pv;
identifier g;
local idexpression V;
expression E;
type T;
statement S;
position kpg_site.c, kpg_site.ta, a1, a2;
@@
(
  pv = g@c(...);
|
  struct page *pv = g@c(...);
)
  ... when != V
      when != pv = E
      when != &pv
      when strict
  if (IS_ERR@ta(pv)) S
  ... when != pv = E
      when != &pv
      when != V
      when != page_address(pv)
      when strict
(
  V = page_address@a1(pv);
|
  V = (T)page_address@a2(pv);
)

@script:python@
c << kpg_site.c;
a << kpg_reuse1.a1;
V << kpg_reuse1.V;
@@
kpg_reuse.setdefault(kmapcheck_key(c), set()).add((kmapcheck_key(a), str(V), None))

@script:python@
c << kpg_site.c;
a << kpg_reuse1.a2;
V << kpg_reuse1.V;
T << kpg_reuse1.T;
@@
kpg_reuse.setdefault(kmapcheck_key(c), set()).add((kmapcheck_key(a), str(V), T))

@kpg_reuse2@
identifier kpg_site.pv;
identifier g;
local idexpression V;
expression E;
type T;
position kpg_site.c, kpg_site.tb, a1, a2;
@@
(
  pv = g@c(...);
|
  struct page *pv = g@c(...);
)
  ... when != V
      when != pv = E
      when != &pv
      when strict
  if (!IS_ERR@tb(pv)) {
  ... when != pv = E
      when != &pv
      when != V
      when != page_address(pv)
      when strict
(
  V = page_address@a1(pv);
|
  V = (T)page_address@a2(pv);
)
  ... when any
  }

@script:python@
c << kpg_site.c;
a << kpg_reuse2.a1;
V << kpg_reuse2.V;
@@
kpg_reuse.setdefault(kmapcheck_key(c), set()).add((kmapcheck_key(a), str(V), None))

@script:python@
c << kpg_site.c;
a << kpg_reuse2.a2;
V << kpg_reuse2.V;
T << kpg_reuse2.T;
@@
kpg_reuse.setdefault(kmapcheck_key(c), set()).add((kmapcheck_key(a), str(V), T))

// ... or any other statement (inline).
@kpg_inline1@
identifier kpg_site.pv;
expression E;
statement S;
position kpg_site.ta, i;
@@
  if (IS_ERR@ta(pv)) S
  ... when != pv = E
      when != &pv
      when != page_address(pv)
      when strict
  page_address@i(pv)

@script:python@
t << kpg_site.ta;
i << kpg_inline1.i;
@@
kpg_inline.setdefault(kmapcheck_key(t), set()).add(kmapcheck_key(i))

@kpg_inline2@
identifier kpg_site.pv;
expression E;
position kpg_site.tb, i;
@@
  if (!IS_ERR@tb(pv)) {
  ... when != pv = E
      when != &pv
      when != page_address(pv)
      when strict
  page_address@i(pv)
  ... when any
  }

@script:python@
t << kpg_site.tb;
i << kpg_inline2.i;
@@
kpg_inline.setdefault(kmapcheck_key(t), set()).add(kmapcheck_key(i))

// The initialiser of a for loop that assigns a call ("for (de =
// f(...); ...)"): spatch does not rewrite an inline use of the address
// there (the statement pattern of the call site below matches it and hides
// it from the expression patterns), so such a site keeps the file as it is.
@kpg_forinit depends on kpg_site@
expression E1, E2, E3;
statement S;
position fi;
@@
(
  for (E1@fi; E2; E3) S
|
  for (E1@fi; ; E3) S
|
  for (E1@fi; E2; ) S
|
  for (E1@fi; ; ) S
)

@script:python@
fi << kpg_forinit.fi;
@@
kpg_forinits.setdefault(os.path.realpath(fi[0].file), []).append(kpg_span(fi))

@kpg_forcall depends on kpg_forinit@
identifier V, F;
expression list es;
expression E2, E3;
statement S;
position fv;
@@
(
  for (V@fv = F(es); E2; E3) S
|
  for (V@fv = F(es); ; E3) S
|
  for (V@fv = F(es); E2; ) S
|
  for (V@fv = F(es); ; ) S
)

@script:python@
fv << kpg_forcall.fv;
@@
kpg_forcalls.add(kmapcheck_key(fv))

// Reads of page (and of a reused V) on the paths past the error test that
// do not go through the success branch: the new code leaves page as it
// was there, and puts the error in V.
@kpg_err1 exists@
identifier kpg_site.pv;
statement kpg_next.F;
expression E;
position kpg_site.ta, kpg_next.pn, r;
@@
IS_ERR@ta(pv)
... when != pv = E
    when != F@pn
pv@r

@script:python@
t << kpg_site.ta;
page << kpg_site.pv;
r << kpg_err1.r;
@@
kpg_read(t, page, r)

@kpg_err1v exists@
identifier kpg_site.pv;
local idexpression kpg_reuse1.V;
statement kpg_next.F;
expression E;
position kpg_site.ta, kpg_next.pn, r;
@@
IS_ERR@ta(pv)
... when != V = E
    when != F@pn
V@r

@script:python@
t << kpg_site.ta;
V << kpg_reuse1.V;
r << kpg_err1v.r;
@@
kpg_read(t, str(V), r)

@kpg_err2 exists@
identifier kpg_site.pv;
statement kpg_site.S;
expression E;
position kpg_site.tb, kpg_site.ps, r;
@@
IS_ERR@tb(pv)
... when != pv = E
    when != S@ps
pv@r

@script:python@
t << kpg_site.tb;
page << kpg_site.pv;
r << kpg_err2.r;
@@
kpg_read(t, page, r)

@kpg_err2v exists@
identifier kpg_site.pv;
local idexpression kpg_reuse2.V;
statement kpg_site.S;
expression E;
position kpg_site.tb, kpg_site.ps, r;
@@
IS_ERR@tb(pv)
... when != V = E
    when != S@ps
V@r

@script:python@
t << kpg_site.tb;
V << kpg_reuse2.V;
r << kpg_err2v.r;
@@
kpg_read(t, str(V), r)

// err = PTR_ERR(page) before the test: on success err must be written
// before it is read.
@kpg_errlive exists@
identifier kpg_site.pv;
local idexpression kpg_site.err;
statement S;
expression E;
position kpg_site.ta, r;
@@
if (IS_ERR@ta(pv)) S
... when != err = E
err@r

@script:python@
t << kpg_site.ta;
r << kpg_errlive.r;
@@
kpg_errlive.setdefault(kmapcheck_key(t), set()).add(kmapcheck_key(r))

// Names for the signature change below, decided before any rewrite.
@script:python kpg_gate@
k << kpg_shape.k;
GN;
PPN;
@@
kk = kmapcheck_key(k)
if kpg_decide(kk[0]) and ("gate", kk) in kpg_edits:
    coccinelle.GN, coccinelle.PPN = kpg_edits[("gate", kk)]
else:
    cocci.include_match(False)

// The only rewrite that sees the file as it was: every edit decided above,
// each at its own position.
@kpg_convert@
identifier P, pv, G, V, err, x0;
identifier F = {IS_ERR, PTR_ERR, ERR_CAST};
expression list args;
expression E0;
type T, T0;
statement S;
position kg1 : script:python() { kpg_edit("get", kg1) };
position kg2 : script:python() { kpg_edit("get", kg2) };
position kg3 : script:python() { kpg_edit("get", kg3) };
position pc : script:python() { kpg_edit("call", pc) };
position pd : script:python() { kpg_edit("decl_new", pd) };
position pm : script:python() { kpg_edit("m2_err", pm) };
position pme : script:python() { kpg_edit("m2_err_e", pme) };
position pn : script:python() { kpg_edit("m2_t", pn) };
position pnt : script:python() { kpg_edit("m2_t_t", pnt) };
position pf : script:python() { kpg_edit("fn", pf) };
position pu : script:python() { kpg_edit("bare", pu) };
position pa : script:python() { kpg_edit("a", pa) };
position pi : script:python() { kpg_edit("i", pi) };
position pt : script:python() { kpg_edit("first", pt) };
fresh identifier PP1 = script:python(kg1) { kpg_edit_name("get", kg1) };
fresh identifier PP2 = script:python(kg2) { kpg_edit_name("get", kg2) };
fresh identifier PP3 = script:python(kg3) { kpg_edit_name("get", kg3) };
fresh identifier Xc = script:python(pc) { kpg_edit_name("call", pc) };
fresh identifier Xd = script:python(pd) { kpg_edit_name("decl_new", pd) };
fresh identifier Xm = script:python(pm) { kpg_edit_name("m2_err", pm) };
fresh identifier Xme = script:python(pme) { kpg_edit_name("m2_err_e", pme) };
fresh identifier Xn = script:python(pn) { kpg_edit_name("m2_t", pn) };
fresh identifier Xnt = script:python(pnt) { kpg_edit_name("m2_t_t", pnt) };
fresh identifier Xf = script:python(pf) { kpg_edit_name("fn", pf) };
fresh identifier Xu = script:python(pu) { kpg_edit_name("bare", pu) };
fresh identifier Xi = script:python(pi) { kpg_edit_name("i", pi) };
fresh identifier Xt = script:python(pt) { kpg_edit_name("first", pt) };
@@
(
- if (!IS_ERR(P))
-	kmap@kg1(P);
- return P;
+ if (IS_ERR(P))
+	return ERR_CAST(P);
+ *PP1 = P;
+ return kmap(P);
|
- if (!IS_ERR(P))
-	kmap@kg1(P);
- return (P);
+ if (IS_ERR(P))
+	return ERR_CAST(P);
+ *PP1 = P;
+ return kmap(P);
|
- if (!IS_ERR(P)) { kmap@kg2(P); }
- return P;
+ if (IS_ERR(P))
+	return ERR_CAST(P);
+ *PP2 = P;
+ return kmap(P);
|
- if (!IS_ERR(P)) { kmap@kg2(P); }
- return (P);
+ if (IS_ERR(P))
+	return ERR_CAST(P);
+ *PP2 = P;
+ return kmap(P);
|
  if (IS_ERR(P))
(
  return
- P
+ ERR_CAST(P)
  ;
|
  return ERR_CAST(P);
)
- kmap@kg3(P);
+ *PP3 = P;
  return
- P
+ kmap(P)
  ;
|
  if (IS_ERR(P))
(
  return
- P
+ ERR_CAST(P)
  ;
|
  return ERR_CAST(P);
)
- kmap@kg3(P);
+ *PP3 = P;
  return
- (P)
+ kmap(P)
  ;
|
- pv = G@pc(args);
+ Xc = G(args, &pv);
|
- struct page *pv = G@pd(args);
+ struct page *pv;
+ void *Xd = G(args, &pv);
|
  struct page *pv
- = G@pm(args)
  ;
  ... when != pv
- err = PTR_ERR@pme(pv);
+ Xm = G(args, &pv);
+ err = PTR_ERR(Xme);
|
  struct page *pv
- = G@pn(args)
  ;
  ... when != pv
(
- if (IS_ERR@pnt(pv))
+ Xn = G(args, &pv);
+ if (IS_ERR(Xnt))
  S
|
- if (!IS_ERR@pnt(pv))
+ Xn = G(args, &pv);
+ if (!IS_ERR(Xnt))
  S
)
|
- V = page_address@pa(pv);
|
- V = (T)page_address@pa(pv);
|
- F@pf(pv)
+ F(Xf)
|
- pv@pu
+ ERR_CAST(Xu)
|
- (T)page_address@pi(pv)
+ (T)Xi
|
- page_address@pi(pv)
+ Xi
|
+ void *Xt;
  T0 x0@pt;
|
+ void *Xt;
  T0 x0@pt = E0;
)

@script:python@
p << kpg_convert.kg1;
@@
kmapcheck_mark(kmapcheck_key(p))
kpg_done("get", p)

@script:python@
p << kpg_convert.kg2;
@@
kmapcheck_mark(kmapcheck_key(p))
kpg_done("get", p)

@script:python@
p << kpg_convert.kg3;
@@
kmapcheck_mark(kmapcheck_key(p))
kpg_done("get", p)

@script:python@
p << kpg_convert.pc;
@@
kpg_done("call", p)

@script:python@
p << kpg_convert.pd;
@@
kpg_done("decl_new", p)

@script:python@
p << kpg_convert.pm;
@@
kpg_done("m2_err", p)

@script:python@
p << kpg_convert.pme;
@@
kpg_done("m2_err_e", p)

@script:python@
p << kpg_convert.pn;
@@
kpg_done("m2_t", p)

@script:python@
p << kpg_convert.pnt;
@@
kpg_done("m2_t_t", p)

@script:python@
p << kpg_convert.pf;
@@
kpg_done("fn", p)

@script:python@
p << kpg_convert.pu;
@@
kpg_done("bare", p)

@script:python@
p << kpg_convert.pa;
@@
kpg_done("a", p)

@script:python@
p << kpg_convert.pi;
@@
kpg_done("i", p)

@script:python@
p << kpg_convert.pt;
@@
kpg_done("first", p)

// The signature, by name: only a getter whose body the rewrite above
// turned into "*pagep = P; return kmap(P);" matches (files given together
// on the command line share these names).
@kpg_sig disable prototypes exists@
identifier kpg_gate.GN, kpg_gate.PPN;
identifier P;
parameter list ps;
@@
- struct page *
+ void *
  GN(ps
+ , struct page **PPN
  )
  {
  ... when any
  *PPN = P;
  return kmap(P);
  }

@script:python@
GN << kpg_gate.GN;
P << kpg_sig.P;
@@
kpg_signed.add(GN)

@script:python@
k << kpg_shape.k;
@@
kpg_verify(k)
