#!/usr/bin/env python3
"""heldout.py - measure the prover against what kernel developers later did by hand.

It reads the JSON Lines of `kmapcheck scan` over linux 6.1 and, for every deprecated
mapping site (kmap, kmap_atomic, kmap_atomic_prot, kmap_atomic_pfn), looks at the same
function in a later tree (linux 6.12) with a plain text reading: comments and strings
blanked, functions found by brace depth. It does not parse C and it does not run the
analyzer; it only sorts the 6.1 sites into held-out sets and tallies the verdicts the
scan gave them.

  (a) converted by hand: the function still exists in 6.12, it has fewer calls of the
      site's API than in 6.1 (none, or the aligned line lost its call), and at the place
      the call was (a difflib alignment of the two bodies) or in the function as a whole
      (more calls than in 6.1) there is now a local mapping (kmap_local_*, kunmap_local,
      bvec_kmap_local), a helper built on one (memcpy_*_page, memzero_page, memset_page,
      memcpy_*_folio, memcpy_*_bvec, zero_user*, folio_zero_*) or page_address() /
      folio_address().
  (b) deliberately kept: the function still has the same deprecated call in 6.12 and
      heldout-kept.txt lists it with a reason verified by reading the 6.12 code. A text
      heuristic (the address stored into a field or global, returned, the matching
      unmap missing from the function, or a comment near the call) proposes candidates;
      candidates not in the list are printed, not counted.
  unmatched: the file or function is gone (renames followed: another file of the same
      directory or with the same base name, and the name with page -> folio), the call
      vanished without a replacement in the function, or the alignment is ambiguous.
  not converted: still deprecated in 6.12 and not in the list (neither set).

A site written through a macro (pte_offset_map_lock() and friends) is decided by the
macro: when the 6.12 function still uses it, the macro's definition is followed through
#defines and functions in include/, arch/x86/include/ and mm/ until a mapping call.

Usage: heldout.py [--scan SCAN.jsonl] [--old LINUX-6.1] [--new LINUX-6.12]
                  [--kept heldout-kept.txt] [--sites OUT.tsv] [--check]
The trees default to $KMAPCHECK_CACHE/src/linux-source-{6.1,6.12} (~/.cache/kmapcheck),
extracted from Debian's /usr/src/linux-source-*.tar.xz when missing, as run.sh does.
Without 6.12's tarball the measurement is skipped, saying so. Without --scan the scan is
build/heldout/scan.jsonl, or kernel-test's build/kernel-test/scan.jsonl when that one
is newer; either is reused only while it is newer than ./kmapcheck and rules/, else
`kmapcheck scan --format json --no-cache` runs again (2-4 minutes on 2 cores).
Exit status: 0, or 1 when a kept site is called safe or safe-needs-disable (a false
`safe`) or the kept list names something that is not a kept site; bad input stops
with a message naming the file. With --check it ends with one
`heldout: N passed, M failed` line over the kept sites and the kept list's entries.
"""
import argparse
import collections
import difflib
import fnmatch
import glob
import json
import os
import re
import subprocess
import sys
import time

DEPRECATED = ("kmap_atomic_prot", "kmap_atomic_pfn", "kmap_atomic", "kmap")
PROVEN = ("safe", "safe-needs-disable")
VERDICTS = ("safe", "safe-needs-disable", "lowmem", "cross-thread", "order",
            "unbalanced", "unknown")

# What a hand conversion put in place of the deprecated call, by kind.
REPLACEMENTS = {
    "local": r"kmap_local_\w+|kunmap_local|bvec_kmap_local",
    "helper": r"memcpy_(?:from|to)_page|memcpy_page|memzero_page|memset_page|"
              r"memcpy_(?:from|to)_folio|memcpy_(?:from|to)_bvec|memzero_bvec|"
              r"zero_user(?:_segments?)?|folio_zero_(?:range|segments?|tail)",
    "address": r"page_address|folio_address|lowmem_page_address",
}
REPL_CALL = {k: re.compile(r"(?<![\w.>])(?:" + v + r")\s*\(") for k, v in REPLACEMENTS.items()}
DEP_CALL = re.compile(r"(?<![\w.>])(" + "|".join(DEPRECATED) + r")\s*\(")
UNMAP_OF = {"kmap": "kunmap", "kmap_atomic": "kunmap_atomic",
            "kmap_atomic_prot": "kunmap_atomic", "kmap_atomic_pfn": "kunmap_atomic"}
