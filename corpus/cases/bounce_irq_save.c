// SPDX-License-Identifier: GPL-2.0
/*
 * A bounce-buffer copy in the old block layer's style: with interrupts saved and disabled,
 * map the highmem page with kmap_atomic(), copy it into a lowmem bounce buffer, unmap, then
 * restore interrupts. Interrupts are disabled explicitly, not by the mapping; the region is
 * plain memory: safe.
 */
#include <linux/highmem.h>
#include <linux/irqflags.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static void bounce_copy_out(char *bounce, struct page *page, unsigned int off, unsigned int len)
{
	unsigned long flags;
	char *vfrom;

	local_irq_save(flags);
	vfrom = kmap_atomic(page);	/* kmapcheck: safe */
	memcpy(bounce, vfrom + off, len);
	kunmap_atomic(vfrom);
	local_irq_restore(flags);
}

static int bounce_irq_save_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *bounce = kmalloc(PAGE_SIZE, GFP_KERNEL);
	int ret = 0;

	if (!page || !bounce)
		return -ENOMEM;
	corpus_fill_page(page, 0, PAGE_SIZE, 280);
	bounce_copy_out(bounce, page, 0, PAGE_SIZE);
	ret |= corpus_check(bounce, PAGE_SIZE, 280, 0);
	bounce_copy_out(bounce, page, 4000, 96);
	ret |= corpus_check(bounce, 96, 280, 4000);
	__free_page(page);
	kfree(bounce);
	return ret;
}
CORPUS_CASE(bounce_irq_save_run);
