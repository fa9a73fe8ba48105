#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""corpus.py - the corpus loop: builds and runs kernel-style cases against the reference runtime,
compares kmapcheck's verdicts with the annotations in the cases, applies kmapcheck's patch and a
forced naive conversion, and runs those too. It analyses nothing itself: verdicts come from
./kmapcheck, run-time facts from the runtime's reports.

  corpus.py run   [options] [CASE.c|DIR ...]   build and run the originals
  corpus.py check [options] [CASE.c|DIR ...]   the whole loop (default: corpus/cases)

The contract for a case is corpus/README.md."""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys

VERDICTS = ("safe", "safe-needs-disable", "lowmem", "cross-thread", "order", "unbalanced",
            "unknown")
CONVERTIBLE = {"safe", "lowmem"}
REFUSED = {"cross-thread", "order", "unbalanced", "unknown"}
# The runtime's report classes: any of them in a forced-naive run demonstrates a refusal.
REPORT_CLASSES = ("lifo", "owner", "not-mapped", "double-unmap", "nesting", "leak",
                  "sleep-in-atomic", "atomic-context", "fault-guard", "fault-after-unmap",
                  "fault-other-thread", "fault-highmem")
# Map calls whose conversion is the point; an existing kmap_local_*() site needs none.
DEPRECATED_MAPS = {"kmap", "kmap_atomic", "kmap_atomic_prot", "kmap_atomic_pfn"}

ANNOT_RE = re.compile(r"/\*\s*kmapcheck:\s*([a-z-]+)(?:\s+known-to-fail:\s*(.*?))?"
                      r"(?:\s+not-converted:\s*(.*?))?\s*\*/")
ORIG_RE = re.compile(r"/\*\s*corpus:\s*original-reports\s+([a-z, -]+?)\s*\*/")
REPORT_RE = re.compile(r"kmaprt: (?:BUG|WARNING): \[([a-z-]+)\]")
STATUS_RE = re.compile(r"^corpus: (\S+) (?:(ok)|FAILED \(returned (-?\d+), (\d+) failed checks, "
                       r"(\d+) runtime reports\))", re.M)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def say(msg):
    print(msg, flush=True)


def rel(path):
    """A path relative to the repository root when it is inside it, else absolute."""
    r = os.path.relpath(path, ROOT)
    return path if r.startswith("..") else r


class Case:
    """One case file: where it is, what its annotations expect, and what each step found."""

    def __init__(self, path, src):
        self.src = src                     # path relative to ROOT, as the tools see it
        self.orig_path = path              # where the user keeps it
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.annots = {}                   # line -> (verdict, known-to-fail reason or None)
        self.not_converted = {}            # line -> why no semantic patch converts the site
        self.orig_reports = set()          # classes the original itself must report
        self.errors = []                   # reasons the case failed
        self.notes = []                    # things worth saying that are not failures
        self.sites = None                  # scanned map sites, or None when not scanned
        self.verdict_col = "-"
        self.runs = {}                     # kind -> Run
        self.undemonstrated = None         # why the forced-naive run shows nothing

    def parse(self):
        with open(self.src, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for no, line in enumerate(text.splitlines(), 1):
            for m in ANNOT_RE.finditer(line):
                if m.group(1) not in VERDICTS:
                    self.errors.append("line %d: unknown verdict '%s'" % (no, m.group(1)))
                    continue
                if no in self.annots:
                    self.errors.append("line %d: two annotations on one line" % no)
                self.annots[no] = (m.group(1), m.group(2))
                if m.group(3):
                    self.not_converted[no] = m.group(3)
        for m in ORIG_RE.finditer(text):
            for cls in re.split(r"[,\s]+", m.group(1).strip()):
                if cls not in REPORT_CLASSES:
                    self.errors.append("original-reports: unknown class '%s'" % cls)
                self.orig_reports.add(cls)
        if not self.annots:
            self.errors.append("no '/* kmapcheck: VERDICT */' annotation")
        if "CORPUS_CASE(" not in text:
            self.errors.append("no CORPUS_CASE() entry point")

    @property
    def expected(self):
        return {v for v, _ in self.annots.values()}

    @property
    def category(self):
        """convertible, needs-disable or refused: what the runs must show."""
        exp = self.expected
        if exp & REFUSED:
            return "refused"
        if "safe-needs-disable" in exp:
            return "needs-disable"
        return "convertible"

    def expected_col(self):
        order = [v for v in VERDICTS if v in self.expected]
        col = "+".join(order) or "-"
        if any(k for _, k in self.annots.values()):
            col += "*"
        return col


class Run:
    """The outcome of building and running one version of a case."""

    def __init__(self):
        self.built = False
        self.skipped = None        # why the version was not built or run
        self.build_error = None    # the compiler's first error line
        self.status = None         # "ok", "failed", "crashed", "timeout", "no status"
        self.data_ok = False
        self.classes = []          # report classes, in order, deduplicated
        self.log = None

    def col(self):
        if self.skipped:
            return self.skipped
        if not self.built:
            return "build failed"
        parts = []
        if self.status == "timeout":
            parts.append("timeout")
        elif not self.data_ok:
            parts.append("data FAILED" if self.status == "failed" else self.status)
        if self.classes:
            parts.append("[" + ",".join(self.classes) + "]")
        return " ".join(parts) or "clean"

    @property
    def clean(self):
        return self.built and not self.skipped and self.data_ok and not self.classes


def run_cmd(cmd, cwd=ROOT, timeout=None, log=None):
    """Runs @cmd; returns (exit status or "timeout", output). Never raises for the command."""
    try:
        p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             start_new_session=True)
    except OSError as e:
        out = "%s: %s\n" % (cmd[0], e.strerror)
        if log:
            with open(log, "w") as f:
                f.write(out)
        return 127, out
    try:
        out, _ = p.communicate(timeout=timeout)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, 9)
        except OSError:
            pass
        out, _ = p.communicate()
        rc = "timeout"
    out = out.decode("utf-8", errors="replace")
    if log:
        with open(log, "w") as f:
            f.write("$ %s\n%s" % (" ".join(cmd), out))
            if rc == "timeout":
                f.write("\n(killed after %ss)\n" % timeout)
    return rc, out


class Loop:
    def __init__(self, args):
        self.args = args
        self.build = os.path.join(ROOT, args.build)
        self.cc = os.environ.get("CC_M32", "gcc")
        self.cflags = args.cflags.split()
        self.inc = ["-Iruntime/include", "-Icorpus/harness/user", "-Icorpus/harness"]
        self.lib = os.path.join("runtime", "libkmaprt.a")
        self.kmapcheck = args.kmapcheck
        # A fresh analysis every time: the SQLite cache would answer for unchanged files.
        self.scan_args = args.scan_args.split()

    # -- collecting ---------------------------------------------------------------------------

    def collect(self, paths):
        files = []
        for p in paths or [os.path.join(ROOT, "corpus", "cases")]:
            p = os.path.abspath(p)
            if os.path.isdir(p):
                files += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".c"))
            elif os.path.isfile(p):
                files.append(p)
            else:
                sys.exit("corpus: %s: no such file or directory" % p)
        cases, seen = [], {}
        stage = os.path.join(self.build, "verify-src")
        for f in files:
            name = os.path.splitext(os.path.basename(f))[0]
            if name in seen:
                sys.exit("corpus: two cases named %s (%s, %s)" % (name, seen[name], f))
            seen[name] = f
            src = rel(f)
            if os.path.isabs(src):
                # Outside the repository: the tools and patch -p1 need a relative path.
                os.makedirs(stage, exist_ok=True)
                shutil.copyfile(f, os.path.join(stage, name + ".c"))
                src = rel(os.path.join(stage, name + ".c"))
            c = Case(f, src)
            c.parse()
            cases.append(c)
        if not cases:
            sys.exit("corpus: no cases found")
        return cases

    # -- building and running -------------------------------------------------------------------

    def build_and_run(self, case, kind, src):
        """Builds @src as version @kind of @case and runs it; records and returns a Run."""
        run = Run()
        case.runs[kind] = run
        outdir = os.path.join(self.build, kind)
        os.makedirs(outdir, exist_ok=True)
        exe = os.path.join(outdir, case.name)
        cmd = [self.cc, "-m32", "-Wall", "-Werror"] + self.cflags + self.inc + \
            ["-o", exe, src, self.lib, "-lpthread"]
        rc, out = run_cmd(cmd, log=exe + ".build.log")
        if rc != 0:
            run.log = exe + ".build.log"
            run.build_error = next((l for l in out.splitlines() if "error" in l),
                                   out.strip()[:200]).strip()
            return run
        run.built = True
        rc, out = run_cmd([exe], timeout=self.args.timeout, log=exe + ".log")
        run.log = exe + ".log"
        for cls in REPORT_RE.findall(out):
            if cls not in run.classes:
                run.classes.append(cls)
        m = None
        for m in STATUS_RE.finditer(out):
            pass
        if rc == "timeout":
            run.status = "timeout"
        elif m is None:
            run.status = "crashed" if rc != 0 else "no status"
        elif m.group(2):
            run.status = "ok"
            run.data_ok = True
        else:
            run.status = "failed"
            run.data_ok = m.group(3) == "0" and m.group(4) == "0"
        return run

    def judge_original(self, case):
        run = case.runs["orig"]
        if not run.built:
            case.errors.append("original: build failed: %s (see %s)" % (run.build_error,
                                                                       rel(run.log)))
            return
        want = case.orig_reports
        if not want:
            if not run.clean:
                case.errors.append("original: %s (see %s)" % (run.col(), rel(run.log)))
            return
        missing = want - set(run.classes)
        if missing:
            case.errors.append("original: expected report [%s] missing (see %s)" %
                               (",".join(sorted(missing)), rel(run.log)))

    # -- the analyzer -----------------------------------------------------------------------------

    def analyzer_missing(self):
        if os.path.isfile(self.kmapcheck) and os.access(self.kmapcheck, os.X_OK):
            return None
        return "no analyzer (%s not built)" % self.kmapcheck

    def tool_flags(self):
        return ["--"] + self.inc + ["-m32"]

    def scan(self, cases):
        """Runs kmapcheck scan over every case; stores the map sites of each."""
        by_file = {os.path.realpath(c.src): c for c in cases}
        for c in cases:
            c.sites = []
        log = os.path.join(self.build, "scan.log")
        cmd = [self.kmapcheck, "scan", "--format", "json"] + self.scan_args + \
            [c.src for c in cases] + self.tool_flags()
        _, out = run_cmd(cmd, timeout=self.args.tool_timeout, log=log)
        seen = self._parse_scan(out, by_file)
        # Every case has a map site, so a file without one was not covered (a crash, a
        # timeout): ask again file by file, so that one bad file costs one case.
        for c in cases:
            if os.path.realpath(c.src) in seen:
                continue
            flog = os.path.join(self.build, "scan-%s.log" % c.name)
            rc1, out1 = run_cmd([self.kmapcheck, "scan", "--format", "json"] + self.scan_args +
                                [c.src] + self.tool_flags(), timeout=self.args.tool_timeout,
                                log=flog)
            if not self._parse_scan(out1, by_file):
                c.sites = None
                c.errors.append("scan reported no site in this file (status %s, see %s)" %
                                (rc1, rel(flog)))

    def _parse_scan(self, out, by_file):
        seen = set()
        for line in out.splitlines():
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            f = obj.get("file")
            if not isinstance(f, str):
                continue
            real = os.path.realpath(os.path.join(ROOT, f))
            case = by_file.get(real)
            if case is None:
                continue            # a site in a header
            seen.add(real)
            if obj.get("role") == "map":
                case.sites.append(obj)
        return seen

    def compare(self, case):
        """Compares each scanned map site's verdict with the annotation on its line."""
        if case.sites is None:
            case.verdict_col = "scan failed"
            return
        lines = {}
        for s in case.sites:
            lines.setdefault(s.get("line"), []).append(s)
        mismatches, known = [], []
        for no, (want, ktf) in sorted(case.annots.items()):
            sites = lines.get(no)
            if not sites:
                if ktf:
                    known.append("line %d: no site found (%s)" % (no, ktf))
                else:
                    mismatches.append("line %d: annotated %s, but scan found no map site there"
                                      % (no, want))
                continue
            for s in sites:
                got = s.get("verdict")
                if got == want:
                    if ktf:
                        case.notes.append("line %d: known-to-fail now passes (%s): drop the "
                                          "marker" % (no, want))
                elif ktf:
                    known.append("line %d: %s, want %s (%s)" % (no, got, want, ktf))
                else:
                    mismatches.append("line %d: %s(): %s, want %s: %s" %
                                      (no, s.get("api"), got, want, s.get("reason", "")))
        for no, sites in sorted(lines.items(), key=lambda kv: kv[0] or 0):
            if no not in case.annots:
                for s in sites:
                    mismatches.append("line %s: %s() site has no annotation (verdict %s)" %
                                      (no, s.get("api"), s.get("verdict")))
        case.errors += mismatches
        case.notes += ["known-to-fail " + k for k in known]
        if mismatches:
            case.verdict_col = "MISMATCH"
        elif known:
            case.verdict_col = "known-to-fail"
        else:
            case.verdict_col = "match"

    def patch(self, cases):
        """Runs kmapcheck patch over every case and returns {src: diff text for that file}."""
        out_dir = os.path.join(self.build, "patch")
        shutil.rmtree(out_dir, ignore_errors=True)
        os.makedirs(out_dir)
        log = os.path.join(self.build, "patch.log")
        cmd = [self.kmapcheck, "patch", "--out", rel(out_dir)] + [c.src for c in cases] + \
            self.tool_flags()
        rc, _ = run_cmd(cmd, timeout=self.args.tool_timeout, log=log)
        diff = os.path.join(out_dir, "kmapcheck.diff")
        if not os.path.isfile(diff):
            return None, "kmapcheck patch wrote no %s (status %s, see %s)" % \
                (rel(diff), rc, rel(log))
        with open(diff, encoding="utf-8", errors="replace") as f:
            return split_diff(f.read()), None

    def apply(self, case, chunk):
        """Copies the case under build/conv and applies its part of the diff; returns the copy."""
        root = os.path.join(self.build, "conv-tree")
        dst = os.path.join(root, case.src)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(case.src, dst)
        if not chunk:
            return dst, None
        log = os.path.join(self.build, "conv", case.name + ".patch.log")
        os.makedirs(os.path.dirname(log), exist_ok=True)
        p = subprocess.run(["patch", "-p1", "--batch", "--forward", "-d", root],
                           input=chunk.encode(), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        with open(log, "wb") as f:
            f.write(p.stdout)
        if p.returncode != 0:
            return dst, "the diff does not apply (see %s)" % rel(log)
        return dst, None

    # -- the forced naive conversion --------------------------------------------------------------

    def naive(self, case):
        """Converts a copy with semantic-patches/naive.cocci, whatever the verdict."""
        root = os.path.join(self.build, "naive-tree")
        dst = os.path.join(root, case.src)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(case.src, dst)
        log = os.path.join(self.build, "naive", case.name + ".spatch.log")
        os.makedirs(os.path.dirname(log), exist_ok=True)
        rc, _ = run_cmd(["spatch", "--sp-file", self.args.naive_cocci, "--in-place", dst],
                        timeout=self.args.tool_timeout, log=log)
        if rc != 0:
            return None, "spatch failed (see %s)" % rel(log)
        with open(case.src, "rb") as a, open(dst, "rb") as b:
            if a.read() == b.read():
                return dst, "unchanged"
        return dst, None

    # -- the two commands -------------------------------------------------------------------------

    def parallel(self, fn, cases):
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.args.jobs) as ex:
            list(ex.map(fn, cases))

    def cmd_run(self, cases):
        def one(c):
            self.build_and_run(c, "orig", c.src)
            self.judge_original(c)
        self.parallel(one, cases)
        w = max(len(c.name) for c in cases)
        we = max(len(c.expected_col()) for c in cases)
        say("%-*s  %-*s  %s" % (w, "case", we, "expected", "original run"))
        for c in cases:
            say("%-*s  %-*s  %s" % (w, c.name, we, c.expected_col(), c.runs["orig"].col()))
        return self.summary(cases)

    def cmd_check(self, cases):
        a = self.args
        missing = None if a.no_analyzer else self.analyzer_missing()
        naive_missing = None
        if not a.no_naive:
            if not os.path.isfile(a.naive_cocci):
                naive_missing = "no %s" % a.naive_cocci
            elif not shutil.which("spatch"):
                naive_missing = "no spatch"
        if missing:
            say("corpus: %s: verdicts and kmapcheck's patch are not checked" % missing)
        if naive_missing:
            say("corpus: %s: forced-naive runs are not done" % naive_missing)

        chunks, patch_err = {}, None
        if not a.no_analyzer and not missing:
            self.scan(cases)
            for c in cases:
                self.compare(c)
            chunks, patch_err = self.patch(cases)

        def one(c):
            self.build_and_run(c, "orig", c.src)
            self.judge_original(c)
            # kmapcheck's conversion
            if a.no_analyzer:
                c.runs["conv"] = skipped("not asked")
                c.verdict_col = "not asked"
            elif missing:
                c.runs["conv"] = skipped("no analyzer")
                c.verdict_col = "no analyzer"
                c.errors.append(missing)
            elif patch_err:
                c.runs["conv"] = skipped("no patch")
                c.errors.append(patch_err)
            else:
                self.converted(c, chunks.get(c.src))
            # the forced naive conversion
            if a.no_naive:
                c.runs["naive"] = skipped("not asked")
            elif naive_missing:
                c.runs["naive"] = skipped(naive_missing)
                c.errors.append("forced-naive: " + naive_missing)
            else:
                self.forced_naive(c)
        self.parallel(one, cases)
        self.table(cases)
        return self.summary(cases)

    def converted(self, c, chunk):
        convertible = [s for s in (c.sites or []) if s.get("api") in DEPRECATED_MAPS and
                       s.get("verdict") in ("safe", "safe-needs-disable", "lowmem") and
                       s.get("line") not in c.not_converted]
        for no, why in sorted(c.not_converted.items()):
            c.notes.append("line %d: proven, not converted by the semantic patches (%s)" % (no, why))
        if convertible and not chunk:
            c.errors.append("kmapcheck patch left %d convertible site(s) alone (first: line %s)"
                            % (len(convertible), convertible[0].get("line")))
        dst, err = self.apply(c, chunk)
        if err:
            c.runs["conv"] = skipped("patch failed")
            c.errors.append("converted: " + err)
            return
        run = self.build_and_run(c, "conv", rel(dst))
        if not run.built:
            c.errors.append("converted: build failed: %s (see %s)" % (run.build_error,
                                                                     rel(run.log)))
        elif not self.no_worse(c, run):
            c.errors.append("converted: %s (see %s)" % (run.col(), rel(run.log)))

    def no_worse(self, c, run):
        """A conversion may keep the original's expected reports, nothing more, and its data."""
        orig = c.runs["orig"]
        if set(run.classes) - c.orig_reports:
            return False
        return run.data_ok or (orig.built and not orig.data_ok)

    def forced_naive(self, c):
        dst, note = self.naive(c)
        if dst is None:
            c.runs["naive"] = skipped(note)
            if c.category == "refused":
                c.undemonstrated = note
                c.errors.append("refusal not demonstrated: " + note)
            else:
                c.notes.append("forced-naive: " + note)
            return
        run = self.build_and_run(c, "naive", rel(dst))
        if not run.built:
            # A conversion that does not compile proves nothing either way.
            run.skipped = "does not build"
            why = "the naive conversion does not build: %s (see %s)" % (run.build_error,
                                                                       rel(run.log))
            if c.category == "refused":
                c.undemonstrated = "the naive conversion does not build"
                c.errors.append("refusal not demonstrated: " + why)
            else:
                c.notes.append("forced-naive: " + why)
            return
        if c.category == "refused":
            if note == "unchanged" and not run.classes:
                # Nothing was converted, so there is nothing for the runtime to catch.
                c.undemonstrated = "naive.cocci leaves it unconverted"
            elif not run.classes:
                c.undemonstrated = "the naive conversion runs clean"
                c.errors.append("refusal not demonstrated: the forced-naive run is %s (see %s)"
                                % (run.col(), rel(run.log)))
            elif set(run.classes) <= c.orig_reports:
                c.notes.append("forced-naive reports only what the original does")
            return
        if note == "unchanged":
            c.notes.append("forced-naive: naive.cocci left the file unchanged")
        if c.category == "convertible":
            if not self.no_worse(c, run):
                c.errors.append("forced-naive run of a convertible case: %s (see %s)" %
                                (run.col(), rel(run.log)))
        elif run.classes:
            c.notes.append("forced-naive shows the disable is needed: [%s]" %
                           ",".join(run.classes))
        else:
            c.notes.append("forced-naive: the need for the disable does not show at run time")

    # -- output -----------------------------------------------------------------------------------

    def table(self, cases):
        rows = [("case", "expected", "verdict", "original run", "converted run",
                 "forced-naive run")]
        for c in cases:
            naive = c.runs["naive"].col()
            if c.undemonstrated == "naive.cocci leaves it unconverted":
                naive = "unconverted"
            rows.append((c.name, c.expected_col(), c.verdict_col, c.runs["orig"].col(),
                         c.runs["conv"].col(), naive))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
        for r in rows:
            say("  ".join(f.ljust(w) for f, w in zip(r, widths)) + "  " + r[-1])
        refused = [c for c in cases if c.category == "refused" and
                   (c.runs["naive"].built or c.undemonstrated)]
        demo = [c for c in refused if not c.undemonstrated]
        if refused:
            say("refusals demonstrated by the forced-naive run: %d of %d" %
                (len(demo), len(refused)))
        for c in refused:
            if c.undemonstrated:
                say("refusal not demonstrated: %s (%s)" % (c.name, c.undemonstrated))

    def summary(self, cases):
        failed = [c for c in cases if c.errors]
        for c in cases:
            for n in c.notes:
                say("  note: %s: %s" % (c.name, n))
        for c in failed:
            for e in c.errors:
                say("  FAIL: %s: %s" % (c.name, e))
        say("corpus: %d passed, %d failed" % (len(cases) - len(failed), len(failed)))
        return 1 if failed else 0


