/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Spinlocks.  Taking one disables preemption (so sleeping while holding
 * it is a [sleep-in-atomic] report); the waiting itself blocks in the host
 * without switching local kmaps out, since a spinning CPU never leaves the
 * task.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/spinlock_types.h>
#include <linux/preempt.h>
#include <linux/kernel.h>

void kmaprt_spin_lock_init(spinlock_t *lock);
void kmaprt_spin_lock(spinlock_t *lock, const struct kmaprt_site *site,
		      const char *api);
int kmaprt_spin_trylock(spinlock_t *lock, const struct kmaprt_site *site);
void kmaprt_spin_unlock(spinlock_t *lock, const struct kmaprt_site *site);
bool kmaprt_spin_is_locked(spinlock_t *lock);

#define spin_lock_init(lock)	kmaprt_spin_lock_init(lock)
#define raw_spin_lock_init(lock) kmaprt_spin_lock_init(lock)
#define spin_lock(lock)		kmaprt_spin_lock((lock), KMAPRT_SITE, "spin_lock")
#define spin_unlock(lock)	kmaprt_spin_unlock((lock), KMAPRT_SITE)
#define spin_trylock(lock)	kmaprt_spin_trylock((lock), KMAPRT_SITE)
#define spin_is_locked(lock)	kmaprt_spin_is_locked(lock)
#define assert_spin_locked(lock) WARN_ON(!spin_is_locked(lock))
#define lockdep_assert_held(lock) do { (void)(lock); } while (0)

#define spin_lock_irq(lock)						\
	do { local_irq_disable(); spin_lock(lock); } while (0)
#define spin_unlock_irq(lock)						\
	do { spin_unlock(lock); local_irq_enable(); } while (0)
#define spin_lock_irqsave(lock, flags)					\
	do { local_irq_save(flags); spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags)				\
	do { spin_unlock(lock); local_irq_restore(flags); } while (0)
#define spin_lock_bh(lock)						\
	do { local_bh_disable(); spin_lock(lock); } while (0)
#define spin_unlock_bh(lock)						\
	do { spin_unlock(lock); local_bh_enable(); } while (0)

#define raw_spin_lock(lock)		spin_lock(lock)
#define raw_spin_unlock(lock)		spin_unlock(lock)
#define raw_spin_lock_irqsave(l, f)	spin_lock_irqsave(l, f)
#define raw_spin_unlock_irqrestore(l, f) spin_unlock_irqrestore(l, f)
#define raw_spin_lock_irq(lock)		spin_lock_irq(lock)
#define raw_spin_unlock_irq(lock)	spin_unlock_irq(lock)

#endif
