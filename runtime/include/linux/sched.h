/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tasks and scheduling: `current`, schedule() and friends.  A task is a
 * host thread.  Every primitive here that blocks switches the thread's
 * local kmaps out while it sleeps and back in when it runs, as the
 * kernel's context switch does; it does not model preemption.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/preempt.h>

#define TASK_COMM_LEN		16
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define TASK_KILLABLE		TASK_UNINTERRUPTIBLE
#define TASK_IDLE		TASK_UNINTERRUPTIBLE
#define MAX_SCHEDULE_TIMEOUT	((long)(~0UL >> 1))

/* The public part; the runtime keeps the rest (kmap stack, window) behind it. */
struct task_struct {
	pid_t pid;
	pid_t tgid;
	char comm[TASK_COMM_LEN];
	unsigned int __state;
	int flags;
	struct kmaprt_ctx *kmaprt_ctx;
};

#define PF_KTHREAD	0x00200000
#define PF_WQ_WORKER	0x00000020

extern __thread struct task_struct *kmaprt_current_task;
struct task_struct *kmaprt_task_attach(void);

static __always_inline struct task_struct *kmaprt_get_current(void)
{
	struct task_struct *t = kmaprt_current_task;

	if (unlikely(!t))
		t = kmaprt_task_attach();
	return t;
}

#define current			kmaprt_get_current()
#define get_current()		kmaprt_get_current()
#define task_pid_nr(t)		((t)->pid)

#define __set_current_state(state)	WRITE_ONCE(current->__state, (state))
#define set_current_state(state)					\
	do { WRITE_ONCE(current->__state, (state)); smp_mb__kmaprt(); } while (0)
#define smp_mb__kmaprt()	__atomic_thread_fence(__ATOMIC_SEQ_CST)

void kmaprt_schedule(const struct kmaprt_site *site);
long kmaprt_schedule_timeout(long timeout, const struct kmaprt_site *site);
int kmaprt_cond_resched(const struct kmaprt_site *site);
void kmaprt_yield(const struct kmaprt_site *site);

#define schedule()		kmaprt_schedule(KMAPRT_SITE)
#define schedule_timeout(t)	kmaprt_schedule_timeout((t), KMAPRT_SITE)
#define schedule_timeout_interruptible(t)				\
	({ __set_current_state(TASK_INTERRUPTIBLE); schedule_timeout(t); })
#define schedule_timeout_uninterruptible(t)				\
	({ __set_current_state(TASK_UNINTERRUPTIBLE); schedule_timeout(t); })
#define schedule_timeout_killable(t)	schedule_timeout_uninterruptible(t)
#define schedule_timeout_idle(t)	schedule_timeout_uninterruptible(t)
#define io_schedule()		schedule()
#define cond_resched()		kmaprt_cond_resched(KMAPRT_SITE)
#define yield()			kmaprt_yield(KMAPRT_SITE)
#define need_resched()		0
#define signal_pending(t)	((void)(t), 0)
#define fatal_signal_pending(t)	((void)(t), 0)

#endif
