# Golden tests of semantic-patches/ (tests/cocci/run.sh), included by the
# top-level Makefile.  `make cocci-test` runs every tests/cocci/NAME.c
# through the rule it names and compares the result with NAME.res;
# `make cocci-bench` times naive.cocci over a whole kernel tree.

SPATCH ?= spatch
COCCI_WORK := build/cocci
COCCI_BENCH_TREE ?= /usr/src/linux-source-6.1

DEB_PACKAGES += time patch

cocci-test: deps
	@$(if $(Q),echo "  COCCI   tests/cocci")
	$(Q)SPATCH="$(SPATCH)" CC="$(CC)" V="$(V)" COCCI_WORK="$(CURDIR)/$(COCCI_WORK)" \
		tests/cocci/run.sh

cocci-bench: deps
	$(Q)SPATCH="$(SPATCH)" tests/cocci/bench-naive.sh "$(COCCI_BENCH_TREE)"

cocci-clean:
	$(Q)rm -rf $(COCCI_WORK)

CLEAN_TARGETS += cocci-clean

.PHONY: cocci-test cocci-bench cocci-clean
