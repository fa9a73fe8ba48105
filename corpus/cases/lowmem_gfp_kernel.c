// SPDX-License-Identifier: GPL-2.0
/*
 * A lookup table built in a page allocated with GFP_KERNEL in the same function and filled
 * through kmap_atomic(). GFP_KERNEL has no __GFP_HIGHMEM, so the page is always in the direct
 * map: lowmem (page_address() is enough, no mapping and no unmap).
 */
#include <linux/highmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

/* A table of x * mult mod 2^16 for every 16-bit index of a page. */
static struct page *mul_table_create(u16 mult)
{
	struct page *page;
	u16 *tbl;
	unsigned int i;

	page = alloc_page(GFP_KERNEL);
	if (!page)
		return NULL;
	tbl = kmap_atomic(page);	/* kmapcheck: lowmem */
	for (i = 0; i < PAGE_SIZE / 2; i++)
		tbl[i] = i * mult;
	kunmap_atomic(tbl);
	return page;
}

static int lowmem_gfp_kernel_run(void)
{
	struct page *page = mul_table_create(7);
	u16 v;
	unsigned int i;
	int ret = 0;

	if (!page)
		return -ENOMEM;
	if (PageHighMem(page)) {
		corpus_fail("GFP_KERNEL gave a highmem page");
		ret = 1;
	}
	for (i = 0; i < PAGE_SIZE / 2; i += 101) {
		memcpy_from_page((char *)&v, page, 2 * i, 2);
		if (v != (u16)(i * 7)) {
			corpus_fail("entry %u is %u", i, v);
			ret = 1;
		}
	}
	__free_page(page);
	return ret;
}
CORPUS_CASE(lowmem_gfp_kernel_run);
