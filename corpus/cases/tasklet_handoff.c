// SPDX-License-Identifier: GPL-2.0
/*
 * A receive path that maps the packet page with kmap(), lets the device's completion
 * interrupt (a timer here) schedule a tasklet that verifies the checksum through the address,
 * and sleeps until the tasklet reports the result before unmapping. The address is used by a
 * tasklet (softirq context, another thread): cross-thread.
 */
#include <linux/highmem.h>
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/completion.h>
#include <linux/crc32.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct rx_pkt {
	u8 *data;
	unsigned int len;
	u32 crc;
	bool ok;
	struct timer_list irq;		/* the device signalling that the DMA is done */
	struct tasklet_struct verify;
	struct completion done;
};

static void rx_verify_tasklet(struct tasklet_struct *t)
{
	struct rx_pkt *pkt = container_of(t, struct rx_pkt, verify);

	pkt->ok = crc32_le(~0u, pkt->data, pkt->len) == pkt->crc;
	complete(&pkt->done);
}

static void rx_irq(struct timer_list *t)
{
	struct rx_pkt *pkt = container_of(t, struct rx_pkt, irq);

	tasklet_schedule(&pkt->verify);
}

static bool rx_receive(struct page *page, unsigned int len, u32 crc)
{
	struct rx_pkt pkt = { .len = len, .crc = crc };

	pkt.data = kmap(page);	/* kmapcheck: cross-thread */
	init_completion(&pkt.done);
	tasklet_setup(&pkt.verify, rx_verify_tasklet);
	timer_setup(&pkt.irq, rx_irq, 0);
	mod_timer(&pkt.irq, jiffies + msecs_to_jiffies(10));
	wait_for_completion(&pkt.done);
	del_timer_sync(&pkt.irq);
	tasklet_kill(&pkt.verify);
	kunmap(page);
	return pkt.ok;
}

static int tasklet_handoff_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u8 *lin;
	u32 crc;
	int ret = 0;

	lin = kmalloc(1500, GFP_KERNEL);
	if (!page || !lin)
		return -ENOMEM;
	corpus_fill(lin, 1500, 480, 0);
	crc = crc32_le(~0u, lin, 1500);
	memcpy_to_page(page, 0, (char *)lin, 1500);
	if (!rx_receive(page, 1500, crc)) {
		corpus_fail("checksum did not verify");
		ret = 1;
	}
	if (rx_receive(page, 1500, crc ^ 1)) {
		corpus_fail("a wrong checksum verified");
		ret = 1;
	}
	__free_page(page);
	kfree(lin);
	return ret;
}
CORPUS_CASE(tasklet_handoff_run);
