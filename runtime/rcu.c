// SPDX-License-Identifier: GPL-2.0
/*
 * RCU with a host reader-writer lock: readers hold it shared from the
 * outermost rcu_read_lock() to the matching unlock, a grace period takes
 * it exclusive once.  call_rcu() callbacks run after a grace period in an
 * "rcu" thread, in softirq context.  Not modelled: expedited or tasks RCU,
 * SRCU.
 */
#include "internal.h"

#include <linux/rcupdate.h>
#include <linux/slab.h>

#include <stdlib.h>

/* glibc's default rwlock prefers readers, so nested readers never deadlock. */
static pthread_rwlock_t gp_lock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t cb_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cb_cond = PTHREAD_COND_INITIALIZER;
static struct rcu_head *cb_head, **cb_tail = &cb_head;
static unsigned long cb_queued, cb_done;
static bool rcu_started;

void kmaprt_rcu_read_lock(const struct kmaprt_site *site)
{
	if (kmaprt_ctx.rcu_nesting++ == 0) {
		kmaprt_ctx.rcu_site = site;
		pthread_rwlock_rdlock(&gp_lock);
	}
}

void kmaprt_rcu_read_unlock(const struct kmaprt_site *site)
{
	if (kmaprt_ctx.rcu_nesting <= 0) {
		kmaprt_count_underflow(site, "rcu_read_unlock");
		return;
	}
	if (--kmaprt_ctx.rcu_nesting == 0)
		pthread_rwlock_unlock(&gp_lock);
}

static void grace_period(void)
{
	pthread_rwlock_wrlock(&gp_lock);
	pthread_rwlock_unlock(&gp_lock);
}

void kmaprt_synchronize_rcu(const struct kmaprt_site *site)
{
	kmaprt_might_sleep(site, "synchronize_rcu()");
	/* Inside a read-side section this would wait for itself (reported above). */
	if (kmaprt_ctx.rcu_nesting)
		return;
	kmaprt_block_begin();
	grace_period();
	kmaprt_block_end();
}

/* kfree_rcu() passes the offset of the rcu_head instead of a function. */
#define IS_KFREE_OFFSET(f)	((unsigned long)(f) < 4096)

static void rcu_thread(void *arg)
{
	struct kmaprt_task *t = kmaprt_self();

	pthread_mutex_lock(&cb_lock);
	for (;;) {
		struct rcu_head *list;
		unsigned long n = 0;

		while (!cb_head)
			pthread_cond_wait(&cb_cond, &cb_lock);
		list = cb_head;
		cb_head = NULL;
		cb_tail = &cb_head;
		pthread_mutex_unlock(&cb_lock);

		grace_period();
		while (list) {
			struct rcu_head *next = list->next;
			void (*fn)(struct rcu_head *) = list->func;

			if (IS_KFREE_OFFSET(fn)) {
				kmaprt_kfree((char *)list - (unsigned long)fn, NULL);
			} else {
				kmaprt_softirq_enter(t, "RCU callback %p", (void *)fn);
				fn(list);
				kmaprt_softirq_exit(t);
			}
			list = next;
			n++;
		}
		pthread_mutex_lock(&cb_lock);
		cb_done += n;
		pthread_cond_broadcast(&cb_cond);
	}
}

static void enqueue(struct rcu_head *head, void (*func)(struct rcu_head *))
{
	kmaprt_ensure_setup();
	head->func = func;
	head->next = NULL;
	pthread_mutex_lock(&cb_lock);
	if (!rcu_started) {
		rcu_started = true;
		kmaprt_spawn(KMAPRT_TASK_RCU, "rcu", rcu_thread, NULL);
	}
	*cb_tail = head;
	cb_tail = &head->next;
	cb_queued++;
	pthread_cond_broadcast(&cb_cond);
	pthread_mutex_unlock(&cb_lock);
}

void kmaprt_call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *),
		     const char *name, const struct kmaprt_site *site)
{
	enqueue(head, func);
}

void kmaprt_kfree_rcu(struct rcu_head *head, size_t offset,
		      const struct kmaprt_site *site)
{
	enqueue(head, (void (*)(struct rcu_head *))offset);
}

void kmaprt_rcu_barrier(const struct kmaprt_site *site)
{
	unsigned long target;

	kmaprt_might_sleep(site, "rcu_barrier()");
	pthread_mutex_lock(&cb_lock);
	target = cb_queued;
	kmaprt_block_begin();
	while (cb_done < target)
		pthread_cond_wait(&cb_cond, &cb_lock);
	kmaprt_block_end();
	pthread_mutex_unlock(&cb_lock);
}
