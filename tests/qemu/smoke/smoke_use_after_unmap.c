// SPDX-License-Identifier: GPL-2.0
/*
 * Lane self-test: a read through a kmap_local_page() address after kunmap_local(). The slot's
 * page table entry is gone, so the kernel oopses and the run must go on in a fresh boot.
 * qemu-expect: crash page-fault
 */
#include <linux/compiler.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static int smoke_use_after_unmap_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *p;
	int v;

	if (!page)
		return -ENOMEM;
	p = kmap_local_page(page);	/* kmapcheck: unbalanced */
	memset(p, 7, PAGE_SIZE);
	kunmap_local(p);
	v = READ_ONCE(p[100]);
	__free_page(page);
	return v == 7 ? 0 : 1;
}
CORPUS_CASE(smoke_use_after_unmap_run);