NOISE = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
FUNC = re.compile(r"(\w+)\s*\([^;{}]*\)\s*(?:__\w+(?:\([^)]*\))?\s*)*$", re.S)
KEYWORDS = {"if", "while", "for", "switch", "return", "sizeof", "typeof", "__typeof__",
            "do", "else", "case", "defined", "__builtin_expect", "likely", "unlikely"}


def call_re(name):
    """A call of NAME, not a field and not a longer identifier."""
    return re.compile(r"(?<![\w.>])" + re.escape(name) + r"\s*\(")


def blank(text):
    """Comments, strings and character literals become spaces; newlines stay."""
    return NOISE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


class Source:
    """One file of a tree: its raw and blanked lines and its function spans."""

    def __init__(self, path):
        with open(path, "rb") as f:
            self.raw = f.read().decode("latin-1")
        self.lines = self.raw.split("\n")
        self.text = blank(self.raw).split("\n")
        self.funcs = []          # (name, first line, last line), 1-based
        self.defines = {}        # macro name -> body text
        self._spans()

    def _spans(self):
        depth, pending, name, start = 0, "", None, 0
        in_define, define_name, define_body = False, None, []
        for no, line in enumerate(self.text, 1):
            s = line.lstrip()
            if in_define or s.startswith("#"):
                if not in_define:
                    m = re.match(r"#\s*define\s+(\w+)", s)
                    define_name, define_body = (m.group(1) if m else None), []
                define_body.append(line.rstrip("\\"))
                in_define = line.rstrip().endswith("\\")
                if not in_define and define_name:
                    self.defines.setdefault(define_name, "\n".join(define_body))
                continue
            for m in re.finditer(r"[{};]|[^{};]+", line):
                tok = m.group(0)
                if tok == "{":
                    if depth == 0:
                        fm = FUNC.search(pending.strip())
                        name = fm.group(1) if fm else None
                        start = no - pending.rstrip().count("\n") if name else no
                    depth += 1
                elif tok == "}":
                    depth = max(depth - 1, 0)
                    if depth == 0:
                        if name:
                            self.funcs.append((name, start, no))
                        name, pending = None, ""
                elif tok == ";":
                    if depth == 0:
                        pending = ""
                elif depth == 0:
                    pending += tok
            if depth == 0:
                pending += "\n"

    def enclosing(self, line):
        """The innermost function span holding LINE, or None."""
        best = None
        for f in self.funcs:
            if f[1] <= line <= f[2] and (best is None or f[1] >= best[1]):
                best = f
        return best

    def body(self, span):
        return self.text[span[1] - 1:span[2]]

    def raw_body(self, span):
        return self.lines[span[1] - 1:span[2]]


