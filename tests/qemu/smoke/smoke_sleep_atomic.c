// SPDX-License-Identifier: GPL-2.0
/*
 * Lane self-test: msleep() between kmap_atomic() and kunmap_atomic() really schedules with
 * preemption disabled: the kernel reports scheduling while atomic, resets the preempt count,
 * and kunmap_atomic() then drives it below zero, which the initcall check reports too.
 * qemu-expect: bug-sched-atomic state-preempt warn-preempt-imbalance
 */
#include <linux/delay.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static int smoke_sleep_atomic_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *p;

	if (!page)
		return -ENOMEM;
	p = kmap_atomic(page);	/* kmapcheck: unknown */
	memset(p, 6, PAGE_SIZE);
	msleep(1);
	kunmap_atomic(p);
	__free_page(page);
	return 0;
}
CORPUS_CASE(smoke_sleep_atomic_run);
