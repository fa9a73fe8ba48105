# tests/qemu/qemu.mk - the real-kernel lane, included by the top-level Makefile: every corpus
# case (original, kmapcheck-converted and forced-naive form) built as one module for Debian's
# i386 HIGHMEM kernel, run under qemu-system-i386 and compared with runtime/ (README.md here).
#
#   make qemu-check     download/cache the kernel, build, boot, compare; `qemu: N passed, ...`
#   make qemu-clean     remove build/qemu (the kernel cache stays)
#
# The kernel is kept in $KMAPCHECK_CACHE/qemu (default ~/.cache/kmapcheck/qemu);
# QEMU_CASES=GLOB runs only the matching cases; QEMU_ARGS passes options to qemu-check.py.

DEB_PACKAGES      += qemu-system-x86 cpio gcc-12 binutils patch python3 gcc-multilib
DEB_FOREIGN_ARCHS += i386

QEMU_BUILD := build/qemu
QEMU_ARGS  ?=

# Missing packages are the lane's to report: when `make deps` cannot install qemu or cpio,
# qemu-check says so and skips. The analyzer and the runtime are wanted for the converted
# form and the comparison; when they do not build, the table says what was not compared.
qemu-check:
	$(Q)mkdir -p $(QEMU_BUILD)
	-$(Q)$(MAKE) --no-print-directory deps || echo "qemu: make deps failed"
	-$(Q)$(MAKE) --no-print-directory -k $(PROGRAM) runtime >$(QEMU_BUILD)/prereq.log 2>&1 || \
		echo "qemu: building ./$(PROGRAM) or the runtime failed, see $(QEMU_BUILD)/prereq.log"
	@$(if $(Q),echo "  QEMU    check")
	$(Q)python3 tests/qemu/qemu-check.py --build $(QEMU_BUILD) $(QEMU_ARGS)

qemu-clean:
	$(Q)rm -rf $(QEMU_BUILD)

CLEAN_TARGETS += qemu-clean

.PHONY: qemu-check qemu-clean