class Tree:
    """A kernel tree read on demand; files are cached."""

    def __init__(self, root):
        self.root = root
        self.files = {}
        self.raws = {}
        self._base = None

    def raw(self, rel):
        """The file's bytes as text, or None; cheaper than parsing it."""
        if rel not in self.raws:
            try:
                with open(os.path.join(self.root, rel), "rb") as f:
                    self.raws[rel] = f.read().decode("latin-1")
            except OSError:
                self.raws[rel] = None
        return self.raws[rel]

    def get(self, rel):
        if rel not in self.files:
            path = os.path.join(self.root, rel)
            self.files[rel] = Source(path) if os.path.isfile(path) else None
        return self.files[rel]

    def by_basename(self, base):
        if self._base is None:
            self._base = collections.defaultdict(list)
            for d, dirs, names in os.walk(self.root):
                dirs[:] = [x for x in dirs if not x.startswith(".")]
                for n in names:
                    if n.endswith((".c", ".h")):
                        self._base[n].append(os.path.relpath(os.path.join(d, n), self.root))
        return self._base.get(base, [])

    def find_function(self, rel, name, old_sig):
        """The 6.12 function for (REL, NAME): (file, span, how) or (None, None, why)."""
        names = [name]
        for a, b in (("pages", "folios"), ("page", "folio")):
            if a in name:
                names.append(name.replace(a, b))
        candidates = [rel]
        d = os.path.dirname(rel)
        if os.path.isdir(os.path.join(self.root, d)):
            candidates += sorted(os.path.relpath(p, self.root)
                                 for p in glob.glob(os.path.join(self.root, d, "*.[ch]")))
        candidates += sorted(self.by_basename(os.path.basename(rel)))
        seen = set()
        for n in names:
            for c in candidates:
                if c in seen and n == name:
                    continue
                seen.add(c)
                raw = self.raw(c)
                if raw is None or n not in raw:
                    continue
                src = self.get(c)
                spans = [f for f in src.funcs if f[0] == n]
                if not spans:
                    continue
                span = best_signature(src, spans, old_sig)
                how = []
                if c != rel:
                    how.append("moved to " + c)
                if n != name:
                    how.append("renamed " + n)
                return c, span, ", ".join(how) or "same file"
        if self.get(rel) is None:
            return None, None, "file gone"
        return None, None, "function gone"


def best_signature(src, spans, old_sig):
    """Among same-named definitions (#if alternatives), the one whose head reads most alike."""
    if len(spans) == 1:
        return spans[0]
    return max(spans, key=lambda f: difflib.SequenceMatcher(
        None, old_sig, norm(src.body(f)[0])).ratio())


def norm(line):
    return " ".join(line.split())


def replacements(lines):
    """Counter of replacement kinds called in LINES."""
    c = collections.Counter()
    for ln in lines:
        for k, r in REPL_CALL.items():
            c[k] += len(r.findall(ln))
    return c


class Follower:
    """Follow a macro through definitions in a tree until a mapping call is reached."""

    DIRS = ("include/linux/*.h", "include/asm-generic/*.h", "arch/x86/include/asm/*.h",
            "mm/*.c", "mm/*.h")

    def __init__(self, tree):
        self.tree = tree
        self.index = None
        self.memo = {}

    def definitions(self, name, extra):
        """Bodies of the #defines and functions called NAME in the pool and in EXTRA."""
        if self.index is None:
            self.index = collections.defaultdict(list)
            for g in self.DIRS:
                for p in sorted(glob.glob(os.path.join(self.tree.root, g))):
                    self._add(os.path.relpath(p, self.tree.root), self.index)
        out = list(self.index.get(name, []))
        src = self.tree.get(extra)
        if src is not None and not any(g for g in self.DIRS if fnmatch.fnmatch(extra, g)):
            local = collections.defaultdict(list)
            self._add(extra, local)
            out += local.get(name, [])
        return out

    def _add(self, rel, index):
        src = self.tree.get(rel)
        if src is None:
            return
        for n, body in src.defines.items():
            index[n].append(body)
        for f in src.funcs:
            index[f[0]].append("\n".join(src.body(f)))

    def reach(self, name, extra, depth=0, seen=None):
        """Kinds reached from NAME: 'deprecated' and/or replacement kinds."""
        if seen is None:
            if (name, extra) not in self.memo:
                self.memo[(name, extra)] = self.reach(name, extra, 0, set())
            return self.memo[(name, extra)]
        if name in seen or depth > 6:
            return set()
        seen.add(name)
        found = set()
        for body in self.definitions(name, extra):
            if DEP_CALL.search(body):
                found.add("deprecated")
            for k, r in REPL_CALL.items():
                if r.search(body):
                    found.add(k)
            for m in re.finditer(r"(?<![\w.>])([A-Za-z_]\w*)\s*\(", body):
                callee = m.group(1)
                if callee != name and callee not in KEYWORDS and not callee.isupper() \
                        and callee not in DEPRECATED and not callee.startswith("kunmap"):
                    found |= self.reach(callee, extra, depth + 1, seen)
        return found


