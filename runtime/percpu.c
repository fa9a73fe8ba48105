// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU areas: one unit per CPU (= per runtime thread slot), each a copy
 * of the program's "kmaprt_percpu" section followed by room for
 * alloc_percpu().  A per-CPU pointer plus kmaprt_percpu_offset[cpu] is
 * that CPU's copy, as in the kernel.  Units are reserved up front and
 * touched lazily.
 */
#include "internal.h"

#include <linux/percpu.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* The linker defines these when the program has per-CPU variables. */
extern char __start_kmaprt_percpu[] __attribute__((weak));
extern char __stop_kmaprt_percpu[] __attribute__((weak));

#define DYN_BYTES	(64 * 1024)

unsigned long *kmaprt_percpu_offset;
static char *units;
static char *static_base;	/* what per-CPU pointers are relative to */
static size_t static_bytes, unit_bytes, dyn_used;
static pthread_mutex_t pcpu_lock = PTHREAD_MUTEX_INITIALIZER;

/* Dynamic allocations, by offset in the unit; freed chunks are reused by size. */
struct chunk {
	size_t off, size;
	bool in_use;
};
static struct chunk chunks[1024];
static int nr_chunks;

void kmaprt_percpu_init(void)
{
	unsigned int cpu, n = kmaprt_nr_cpu_ids;

	if (__start_kmaprt_percpu && __stop_kmaprt_percpu) {
		static_base = __start_kmaprt_percpu;
		static_bytes = ALIGN((size_t)(__stop_kmaprt_percpu - __start_kmaprt_percpu), 64);
	}
	unit_bytes = PAGE_ALIGN(static_bytes + DYN_BYTES);
	units = mmap(NULL, unit_bytes * n, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	kmaprt_percpu_offset = calloc(n, sizeof(*kmaprt_percpu_offset));
	if (units == MAP_FAILED || !kmaprt_percpu_offset) {
		fprintf(stderr, "kmaprt: BUG: [config] cannot reserve per-CPU areas\n");
		abort();
	}
	if (!static_base)
		static_base = units;
	for (cpu = 0; cpu < n; cpu++) {
		char *unit = units + cpu * unit_bytes;

		if (static_bytes)
			memcpy(unit, __start_kmaprt_percpu,
			       __stop_kmaprt_percpu - __start_kmaprt_percpu);
		kmaprt_percpu_offset[cpu] = (unsigned long)unit - (unsigned long)static_base;
	}
}

void __percpu *kmaprt_alloc_percpu(size_t size, size_t align,
				   const struct kmaprt_site *site)
{
	struct chunk *c = NULL;
	unsigned int cpu;
	int i;

	kmaprt_ensure_setup();
	kmaprt_might_sleep(site, "alloc_percpu()");
	if (!size)
		return NULL;
	size = ALIGN(size, 8);
	align = align < 8 ? 8 : align;
	pthread_mutex_lock(&pcpu_lock);
	for (i = 0; i < nr_chunks; i++)
		if (!chunks[i].in_use && chunks[i].size == size &&
		    !(chunks[i].off % align)) {
			c = &chunks[i];
			break;
		}
	if (!c) {
		size_t start = ALIGN(static_bytes + dyn_used, align);

		if (start + size > unit_bytes || nr_chunks == (int)ARRAY_SIZE(chunks)) {
			pthread_mutex_unlock(&pcpu_lock);
			return NULL;
		}
		c = &chunks[nr_chunks++];
		c->off = start;
		c->size = size;
		dyn_used = start + size - static_bytes;
	}
	c->in_use = true;
	pthread_mutex_unlock(&pcpu_lock);
	for (cpu = 0; cpu < kmaprt_nr_cpu_ids; cpu++)
		memset(units + cpu * unit_bytes + c->off, 0, size);
	return (void __percpu *)(static_base + c->off);
}

void kmaprt_free_percpu(void __percpu *p)
{
	size_t off;
	int i;

	if (!p)
		return;
	off = (char *)p - static_base;
	pthread_mutex_lock(&pcpu_lock);
	for (i = 0; i < nr_chunks; i++)
		if (chunks[i].off == off && chunks[i].in_use) {
			chunks[i].in_use = false;
			break;
		}
	pthread_mutex_unlock(&pcpu_lock);
	if (i == nr_chunks)
		kmaprt_report(KMAPRT_WARN, "page", "free_percpu(%p): not from alloc_percpu() or already freed", p);
}
