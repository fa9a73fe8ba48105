#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""qemu-check: runs the corpus as a module on Debian's i386 HIGHMEM kernel under qemu and
compares, case by case and form by form, what the real kernel reported with what runtime/
reported for the same code. It does not judge verdicts (that is the corpus loop's job) and
never counts what the kernel cannot see as agreement.

Steps: fetch the kernel (fetch-kernel.sh), make the forms of every case (original,
kmapcheck-converted, spatch-naive), build them as user programs against runtime/ and as one
module against the kernel headers, boot qemu (again after a case that takes the kernel down),
attribute every WARNING/BUG of the console log to the case that was running, compare.
Ends with `qemu: N passed, M failed, K skipped`; exits 1 when M > 0.
"""

import argparse
import fnmatch
import glob
import os
import re
import selectors
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

FORMS = ("orig", "converted", "naive")

# What each kernel report can confirm among the runtime's classes. A kernel report that no
# runtime report explains, or a runtime report that no kernel report confirms, is a
# disagreement, except for the classes in KERNEL_BLIND.
SIGNAL_COMPAT = {
	"warn-kunmap-local": {"lifo", "double-unmap", "not-mapped", "owner"},
	"bug-kmap-local-map": {"nesting"},
	"bug-kmap-local-unmap": {"double-unmap", "not-mapped", "owner", "lifo"},
	"bug-kunmap-high": {"not-mapped", "double-unmap"},
	"warn-kmap-local-leak": {"leak"},
	"warn-preempt-imbalance": {"leak", "sleep-in-atomic"},
	"bug-sched-atomic": {"sleep-in-atomic"},
	"bug-might-sleep": {"sleep-in-atomic"},
	"page-fault": {"fault-after-unmap", "fault-other-thread", "fault-guard", "fault-highmem"},
	"state-kmap-local": {"leak"},
	"state-preempt": {"leak", "sleep-in-atomic"},
	"state-pagefault": {"leak"},
	"state-kmap-held": {"leak"},
	"state-kunmap-extra": {"double-unmap", "not-mapped"},
}

# Debian's 686-pae kernel has no CONFIG_DEBUG_KMAP_LOCAL (no guard slots), no owner check on
# kunmap_local, no CONFIG_DEBUG_ATOMIC_SLEEP (might_sleep() is silent unless the task really
# schedules) and no CONFIG_DEBUG_PREEMPT: for these a silent kernel proves nothing.
KERNEL_BLIND = {
	"fault-guard": "no DEBUG_KMAP_LOCAL guard slots",
	"owner": "no owner-thread check in kunmap_local",
	"sleep-in-atomic": "no DEBUG_ATOMIC_SLEEP; only a real schedule is reported",
	"atomic-context": "no DEBUG_PREEMPT",
	"fault-other-thread": "another task's slot may map some page or none",
}


# Runtime leak reports about contexts other than the case's own task (runtime/sched.c,
# workqueue.c, softirq.c, rcu.c word them so).
RE_BLIND_LEAK_CONTEXT = re.compile(r"(work item|tasklet|timer callback|RCU callback) .*"
				   r"returned with a live local mapping")
RE_BLIND_LEAK_FREED = re.compile(r"freed at .* while kmap_\w+\(\) at .* in task .* still maps it")


def blind_reason(cls, msg):
	"""Why the kernel cannot show this runtime report, or None when it can."""
	if cls == "fault-after-unmap" and "kmap() pool slot" in msg:
		return "kunmap() is lazy: the pkmap slot maps the page until the pool wraps"
	# The kernel checks for live kmap_local slots only on return to user mode (and the
	# runner's state line reads the loading task): a work item, tasklet, timer or RCU
	# callback that ends holding one, or a page freed while one maps it, goes unseen.
	if cls == "leak" and (RE_BLIND_LEAK_CONTEXT.match(msg) or RE_BLIND_LEAK_FREED.search(msg)):
		return "no check when a work item or callback ends, or a page is freed, with a live local mapping"
	return KERNEL_BLIND.get(cls)


RE_TIME = re.compile(r"^\[\s*\d+\.\d+\]\s?")
RE_BEGIN = re.compile(r"^corpus: begin (\S+) (\S+)$")
RE_END = re.compile(r"^corpus: end (\S+) (\S+) rc=(-?\d+)$")
RE_STATE = re.compile(r"^corpus: state (\S+) (\S+) (.*)$")
RE_FAIL = re.compile(r"^corpus: FAIL (\S+) (\S+) (.*)$")
RE_INIT = re.compile(r"^kcorpus-init: (.*)$")
RE_REPORT = re.compile(r"^(WARNING: CPU: \d+ PID: \d+ at |kernel BUG at |BUG: |"
		       r"general protection fault|watchdog: BUG: |INFO: task .* blocked for )")
RE_CUT = re.compile(r"^-+\[ cut here \]-+$")
RE_PANIC = re.compile(r"^Kernel panic - not syncing: (.*)")
RE_EIP = re.compile(r"^EIP: ([\w.]+)\+")
RE_KMAPRT = re.compile(r"kmaprt: (BUG|WARNING): \[([\w-]+)\] ?(.*)")
# The user lane's verdict line (corpus/harness/user/corpus_lane.h).
RE_USER_STATUS = re.compile(r"^corpus: (\S+) (?:(ok)|FAILED \(returned (-?\d+), (\d+) failed checks, "
			    r"(\d+) runtime reports\))", re.M)


def log(msg):
	print("qemu: " + msg, flush=True)


def run(cmd, **kw):
	return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
			      errors="replace", **kw)


def ident(s):
	return re.sub(r"[^A-Za-z0-9_]", "_", s)


class Row:
	"""One case in one form, with what both lanes made of it."""

	def __init__(self, name, form):
		self.name, self.form = name, form	# form: orig, converted, naive or smoke
		self.src = None			# the form's source file, None when unavailable
		self.why_unavailable = None
		self.same_as_orig = False
		self.expect = None		# smoke: expected kernel signals
		self.kbuild_error = None
		self.kbuild_warnings = []
		self.index = None		# position in the module's case table
		self.k_outcome = "not-run"	# ok, fail, crash, hung, not-run
		self.k_rc = None
		self.k_signals = []		# (signal, first line of the report)
		self.k_state = {}
		self.k_notes = []
		self.u_outcome = None		# ok, fail, crash, build-failed; None: lane unavailable
		self.u_reports = []		# (severity, class, message)
		self.u_note = ""
		self.status = None		# pass, fail, blind, skipped
		self.problems = []
		self.blind = []
		self.blind_why = set()

	@property
	def id(self):
		return ident(self.name) + "__" + self.form


# ---------------------------------------------------------------- forms

def smoke_expect(path):
	with open(path, errors="replace") as f:
		for line in f:
			m = re.search(r"qemu-expect:\s*(.*)", line)
			if m:
				words = m.group(1).replace("(nothing)", "").split()
				return set(words)
	return None


def make_converted(cases, build, flags, tool):
	"""Map case path -> converted path (or an error string for all)."""
	if not os.access(tool, os.X_OK):
		return "no ./%s" % os.path.relpath(tool, ROOT)
	out = os.path.join(build, "converted")
	shutil.rmtree(out, ignore_errors=True)
	rel = [os.path.relpath(c, ROOT) for c in cases]
	r = run([tool, "patch", "--out", os.path.relpath(out, ROOT)] + rel + ["--"] + flags, cwd=ROOT,
		timeout=600)
	with open(os.path.join(build, "kmapcheck-patch.log"), "w") as f:
		f.write(r.stdout)
	diff = os.path.join(out, "kmapcheck.diff")
	if r.returncode != 0 or not os.path.exists(diff):
		last = r.stdout.strip().splitlines()[-1:] or ["no output"]
		return "kmapcheck patch failed (exit %d: %s)" % (r.returncode, last[0][:80])
	with open(diff, errors="replace") as f:
		chunks = split_diff(f.read())
	tree = os.path.join(build, "converted-tree")
	shutil.rmtree(tree, ignore_errors=True)
	result = {}
	for c, rp in zip(cases, rel):
		dst = os.path.join(tree, rp)
		os.makedirs(os.path.dirname(dst), exist_ok=True)
		shutil.copy(c, dst)
		result[c] = dst
		if rp in chunks:
			r = run(["patch", "-p1", "--batch", "--forward", "--no-backup-if-mismatch",
				 "-d", tree], input=chunks[rp])
			if r.returncode != 0:
				result[c] = "kmapcheck.diff does not apply: " + \
					(r.stdout.strip().splitlines() or [""])[-1][:80]
	return result


def split_diff(text):
	"""{path: the part of a unified diff (a/ b/ prefixes) that changes that path}."""
	chunks, path, cur = {}, None, []
	lines = text.splitlines(keepends=True)
	for i, line in enumerate(lines):
		starts = line.startswith("diff ") or (
			line.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ ") and
			not (cur and cur[-1].startswith("diff ")))
		if starts:
			if path:
				chunks[path] = chunks.get(path, "") + "".join(cur)
			path, cur = None, []
		if line.startswith("+++ "):
			name = line[4:].split("\t")[0].strip()
			path = name[2:] if name.startswith("b/") else name
		cur.append(line)
	if path:
		chunks[path] = chunks.get(path, "") + "".join(cur)
	return chunks


def make_naive(cases, build, cocci):
	if not os.path.exists(cocci):
		return "no " + os.path.relpath(cocci, ROOT)
	if not shutil.which("spatch"):
		return "no spatch"
	out = os.path.join(build, "naive")
	shutil.rmtree(out, ignore_errors=True)
	os.makedirs(out)
	result = {}
	for c in cases:
		# spatch -o refuses to write an unchanged file; --in-place on a copy does not.
		dst = os.path.join(out, os.path.basename(c))
		shutil.copy(c, dst)
		r = run(["spatch", "--very-quiet", "--sp-file", cocci, "--in-place", dst], timeout=300)
		with open(dst + ".spatch.log", "w") as f:
			f.write(r.stdout)
		if r.returncode != 0:
			result[c] = "spatch failed: " + (r.stdout.strip().splitlines() or [""])[-1][:80]
			continue
		result[c] = dst
	return result


def same_file(a, b):
	with open(a, "rb") as fa, open(b, "rb") as fb:
		return fa.read() == fb.read()


# ---------------------------------------------------------------- user lane

def user_lane(rows, build, args):
	lib = os.path.join(ROOT, args.kmaprt)
	lane = os.path.join(ROOT, "corpus", "harness", "user", "corpus_lane.h")
	if not os.path.exists(lib):
		return "%s not built" % args.kmaprt
	if not os.path.exists(lane):
		return "no corpus/harness/user/corpus_lane.h"
	out = os.path.join(build, "user")
	os.makedirs(out, exist_ok=True)
	for row in rows:
		if not row.src:
			continue
		exe = os.path.join(out, row.id)
		r = run([args.cc, "-m32", "-O2", "-g", "-Wall"] + user_includes() +
			["-o", exe, row.src, lib, "-lpthread"], cwd=ROOT)
		if r.returncode != 0:
			row.u_outcome = "build-failed"
			row.u_note = next((l for l in r.stdout.splitlines() if "error" in l),
					  r.stdout.strip()[:120]).strip()[:120]
			continue
		try:
			p = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
					   text=True, errors="replace", timeout=args.user_timeout,
					   stdin=subprocess.DEVNULL)
			text, rc = p.stdout, p.returncode
		except subprocess.TimeoutExpired as e:
			text, rc = (e.stdout or b"").decode(errors="replace"), "timeout"
		with open(exe + ".log", "w") as f:
			f.write(text)
		for line in text.splitlines():
			m = RE_KMAPRT.search(line)
			if m:
				row.u_reports.append((m.group(1), m.group(2), m.group(3)))
		status = None
		for status in RE_USER_STATUS.finditer(text):
			pass
		# The exit status counts runtime reports as failure; the data check is the
		# case's own return value and corpus_fail() count, as in the kernel lane.
		if rc == "timeout":
			row.u_outcome = "hung"
		elif status is None:
			row.u_outcome = "crash"
			row.u_note = "signal %d" % -rc if rc < 0 else "exit %d without a verdict" % rc
		elif status.group(2) or (status.group(3) == "0" and status.group(4) == "0"):
			row.u_outcome = "ok"
		else:
			row.u_outcome = "fail"
			row.u_note = "returned %s, %s failed checks" % (status.group(3), status.group(4))
	return None


def user_includes():
	"""The user lane's include path, as the corpus loop (corpus/corpus.py) has it."""
	return ["-Iruntime/include", "-Icorpus/harness/user", "-Icorpus/harness"]


# ---------------------------------------------------------------- kernel lane: build

KBUILD = """\
# Generated by tests/qemu/qemu-check.py: the kcorpus module, one object per case form.
obj-m := kcorpus.o
kcorpus-cases := {cases}
kcorpus-raw := $(patsubst c_%,w_%,$(kcorpus-cases))
kcorpus-y := runner.o table.o $(kcorpus-cases)
ccflags-y := -I{harness} -I{harness}/kernel
targets += $(kcorpus-cases) $(kcorpus-raw)

# The raw objects are compiled as parts of kcorpus although only their localized copies
# are linked into it.
$(addprefix $(obj)/,$(kcorpus-raw)): part-of-module := y
$(addprefix $(obj)/,$(kcorpus-raw)): modname-multi := kcorpus

# Forms of one case define the same names: keep only the table entry global.
quiet_cmd_kcorpus_localize = LOCALIZE $@
      cmd_kcorpus_localize = $(OBJCOPY) --keep-global-symbol=kcorpus_case_$(patsubst c_%.o,%,$(@F)) $< $@

$(obj)/c_%.o: $(obj)/w_%.o FORCE
	$(call if_changed,kcorpus_localize)
"""


def write_module_sources(mod, rows):
	harness = os.path.join(ROOT, "corpus", "harness")
	with open(os.path.join(mod, "runner.c"), "w") as f:
		f.write('#include "%s/kernel/runner.c"\n' % harness)
	for row in rows:
		text = ("/* Generated: case %s, form %s. */\n#define KCORPUS_NAME \"%s\"\n"
			"#define KCORPUS_FORM \"%s\"\n#define KCORPUS_ID %s\n#include \"%s\"\n" %
			(row.name, row.form, row.name, row.form, row.id, row.src))
		path = os.path.join(mod, "w_%s.c" % row.id)
		old = open(path).read() if os.path.exists(path) else None
		if old != text:
			with open(path, "w") as f:
				f.write(text)


def write_table(mod, rows):
	with open(os.path.join(mod, "table.c"), "w") as f:
		f.write("/* Generated: the case forms of this kcorpus module, in run order. */\n")
		f.write('#include "kcorpus.h"\n\n')
		for row in rows:
			f.write("extern struct kcorpus_case kcorpus_case_%s;\n" % row.id)
		f.write("\nstruct kcorpus_case *const kcorpus_table[] = {\n")
		for row in rows:
			f.write("\t&kcorpus_case_%s,\n" % row.id)
		f.write("};\nconst unsigned int kcorpus_count = %d;\n" % len(rows))
	with open(os.path.join(mod, "Kbuild"), "w") as f:
		f.write(KBUILD.format(cases=" \\\n\t".join("c_%s.o" % r.id for r in rows),
				      harness=os.path.join(ROOT, "corpus", "harness")))


def kmake(kdir, mod, args, targets=()):
	cmd = ["make", "-C", kdir, "M=" + mod, "CC=" + args.kcc, "-j%d" % args.jobs, "-k"]
	return run(cmd + list(targets))


def build_module(rows, kdir, build, args):
	"""Builds kcorpus.ko from every row that compiles; sets kbuild_error on the others."""
	mod = os.path.join(build, "module")
	os.makedirs(mod, exist_ok=True)
	for stale in glob.glob(os.path.join(mod, "w_*.c")):
		if os.path.basename(stale)[2:-2] not in {r.id for r in rows}:
			os.remove(stale)
	write_module_sources(mod, rows)
	write_table(mod, rows)
	t0 = time.time()
	r = kmake(kdir, mod, args)
	with open(os.path.join(build, "kbuild.log"), "w") as f:
		f.write(r.stdout)
	good = []
	for row in rows:
		obj = os.path.join(mod, "c_%s.o" % row.id)
		if not os.path.exists(obj):
			row.kbuild_error = object_error(kdir, mod, row, args)
			continue
		nm = run(["nm", "--defined-only", obj]).stdout
		if not re.search(r" [DdBbRr] kcorpus_case_%s$" % re.escape(row.id), nm, re.M):
			row.kbuild_error = "no CORPUS_CASE() in the case"
			continue
		good.append(row)
	# The kernel's own warnings about a case (frame size on 8 KiB stacks, fall-through)
	# do not fail it; they go with the row.
	# Kept beside the object, since an object that is up to date is not compiled again.
	for row in rows:
		keep = os.path.join(mod, "w_%s.warnings" % row.id)
		if "/w_%s.o\n" % row.id in r.stdout:
			for line in r.stdout.splitlines():
				if line.startswith(row.src + ":") and "warning:" in line:
					row.kbuild_warnings.append(
						line[len(os.path.dirname(row.src)) + 1:].strip())
			with open(keep, "w") as f:
				f.write("".join(w + "\n" for w in row.kbuild_warnings))
		elif os.path.exists(keep):
			with open(keep) as f:
				row.kbuild_warnings = f.read().splitlines()
	ko = os.path.join(mod, "kcorpus.ko")
	if len(good) != len(rows) or r.returncode != 0:
		write_table(mod, good)
		r = kmake(kdir, mod, args)
		with open(os.path.join(build, "kbuild.log"), "a") as f:
			f.write(r.stdout)
	if r.returncode != 0 or not os.path.exists(ko):
		return None, good, r.stdout
	log("built kcorpus.ko with %d case forms in %.1f s" % (len(good), time.time() - t0))
	return ko, good, r.stdout


def object_error(kdir, mod, row, args):
	"""The first compiler error of one case form, from a build of that object alone."""
	r = run(["make", "-C", kdir, "M=" + mod, "CC=" + args.kcc, "w_%s.o" % row.id])
	for line in r.stdout.splitlines():
		if "error:" in line:
			where, msg = line.split("error:", 1)
			return "%s: %s" % (os.path.basename(where.strip().rstrip(":")), msg.strip()[:110])
	return "does not compile"


def make_initrd(ko, build, args):
	stage = os.path.join(build, "initrd")
	shutil.rmtree(stage, ignore_errors=True)
	os.makedirs(stage)
	r = run([args.cc, "-m32", "-static", "-O2", "-Wall", "-o", os.path.join(stage, "init"),
		 os.path.join(HERE, "init.c")])
	if r.returncode != 0:
		raise SystemExit("qemu: cannot build the static i386 /init:\n" + r.stdout)
	# Debug info is most of the module and only slows the unpacking in the guest; the
	# symbol table the kernel prints from stays.
	r = run(["strip", "--strip-debug", "-o", os.path.join(stage, "kcorpus.ko"), ko])
	if r.returncode != 0:
		shutil.copy(ko, os.path.join(stage, "kcorpus.ko"))
	img = os.path.join(build, "initrd.gz")
	with open(img, "wb") as out:
		find = subprocess.Popen(["find", ".", "-mindepth", "1"], cwd=stage, stdout=subprocess.PIPE)
		cpio = subprocess.Popen(["cpio", "--quiet", "-o", "-H", "newc", "-R", "0:0"], cwd=stage,
					stdin=find.stdout, stdout=subprocess.PIPE)
		gz = subprocess.Popen(["gzip", "-1"], stdin=cpio.stdout, stdout=out)
		find.stdout.close()
		cpio.stdout.close()
		if gz.wait() or cpio.wait() or find.wait():
			raise SystemExit("qemu: cannot pack the initramfs")
	return img


# ---------------------------------------------------------------- kernel lane: boot

def boot(vmlinuz, initrd, start, end, logpath, args):
	"""One qemu run of case indexes [@start, @end); returns (log lines, seconds, how it ended)."""
	# cryptomgr.notests and noisapnp skip 2.5 s and 0.5 s of boot under TCG that test nothing
	# of ours; oops=panic ends the boot at the first oops, so no case runs in a kernel that a
	# previous case left with locks held.
	append = ("console=ttyS0 panic=-1 oops=panic loglevel=7 cryptomgr.notests noisapnp "
		  "kcorpus.start=%d kcorpus.end=%d kcorpus.timeout=%d" % (start, end, args.case_timeout))
	cmd = [args.qemu, "-accel", "tcg", "-cpu", "pentium3,+pae", "-m", args.mem,
	       "-display", "none", "-nodefaults", "-serial", "stdio", "-no-reboot",
	       "-kernel", vmlinuz, "-initrd", initrd, "-append", append]
	t0 = time.time()
	p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
			     stdin=subprocess.DEVNULL)
	sel = selectors.DefaultSelector()
	sel.register(p.stdout, selectors.EVENT_READ)
	data = bytearray()
	ended = "exit"
	last = time.time()
	while True:
		if not sel.select(timeout=1.0):
			if time.time() - last > args.silence:
				ended = "silent for %d s" % args.silence
				p.kill()
				break
			continue
		chunk = os.read(p.stdout.fileno(), 65536)
		if not chunk:
			break
		data += chunk
		last = time.time()
	p.wait()
	text = data.decode(errors="replace").replace("\r", "")
	with open(logpath, "w") as f:
		f.write(text)
	return text.splitlines(), time.time() - t0, ended


