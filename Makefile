# kmapcheck — one hand-written Makefile.  `make V=1` shows the commands.
#
# Parts other than the analyzer keep their rules in a fragment next to their
# sources (runtime/runtime.mk, tests/cocci/cocci.mk, corpus/corpus.mk,
# tests/qemu/qemu.mk); this file includes them and ties `make test` together.

LLVM_CONFIG ?= llvm-config-19
CC          ?= gcc
CFLAGS      ?= -O2 -g
BASEFLAGS   := -D_GNU_SOURCE -std=gnu11
WARNFLAGS   := -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes
# Only analyzer/cx_*.c may include clang-c/Index.h; they get CLANG_CFLAGS.
CLANG_CFLAGS = $(shell $(LLVM_CONFIG) --cflags 2>/dev/null | tr ' ' '\n' | grep -E '^-I|^-D' | tr '\n' ' ')
CLANG_LIBDIR = $(shell $(LLVM_CONFIG) --libdir 2>/dev/null)
SQLITE_CFLAGS = $(shell pkg-config --cflags sqlite3 2>/dev/null)
SQLITE_LIBS   = $(shell pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3)
LDLIBS      = -L$(CLANG_LIBDIR) -Wl,-rpath,$(CLANG_LIBDIR) -lclang $(SQLITE_LIBS) -lm -pthread

# Debian packages the project needs; fragments add theirs with +=.
DEB_PACKAGES := libclang-19-dev llvm-19-dev clang-19 lld-19 libsqlite3-dev sqlite3 \
                coccinelle sparse gcc-multilib linux-source-6.1 linux-source-6.12 \
                bc flex bison libelf-dev libssl-dev make pkg-config python3 \
                xz-utils

ifeq ($(V),1)
Q :=
else
Q := @
endif

PROGRAM := kmapcheck

ANALYZER_OBJS := \
	analyzer/main.o \
	analyzer/util.o \
	analyzer/rules.o \
	analyzer/tree.o \
	analyzer/flags.o \
	analyzer/pch.o \
	analyzer/cx_compdb.o \
	analyzer/cx_parse.o \
	analyzer/ir.o \
	analyzer/cfg.o \
	analyzer/prove.o \
	analyzer/prove_pair.o \
	analyzer/prove_flow.o \
	analyzer/prove_order.o \
	analyzer/prove_thread.o \
	analyzer/prove_atomic.o \
	analyzer/prove_lowmem.o \
	analyzer/worker.o \
	analyzer/store.o \
	analyzer/emit.o \
	analyzer/patch.o \
	analyzer/restructure.o \
	analyzer/validate.o \
	analyzer/progress.o \
	analyzer/gate.o \
	analyzer/check.o \
	analyzer/xref.o \
	analyzer/scan.o

all: deps $(PROGRAM) runtime

$(PROGRAM): $(ANALYZER_OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $(ANALYZER_OBJS) $(LDLIBS)

analyzer/cx_%.o: analyzer/cx_%.c
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(BASEFLAGS) $(CFLAGS) $(WARNFLAGS) $(CLANG_CFLAGS) -MMD -MP -c -o $@ $<

analyzer/store.o: analyzer/store.c
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(BASEFLAGS) $(CFLAGS) $(WARNFLAGS) $(SQLITE_CFLAGS) -MMD -MP -c -o $@ $<

analyzer/%.o: analyzer/%.c
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(BASEFLAGS) $(CFLAGS) $(WARNFLAGS) -MMD -MP -c -o $@ $<

-include $(ANALYZER_OBJS:.o=.d)

# `make deps` installs what is missing (root, apt-get); a no-op when all is there.
deps:
	$(Q)missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "  DEPS   installing:$$missing"; \
		if [ "$$(id -u)" != 0 ]; then echo "make deps: need root to install:$$missing" >&2; exit 1; fi; \
		for a in $(DEB_FOREIGN_ARCHS); do dpkg --add-architecture $$a; done; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi

include runtime/runtime.mk
include tests/cocci/cocci.mk
include corpus/corpus.mk
include tests/qemu/qemu.mk
include tests/tests.mk

clean: $(CLEAN_TARGETS)
	$(Q)rm -f $(PROGRAM) analyzer/*.o analyzer/*.d

.PHONY: all deps clean test demo bench
