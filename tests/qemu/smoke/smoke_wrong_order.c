// SPDX-License-Identifier: GPL-2.0
/*
 * Lane self-test: two highmem pages mapped with kmap_local_page() and released in the order
 * they were mapped. The kernel must warn in kunmap_local_indexed(); the lane is blind without it.
 * qemu-expect: warn-kunmap-local
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static int smoke_wrong_order_run(void)
{
	struct page *a = alloc_page(GFP_HIGHUSER), *b = alloc_page(GFP_HIGHUSER);
	char *pa, *pb;

	if (!a || !b) {
		if (a)
			__free_page(a);
		if (b)
			__free_page(b);
		return -ENOMEM;
	}
	pa = kmap_local_page(a);	/* kmapcheck: order */
	pb = kmap_local_page(b);	/* kmapcheck: order */
	memset(pa, 1, PAGE_SIZE);
	memset(pb, 2, PAGE_SIZE);
	kunmap_local(pa);
	kunmap_local(pb);
	__free_page(a);
	__free_page(b);
	return 0;
}
CORPUS_CASE(smoke_wrong_order_run);