def classify(block):
	"""Kernel signals named by one report block (from its cut-here line to its end)."""
	head = next((l for l in block if RE_REPORT.match(l)), block[0])
	text = "\n".join(block)
	eip = next((m.group(1) for m in map(RE_EIP.match, block) if m), "")
	sig = []
	if head.startswith("WARNING:"):
		if " kunmap_local_indexed+" in head:
			sig.append("warn-kunmap-local")
		elif "DEBUG_LOCKS_WARN_ON(current->kmap_ctrl.idx)" in text:
			sig.append("warn-kmap-local-leak")
		elif "returned with" in text and "do_one_initcall" in head:
			if "preemption imbalance" in text:
				sig.append("warn-preempt-imbalance")
			if "disabled interrupts" in text:
				sig.append("warn-irqs-disabled")
		else:
			m = re.search(r" at (\S+) ([\w.]+)\+", head)
			sig.append("warn-other:" + (m.group(2) if m else head[:60]))
	elif head.startswith("kernel BUG at"):
		if eip == "__kmap_local_pfn_prot":
			sig.append("bug-kmap-local-map")
		elif eip == "kunmap_local_indexed":
			sig.append("bug-kmap-local-unmap")
		elif eip == "kunmap_high":
			sig.append("bug-kunmap-high")
		else:
			sig.append("bug-other:" + head[len("kernel BUG at "):].rstrip("!") +
				   (" " + eip if eip else ""))
	elif head.startswith("BUG: scheduling while atomic"):
		sig.append("bug-sched-atomic")
	elif head.startswith("BUG: sleeping function called from invalid context"):
		sig.append("bug-might-sleep")
	elif (head.startswith("BUG: unable to handle page fault") or
	      head.startswith("BUG: kernel NULL pointer dereference") or
	      head.startswith("general protection fault")):
		sig.append("page-fault")
	elif "soft lockup" in head or "blocked for" in head:
		sig.append("hang")
	else:
		sig.append("bug-other:" + head[5:60])
	return sig


