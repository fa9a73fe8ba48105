/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Completions.  complete() may be called from any context;
 * wait_for_completion() is a might_sleep() point and switches the
 * waiter's local kmaps out while it waits.
 */
#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H

#include <kmaprt_sync.h>
#include <linux/kernel.h>

struct completion {
	unsigned int done;
	struct kmaprt_mutex_storage lock;
	struct kmaprt_cond_storage wait;
};

#define COMPLETION_INITIALIZER(work)	{ 0, { { 0 } }, { { 0 } } }
#define COMPLETION_INITIALIZER_ONSTACK(work) COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION(work)	struct completion work = COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION_ONSTACK(work) DECLARE_COMPLETION(work)

void kmaprt_init_completion(struct completion *x);
void kmaprt_complete(struct completion *x, bool all);
void kmaprt_wait_for_completion(struct completion *x,
				const struct kmaprt_site *site);
unsigned long kmaprt_wait_for_completion_timeout(struct completion *x,
						 unsigned long timeout,
						 const struct kmaprt_site *site);
bool kmaprt_try_wait_for_completion(struct completion *x);
bool kmaprt_completion_done(struct completion *x);

#define init_completion(x)		kmaprt_init_completion(x)
#define reinit_completion(x)		((x)->done = 0)
#define complete(x)			kmaprt_complete((x), false)
#define complete_all(x)			kmaprt_complete((x), true)
#define wait_for_completion(x)		kmaprt_wait_for_completion((x), KMAPRT_SITE)
#define wait_for_completion_io(x)	wait_for_completion(x)
#define wait_for_completion_killable(x)	({ wait_for_completion(x); 0; })
#define wait_for_completion_interruptible(x) ({ wait_for_completion(x); 0; })
#define wait_for_completion_timeout(x, t)				\
	kmaprt_wait_for_completion_timeout((x), (t), KMAPRT_SITE)
#define wait_for_completion_interruptible_timeout(x, t)			\
	((long)wait_for_completion_timeout((x), (t)))
#define try_wait_for_completion(x)	kmaprt_try_wait_for_completion(x)
#define completion_done(x)		kmaprt_completion_done(x)

#endif
