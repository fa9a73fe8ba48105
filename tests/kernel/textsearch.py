#!/usr/bin/env python3
"""textsearch.py - an independent, comment- and string-aware text search for the
deprecated mapping calls (kmap, kmap_atomic, kmap_atomic_prot, kmap_atomic_pfn) in a
kernel tree, outside the files that define them.

It shares nothing with kmapcheck: it reads bytes, blanks out comments, strings and
character literals, and finds `NAME (` not preceded by `.`/`->` (a field) and not a
declaration. For each hit it prints FILE:LINE API FUNCTION, where FUNCTION is the
enclosing function found by brace depth, or macro:NAME inside a #define.
"""
import fnmatch
import os
import re
import sys

APIS = ("kmap", "kmap_atomic", "kmap_atomic_prot", "kmap_atomic_pfn")
CALL = re.compile(r"(?<![\w.>])(" + "|".join(sorted(APIS, key=len, reverse=True)) + r")\s*\(")
DEFINITIONS = ["include/linux/highmem.h", "include/linux/highmem-internal.h",
               "mm/highmem.c", "arch/*/mm/highmem.c", "arch/*/include/asm/highmem.h"]
FUNC = re.compile(r"(\w+)\s*\([^;{}]*\)\s*(?:__\w+(?:\([^)]*\))?\s*)*$", re.S)


def blank(text):
    """Replace comments, strings and char literals by spaces, keeping newlines."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + (c if j - 1 > i else ""))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


class Scope:
    """Brace depth and the function whose body the text is in."""

    def __init__(self):
        self.depth = 0
        self.func = None
        self.pending = ""     # text since the last ';' or '}' at depth 0

    def feed(self, text):
        for ch in text:
            if ch == "{":
                if self.depth == 0:
                    fm = FUNC.search(self.pending.strip())
                    self.func = fm.group(1) if fm else None
                self.depth += 1
            elif ch == "}":
                self.depth = max(self.depth - 1, 0)
                if self.depth == 0:
                    self.func, self.pending = None, ""
            elif self.depth == 0:
                self.pending = "" if ch == ";" else self.pending + ch

    def end_line(self):
        if self.depth == 0:
            self.pending += "\n"


def scan_file(path, rel):
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError:
        return []
    if b"kmap" not in raw:
        return []
    text = blank(raw.decode("latin-1"))
    lines = text.split("\n")
    hits = []
    scope = Scope()
    macro = None
    in_define = False
    for lineno, line in enumerate(lines, 1):
        stripped = line.lstrip()
        if not in_define and stripped.startswith("#"):
            m = re.match(r"#\s*define\s+(\w+)", stripped)
            macro = m.group(1) if m else None
            in_define = True
        if in_define:
            for m in CALL.finditer(line):
                if macro:
                    hits.append((rel, lineno, m.group(1), "macro:" + macro))
            in_define = line.rstrip().endswith("\\")
            if not in_define:
                macro = None
            continue
        pos = 0
        for m in CALL.finditer(line):
            scope.feed(line[pos:m.start()])
            pos = m.start()
            if scope.depth > 0 and scope.func:
                hits.append((rel, lineno, m.group(1), scope.func))
        scope.feed(line[pos:])
        scope.end_line()
    return hits


def main():
    root = os.path.abspath(sys.argv[1])
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not (name.endswith(".c") or name.endswith(".h")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if any(fnmatch.fnmatch(rel, g) for g in DEFINITIONS):
                continue
            for rel_, line, api, func in scan_file(path, rel):
                print(f"{rel_}:{line} {api} {func}")


if __name__ == "__main__":
    main()
