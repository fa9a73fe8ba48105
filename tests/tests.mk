# tests/tests.mk - the analyzer's own tests, and `make test`, `make demo`, `make bench`,
# which tie every part's targets together. Included by the top-level Makefile.
#
#   make check-tests      annotated C inputs (tests/checks, tests/prove), sparse style
#   make bad-input-test   missing, unreadable, binary, empty, non-C, crashing, hanging inputs
#   make store-test       compile_commands.json, the cache and what the database records
#   make pch-test         the shared precompiled headers: which files use them, same results
#   make gate-test        kmapcheck gate (git and patch mode, SARIF) and check (kbuild C=1, fs/ext2)
#   make patch-test       kmapcheck patch: bad input, --apply all or nothing, --validate (plain
#                         files, and fs/ext2 fs/nilfs2 drivers/md of linux 6.1 through kbuild)
#   make kernel-test      scan all of linux 6.1 and compare with an independent text search
#   make asan-test        kmapcheck built with AddressSanitizer on the corpus, the cross-file
#                         checks and four directories of linux 6.1 (after kernel-test)
#   make heldout          the prover against the sites linux 6.12 converted or kept (a measurement;
#                         rescans 6.1 when ./kmapcheck is newer, HELDOUT_SCAN=FILE.jsonl reuses one)
#   make test             every test of every part; ends with one `N passed, M failed` line
#   make demo             build, scan the bundled corpus, show the result
#   make bench            the benchmark tables (not a test: prints numbers)

DEB_PACKAGES += python3 xz-utils
CHECK_FILES := $(sort $(wildcard tests/checks/*.c) $(wildcard tests/prove/*.c))
CORPUS_FLAGS := -m32 -Iruntime/include -Icorpus/harness/user -Icorpus/harness

check-tests: $(PROGRAM)
	@$(if $(Q),echo "  TEST    checks")
	$(Q)tests/run-checks.sh $(CHECK_FILES)

bad-input-test: $(PROGRAM)
	@$(if $(Q),echo "  TEST    bad input")
	$(Q)tests/bad-input.sh

store-test: $(PROGRAM)
	@$(if $(Q),echo "  TEST    flags and store")
	$(Q)tests/store.sh

pch-test: $(PROGRAM)
	@$(if $(Q),echo "  TEST    precompiled header")
	$(Q)tests/pch.sh

kernel-test: deps $(PROGRAM)
	@$(if $(Q),echo "  TEST    linux 6.1")
	$(Q)tests/kernel/run.sh

heldout: deps $(PROGRAM)
	@$(if $(Q),echo "  MEASURE held-out sites of linux 6.1 in 6.12")
	$(Q)python3 tests/kernel/heldout.py --check --sites build/heldout/sites.tsv \
		$(if $(HELDOUT_SCAN),--scan $(HELDOUT_SCAN))

patch-test: deps $(PROGRAM)
	@$(if $(Q),echo "  TEST    patch (bad input, --apply, --validate)")
	$(Q)tests/patch/run.sh

# The same sources with AddressSanitizer, in one compiler run (about 10 s).
ASAN_PROGRAM := build/asan/kmapcheck
ASAN_CFLAGS := -O1 -g -fsanitize=address -fno-omit-frame-pointer

$(ASAN_PROGRAM): $(ANALYZER_OBJS:.o=.c) $(wildcard analyzer/*.h)
	@$(if $(Q),echo "  CC      $@ (AddressSanitizer)")
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(BASEFLAGS) $(ASAN_CFLAGS) $(WARNFLAGS) $(CLANG_CFLAGS) $(SQLITE_CFLAGS) \
		-o $@ $(ANALYZER_OBJS:.o=.c) $(LDLIBS)

asan-test: deps $(PROGRAM) $(ASAN_PROGRAM)
	@$(if $(Q),echo "  TEST    AddressSanitizer")
	$(Q)tests/asan.sh

gate-test: $(PROGRAM)
	@$(if $(Q),echo "  TEST    gate and check")
	$(Q)tests/gate/run.sh

# The parts in the order a failure is cheapest to read; run-all.sh sums their closing lines.
TEST_TARGETS := check-tests bad-input-test store-test pch-test gate-test patch-test runtime-test cocci-test corpus-check kernel-test asan-test qemu-check

test: deps all
	$(Q)tests/run-all.sh $(TEST_TARGETS)

demo: deps all
	@echo "== kmapcheck scan corpus/cases (the bundled kernel-style corpus)"
	$(Q)./kmapcheck scan --db build/demo.db corpus/cases -- $(CORPUS_FLAGS) || [ $$? -eq 3 ]
	@echo
	@echo "== kmapcheck report (from the SQLite history, build/demo.db)"
	$(Q)./kmapcheck report --db build/demo.db

bench: deps all
	$(Q)tests/bench/run.sh

.PHONY: check-tests bad-input-test store-test pch-test gate-test patch-test kernel-test heldout asan-test
