/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Atomic-context accounting: preempt_count(), pagefault_disable(), irq and
 * bottom-half state, per thread, with the kernel's bit layout.  Nothing is
 * really disabled (the host schedules threads as it likes); the counts feed
 * might_sleep() and the per-CPU checks, as CONFIG_DEBUG_ATOMIC_SLEEP and
 * CONFIG_DEBUG_PREEMPT do.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/types.h>
#include <linux/compiler.h>

#define PREEMPT_BITS	8
#define SOFTIRQ_BITS	8
#define HARDIRQ_BITS	4
#define PREEMPT_SHIFT	0
#define SOFTIRQ_SHIFT	(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT	(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define PREEMPT_MASK	(((1UL << PREEMPT_BITS) - 1) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK	(((1UL << SOFTIRQ_BITS) - 1) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK	(((1UL << HARDIRQ_BITS) - 1) << HARDIRQ_SHIFT)
#define PREEMPT_OFFSET	(1UL << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET	(1UL << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET	(1UL << HARDIRQ_SHIFT)
#define SOFTIRQ_DISABLE_OFFSET	(2 * SOFTIRQ_OFFSET)

/*
 * One per thread.  The *_site fields remember where each kind of atomic
 * context was entered so that a report can say why the context is atomic.
 */
struct kmaprt_ctx {
	unsigned long preempt_count;
	int pagefault_disabled;
	int irqs_off;
	int rcu_nesting;
	int migrate_disabled;
	const struct kmaprt_site *preempt_site;
	const char *preempt_api;
	const struct kmaprt_site *pagefault_site;
	const char *pagefault_api;
	const struct kmaprt_site *irq_site;
	const struct kmaprt_site *rcu_site;
	const struct kmaprt_site *bh_site;
};

extern __thread struct kmaprt_ctx kmaprt_ctx;

void kmaprt_count_underflow(const struct kmaprt_site *site, const char *what);
void kmaprt_sleep_in_atomic(const struct kmaprt_site *site, const char *what);

#define preempt_count()		(kmaprt_ctx.preempt_count)
#define hardirq_count()		(preempt_count() & HARDIRQ_MASK)
#define softirq_count()		(preempt_count() & SOFTIRQ_MASK)
#define irq_count()		(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK))
#define in_irq()		(hardirq_count())
#define in_hardirq()		(hardirq_count())
#define in_softirq()		(softirq_count())
#define in_serving_softirq()	(softirq_count() & SOFTIRQ_OFFSET)
#define in_interrupt()		(irq_count())
#define in_nmi()		0
#define in_task()		(!(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_OFFSET)))
#define in_atomic()		(preempt_count() != 0)
#define irqs_disabled()		(kmaprt_ctx.irqs_off != 0)
#define preemptible()		(preempt_count() == 0 && !irqs_disabled())

static __always_inline void kmaprt_preempt_add(unsigned long val,
					       const struct kmaprt_site *site,
					       const char *api)
{
	if ((kmaprt_ctx.preempt_count & PREEMPT_MASK) == 0 &&
	    val == PREEMPT_OFFSET) {
		kmaprt_ctx.preempt_site = site;
		kmaprt_ctx.preempt_api = api;
	}
	kmaprt_ctx.preempt_count += val;
	barrier();
}

static __always_inline void kmaprt_preempt_sub(unsigned long val,
					       const struct kmaprt_site *site,
					       const char *what)
{
	unsigned long mask = val == PREEMPT_OFFSET ? PREEMPT_MASK : SOFTIRQ_MASK;

	barrier();
	if (unlikely((kmaprt_ctx.preempt_count & mask) < val)) {
		kmaprt_count_underflow(site, what);
		return;
	}
	kmaprt_ctx.preempt_count -= val;
}

#define preempt_disable()	kmaprt_preempt_add(PREEMPT_OFFSET, KMAPRT_SITE, "preempt_disable")
#define preempt_enable()	kmaprt_preempt_sub(PREEMPT_OFFSET, KMAPRT_SITE, "preempt_enable")
#define preempt_disable_notrace()	preempt_disable()
#define preempt_enable_notrace()	preempt_enable()
#define preempt_enable_no_resched()	preempt_enable()
#define local_bh_disable()						\
	do {								\
		kmaprt_ctx.bh_site = KMAPRT_SITE;			\
		kmaprt_preempt_add(SOFTIRQ_DISABLE_OFFSET, NULL, NULL);	\
	} while (0)
#define local_bh_enable()	kmaprt_preempt_sub(SOFTIRQ_DISABLE_OFFSET, KMAPRT_SITE, "local_bh_enable")

#define migrate_disable()	((void)kmaprt_ctx.migrate_disabled++)
#define migrate_enable()	((void)kmaprt_ctx.migrate_disabled--)

static __always_inline void kmaprt_pagefault_disable(const struct kmaprt_site *site,
						     const char *api)
{
	if (kmaprt_ctx.pagefault_disabled++ == 0) {
		kmaprt_ctx.pagefault_site = site;
		kmaprt_ctx.pagefault_api = api;
	}
	barrier();
}

static __always_inline void kmaprt_pagefault_enable(const struct kmaprt_site *site,
						    const char *what)
{
	barrier();
	if (unlikely(kmaprt_ctx.pagefault_disabled <= 0)) {
		kmaprt_count_underflow(site, what);
		return;
	}
	kmaprt_ctx.pagefault_disabled--;
}

#define pagefault_disable()	kmaprt_pagefault_disable(KMAPRT_SITE, "pagefault_disable")
#define pagefault_enable()	kmaprt_pagefault_enable(KMAPRT_SITE, "pagefault_enable")
#define pagefault_disabled()	(kmaprt_ctx.pagefault_disabled != 0)
#define faulthandler_disabled()	(pagefault_disabled() || in_atomic())

/* Interrupts are a flag, not a count, as on x86. */
#define local_irq_disable()						\
	do { kmaprt_ctx.irq_site = KMAPRT_SITE; kmaprt_ctx.irqs_off = 1; } while (0)
#define local_irq_enable()	do { kmaprt_ctx.irqs_off = 0; } while (0)
#define local_irq_save(flags)						\
	do {								\
		(flags) = (unsigned long)kmaprt_ctx.irqs_off;		\
		if (!kmaprt_ctx.irqs_off)				\
			kmaprt_ctx.irq_site = KMAPRT_SITE;		\
		kmaprt_ctx.irqs_off = 1;				\
	} while (0)
#define local_irq_restore(flags)	do { kmaprt_ctx.irqs_off = (int)(flags); } while (0)
#define raw_local_irq_save(flags)	local_irq_save(flags)
#define raw_local_irq_restore(flags)	local_irq_restore(flags)

/*
 * might_sleep(): the fast path is three loads; the report is out of line.
 * RCU read-side sections count as atomic (non-preemptible RCU).
 */
static __always_inline void kmaprt_might_sleep(const struct kmaprt_site *site,
					       const char *what)
{
	if (unlikely(kmaprt_ctx.preempt_count || kmaprt_ctx.irqs_off ||
		     kmaprt_ctx.rcu_nesting))
		kmaprt_sleep_in_atomic(site, what);
}

#define might_sleep()		kmaprt_might_sleep(KMAPRT_SITE, "might_sleep")
#define might_sleep_if(cond)	do { if (cond) might_sleep(); } while (0)
#define cant_sleep()		do { } while (0)
#define non_block_start()	do { } while (0)
#define non_block_end()		do { } while (0)

#endif
