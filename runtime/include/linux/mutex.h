/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sleeping mutexes.  mutex_lock() is a might_sleep() point; when it has to
 * wait, the task's local kmaps are switched out until it owns the mutex.
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <kmaprt_sync.h>
#include <linux/kernel.h>
#include <linux/preempt.h>

struct task_struct;

struct mutex {
	struct kmaprt_mutex_storage m;
	struct task_struct *owner;
	const struct kmaprt_site *owner_site;
};

#define __MUTEX_INITIALIZER(name)	{ { { 0 } }, 0, 0 }
#define DEFINE_MUTEX(name)		struct mutex name = __MUTEX_INITIALIZER(name)

void kmaprt_mutex_init(struct mutex *lock);
void kmaprt_mutex_lock(struct mutex *lock, const struct kmaprt_site *site);
int kmaprt_mutex_trylock(struct mutex *lock, const struct kmaprt_site *site);
void kmaprt_mutex_unlock(struct mutex *lock, const struct kmaprt_site *site);
bool kmaprt_mutex_is_locked(struct mutex *lock);

#define mutex_init(lock)		kmaprt_mutex_init(lock)
#define mutex_destroy(lock)		do { (void)(lock); } while (0)
#define mutex_lock(lock)		kmaprt_mutex_lock((lock), KMAPRT_SITE)
#define mutex_lock_nested(lock, sub)	kmaprt_mutex_lock((lock), KMAPRT_SITE)
#define mutex_lock_interruptible(lock)	({ kmaprt_mutex_lock((lock), KMAPRT_SITE); 0; })
#define mutex_lock_killable(lock)	({ kmaprt_mutex_lock((lock), KMAPRT_SITE); 0; })
#define mutex_trylock(lock)		kmaprt_mutex_trylock((lock), KMAPRT_SITE)
#define mutex_unlock(lock)		kmaprt_mutex_unlock((lock), KMAPRT_SITE)
#define mutex_is_locked(lock)		kmaprt_mutex_is_locked(lock)

#endif
