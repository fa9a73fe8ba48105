// SPDX-License-Identifier: GPL-2.0
/*
 * A device ring whose page is mapped once with kmap() when the ring is opened and whose
 * address is kept in the ring structure: later calls append through rd->base, one of them
 * from a work item, and a release work item unmaps. The address is stored in heap memory and
 * used by other threads and later calls: cross-thread. Converted naively, the work items
 * reach into the opening thread's local slot and unmap a mapping they do not own.
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define RING_SLOTS	(PAGE_SIZE / sizeof(u32))

struct ring_dev {
	struct page *page;
	u32 *base;		/* mapped from ring_open() to ring_release_work() */
	unsigned int head;
	u32 next;
	struct work_struct fill_work;
	struct work_struct release_work;
};

static int ring_open(struct ring_dev *rd)
{
	rd->page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	if (!rd->page)
		return -ENOMEM;
	rd->base = kmap(rd->page);	/* kmapcheck: cross-thread */
	rd->head = 0;
	return 0;
}

static void ring_push(struct ring_dev *rd, u32 v)
{
	rd->base[rd->head++ % RING_SLOTS] = v;
}

static void ring_fill_work(struct work_struct *work)
{
	struct ring_dev *rd = container_of(work, struct ring_dev, fill_work);
	int i;

	for (i = 0; i < 500; i++)
		ring_push(rd, rd->next++);
}

static void ring_release_work(struct work_struct *work)
{
	struct ring_dev *rd = container_of(work, struct ring_dev, release_work);

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
	if (!rd || !got || ring_open(rd))
		return -ENOMEM;
	INIT_WORK(&rd->fill_work, ring_fill_work);
	INIT_WORK(&rd->release_work, ring_release_work);
	rd->next = 1;
	for (i = 0; i < 100; i++)
		ring_push(rd, rd->next++);
	queue_work(system_wq, &rd->fill_work);
	flush_work(&rd->fill_work);
	queue_work(system_wq, &rd->release_work);
	flush_work(&rd->release_work);

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
