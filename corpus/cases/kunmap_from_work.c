// SPDX-License-Identifier: GPL-2.0
/*
 * A block-driver style request: the submit path maps the data page with kmap() for the
 * "hardware" (a buffer the completion reads), and the completion function, called from the
 * driver's bottom-half work item, copies the result out and does the kunmap(). The map and
 * its unmap are in different functions and the unmap runs in a work item: cross-thread.
 * The bottom half waits a little for the device first, so that, converted naively, it reads
 * the submitter's local mapping while the submitter sleeps in flush_work().
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>
#include <linux/delay.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct blk_rq {
	struct list_head node;
	struct page *page;
	char *hw_buf;		/* what the device reads, mapped from submit to complete */
	unsigned int len;
	u32 result;
	int done;
};

struct blk_dev {
	spinlock_t lock;
	struct list_head pending;
	struct work_struct bh_work;
};

static void blk_rq_complete(struct blk_rq *rq)
{
	u32 sum = 0;
	unsigned int i;

	for (i = 0; i < rq->len; i++)
		sum = sum * 31 + (u8)rq->hw_buf[i];
	rq->result = sum;
	kunmap(rq->page);
	rq->hw_buf = NULL;
	rq->done = 1;
}

static void blk_bh_work(struct work_struct *work)
{
	struct blk_dev *dev = container_of(work, struct blk_dev, bh_work);
	struct blk_rq *rq, *tmp;
	LIST_HEAD(batch);

	/*
	 * The device interrupts once per batch; give it time to finish the transfers (long
	 * enough that the submitter is asleep in flush_work() even on a loaded machine).
	 */
	msleep(50);
	spin_lock(&dev->lock);
	list_for_each_entry_safe(rq, tmp, &dev->pending, node) {
		list_del(&rq->node);
		list_add_tail(&rq->node, &batch);
	}
	spin_unlock(&dev->lock);
	list_for_each_entry_safe(rq, tmp, &batch, node) {
		list_del(&rq->node);
		blk_rq_complete(rq);
	}
}

static void blk_submit(struct blk_dev *dev, struct blk_rq *rq)
{
	rq->hw_buf = kmap(rq->page);	/* kmapcheck: cross-thread */
	spin_lock(&dev->lock);
	list_add_tail(&rq->node, &dev->pending);
	spin_unlock(&dev->lock);
	schedule_work(&dev->bh_work);
}

static int kunmap_from_work_run(void)
{
	struct blk_dev dev;
	struct blk_rq rq[3];
	u8 *lin;
	int i, ret = 0;

	lin = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!lin)
		return -ENOMEM;
	spin_lock_init(&dev.lock);
	INIT_LIST_HEAD(&dev.pending);
	INIT_WORK(&dev.bh_work, blk_bh_work);
	for (i = 0; i < 3; i++) {
		memset(&rq[i], 0, sizeof(rq[i]));
		rq[i].page = alloc_page(GFP_HIGHUSER);
		if (!rq[i].page)
			return -ENOMEM;
		rq[i].len = 1000 * (i + 1);
		corpus_fill_page(rq[i].page, 0, PAGE_SIZE, 510 + i);
		blk_submit(&dev, &rq[i]);
	}
	flush_work(&dev.bh_work);
	for (i = 0; i < 3; i++) {
		u32 want = 0;
		unsigned int j;

		corpus_fill(lin, rq[i].len, 510 + i, 0);
		for (j = 0; j < rq[i].len; j++)
			want = want * 31 + lin[j];
		if (!rq[i].done || rq[i].result != want) {
			corpus_fail("request %d: done %d, result 0x%x, want 0x%x", i, rq[i].done,
				    rq[i].result, want);
			ret = 1;
		}
		__free_page(rq[i].page);
	}
	kfree(lin);
	return ret;
}
CORPUS_CASE(kunmap_from_work_run);
