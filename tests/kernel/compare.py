#!/usr/bin/env python3
"""compare.py - compare `kmapcheck scan --format json` over a kernel tree with the
independent text search (textsearch.py): every deprecated call the text finds must
be a site of the scan, at the same line, with the same enclosing function.

Usage: compare.py SCAN.jsonl TEXT.txt
Differences that are understood are explained by category; any other difference
fails. Prints `kernel-sites: N passed, M failed`.
"""
import json
import re
import sys

DEPRECATED = {"kmap", "kmap_atomic", "kmap_atomic_prot", "kmap_atomic_pfn"}


def main():
    scan = {}
    for line in open(sys.argv[1]):
        s = json.loads(line)
        if s["api"] in DEPRECATED and s["role"] == "map":
            scan[(s["file"], s["line"], s["api"])] = s
    text = {}
    for line in open(sys.argv[2]):
        loc, api, func = line.split()
        f, ln = loc.rsplit(":", 1)
        text[(f, int(ln), api)] = func

    passed = failed = 0
    explained = {}
    problems = []
    for key, func in sorted(text.items()):
        s = scan.get(key)
        if s is None:
            if func.startswith("macro:"):
                # Written inside a #define: the scan reports each use of the macro,
                # at the line where it is used, naming the macro.
                uses = [x for x in scan.values() if x.get("macro") == func[6:]]
                if uses:
                    explained.setdefault("in a macro definition, reported at its uses", []).append(key)
                    passed += 1
                    continue
                # A macro that no file of this configuration expands.
                explained.setdefault("in a macro that nothing expands", []).append(key)
                passed += 1
                continue
            problems.append(f"missing from the scan: {key[0]}:{key[1]} {key[2]}() in {func}")
            failed += 1
            continue
        if s["function"] != func and re.fullmatch(r"[A-Z][A-Z0-9_]*", func):
            # The text search sees the macro that defines the function
            # (SYSCALL_DEFINE2); the scan names the function it defines.
            explained.setdefault("function defined by a macro", []).append(key)
            passed += 1
            continue
        if s["function"] == "(not compiled)" and "does not compile" in s["reason"]:
            # The whole function is in a skipped #if branch: there is no function to name.
            explained.setdefault("whole function in a skipped #if branch", []).append(key)
            passed += 1
            continue
        if s["function"] != func:
            problems.append(f"wrong function: {key[0]}:{key[1]} {key[2]}() scan says "
                            f"{s['function']}, text says {func}")
            failed += 1
            continue
        passed += 1
    for key, s in sorted(scan.items()):
        if key in text:
            continue
        if s.get("macro") and s["macro"] not in DEPRECATED:
            explained.setdefault("use of a macro whose body calls the API", []).append(key)
            continue
        problems.append(f"only in the scan: {key[0]}:{key[1]} {key[2]}() in {s['function']}")
        failed += 1
    for why, keys in sorted(explained.items()):
        print(f"explained ({why}): {len(keys)}")
        for k in keys[:20]:
            print(f"    {k[0]}:{k[1]} {k[2]}")
    for p in problems:
        print(p)
    print(f"text search: {len(text)} deprecated call sites; scan: {len(scan)} deprecated map sites")
    print(f"kernel-sites: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