def parse_boot(lines, rows_by_index, rows_by_key, boot_no):
	"""Attributes a boot's console lines to rows; returns (first unfinished index, notes)."""
	current = None
	block = None
	started = None
	last_begun = None
	all_done = False
	hung = None
	stray = []

	def flush():
		nonlocal block
		if block:
			sigs = classify(block)
			head = next((l for l in block if RE_REPORT.match(l)), block[0])
			if current:
				for s in sigs:
					current.k_signals.append((s, head[:110]))
			else:
				stray.append("boot %d, before any case: %s" % (boot_no, head[:100]))
		block = None

	for raw in lines:
		line = RE_TIME.sub("", raw.strip())
		m = RE_BEGIN.match(line)
		if m:
			flush()
			current = rows_by_key.get((m.group(1), m.group(2)))
			if current:
				current.k_outcome = "crash"  # until its end marker
				last_begun = current.index
			continue
		m = RE_END.match(line)
		if m and current:
			flush()
			current.k_rc = int(m.group(3))
			current.k_outcome = "ok" if current.k_rc == 0 else "fail"
			continue
		m = RE_STATE.match(line)
		if m and current:
			current.k_state = dict(kv.split("=", 1) for kv in m.group(3).split())
			continue
		if RE_FAIL.match(line) and current:
			current.k_notes.append(line[len("corpus: "):][:110])
			continue
		m = RE_INIT.match(line)
		if m:
			flush()
			what = m.group(1)
			if what.startswith("start "):
				started = int(what.split()[1])
			elif what.startswith("all done"):
				all_done = True
			mm = re.match(r"case (\d+) (hung|killed by signal \d+|not loaded)", what)
			if mm and int(mm.group(1)) in rows_by_index:
				row = rows_by_index[int(mm.group(1))]
				if mm.group(2) == "hung":
					row.k_outcome = "hung"
					hung = row.index
				elif mm.group(2) == "not loaded":
					row.k_outcome = "not-run"
					row.k_notes.append("finit_module failed")
				else:
					row.k_notes.append("loader process " + mm.group(2))
			continue
		m = RE_PANIC.match(line)
		if m:
			flush()
			if current:
				current.k_outcome = "crash"
				current.k_notes.append("panic: " + m.group(1)[:60])
			continue
		if line.startswith("note: ") and current:
			current.k_notes.append(line[:110])
			continue
		if RE_CUT.match(line):
			flush()
			block = [line]
			continue
		if RE_REPORT.match(line):
			# The message of a WARN() comes between the cut-here line and WARNING:.
			if not (block and RE_CUT.match(block[0]) and
				not any(RE_REPORT.match(l) for l in block)):
				flush()
				block = []
			block.append(line)
			continue
		if block is not None:
			if line.startswith("---[ end trace") or len(block) > 80:
				flush()
			else:
				block.append(line)
	flush()
	if started is None:
		return None, stray, "the kernel did not reach /init"
	if all_done:
		return -1, stray, None
	if hung is not None:
		return hung + 1, stray, None
	if last_begun is None:
		return None, stray, "no case started"
	return last_begun + 1, stray, None


