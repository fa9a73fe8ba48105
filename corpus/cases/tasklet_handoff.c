// SPDX-License-Identifier: GPL-2.0
/*
 * A receive path that maps the packet page with kmap() and leaves checksum verification to a
 * tasklet (softirq context, another thread); since kunmap() may sleep, the tasklet hands the
 * release on to a work item. The address is used by a tasklet and released by a work item:
 * cross-thread.
 */
#include <linux/highmem.h>
#include <linux/interrupt.h>
#include <linux/workqueue.h>
#include <linux/completion.h>
#include <linux/crc32.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct rx_pkt {
	struct page *page;
	u8 *data;
	unsigned int len;
	u32 crc;
	bool ok;
	struct tasklet_struct verify;
	struct work_struct release;
	struct completion done;
};

static void rx_release_work(struct work_struct *work)
{
	struct rx_pkt *pkt = container_of(work, struct rx_pkt, release);

	kunmap(pkt->page);
	pkt->data = NULL;
	complete(&pkt->done);
}

static void rx_verify_tasklet(struct tasklet_struct *t)
{
	struct rx_pkt *pkt = container_of(t, struct rx_pkt, verify);

	pkt->ok = crc32_le(~0u, pkt->data, pkt->len) == pkt->crc;
	schedule_work(&pkt->release);
}

static void rx_receive(struct rx_pkt *pkt)
{
	pkt->data = kmap(pkt->page);	/* kmapcheck: cross-thread */
	tasklet_schedule(&pkt->verify);
}

static int tasklet_handoff_run(void)
{
	struct rx_pkt pkt = { .page = alloc_page(GFP_HIGHUSER), .len = 1500 };
	u8 *lin;
	int ret = 0;

	lin = kmalloc(1500, GFP_KERNEL);
	if (!pkt.page || !lin)
		return -ENOMEM;
	corpus_fill(lin, 1500, 480, 0);
	pkt.crc = crc32_le(~0u, lin, 1500);
	memcpy_to_page(pkt.page, 0, (char *)lin, 1500);
	tasklet_setup(&pkt.verify, rx_verify_tasklet);
	INIT_WORK(&pkt.release, rx_release_work);
	init_completion(&pkt.done);

	rx_receive(&pkt);
	wait_for_completion(&pkt.done);
	tasklet_kill(&pkt.verify);
	if (!pkt.ok) {
		corpus_fail("checksum did not verify");
		ret = 1;
	}
	__free_page(pkt.page);
	kfree(lin);
	return ret;
}
CORPUS_CASE(tasklet_handoff_run);
