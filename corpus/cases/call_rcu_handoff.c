// SPDX-License-Identifier: GPL-2.0
/*
 * An RCU-protected lookup object that keeps its backing page mapped with kmap() for its whole
 * life so readers can use obj->vaddr under rcu_read_lock(). Removal frees it with call_rcu();
 * the RCU callback (another thread, atomic context) defers the kunmap() to a work item. The
 * address is published in shared memory and released from another thread: cross-thread.
 */
#include <linux/highmem.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct lobj {
	struct page *page;
	u32 *vaddr;
	struct rcu_head rcu;
	struct work_struct free_work;
	struct completion *freed;
};

static struct lobj *current_obj;

static void lobj_free_work(struct work_struct *work)
{
	struct lobj *o = container_of(work, struct lobj, free_work);

	kunmap(o->page);
	__free_page(o->page);
	complete(o->freed);
	kfree(o);
}

static void lobj_free_rcu(struct rcu_head *head)
{
	struct lobj *o = container_of(head, struct lobj, rcu);

	schedule_work(&o->free_work);
}

static struct lobj *lobj_create(u32 seed)
{
	struct lobj *o = kzalloc(sizeof(*o), GFP_KERNEL);

	if (!o)
		return NULL;
	o->page = alloc_page(GFP_HIGHUSER);
	if (!o->page) {
		kfree(o);
		return NULL;
	}
	o->vaddr = kmap(o->page);	/* kmapcheck: cross-thread */
	corpus_fill(o->vaddr, PAGE_SIZE, seed, 0);
	INIT_WORK(&o->free_work, lobj_free_work);
	return o;
}

static u32 lobj_lookup(unsigned int idx)
{
	u32 v = 0;

	rcu_read_lock();
	if (current_obj)
		v = current_obj->vaddr[idx];
	rcu_read_unlock();
	return v;
}

static int call_rcu_handoff_run(void)
{
	DECLARE_COMPLETION_ONSTACK(freed);
	struct lobj *o = lobj_create(490);
	u8 b[4];
	u32 want;
	int i, ret = 0;

	if (!o)
		return -ENOMEM;
	o->freed = &freed;
	current_obj = o;
	for (i = 0; i < 4; i++)
		b[i] = corpus_pattern(490, 400 + i);
	memcpy(&want, b, 4);
	if (lobj_lookup(100) != want) {
		corpus_fail("lookup through the published mapping failed");
		ret = 1;
	}
	current_obj = NULL;
	synchronize_rcu();
	call_rcu(&o->rcu, lobj_free_rcu);
	wait_for_completion(&freed);
	rcu_barrier();
	return ret;
}
CORPUS_CASE(call_rcu_handoff_run);
