/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tasklets.  A scheduled tasklet runs once in the runtime's softirq
 * thread with SOFTIRQ_OFFSET in preempt_count (atomic context), never
 * concurrently with itself.  tasklet_kill() waits until it is neither
 * scheduled nor running.
 */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/preempt.h>

enum {
	TASKLET_STATE_SCHED,
	TASKLET_STATE_RUN
};

struct tasklet_struct {
	struct tasklet_struct *next;
	unsigned long state;
	atomic_t count;
	bool use_callback;
	union {
		void (*func)(unsigned long data);
		void (*callback)(struct tasklet_struct *t);
	};
	unsigned long data;
	const struct kmaprt_site *kmaprt_site;	/* where it was last scheduled */
	const char *kmaprt_fn_name;
};

#define DECLARE_TASKLET(name, _callback)				\
	struct tasklet_struct name = {					\
		.count = ATOMIC_INIT(0), .use_callback = true,		\
		.callback = _callback, .kmaprt_fn_name = #_callback }
#define DECLARE_TASKLET_DISABLED(name, _callback)			\
	struct tasklet_struct name = {					\
		.count = ATOMIC_INIT(1), .use_callback = true,		\
		.callback = _callback, .kmaprt_fn_name = #_callback }
#define DECLARE_TASKLET_OLD(name, _func)				\
	struct tasklet_struct name = {					\
		.count = ATOMIC_INIT(0), .func = _func, .kmaprt_fn_name = #_func }

void kmaprt_tasklet_init(struct tasklet_struct *t,
			 void (*func)(unsigned long), unsigned long data,
			 const char *name);
void kmaprt_tasklet_setup(struct tasklet_struct *t,
			  void (*callback)(struct tasklet_struct *),
			  const char *name);
void kmaprt_tasklet_schedule(struct tasklet_struct *t,
			     const struct kmaprt_site *site);
void kmaprt_tasklet_kill(struct tasklet_struct *t,
			 const struct kmaprt_site *site);
void kmaprt_tasklet_enable(struct tasklet_struct *t);

#define tasklet_init(t, func, data)	kmaprt_tasklet_init((t), (func), (data), #func)
#define tasklet_setup(t, callback)	kmaprt_tasklet_setup((t), (callback), #callback)
#define tasklet_schedule(t)		kmaprt_tasklet_schedule((t), KMAPRT_SITE)
#define tasklet_hi_schedule(t)		kmaprt_tasklet_schedule((t), KMAPRT_SITE)
#define tasklet_kill(t)			kmaprt_tasklet_kill((t), KMAPRT_SITE)
#define tasklet_disable_nosync(t)	atomic_inc(&(t)->count)
#define tasklet_disable(t)		atomic_inc(&(t)->count)
#define tasklet_enable(t)		kmaprt_tasklet_enable(t)
#define from_tasklet(var, callback_tasklet, tasklet_fieldname)		\
	container_of(callback_tasklet, __typeof__(*var), tasklet_fieldname)

#endif
