// SPDX-License-Identifier: GPL-2.0
/*
 * The zero-the-rest-of-the-page helpers a filesystem calls at end of file: one zeroes a tail,
 * the other two segments, each with one kmap_atomic(), memset() and flush_dcache_page().
 * Plain memory, one mapping per call: safe (upstream turned these into memzero_page()).
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static void page_zero_tail(struct page *page, unsigned int from)
{
	char *kaddr;

	if (from >= PAGE_SIZE)
		return;
	kaddr = kmap_atomic(page);	/* kmapcheck: safe */
	memset(kaddr + from, 0, PAGE_SIZE - from);
	kunmap_atomic(kaddr);
	flush_dcache_page(page);
}

static void page_zero_segments(struct page *page, unsigned int s1, unsigned int e1,
			       unsigned int s2, unsigned int e2)
{
	char *kaddr = kmap_atomic(page);	/* kmapcheck: safe */

	if (e1 > s1)
		memset(kaddr + s1, 0, e1 - s1);
	if (e2 > s2)
		memset(kaddr + s2, 0, e2 - s2);
	kunmap_atomic(kaddr);
	flush_dcache_page(page);
}

static int memzero_tail_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	int ret = 0;

	if (!page)
		return -ENOMEM;
	corpus_fill_page(page, 0, PAGE_SIZE, 190);
	page_zero_tail(page, 3001);
	page_zero_tail(page, PAGE_SIZE);
	ret |= corpus_check_page(page, 0, 3001, 190);
	ret |= corpus_check_page_bytes(page, 3001, PAGE_SIZE - 3001, 0);

	corpus_fill_page(page, 0, PAGE_SIZE, 191);
	page_zero_segments(page, 0, 512, 1024, 1536);
	ret |= corpus_check_page_bytes(page, 0, 512, 0);
	ret |= corpus_check_page(page, 512, 512, 191);
	ret |= corpus_check_page_bytes(page, 1024, 512, 0);
	ret |= corpus_check_page(page, 1536, PAGE_SIZE - 1536, 191);
	__free_page(page);
	return ret;
}
CORPUS_CASE(memzero_tail_run);
