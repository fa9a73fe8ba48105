// SPDX-License-Identifier: GPL-2.0
/*
 * Lane self-test: two highmem pages mapped with kmap_local_page() and released in reverse
 * order, one kmap() and one kmap_atomic() around them. Correct code: the kernel says nothing.
 * qemu-expect: (nothing)
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static int smoke_nested_ok_run(void)
{
	struct page *a = alloc_page(GFP_HIGHUSER), *b = alloc_page(GFP_HIGHUSER);
	char *pa, *pb, *pk, *pt;
	int ret;

	if (!a || !b) {
		if (a)
			__free_page(a);
		if (b)
			__free_page(b);
		return -ENOMEM;
	}
	pk = kmap(a);	/* kmapcheck: safe */
	memset(pk, 0x11, PAGE_SIZE);
	pa = kmap_local_page(a);	/* kmapcheck: safe */
	pb = kmap_local_page(b);	/* kmapcheck: safe */
	memcpy(pb, pa, PAGE_SIZE);
	pt = kmap_atomic(b);	/* kmapcheck: safe */
	pt[0] = 0x22;
	kunmap_atomic(pt);
	kunmap_local(pb);
	kunmap_local(pa);
	kunmap(a);

	ret = corpus_check_page_bytes(b, 1, PAGE_SIZE - 1, 0x11);
	ret |= corpus_check_page_bytes(b, 0, 1, 0x22);
	__free_page(a);
	__free_page(b);
	return ret;
}
CORPUS_CASE(smoke_nested_ok_run);
