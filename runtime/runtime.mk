# runtime/ — the i386 reference runtime of the kernel's page-mapping APIs.
# Included by the top Makefile, which defines Q, CC and WARNFLAGS.
#
#   make runtime        builds runtime/libkmaprt.a (gcc -m32)
#   make runtime-test   provokes every check and runs the functional tests
#   make runtime-bench  map+unmap pairs per second, kmap vs kmap_local

RUNTIME_CC      ?= $(CC) -m32
RUNTIME_CFLAGS  := -O2 -g -std=gnu11 -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 -pthread \
                   -fno-strict-aliasing -Iruntime/include -Iruntime \
                   -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes
RUNTIME_LIB     := runtime/libkmaprt.a
RUNTIME_OBJDIR  := runtime/obj

RUNTIME_OBJS := \
	$(RUNTIME_OBJDIR)/init.o \
	$(RUNTIME_OBJDIR)/report.o \
	$(RUNTIME_OBJDIR)/page_alloc.o \
	$(RUNTIME_OBJDIR)/highmem.o \
	$(RUNTIME_OBJDIR)/sched.o \
	$(RUNTIME_OBJDIR)/fault.o \
	$(RUNTIME_OBJDIR)/locking.o \
	$(RUNTIME_OBJDIR)/uaccess.o \
	$(RUNTIME_OBJDIR)/percpu.o \
	$(RUNTIME_OBJDIR)/softirq.o \
	$(RUNTIME_OBJDIR)/workqueue.o \
	$(RUNTIME_OBJDIR)/kthread.o \
	$(RUNTIME_OBJDIR)/rcu.o \
	$(RUNTIME_OBJDIR)/slab.o \
	$(RUNTIME_OBJDIR)/lib.o

DEB_PACKAGES += gcc-multilib
CLEAN_TARGETS += runtime-clean

runtime: $(RUNTIME_LIB)

$(RUNTIME_LIB): $(RUNTIME_OBJS)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@
	$(Q)ar rcs $@ $(RUNTIME_OBJS)

$(RUNTIME_OBJDIR)/%.o: runtime/%.c
	@mkdir -p $(RUNTIME_OBJDIR)
	@$(if $(Q),echo "  CC32    $@")
	$(Q)$(RUNTIME_CC) $(RUNTIME_CFLAGS) -MMD -MP -c -o $@ $<

-include $(RUNTIME_OBJS:.o=.d)

runtime-test: $(RUNTIME_LIB)
	$(Q)RUNTIME_CC="$(RUNTIME_CC)" sh tests/runtime/run.sh

build/runtime/kmaprt_bench: runtime/bench/kmaprt_bench.c $(RUNTIME_LIB)
	@mkdir -p build/runtime
	@$(if $(Q),echo "  CC32    $@")
	$(Q)$(RUNTIME_CC) -O2 -g -Iruntime/include -o $@ $< $(RUNTIME_LIB) -lpthread

runtime-bench: build/runtime/kmaprt_bench
	$(Q)build/runtime/kmaprt_bench

runtime-clean:
	$(Q)rm -rf $(RUNTIME_OBJDIR) $(RUNTIME_LIB) build/runtime build/runtime-test

.PHONY: runtime runtime-test runtime-bench runtime-clean