def skipped(why):
    r = Run()
    r.skipped = why
    return r


def split_diff(text):
    """Splits a unified diff into {path relative to ROOT: the part for that file}."""
    parts, cur, path = {}, [], None

    def flush():
        if path and cur:
            parts[path] = parts.get(path, "") + "".join(cur)

    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("diff ") or (line.startswith("--- ") and i + 1 < len(lines) and
                                         lines[i + 1].startswith("+++ ")):
            if line.startswith("diff "):
                flush()
                cur, path = [line], None
                i += 1
                continue
            if path is not None or not cur or not cur[0].startswith("diff "):
                flush()
                cur = []
            new = lines[i + 1][4:].rstrip("\n").split("\t")[0]
            path = new[2:] if new.startswith("b/") else new
            cur += [line, lines[i + 1]]
            i += 2
            continue
        cur.append(line)
        i += 1
    flush()
    return {os.path.normpath(k): v for k, v in parts.items()}


def main():
    ap = argparse.ArgumentParser(description="the kmapcheck corpus loop")
    ap.add_argument("command", choices=("run", "check"))
    ap.add_argument("cases", nargs="*", help="case files or directories (default corpus/cases)")
    ap.add_argument("--build", default="build/corpus", help="output directory, under the root")
    ap.add_argument("--kmapcheck", default="./kmapcheck")
    ap.add_argument("--scan-args", default=os.environ.get("CORPUS_SCAN_ARGS", "--no-db"),
                    help="extra options for kmapcheck scan (default --no-db)")
    ap.add_argument("--naive-cocci", default="semantic-patches/naive.cocci")
    ap.add_argument("--no-analyzer", action="store_true",
                    help="skip the verdict comparison and kmapcheck's patch")
    ap.add_argument("--no-naive", action="store_true", help="skip the forced-naive conversion")
    ap.add_argument("--cflags", default=os.environ.get("CORPUS_CFLAGS", "-O2 -g"))
    ap.add_argument("-j", "--jobs", type=int, default=int(os.environ.get("CORPUS_JOBS", "2")))
    ap.add_argument("--timeout", type=float, default=10, help="seconds per case run")
    ap.add_argument("--tool-timeout", type=float, default=600,
                    help="seconds per kmapcheck or spatch invocation")
    args = ap.parse_intermixed_args()
    cases_args = [os.path.abspath(p) for p in args.cases]
    os.chdir(ROOT)
    loop = Loop(args)
    cases = loop.collect(cases_args)
    os.makedirs(loop.build, exist_ok=True)
    if not os.path.isfile(loop.lib):
        sys.exit("corpus: %s is missing: build the runtime first (make runtime)" % loop.lib)
    if args.command == "run":
        return loop.cmd_run(cases)
    return loop.cmd_check(cases)


if __name__ == "__main__":
    sys.exit(main())
