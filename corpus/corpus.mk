# corpus/corpus.mk - the corpus loop, included by the top-level Makefile.
#
#   make corpus-run            build every case as written and run it against the runtime
#   make corpus-check          the whole loop: verdicts vs annotations, kmapcheck's patch,
#                              the forced naive conversion, all built and run (part of `make test`)
#   make verify DIR=path       the same loop over a directory of the user's own cases
#   make corpus-clean
#
# CORPUS_JOBS (default 2) cases run at a time; CORPUS_ARGS passes options to corpus/corpus.py
# (e.g. CORPUS_ARGS=--no-analyzer while ./kmapcheck is not built). Everything goes to
# build/corpus/ (build/verify/ for `make verify`).

CORPUS_PY    := corpus/corpus.py
CORPUS_JOBS  ?= 2
CORPUS_ARGS  ?=

DEB_PACKAGES += patch coccinelle python3 gcc-multilib

corpus-run: runtime
	@$(if $(Q),echo "  CORPUS  run")
	$(Q)python3 $(CORPUS_PY) run -j $(CORPUS_JOBS) $(CORPUS_ARGS)

corpus-check: deps runtime $(PROGRAM)
	@$(if $(Q),echo "  CORPUS  check")
	$(Q)python3 $(CORPUS_PY) check -j $(CORPUS_JOBS) $(CORPUS_ARGS)

verify: deps runtime $(PROGRAM)
	$(Q)if [ -z "$(DIR)" ]; then echo "usage: make verify DIR=path/to/cases" >&2; exit 2; fi
	@$(if $(Q),echo "  CORPUS  verify $(DIR)")
	$(Q)python3 $(CORPUS_PY) check --build build/verify -j $(CORPUS_JOBS) $(CORPUS_ARGS) $(DIR)

corpus-clean:
	$(Q)rm -rf build/corpus build/verify

CLEAN_TARGETS += corpus-clean

.PHONY: corpus-run corpus-check verify corpus-clean
