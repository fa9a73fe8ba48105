// SPDX-License-Identifier: GPL-2.0
/*
 * A journal header page allocated with GFP_NOFS | __GFP_ZERO and written through kmap() in
 * the same function. No __GFP_HIGHMEM in the mask, so the page is never highmem: lowmem.
 */
#include <linux/highmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define JH_MAGIC	0x4a484452u

struct jhdr {
	u32 magic;
	u32 seq;
	u32 nblocks;
	u32 blocks[];
};

static struct page *jhdr_build(u32 seq, const u32 *blocks, u32 n)
{
	struct page *page = alloc_page(GFP_NOFS | __GFP_ZERO);
	struct jhdr *h;

	if (!page)
		return NULL;
	h = kmap(page);	/* kmapcheck: lowmem */
	h->magic = JH_MAGIC;
	h->seq = seq;
	h->nblocks = n;
	memcpy(h->blocks, blocks, n * sizeof(*blocks));
	kunmap(page);
	return page;
}

static int lowmem_nofs_kmap_run(void)
{
	u32 blocks[100], got[100];
	struct jhdr h;
	struct page *page;
	unsigned int i;
	int ret = 0;

	for (i = 0; i < 100; i++)
		blocks[i] = 1000 + 3 * i;
	page = jhdr_build(42, blocks, 100);
	if (!page)
		return -ENOMEM;
	memcpy_from_page((char *)&h, page, 0, sizeof(h));
	memcpy_from_page((char *)got, page, sizeof(h), sizeof(got));
	if (h.magic != JH_MAGIC || h.seq != 42 || h.nblocks != 100 ||
	    memcmp(got, blocks, sizeof(got))) {
		corpus_fail("journal header misbuilt");
		ret = 1;
	}
	ret |= corpus_check_page_bytes(page, sizeof(h) + sizeof(got),
				       PAGE_SIZE - sizeof(h) - sizeof(got), 0);
	__free_page(page);
	return ret;
}
CORPUS_CASE(lowmem_nofs_kmap_run);