def open_or_exit(path, what):
    try:
        return open(path)
    except OSError as e:
        sys.exit(f"heldout: {path}: cannot read {what}: {e.strerror}")


def load_scan(path):
    sites = []
    with open_or_exit(path, "the scan") as f:
        for n, line in enumerate(f, 1):
            try:
                s = json.loads(line)
            except ValueError as e:
                sys.exit(f"heldout: {path}:{n}: not a JSON line of `kmapcheck scan`: {e}")
            if not isinstance(s, dict) or "role" not in s or "verdict" not in s:
                sys.exit(f"heldout: {path}:{n}: not a site of `kmapcheck scan --format json`")
            if s["role"] == "map" and s.get("deprecated"):
                sites.append(s)
    if not sites:
        sys.exit(f"heldout: {path}: no deprecated mapping sites in the scan")
    return sites


def load_kept(path):
    kept = []
    with open_or_exit(path, "the kept list") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 3)
            m = re.fullmatch(r"(\*|\w+)(?:#([1-9][0-9]*))?", parts[2]) if len(parts) == 4 else None
            if not m or m.group(1) not in DEPRECATED + ("*",) or (m.group(1) == "*" and m.group(2)):
                sys.exit(f"heldout: {path}:{n}: expected `FILE FUNCTION API[#N]|* REASON` "
                         f"(API one of {', '.join(DEPRECATED)}), got: {line}")
            kept.append({"file": parts[0], "function": parts[1], "api": m.group(1),
                         "nth": int(m.group(2)) if m.group(2) else None,
                         "reason": parts[3], "line": n, "sites": []})
    return kept


def classify(site, old, new, fol_old, fol_new):
    """Return a dict: set (a/b-candidate/unmatched/...), detail, kind, new location."""
    r = {"set": "unmatched", "why": "", "kind": "", "where": "", "evidence": []}
    src = old.get(site["file"])
    if src is None:
        r["why"] = "6.1 file not found"
        return r
    span = src.enclosing(site["line"])
    if span is None:
        r["why"] = "no enclosing function in the 6.1 text"
        return r
    name = span[0]
    r["function"] = name
    obody = src.body(span)
    idx = site["line"] - span[1]
    api = site["api"]
    line_txt = src.text[site["line"] - 1]
    via_macro = None
    if not call_re(api).search(line_txt) and site.get("macro") and \
            site["macro"] not in DEPRECATED:
        via_macro = site["macro"]
    pat = call_re(via_macro or api)
    # Which call of the API in the function this is (1-based, text order), so that a
    # kept-list entry can name one of several.
    r["ordinal"] = sum(len(call_re(api).findall(x)) for x in obody[:idx]) + \
        len(call_re(api).findall(line_txt[:max(site.get("column", 1) - 1, 0)])) + 1

    nrel, nspan, how = new.find_function(site["file"], name, norm(obody[0]))
    if nspan is None:
        r["why"] = how
        return r
    nsrc = new.get(nrel)
    nbody = nsrc.body(nspan)
    r["where"] = f"{nrel}:{nspan[1]}" + ("" if how == "same file" else f" ({how})")
    r["new"] = (nrel, nspan)
    dep_old = sum(len(pat.findall(x)) for x in obody)
    dep_new = sum(len(pat.findall(x)) for x in nbody)

    if via_macro and dep_new:
        got_old = fol_old.reach(via_macro, site["file"])
        got_new = fol_new.reach(via_macro, nrel)
        if "deprecated" not in got_old:
            r["why"] = f"macro {via_macro}() not followed to a mapping call in 6.1"
            return r
        if "deprecated" in got_new:
            r["set"] = "still"
            r["why"] = f"macro {via_macro}() still maps with a deprecated call"
            return r
        # Both sides of an #ifdef are followed (HIGHPTE maps, the other side uses
        # page_address()): the deprecated call became the strongest kind found.
        kinds = [k for k in REPLACEMENTS if k in got_new]
        if not kinds:
            r["why"] = f"macro {via_macro}() not followed to a mapping call in 6.12"
            return r
        r["set"] = "a"
        r["kind"] = kinds[0] + f" (in {via_macro}())"
        return r

    sm = difflib.SequenceMatcher(None, [norm(x) for x in obody], [norm(x) for x in nbody],
                                 autojunk=False)
    region = None
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if i1 <= idx < i2 or (tag == "insert" and i1 == idx):
            if tag == "equal":
                region = ("equal", j1 + idx - i1, j1 + idx - i1 + 1)
            else:
                region = (tag, max(j1 - 1, 0), min(j2 + 1, len(nbody)))
            break
    if region is None:
        region = ("delete", 0, 0)
    rep_old = replacements(obody)
    rep_new = replacements(nbody)
    rep_region = replacements(nbody[region[1]:region[2]])
    grown = {k for k in rep_new if rep_new[k] > rep_old[k]}

    if dep_new >= dep_old:
        if region[0] == "equal" or dep_new:
            r["set"] = "still"
            r["why"] = "the deprecated call is still there"
            return r
    aligned_kept = region[0] == "equal" and pat.search(nbody[region[1]])
    if dep_new and aligned_kept:
        r["set"] = "still"
        r["why"] = "the aligned line still has the deprecated call (others converted)"
        return r
    kinds = sorted(k for k in rep_region if rep_region[k]) or sorted(grown)
    if dep_new and not any(rep_region[k] for k in rep_region):
        r["why"] = "some calls of the function converted; alignment cannot tell which"
        return r
    if not kinds:
        r["why"] = "the call is gone with no local mapping, helper or page_address in the function"
        return r
    r["set"] = "a"
    r["kind"] = "/".join(kinds)
    return r


