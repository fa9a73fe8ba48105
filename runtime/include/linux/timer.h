/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Timers.  Callbacks run in the runtime's softirq thread with
 * SOFTIRQ_OFFSET in preempt_count (atomic context: sleeping there is a
 * [sleep-in-atomic] report), never in the thread that armed them.
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/jiffies.h>

struct timer_list {
	struct list_head entry;		/* on the runtime's timer list while pending */
	unsigned long expires;
	void (*function)(struct timer_list *timer);
	u32 flags;
	const struct kmaprt_site *kmaprt_site;	/* where it was last armed */
	const char *kmaprt_fn_name;
};

#define TIMER_DEFERRABLE	0x00080000
#define TIMER_PINNED		0x00100000
#define TIMER_IRQSAFE		0x00200000

void kmaprt_timer_setup(struct timer_list *timer,
			void (*func)(struct timer_list *), unsigned int flags,
			const char *name);
int kmaprt_mod_timer(struct timer_list *timer, unsigned long expires,
		     const struct kmaprt_site *site);
int kmaprt_del_timer(struct timer_list *timer, bool sync,
		     const struct kmaprt_site *site);
bool kmaprt_timer_pending(const struct timer_list *timer);

#define timer_setup(timer, callback, flags)				\
	kmaprt_timer_setup((timer), (callback), (flags), #callback)
#define timer_setup_on_stack(timer, callback, flags)			\
	timer_setup(timer, callback, flags)
#define destroy_timer_on_stack(timer)	do { (void)(timer); } while (0)
#define DEFINE_TIMER(name, fn)						\
	struct timer_list name = { { &name.entry, &name.entry }, 0, (fn), 0, 0, #fn }
#define mod_timer(timer, expires)	kmaprt_mod_timer((timer), (expires), KMAPRT_SITE)
#define add_timer(timer)		((void)kmaprt_mod_timer((timer), (timer)->expires, KMAPRT_SITE))
#define del_timer(timer)		kmaprt_del_timer((timer), false, KMAPRT_SITE)
#define del_timer_sync(timer)		kmaprt_del_timer((timer), true, KMAPRT_SITE)
#define timer_pending(timer)		kmaprt_timer_pending(timer)
#define from_timer(var, callback_timer, timer_fieldname)		\
	container_of(callback_timer, __typeof__(*var), timer_fieldname)

#endif
