#include "kapi.h"

struct stats { unsigned long bytes[8]; };
extern struct stats cpu_stats;

#define this_cpu_add(var, n) ((var) += (n))

void account(struct page *page, size_t len)
{
	u8 *p = kmap_atomic(page);
	int cpu = smp_processor_id();

	if (p[0])
		cpu_stats.bytes[cpu & 7] += len;
	kunmap_atomic(p);
}

void account2(struct page *page, unsigned long *counter)
{
	u8 *p = kmap_atomic(page);

	this_cpu_add(*counter, p[0]);
	kunmap_atomic(p);
}
/*
 * check-name: a kmap_atomic() region touching per-CPU data (a call and a macro)
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
needs_percpu.c:10:10: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 2 paths; the region relies on preemption disabled (smp_processor_id() at line 11) [kmap-deprecated]
needs_percpu.c:15:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 10 [kmap-unmap]
needs_percpu.c:20:10: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region relies on preemption disabled (this_cpu_add() at line 22) [kmap-deprecated]
needs_percpu.c:23:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 20 [kmap-unmap]
 * check-output-end
 */