def evidence(site, r, new):
    """Text evidence in 6.12 that the call was kept on purpose (candidates for set b)."""
    if "new" not in r:
        return []
    nrel, nspan = r["new"]
    src = new.get(nrel)
    body = src.body(nspan)
    raw = src.raw_body(nspan)
    api = site["api"]
    pat = call_re(api)
    ev = []
    joined = "\n".join(body)
    for m in re.finditer(r"(->|\.)\s*(\w+)\s*(?:\[[^]\n]*\])?\s*=\s*(?:\([^()]*\)\s*)?" +
                         re.escape(api) + r"\s*\(", joined):
        ev.append(f"stored into field .{m.group(2)}")
    vars_ = set(m.group(1) for m in re.finditer(
        r"(\w+)\s*=\s*(?:\([^()]*\)\s*)?" + re.escape(api) + r"\s*\(", joined))
    for v in vars_:
        if re.search(r"(->|\.)\s*\w+\s*(?:\[[^]\n]*\])?\s*=\s*(?:\([^()]*\)\s*)?" +
                     re.escape(v) + r"\s*[;+]", joined):
            ev.append(f"{v} stored into a field")
        if re.search(r"\breturn\s+(?:\([^()]*\)\s*)?" + re.escape(v) + r"\s*[;+]", joined):
            ev.append(f"{v} returned")
    if re.search(r"\breturn\s+(?:\([^()]*\)\s*)?" + re.escape(api) + r"\s*\(", joined):
        ev.append("returned")
    if not call_re(UNMAP_OF[api]).search(joined):
        ev.append(f"no {UNMAP_OF[api]}() in the function")
    for i, ln in enumerate(body):
        if pat.search(ln):
            lo = max(0, i - 8)
            for j in range(lo, min(len(raw), i + 3)):
                if re.search(r"/\*|//|^\s*\*", raw[j]) and re.search(
                        r"kmap|thread|context|sleep|long|persist|across|atomic|lifetime|"
                        r"highmem|preempt", raw[j], re.I):
                    ev.append("comment: " + norm(raw[j])[:90])
                    break
    return sorted(set(ev))


