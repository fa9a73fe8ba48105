/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Workqueues.  Work runs in the runtime's worker threads (process
 * context, may sleep).  A work function that returns with a live local
 * kmap or in atomic context is a [leak] report, as the kernel's
 * "workqueue leaked lock or atomic" is.
 */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/timer.h>

struct work_struct;
struct workqueue_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	atomic_long_t data;		/* bit 0: pending */
	struct list_head entry;
	work_func_t func;
	struct workqueue_struct *kmaprt_wq;	/* where it was last queued */
	const struct kmaprt_site *kmaprt_site;	/* who queued it */
	const char *kmaprt_fn_name;		/* the function, for reports */
};

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *wq;
	int cpu;
};

#define WQ_UNBOUND		(1 << 1)
#define WQ_FREEZABLE		(1 << 2)
#define WQ_MEM_RECLAIM		(1 << 3)
#define WQ_HIGHPRI		(1 << 4)
#define WQ_CPU_INTENSIVE	(1 << 5)
#define WQ_SYSFS		(1 << 6)
#define WQ_POWER_EFFICIENT	(1 << 7)
#define __WQ_ORDERED		(1 << 17)
#define WQ_MAX_ACTIVE		512
#define WORK_CPU_UNBOUND	(-1)

#define __WORK_INITIALIZER(n, f)					\
	{ ATOMIC_LONG_INIT(0), { &(n).entry, &(n).entry }, (f), 0, 0, #f }
#define DECLARE_WORK(n, f)	struct work_struct n = __WORK_INITIALIZER(n, f)

void kmaprt_init_work(struct work_struct *work, work_func_t func,
		      const char *name);
void kmaprt_init_delayed_work(struct delayed_work *dwork, work_func_t func,
			      const char *name);
struct workqueue_struct *kmaprt_alloc_workqueue(unsigned int flags,
						int max_active,
						const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void kmaprt_destroy_workqueue(struct workqueue_struct *wq,
			      const struct kmaprt_site *site);
bool kmaprt_queue_work(struct workqueue_struct *wq, struct work_struct *work,
		       const struct kmaprt_site *site);
bool kmaprt_queue_delayed_work(struct workqueue_struct *wq,
			       struct delayed_work *dwork, unsigned long delay,
			       bool modify, const struct kmaprt_site *site);
bool kmaprt_flush_work(struct work_struct *work, const struct kmaprt_site *site);
bool kmaprt_flush_delayed_work(struct delayed_work *dwork,
			       const struct kmaprt_site *site);
bool kmaprt_cancel_work(struct work_struct *work, bool sync,
			const struct kmaprt_site *site);
bool kmaprt_cancel_delayed_work(struct delayed_work *dwork, bool sync,
				const struct kmaprt_site *site);
void kmaprt_flush_workqueue(struct workqueue_struct *wq,
			    const struct kmaprt_site *site);
struct workqueue_struct *kmaprt_system_wq_get(int which);

#define system_wq		kmaprt_system_wq_get(0)
#define system_highpri_wq	kmaprt_system_wq_get(1)
#define system_long_wq		kmaprt_system_wq_get(2)
#define system_unbound_wq	kmaprt_system_wq_get(3)
#define system_freezable_wq	kmaprt_system_wq_get(4)
#define system_power_efficient_wq kmaprt_system_wq_get(0)

#define INIT_WORK(w, f)		kmaprt_init_work((w), (f), #f)
#define INIT_WORK_ONSTACK(w, f)	kmaprt_init_work((w), (f), #f)
#define destroy_work_on_stack(w) do { (void)(w); } while (0)
#define INIT_DELAYED_WORK(w, f)	kmaprt_init_delayed_work((w), (f), #f)
#define INIT_DELAYED_WORK_ONSTACK(w, f) kmaprt_init_delayed_work((w), (f), #f)
#define to_delayed_work(w)	container_of(w, struct delayed_work, work)
#define work_pending(w)		(atomic_long_read(&(w)->data) & 1)
#define delayed_work_pending(w)	work_pending(&(w)->work)

#define alloc_workqueue(fmt, flags, max_active, args...)		\
	kmaprt_alloc_workqueue((flags), (max_active), fmt, ##args)
#define alloc_ordered_workqueue(fmt, flags, args...)			\
	kmaprt_alloc_workqueue((flags) | __WQ_ORDERED | WQ_UNBOUND, 1, fmt, ##args)
#define create_workqueue(name)		alloc_workqueue("%s", WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name) alloc_ordered_workqueue("%s", WQ_MEM_RECLAIM, (name))
#define destroy_workqueue(wq)		kmaprt_destroy_workqueue((wq), KMAPRT_SITE)
#define flush_workqueue(wq)		kmaprt_flush_workqueue((wq), KMAPRT_SITE)
#define drain_workqueue(wq)		kmaprt_flush_workqueue((wq), KMAPRT_SITE)
#define flush_scheduled_work()		kmaprt_flush_workqueue(system_wq, KMAPRT_SITE)

#define queue_work(wq, w)		kmaprt_queue_work((wq), (w), KMAPRT_SITE)
#define queue_work_on(cpu, wq, w)	kmaprt_queue_work((wq), (w), KMAPRT_SITE)
#define schedule_work(w)		kmaprt_queue_work(system_wq, (w), KMAPRT_SITE)
#define schedule_work_on(cpu, w)	kmaprt_queue_work(system_wq, (w), KMAPRT_SITE)
#define flush_work(w)			kmaprt_flush_work((w), KMAPRT_SITE)
#define cancel_work(w)			kmaprt_cancel_work((w), false, KMAPRT_SITE)
#define cancel_work_sync(w)		kmaprt_cancel_work((w), true, KMAPRT_SITE)

#define queue_delayed_work(wq, dw, delay)				\
	kmaprt_queue_delayed_work((wq), (dw), (delay), false, KMAPRT_SITE)
#define queue_delayed_work_on(cpu, wq, dw, delay)			\
	kmaprt_queue_delayed_work((wq), (dw), (delay), false, KMAPRT_SITE)
#define mod_delayed_work(wq, dw, delay)					\
	kmaprt_queue_delayed_work((wq), (dw), (delay), true, KMAPRT_SITE)
#define schedule_delayed_work(dw, delay)				\
	kmaprt_queue_delayed_work(system_wq, (dw), (delay), false, KMAPRT_SITE)
#define flush_delayed_work(dw)		kmaprt_flush_delayed_work((dw), KMAPRT_SITE)
#define cancel_delayed_work(dw)		kmaprt_cancel_delayed_work((dw), false, KMAPRT_SITE)
#define cancel_delayed_work_sync(dw)	kmaprt_cancel_delayed_work((dw), true, KMAPRT_SITE)

#endif
