// SPDX-License-Identifier: GPL-2.0
/*
 * Lane self-test: a kmap_atomic() that is never released, so preemption and page faults stay
 * disabled. The kernel's initcall check reports the preemption imbalance.
 * qemu-expect: state-preempt state-pagefault state-kmap-local warn-preempt-imbalance warn-kmap-local-leak
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static int smoke_atomic_leak_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *p;

	if (!page)
		return -ENOMEM;
	p = kmap_atomic(page);	/* kmapcheck: unbalanced */
	memset(p, 4, PAGE_SIZE);
	__free_page(page);
	return 0;
}
CORPUS_CASE(smoke_atomic_leak_run);