def run_boots(vmlinuz, initrd, built, rows_by_index, rows_by_key, args):
	"""Runs every row in as few boots as the crashes allow, --vms boots at a time.

	The rows are split into one range per VM; a boot that a case takes down leaves the rest
	of its range for the next boot. Returns one line per boot.
	"""
	lock = threading.Condition()
	todo = []
	n = len(built)
	vms = max(1, min(args.vms, n))
	for i in range(vms):
		todo.append((i * n // vms, (i + 1) * n // vms))
	state = {"busy": 0, "boots": 0}
	lines_out = []

	def worker():
		while True:
			with lock:
				while not todo and state["busy"]:
					lock.wait()
				if not todo:
					lock.notify_all()
					return
				start, end = todo.pop(0)
				state["busy"] += 1
				state["boots"] += 1
				no = state["boots"]
			logpath = os.path.join(args.build, "console-%d.log" % no)
			lines, secs, ended = boot(vmlinuz, initrd, start, end, logpath, args)
			nxt, stray, err = parse_boot(lines, rows_by_index, rows_by_key, no)
			msg = "boot %d, cases %d-%d: %.1f s, %s" % (no, start, end - 1, secs, ended)
			if err:
				msg += " (%s)" % err
				for row in built[start:end]:
					row.k_notes.append("boot %d: %s" % (no, err))
			elif nxt != -1 and nxt < end:
				msg += ", restart after case %d" % (nxt - 1)
			log(msg)
			for s in stray:
				log("unattributed: " + s)
			with lock:
				lines_out.append(msg)
				if not err and nxt != -1 and nxt < end:
					todo.append((nxt, end))
				state["busy"] -= 1
				lock.notify_all()

	threads = [threading.Thread(target=worker) for _ in range(vms)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	return lines_out


# ---------------------------------------------------------------- comparison

def state_signals(row):
	st = row.k_state
	sig = []
	for key, name in (("kmap_local", "state-kmap-local"), ("preempt", "state-preempt"),
			  ("pagefault", "state-pagefault"), ("kmap_held", "state-kmap-held"),
			  ("irqs_off", "state-irqs-off")):
		if int(st.get(key, "0")) != 0:
			sig.append(name)
	if int(st.get("kmap_held", "0")) < 0:
		sig[sig.index("state-kmap-held")] = "state-kunmap-extra"
	return sig


def kernel_signal_names(row):
	names = [s for s, _ in row.k_signals] + state_signals(row)
	return sorted(set(names))


def harness_problems(row):
	p = []
	st = row.k_state
	if row.k_outcome in ("ok", "fail") and st:
		if int(st.get("lowmem", "0")):
			p.append("a __GFP_HIGHMEM allocation got lowmem")
		if int(st.get("user_alloc_fail", "0")):
			p.append("corpus_user_alloc() failed in the kernel")
	return p


def judge_smoke(row):
	got = set(kernel_signal_names(row))
	want = set(row.expect)
	crash_wanted = "crash" in want
	want.discard("crash")
	problems = []
	if row.kbuild_error:
		problems.append("kernel build: " + row.kbuild_error)
	elif crash_wanted != (row.k_outcome == "crash"):
		problems.append("kernel outcome %s" % row.k_outcome)
	elif not crash_wanted and row.k_outcome != "ok":
		problems.append("kernel outcome %s rc=%s" % (row.k_outcome, row.k_rc))
	if got != want:
		problems.append("kernel reported {%s}, expected {%s}" %
				(" ".join(sorted(got)), " ".join(sorted(want))))
	if row.k_state and int(row.k_state.get("highmem", "0")) == 0:
		problems.append("no highmem page was tested")
	problems += harness_problems(row)
	return problems


def compare(row):
	"""Sets row.status: pass, fail, blind (only what the kernel cannot see differs)."""
	if row.why_unavailable:
		row.status = "skipped"
		return
	if row.kbuild_error:
		row.status = "fail"
		row.problems.append("kernel build: " + row.kbuild_error)
		return
	if row.u_outcome is None:
		row.status = "skipped"
		row.problems.append("runtime lane unavailable")
		return
	if row.u_outcome == "build-failed":
		row.status = "fail"
		row.problems.append("user build: " + row.u_note)
		return
	ksig = kernel_signal_names(row)
	uclasses = sorted({c for _, c, _ in row.u_reports})
	for c in uclasses:
		if any(c in SIGNAL_COMPAT.get(s, ()) for s in ksig):
			continue
		why = {blind_reason(c, msg) for _, cc, msg in row.u_reports if cc == c}
		if None in why:
			row.problems.append("runtime [%s] not seen by the kernel" % c)
		else:
			row.blind.append("%s (%s)" % (c, "; ".join(sorted(why))))
			row.blind_why.update(why)
	for s in ksig:
		if not any(c in SIGNAL_COMPAT.get(s, ()) for c in uclasses):
			row.problems.append("kernel %s not reported by the runtime" % s)
	# A crash on one side only is the reports' business (a kernel BUG_ON against a runtime
	# that reports and goes on); two completed runs must agree on the data.
	done = ("ok", "fail")
	if row.k_outcome in done and row.u_outcome in done and row.k_outcome != row.u_outcome:
		row.problems.append("data check: kernel %s, runtime %s" % (row.k_outcome, row.u_outcome))
	elif row.k_outcome not in done and row.u_outcome not in done and row.k_outcome != row.u_outcome:
		row.problems.append("outcome: kernel %s, runtime %s" % (row.k_outcome, row.u_outcome))
	elif "hung" in (row.k_outcome, row.u_outcome) or "not-run" == row.k_outcome:
		row.problems.append("outcome: kernel %s, runtime %s" % (row.k_outcome, row.u_outcome))
	row.problems += harness_problems(row)
	if row.problems:
		row.status = "fail"
	elif row.blind:
		row.status = "blind"
	else:
		row.status = "pass"


def fmt_kernel(row):
	if row.kbuild_error:
		return "build failed"
	out = row.k_outcome if row.k_outcome != "ok" else "ok"
	sig = kernel_signal_names(row)
	return out + (" " + ",".join(sig) if sig else "")


def fmt_user(row):
	if row.u_outcome is None:
		return "unavailable"
	cls = sorted({"%s" % c for _, c, _ in row.u_reports})
	return row.u_outcome + (" " + ",".join(cls) if cls else "")


def row_notes(r):
	notes = list(r.problems)
	if r.k_notes:
		notes.append("kernel: " + "; ".join(r.k_notes[:2]))
	if r.u_note and r.u_outcome not in ("ok", None):
		notes.append("runtime: " + r.u_note)
	return "; ".join(notes)


def cell(r):
	"""One row in a few words, for the by-case table."""
	if r is None:
		return ""
	if r.status == "same":
		return "= orig"
	if r.why_unavailable:
		return "unavailable"
	if r.status == "skipped":
		return "not compared"
	k, u = fmt_kernel(r), fmt_user(r)
	text = "%s / %s" % (k, u) if (k, u) != ("ok", "ok") else "ok"
	if r.status == "blind":
		return "%s: **kernel-blind** (%s)" % (text, ", ".join(b.split(" (")[0] for b in r.blind))
	if r.status == "fail":
		return "%s: **FAIL**" % text
	return text


def report(rows, smoke_rows, smoke, out):
	"""The comparison, the kernel-blind rows, what was not compared, the lane self-tests."""
	def p(line=""):
		out.write(line + "\n")

	compared = [r for r in rows if r.status in ("pass", "fail")]
	blind = [r for r in rows if r.status == "blind"]
	p("### Real kernel against runtime/ (%d compared)" % len(compared))
	p()
	p("| case | form | real kernel | runtime/ | result | notes |")
	p("|---|---|---|---|---|---|")
	for r in compared:
		p("| %s | %s | %s | %s | %s | %s |" % (r.name, r.form, fmt_kernel(r), fmt_user(r),
							r.status, row_notes(r)))
	p()
	p("### Runtime reports the kernel cannot see (%d rows, not counted as agreement)" % len(blind))
	p()
	p("| case | form | real kernel | runtime/ | the kernel cannot see |")
	p("|---|---|---|---|---|")
	for r in blind:
		p("| %s | %s | %s | %s | %s |" % (r.name, r.form, fmt_kernel(r), fmt_user(r),
						  ", ".join(r.blind)))
	p()
	same = [r for r in rows if r.status == "same"]
	missing = {}
	for r in rows:
		if r.status == "skipped":
			why = r.why_unavailable or "; ".join(r.problems) or "not compared"
			missing.setdefault((r.form, why), []).append(r.name)
	p("### Not compared")
	p()
	for (form, why), names in sorted(missing.items()):
		p("- %s form of %d case(s): %s%s" % (form, len(names), why,
						    "" if len(names) > 6 else " (" + ", ".join(names) + ")"))
	for form in ("converted", "naive"):
		names = [r.name for r in same if r.form == form]
		if names:
			p("- %s form of %d case(s) is the original text, built and run once as orig: %s" %
			  (form, len(names), ", ".join(names)))
	p()
	by_case = {}
	for r in rows:
		if r.form in FORMS:
			by_case.setdefault(r.name, {})[r.form] = r
	p("### By case (kernel reports / runtime reports, then the result)")
	p()
	p("| case | orig | converted | naive |")
	p("|---|---|---|---|")
	for name in sorted(by_case):
		p("| %s | %s |" % (name, " | ".join(cell(by_case[name].get(f)) for f in FORMS)))
	p()
	warned = [r for r in rows if r.kbuild_warnings and r.status != "same"]
	if warned:
		p("### Kernel build warnings (not failures)")
		p()
		for r in warned:
			for w in sorted(set(r.kbuild_warnings)):
				p("- %s %s: %s" % (r.name, r.form, w))
		p()
	p("### Lane self-tests (tests/qemu/smoke: what the real kernel must report)")
	p()
	p("| self-test | real kernel | expected | result |")
	p("|---|---|---|---|")
	for r in smoke:
		p("| %s | %s | %s | %s |" % (r.name, fmt_kernel(r), " ".join(sorted(r.expect)) or "nothing",
					     "pass" if not r.problems else "FAIL: " + "; ".join(r.problems)))


# ---------------------------------------------------------------- main

def skip(reason):
	log("SKIPPED: " + reason)
	print("qemu: 0 passed, 0 failed, 1 skipped", flush=True)
	sys.exit(0)


def main():
	ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	ap.add_argument("--build", default=os.path.join(ROOT, "build", "qemu"))
	# The project's cache root, as the analyzer has it; the kernel goes under qemu/.
	cache_root = os.environ.get("KMAPCHECK_CACHE") or os.path.join(
		os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
		"kmapcheck")
	ap.add_argument("--cache", default=os.path.join(cache_root, "qemu"),
			help="where the kernel packages are kept (default $KMAPCHECK_CACHE/qemu)")
	ap.add_argument("--cases", default=os.environ.get("QEMU_CASES", "*"),
			help="glob of case names to run (default all)")
	ap.add_argument("--no-smoke", action="store_true")
	ap.add_argument("--qemu", default="qemu-system-i386")
	ap.add_argument("--mem", default=os.environ.get("QEMU_MEM", "3G"))
	ap.add_argument("--cc", default=os.environ.get("QEMU_USER_CC", "gcc"))
	ap.add_argument("--kcc", default="gcc-12", help="compiler for the module (the kernel's)")
	ap.add_argument("--kmaprt", default="runtime/libkmaprt.a")
	ap.add_argument("--kmapcheck", default=os.path.join(ROOT, "kmapcheck"))
	ap.add_argument("--naive-cocci", default=os.path.join(ROOT, "semantic-patches", "naive.cocci"))
	ap.add_argument("--jobs", type=int, default=2)
	ap.add_argument("--vms", type=int, default=2, help="qemu instances at a time")
	ap.add_argument("--case-timeout", type=int, default=60)
	ap.add_argument("--silence", type=int, default=90,
			help="seconds without console output before qemu is killed")
	ap.add_argument("--user-timeout", type=int, default=60)
	ap.add_argument("--flags", default=os.environ.get("KMAPCHECK_FLAGS"),
			help="compiler flags for kmapcheck patch (default: the user lane's)")
	args = ap.parse_args()
	args.build = os.path.abspath(args.build)
	t_start = time.time()

	for tool in (args.qemu, "cpio", "gzip", args.kcc, "objcopy"):
		if not shutil.which(tool):
			skip("%s not found (make deps installs qemu-system-x86 and cpio)" % tool)
	os.makedirs(args.build, exist_ok=True)
	r = subprocess.run([os.path.join(HERE, "fetch-kernel.sh"), args.cache],
			   stdout=subprocess.PIPE, text=True)
	if r.returncode != 0:
		skip("the Debian i386 kernel packages cannot be had (see above)")
	kdir = r.stdout.strip().splitlines()[-1]
	abi_dir = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(kdir))))
	vmlinuz = os.path.join(abi_dir, "vmlinuz")
	log("kernel %s" % os.path.basename(abi_dir))

	cases = sorted(c for c in glob.glob(os.path.join(ROOT, "corpus", "cases", "*.c"))
		       if fnmatch.fnmatch(os.path.basename(c)[:-2], args.cases))
	smoke_files = [] if args.no_smoke else sorted(glob.glob(os.path.join(HERE, "smoke", "*.c")))
	flags = args.flags.split() if args.flags else user_includes() + ["-m32"]

	rows, smoke = [], []
	conv = make_converted(cases, args.build, flags, os.path.abspath(args.kmapcheck)) if cases else {}
	naive = make_naive(cases, args.build, os.path.abspath(args.naive_cocci)) if cases else {}
	for c in cases:
		name = os.path.basename(c)[:-2]
		for form, src in zip(FORMS, ({c: c}, conv, naive)):
			row = Row(name, form)
			got = src.get(c) if isinstance(src, dict) else src
			if got and os.path.exists(got):
				row.src = got
				row.same_as_orig = form != "orig" and same_file(got, c)
			else:
				row.why_unavailable = got or "no output for this case"
			rows.append(row)
	for s in smoke_files:
		row = Row(os.path.basename(s)[:-2], "smoke")
		row.src = s
		row.expect = smoke_expect(s) or set()
		smoke.append(row)
	# A form whose text is the original's is the same code: it is built and run once, as orig.
	runnable = [r for r in rows + smoke if r.src and not r.same_as_orig]

	# The user lane runs beside the module build and the boots: qemu keeps one core busy.
	user_result = {}

	def user_lane_thread():
		try:
			user_result["why"] = user_lane(runnable, args.build, args)
		except Exception as e:  # reported as an unavailable lane, never as agreement
			user_result["why"] = "the user lane failed: %r" % e

	user_thread = threading.Thread(target=user_lane_thread)
	user_thread.start()

	ko, built, ktext = build_module(runnable, kdir, args.build, args)
	if ko is None:
		tail = "\n".join(ktext.strip().splitlines()[-15:])
		log("module build failed:\n" + tail)
		for row in runnable:
			row.kbuild_error = row.kbuild_error or "module does not link"
		built = []
	for i, row in enumerate(built):
		row.index = i
	rows_by_index = {r.index: r for r in built}
	rows_by_key = {(r.name, r.form): r for r in built}

	boots = []
	if ko:
		initrd = make_initrd(ko, args.build, args)
		boots = run_boots(vmlinuz, initrd, built, rows_by_index, rows_by_key, args)

	user_thread.join()
	why_user = user_result.get("why")
	for row in rows:
		if row.same_as_orig:
			row.status = "same"
		elif row.src:
			compare(row)
		else:
			row.status = "skipped"
	for row in smoke:
		row.problems = judge_smoke(row)
	smoke_compared = []
	for row in smoke:
		if row.u_outcome is not None:
			twin = Row(row.name, "smoke")
			twin.__dict__.update({k: v for k, v in row.__dict__.items()
					      if k not in ("problems", "status", "blind", "blind_why")})
			twin.problems, twin.blind, twin.blind_why = [], [], set()
			compare(twin)
			smoke_compared.append(twin)

	table_rows = rows + smoke_compared
	npass = sum(r.status == "pass" for r in table_rows) + sum(not r.problems for r in smoke)
	nfail = sum(r.status == "fail" for r in table_rows) + sum(bool(r.problems) for r in smoke)
	nblind = sum(r.status == "blind" for r in table_rows)
	nunavail = sum(r.status == "skipped" for r in table_rows)
	nsame = sum(r.status == "same" for r in table_rows)

	print()
	report(table_rows, smoke_compared, smoke, sys.stdout)
	print()
	if why_user:
		log("runtime lane unavailable (%s): no comparison counted" % why_user)
	summary = ("%d passed, %d failed; not counted: %d kernel-blind, %d not compared (form or "
		   "lane unavailable), %d identical to orig; %d boot(s), %.0f s" %
		   (npass, nfail, nblind, nunavail, nsame, len(boots), time.time() - t_start))
	log(summary)
	with open(os.path.join(args.build, "table.md"), "w") as f:
		report(table_rows, smoke_compared, smoke, f)
		f.write("\n" + summary + "\n")
	print("qemu: %d passed, %d failed, %d skipped" % (npass, nfail, nblind + nunavail + nsame))
	sys.exit(1 if nfail else 0)


if __name__ == "__main__":
	main()
