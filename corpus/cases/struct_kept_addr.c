// SPDX-License-Identifier: GPL-2.0
/*
 * A device ring whose page is mapped with kmap() for a session and whose address is kept in
 * the ring structure: later calls append through rd->base, first from the session's own
 * thread, then from a fill work item while the session sleeps in flush_work(); the session
 * unmaps at the end. The address is stored in heap memory and used by later calls on another
 * thread: cross-thread.
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define RING_SLOTS	(PAGE_SIZE / sizeof(u32))

struct ring_dev {
	struct page *page;
	u32 *base;		/* valid during ring_session() */
	unsigned int head;
	u32 next;
	struct work_struct fill_work;
};

static void ring_push(struct ring_dev *rd, u32 v)
{
	rd->base[rd->head++ % RING_SLOTS] = v;
}

static void ring_fill_work(struct work_struct *work)
{
	struct ring_dev *rd = container_of(work, struct ring_dev, fill_work);
	int i;

	for (i = 0; i < 500; i++) {
		ring_push(rd, rd->next++);
		if (i % 100 == 99)
			usleep_range(1000, 2000);
	}
}

static void ring_session(struct ring_dev *rd)
{
	int i;

	rd->base = kmap(rd->page);	/* kmapcheck: cross-thread */
	for (i = 0; i < 100; i++)
		ring_push(rd, rd->next++);
	queue_work(system_wq, &rd->fill_work);
	flush_work(&rd->fill_work);
	kunmap(rd->page);
	rd->base = NULL;
}

static int struct_kept_addr_run(void)
{
	struct ring_dev *rd = kzalloc(sizeof(*rd), GFP_KERNEL);
	u32 *got;
	unsigned int i;
	int ret = 0;

	got = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!rd || !got)
		return -ENOMEM;
	rd->page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	if (!rd->page)
		return -ENOMEM;
	INIT_WORK(&rd->fill_work, ring_fill_work);
	rd->next = 1;
	ring_session(rd);

	memcpy_from_page((char *)got, rd->page, 0, PAGE_SIZE);
	for (i = 0; i < RING_SLOTS && !ret; i++) {
		u32 want = i < 600 ? i + 1 : 0;

		if (got[i] != want) {
			corpus_fail("slot %u holds %u, want %u", i, got[i], want);
			ret = 1;
		}
	}
	__free_page(rd->page);
	kfree(rd);
	kfree(got);
	return ret;
}
CORPUS_CASE(struct_kept_addr_run);
