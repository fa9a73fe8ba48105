// SPDX-License-Identifier: GPL-2.0
/*
 * A tiny block cache: sums and clears the pages of cached blocks.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "blkcache.h"

static u32 blk_sum(struct page *page, size_t len)
{
	u32 *words, sum = 0;
	size_t i;

	words = kmap_atomic(page);
	for (i = 0; i < len / sizeof(u32); i++)
		sum += words[i];
	kunmap_atomic(words);
	return sum;
}

static void blk_zero(struct page *page, size_t off, size_t len)
{
	char *addr = kmap_local_page(page);

	memset(addr + off, 0, len);
	kunmap_local(addr);
}

static void blk_copy_out(struct page *page, void *dst, size_t len)
{
	void *src = kmap_atomic(page);

	memcpy(dst, src, len);
	kunmap_atomic(src);
}

int blk_check(struct page *page, size_t len)
{
	blk_zero(page, len, PAGE_SIZE - len);
	if (!blk_sum(page, len))
		return -1;
	blk_copy_out(page, page_address(page), 0);
	return 0;
}
