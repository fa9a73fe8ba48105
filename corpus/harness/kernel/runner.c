// SPDX-License-Identifier: GPL-2.0
/*
 * runner.c - the kcorpus module's init: runs the one case form named by the module parameter
 * case=N between console markers, reports the task state the case left behind, and fails the
 * load on purpose so that the module is gone again and can be loaded for the next case.
 * It decides nothing about the results; the console log is read on the host.
 */
#include <linux/debug_locks.h>
#include <linux/highmem.h>
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "kcorpus.h"

/* Generated with the module: every case form compiled in, in the order the host expects. */
extern struct kcorpus_case *const kcorpus_table[];
extern const unsigned int kcorpus_count;

static int kcorpus_index = -1;
module_param_named(case, kcorpus_index, int, 0);
MODULE_PARM_DESC(case, "index of the case form to run");

/*
 * What the case left in the task: the kernel fixes some of it up and warns later (preempt
 * count in do_one_initcall(), live kmap_local slots on return to user mode), some it never
 * mentions (pagefault_disable()), so the runner says all of it before anything is fixed.
 */
struct kcorpus_task_state {
	int preempt;
	int pagefault;
	int kmap_local;
	bool irqs_off;
};

static void kcorpus_task_state(struct kcorpus_task_state *s)
{
	s->preempt = preempt_count();
	s->pagefault = current->pagefault_disabled;
	s->kmap_local = current->kmap_ctrl.idx;
	s->irqs_off = irqs_disabled();
}

/*
 * x86 keeps PREEMPT_NEED_RESCHED inverted in the top bit and preempt_count() masks it, so a
 * count driven below zero (a sleep in atomic context resets it, the unmap then enables once
 * too often) reads as a huge positive number: give it back its sign.
 */
static int kcorpus_preempt_delta(int before, int after)
{
	int d = after - before;

	if (d > (int)(PREEMPT_NEED_RESCHED >> 1))
		d = (int)((unsigned int)d - PREEMPT_NEED_RESCHED);
	return d;
}

static int __init kcorpus_init(void)
{
	struct kcorpus_task_state before, after;
	const struct kcorpus_case *c;
	struct kcorpus_stats *st;
	int rc;

	if (kcorpus_index < 0 || kcorpus_index >= (int)kcorpus_count)
		return -EDOM;
	c = kcorpus_table[kcorpus_index];
	st = c->stats;
	memset(st, 0, sizeof(*st));
	atomic_set(&st->kmap_held, 0);
	/*
	 * Every case gets the kernel's one-shot reports afresh: the host cleared the WARN_ONCE
	 * flags before this load, and the kmap_local check on return to user mode
	 * (DEBUG_LOCKS_WARN_ON) only reports while debug_locks is on.
	 */
	debug_locks = 1;

	kcorpus_task_state(&before);
	pr_info("corpus: begin %s %s\n", c->name, c->form);
	rc = c->run();
	kcorpus_task_state(&after);
	if (!rc && st->fails)
		rc = 1;

	pr_info("corpus: state %s %s preempt=%d pagefault=%d kmap_local=%d irqs_off=%d kmap_held=%d highmem=%u lowmem=%u user_alloc_fail=%u fails=%u\n",
		c->name, c->form, kcorpus_preempt_delta(before.preempt, after.preempt),
		after.pagefault - before.pagefault, after.kmap_local - before.kmap_local,
		after.irqs_off && !before.irqs_off, atomic_read(&st->kmap_held), st->highmem,
		st->lowmem, st->user_alloc_fail, st->fails);
	/*
	 * The module is freed when this returns: RCU callbacks a case queued must have run. Only
	 * wait when the case left the task able to sleep, else the wait itself would be reported
	 * as the case's bug.
	 */
	if (preemptible())
		rcu_barrier();
	pr_info("corpus: end %s %s rc=%d\n", c->name, c->form, rc);
	return -ECANCELED;
}
module_init(kcorpus_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kmapcheck corpus cases on the real kernel, one per load");