def reason_shape(reason):
    """The reason with names, lines and expressions taken out, to group alike reasons."""
    s = re.sub(r"\s*\((?:line \d+|summary of [^)]*|[^()]*\.[ch][^()]*)\)", "", reason)
    s = re.sub(r"\bline \d+", "line N", s)
    s = re.sub(r"[A-Za-z_]\w*\(\)", "F()", s)
    s = re.sub(r"\b(stored(?: by F\(\))? to) \S+", r"\1 X", s)
    s = re.sub(r"(kunmap\w*)\(.*?\) at", r"\1(...) at", s)
    return s


def pct(n, d):
    return f"{100.0 * n / d:.1f}%" if d else "n/a"


def table(title, sites):
    print(f"{title}: {len(sites)} sites")
    c = collections.Counter(s["verdict"] for s in sites)
    for v in VERDICTS:
        if c[v]:
            print(f"  {v:<20} {c[v]:5d}  {pct(c[v], len(sites))}")
    for v in sorted(set(c) - set(VERDICTS)):
        print(f"  {v:<20} {c[v]:5d}  (not a verdict of DESIGN.md)")


TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CACHE = os.environ.get("KMAPCHECK_CACHE", os.path.expanduser("~/.cache/kmapcheck"))


def tree(version, given):
    """The extracted tree of linux-source-VERSION, extracting it when needed, or None."""
    if given:
        if not os.path.isdir(given):
            sys.exit(f"heldout: {given}: not a directory (a kernel tree)")
        return given
    name = f"linux-source-{version}"
    src = os.path.join(CACHE, "src", name)
    stamp = os.path.join(CACHE, "src", f".{name}.extracted")
    tarball = f"/usr/src/{name}.tar.xz"
    if not os.path.isfile(tarball):
        return src if os.path.isfile(stamp) and os.path.isdir(src) else None
    if os.path.isfile(stamp) and os.path.getmtime(stamp) >= os.path.getmtime(tarball):
        return src
    print(f"heldout: extracting {tarball} into {os.path.dirname(src)}", flush=True)
    os.makedirs(os.path.dirname(src), exist_ok=True)
    subprocess.run(["rm", "-rf", src], check=True)
    if subprocess.run(["tar", "-C", os.path.dirname(src), "-xf", tarball]).returncode:
        sys.exit(f"heldout: {tarball}: extraction failed")
    open(stamp, "w").close()
    return src


