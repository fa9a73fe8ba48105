/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RCU.  Readers only count their nesting (sleeping inside is a
 * [sleep-in-atomic] report, as for non-preemptible RCU); a grace period
 * waits until every thread has left the read-side sections it was in.
 * call_rcu() callbacks run after a grace period in the runtime's RCU
 * thread, in softirq (atomic) context.
 */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/atomic.h>

void kmaprt_rcu_read_lock(const struct kmaprt_site *site);
void kmaprt_rcu_read_unlock(const struct kmaprt_site *site);
void kmaprt_call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *),
		     const char *name, const struct kmaprt_site *site);
void kmaprt_synchronize_rcu(const struct kmaprt_site *site);
void kmaprt_rcu_barrier(const struct kmaprt_site *site);
void kmaprt_kfree_rcu(struct rcu_head *head, size_t offset,
		      const struct kmaprt_site *site);

#define rcu_read_lock()		kmaprt_rcu_read_lock(KMAPRT_SITE)
#define rcu_read_unlock()	kmaprt_rcu_read_unlock(KMAPRT_SITE)
#define rcu_read_lock_bh()	do { local_bh_disable(); rcu_read_lock(); } while (0)
#define rcu_read_unlock_bh()	do { rcu_read_unlock(); local_bh_enable(); } while (0)
#define rcu_read_lock_held()	(kmaprt_ctx.rcu_nesting > 0)
#define call_rcu(head, func)	kmaprt_call_rcu((head), (func), #func, KMAPRT_SITE)
#define synchronize_rcu()	kmaprt_synchronize_rcu(KMAPRT_SITE)
#define synchronize_rcu_expedited() kmaprt_synchronize_rcu(KMAPRT_SITE)
#define rcu_barrier()		kmaprt_rcu_barrier(KMAPRT_SITE)
#define kfree_rcu(ptr, rhf)						\
	kmaprt_kfree_rcu(&(ptr)->rhf, offsetof(__typeof__(*(ptr)), rhf), KMAPRT_SITE)

#define rcu_dereference(p)		READ_ONCE(p)
#define rcu_dereference_protected(p, c)	(p)
#define rcu_dereference_raw(p)		READ_ONCE(p)
#define rcu_access_pointer(p)		READ_ONCE(p)
#define rcu_assign_pointer(p, v)	__atomic_store_n(&(p), (v), __ATOMIC_RELEASE)
#define RCU_INIT_POINTER(p, v)		do { (p) = (v); } while (0)

#endif
