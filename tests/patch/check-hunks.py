#!/usr/bin/env python3
"""check-hunks.py - does a kmapcheck patch diff touch only sites the prover proved?

usage: check-hunks.py [--base DIR] SITES.jsonl DIFF [TREE]

SITES.jsonl is the analysis the diff was made from: the sites.jsonl that
`kmapcheck patch` writes next to kmapcheck.diff (or `kmapcheck scan --format
json` of the same tree and version; its "file" fields match the diff's a/
names). With TREE, the pristine tree, a site whose line in that file does not
show its function's name at its column (a site of a header reported under the
file that includes it) is set aside and counted, not trusted. A proven site is a map with verdict
safe, safe-needs-disable or lowmem; its span runs from the map's line to the last
unmap line in its evidence. Every line a hunk removes (or replaces) must lie in
the span of a proven site, and must not be the line of a map that was not proven
or of an unmap in such a map's evidence; outside the spans it may remove only a
blank line next to one, or the declaration of a variable that held a mapping on
a converted line (the helper rule removes what it made unused) and a blank line
next to such a declaration. A hunk that only adds lines (an
introduced variable's declaration, pagefault_disable()) must add them at most
40 lines before a proven span or right after it, in a file with such a span.

With --base DIR (the restructured/ directory `kmapcheck patch` writes), a file
found under DIR is read from there instead of TREE: a file whose helpers were
restructured first has its sites at the lines of that text, and DIFF must then
hold its conversion alone (the series' conversion patch), not kmapcheck.diff.

Prints one line per violation and a summary; exit status 1 when there is any.
"""
import json
import os
import re
import sys

PROVEN = {"safe", "safe-needs-disable", "lowmem"}
BEFORE = 40


def at_position(tree, s, cache, base=None):
    """Does the file show the site's function (or macro) name at its line and column?"""
    name = s["file"]
    if name not in cache:
        path = os.path.join(tree, name)
        if base and os.path.isfile(os.path.join(base, name)):
            path = os.path.join(base, name)
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                cache[name] = f.read().split("\n")
        except OSError:
            cache[name] = []
    lines = cache[name]
    if not 0 < s["line"] <= len(lines):
        return False
    rest = lines[s["line"] - 1][s.get("column", 1) - 1:]
    return any(n and rest.startswith(n) for n in (s.get("api"), s.get("macro")))


def load_sites(path, tree=None, base=None):
    spans, banned = {}, {}
    cache, phantoms = {}, 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for text in f:
            text = text.strip()
            if not text.startswith("{"):
                continue
            s = json.loads(text)
            if s.get("role") != "map":
                continue
            if tree and not at_position(tree, s, cache, base):
                phantoms += 1
                continue
            lines = [s["line"]] + [e["line"] for e in s.get("evidence", [])
                                   if e.get("kind") in ("map", "unmap") and e.get("line")]
            if s.get("verdict") in PROVEN:
                spans.setdefault(s["file"], []).append((min(lines), max(lines), s["line"]))
            else:
                banned.setdefault(s["file"], {}).update(
                    {n: "%s() at line %d, verdict %s" % (s["api"], s["line"], s["verdict"])
                     for n in lines})
    if phantoms:
        print("check-hunks: %d map sites are not where they say in their file "
              "(sites of a header reported under the includer?): set aside" % phantoms)
    return spans, banned


def hunks(path):
    """Yields (file, removed old lines, old lines of insertions, hunk header,
    {old line: removed text}, added texts)."""
    name = None
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("--- "):
            name = line[4:].split("\t")[0]
            name = name[2:] if name.startswith("a/") else name
            i += 1
            continue
        m = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,(\d+))? @@", line)
        if not m or name is None:
            i += 1
            continue
        old = int(m.group(1))
        left_old = int(m.group(2)) if m.group(2) is not None else 1
        left_new = int(m.group(3)) if m.group(3) is not None else 1
        removed, inserted_at, texts, added = [], [], {}, []
        i += 1
        # The counts say where the hunk ends: a "--- a/next" line is not a removal.
        while i < len(lines) and (left_old > 0 or left_new > 0):
            tag = lines[i][:1]
            if tag == " ":
                old += 1
                left_old -= 1
                left_new -= 1
            elif tag == "-":
                removed.append(old)
                texts[old] = lines[i][1:]
                old += 1
                left_old -= 1
            elif tag == "+":
                inserted_at.append(old)
                added.append(lines[i][1:])
                left_new -= 1
            elif tag != "\\":
                break
            i += 1
        yield name, removed, inserted_at, line, texts, added


# The names a declaration declares: each followed by , ; = or [.
DECLARATOR = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?=[,;=\[])")
MAPPED = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:\([^()]*\)\s*)?kmap\w*\s*\(")


def main():
    args, base = sys.argv[1:], None
    if args[:1] == ["--base"] and len(args) > 1:
        args, base = args[2:], args[1]
    if len(args) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    spans, banned = load_sites(args[0], args[2] if len(args) == 3 else None, base)
    all_hunks = list(hunks(args[1]))
    # Variables that held a mapping on a converted line of a proven span, per file.
    mapped = {}
    for name, removed, _, _, texts, _ in all_hunks:
        for n in removed:
            if any(a <= n <= b for a, b, _ in spans.get(name, [])):
                mapped.setdefault(name, set()).update(MAPPED.findall(texts[n]))
    bad = 0
    files = set()
    for name, removed, inserted_at, header, texts, added in all_hunks:
        files.add(name)
        fs = spans.get(name, [])

        def in_span(n):
            return any(a <= n <= b for a, b, _ in fs)

        def removed_decl(n):
            # A declaration losing only variables whose mapping was converted away.
            text = texts.get(n)
            if n not in removed or text is None or "(" in text or not text.rstrip().endswith(";"):
                return None
            gone = set(DECLARATOR.findall(text)) - set(DECLARATOR.findall("\n".join(added)))
            return bool(gone) and gone <= mapped.get(name, set())

        for n in removed:
            text = texts[n]
            if n in banned.get(name, {}):
                print("%s:%d: touches a site that was not proven: %s (hunk %s)"
                      % (name, n, banned[name][n], header))
                bad += 1
            elif in_span(n):
                continue
            elif not text.strip() and (in_span(n - 1) or in_span(n + 1)):
                continue    # the blank line after a removed unmap
            elif not text.strip() and (removed_decl(n - 1) or removed_decl(n + 1)):
                continue    # the blank line after a removed declaration
            elif removed_decl(n) is not None:
                if not removed_decl(n):
                    print("%s:%d: a declaration changed outside every proven site (hunk %s)"
                          % (name, n, header))
                    bad += 1
            else:
                print("%s:%d: changed outside every proven site (hunk %s)" % (name, n, header))
                bad += 1
        if not removed:
            for n in inserted_at:
                if not any(a - BEFORE <= n <= b + 1 for a, b, _ in fs):
                    print("%s:%d: adds lines far from every proven site (hunk %s)"
                          % (name, n, header))
                    bad += 1
    print("check-hunks: %d hunks in %d files, %d outside the proven sites"
          % (len(all_hunks), len(files), bad))
    return 1 if bad or not all_hunks else 0


if __name__ == "__main__":
    sys.exit(main())