def fresh_scan(old):
    """A JSON Lines scan of OLD newer than ./kmapcheck and rules/, made when needed."""
    prog = os.path.join(TOP, "kmapcheck")
    if not os.access(prog, os.X_OK):
        sys.exit(f"heldout: {prog}: not built (run make)")
    deps = [prog] + glob.glob(os.path.join(TOP, "rules", "*"))
    built = max(os.path.getmtime(d) for d in deps)
    mine = os.path.join(TOP, "build", "heldout", "scan.jsonl")
    theirs = os.path.join(TOP, "build", "kernel-test", "scan.jsonl")
    have = [p for p in (mine, theirs) if os.path.isfile(p) and os.path.getsize(p)]
    if have:
        best = max(have, key=os.path.getmtime)
        if os.path.getmtime(best) > built:
            print(f"heldout: reusing {os.path.relpath(best, TOP)} (newer than ./kmapcheck "
                  "and rules/)")
            return best
        print(f"heldout: {os.path.relpath(best, TOP)} is older than ./kmapcheck or rules/")
    os.makedirs(os.path.dirname(mine), exist_ok=True)
    print(f"heldout: scanning {old} (2-4 minutes)", flush=True)
    start = time.time()
    tmp = mine + ".tmp"
    with open(tmp, "w") as out, open(mine[:-len(".jsonl")] + ".err", "w") as err:
        rc = subprocess.run([prog, "scan", "--format", "json", "--no-progress", "--no-cache",
                             "--db", os.path.join(os.path.dirname(mine), "scan.db"), old],
                            stdout=out, stderr=err).returncode
    if rc not in (0, 3):
        sys.exit(f"heldout: kmapcheck scan exited with status {rc}; see "
                 f"{os.path.relpath(mine[:-len('.jsonl')] + '.err', TOP)}")
    os.replace(tmp, mine)
    print(f"heldout: scan done in {time.time() - start:.0f} s")
    return mine


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scan")
    ap.add_argument("--old")
    ap.add_argument("--new")
    ap.add_argument("--kept", default=os.path.join(os.path.dirname(__file__), "heldout-kept.txt"))
    ap.add_argument("--sites")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--examples", type=int, default=3)
    a = ap.parse_args()
    a.new = tree("6.12", a.new)
    if a.new is None:
        print("heldout: SKIP: linux 6.12 is not available (/usr/src/linux-source-6.12.tar.xz "
              "missing: apt-get install linux-source-6.12); nothing measured")
        if a.check:
            print("heldout: 0 passed, 0 failed, 1 skipped")
        return 0
    a.old = tree("6.1", a.old)
    if a.old is None:
        sys.exit("heldout: linux 6.1 is not available (/usr/src/linux-source-6.1.tar.xz "
                 "missing: apt-get install linux-source-6.1)")
    kept = load_kept(a.kept)
    sites = load_scan(a.scan or fresh_scan(a.old))
    old, new = Tree(a.old), Tree(a.new)
    fol_old, fol_new = Follower(old), Follower(new)

    for s in sites:
        s["h"] = classify(s, old, new, fol_old, fol_new)
        s["h"]["evidence"] = evidence(s, s["h"], new) if s["h"]["set"] == "still" else []
        s["h"].setdefault("function", s["function"])

    # Set (b): kept-list entries over the sites still deprecated in 6.12.
    bad_entries = []
    for k in kept:
        for s in sites:
            if s["file"] == k["file"] and k["function"] in (s["function"], s["h"]["function"]) \
                    and k["api"] in ("*", s["api"]) \
                    and k["nth"] in (None, s["h"].get("ordinal")):
                k["sites"].append(s)
        gone = [s for s in k["sites"] if s["h"]["set"] != "still"]
        if not k["sites"]:
            bad_entries.append(f"{a.kept}:{k['line']}: {k['file']} {k['function']}: "
                               "no deprecated site of the 6.1 scan matches")
        elif gone:
            bad_entries.append(f"{a.kept}:{k['line']}: {k['file']} {k['function']}: "
                               f"{len(gone)} of its sites are not still deprecated in 6.12 "
                               f"({gone[0]['h']['set']}: {gone[0]['h']['why']})")
        for s in k["sites"]:
            if s["h"]["set"] == "still":
                s["h"]["set"] = "b"
                s["h"]["kept"] = k["reason"]

    by = collections.defaultdict(list)
    for s in sites:
        by[s["h"]["set"]].append(s)
    A, B = by["a"], by["b"]

    print(f"held-out sets over {len(sites)} deprecated sites of {a.old} "
          f"against {a.new}")
    print(f"  (a) converted by hand      {len(A):5d}")
    print(f"  (b) kept on purpose        {len(B):5d}  (listed in {os.path.basename(a.kept)})")
    print(f"  still deprecated, unlisted {len(by['still']):5d}  (neither set)")
    print(f"  unmatched                  {len(by['unmatched']):5d}")
    um = collections.Counter(s["h"]["why"] for s in by["unmatched"])
    for why, n in um.most_common():
        print(f"      {n:4d}  {why}")
    print()
    table("(a) converted by hand, by verdict", A)
    kinds = collections.Counter(s["h"]["kind"] for s in A)
    print("  what they used: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    proven = [s for s in A if s["verdict"] in PROVEN or
              (s["verdict"] == "lowmem" and "address" in s["h"]["kind"])]
    print(f"  proven (safe, safe-needs-disable, or lowmem where they used page_address): "
          f"{len(proven)} of {len(A)} = {pct(len(proven), len(A))}  (target >= 60%: "
          f"{'met' if A and len(proven) * 10 >= 6 * len(A) else 'missed'})")
    direct = [s for s in A if " (in " not in s["h"]["kind"]]
    dproven = [s for s in proven if s in direct]
    print(f"  the same without the {len(A) - len(direct)} sites whose conversion was in a macro "
          f"(pte_offset_map_lock() ...): {len(dproven)} of {len(direct)} = "
          f"{pct(len(dproven), len(direct))}")
    other_low = [s for s in A if s["verdict"] == "lowmem" and "address" not in s["h"]["kind"]]
    if other_low:
        print(f"  lowmem where they used a local mapping instead (not counted): {len(other_low)}")
    unk = collections.Counter(s["reason"][:60] for s in A if s["verdict"] == "unknown")
    if unk:
        print("  unknown by reason (first 60 characters):")
        for why, n in unk.most_common(10):
            print(f"      {n:4d}  {why}")
    print()
    table("(b) kept on purpose, by verdict", B)
    false_safe = [s for s in B if s["verdict"] in PROVEN]
    if false_safe:
        print()
        print("!!!! FALSE SAFE: kept sites the prover calls convertible !!!!")
        for s in false_safe:
            print(f"!!!! {s['file']}:{s['line']} {s['api']}() in {s['function']}: "
                  f"{s['verdict']} -- kept because: {s['h']['kept']}")
    else:
        print("  no kept site is called safe or safe-needs-disable")
    for s in B:
        print(f"    {s['file']}:{s['line']} {s['function']} {s['api']}: {s['verdict']}"
              f" -- {s['reason'][:70]}")
    print()

    # The prover's work list: the (a) sites it does not prove, by reason.
    todo = [s for s in A if s not in proven]
    groups = collections.defaultdict(list)
    for s in todo:
        groups[(s["verdict"], s["reason"][:60])].append(s)
    shapes = collections.defaultdict(list)
    for s in todo:
        shapes[(s["verdict"], reason_shape(s["reason"]))].append(s)
    print(f"work list: {len(todo)} converted-by-hand sites not proven, by kind of reason "
          f"(names and lines taken out), most common first")
    for (v, why), ss in sorted(shapes.items(), key=lambda x: (-len(x[1]), x[0])):
        print(f"  {len(ss):4d}  [{v}] {why}")
        for s in ss[:a.examples]:
            print(f"          {s['file']}:{s['line']} {s['function']} -> {s['h']['kind']}")
    print()
    print(f"work list: the same {len(todo)} sites by reason text "
          f"(first 60 characters), most common first")
    for (v, why), ss in sorted(groups.items(), key=lambda x: (-len(x[1]), x[0])):
        print(f"  {len(ss):4d}  [{v}] {why}")
        for s in ss[:a.examples]:
            print(f"          {s['file']}:{s['line']} {s['function']} -> {s['h']['kind']}")
    print()

    cands = [s for s in by["still"] if s["h"]["evidence"]]
    print(f"set (b) candidates by the text heuristic, not in the kept list: {len(cands)} "
          f"(still deprecated sites with evidence; read the code before listing one)")
    for s in cands:
        print(f"    {s['file']}:{s['line']} {s['function']} {s['api']} [{s['verdict']}]: "
              + "; ".join(s["h"]["evidence"]))
    for e in bad_entries:
        print(f"heldout: bad kept-list entry: {e}")

    if a.sites:
        os.makedirs(os.path.dirname(os.path.abspath(a.sites)), exist_ok=True)
        with open(a.sites, "w") as f:
            f.write("file\tline\tapi\tfunction\tverdict\tset\tkind\twhy\tnew_location\t"
                    "evidence\treason\n")
            for s in sites:
                h = s["h"]
                f.write("\t".join(str(x) for x in (
                    s["file"], s["line"], s["api"], h["function"], s["verdict"], h["set"],
                    h["kind"], h["why"], h["where"], "; ".join(h["evidence"]),
                    s["reason"].replace("\t", " "))) + "\n")

    failed = len(false_safe) + len(bad_entries)
    if a.check:
        passed = len(B) - len(false_safe) + len(kept) - len(bad_entries)
        print(f"heldout: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
