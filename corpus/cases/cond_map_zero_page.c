// SPDX-License-Identifier: GPL-2.0
/*
 * A block reader whose source is either a real page or, for a hole, a static zero buffer:
 * the mapping is taken inside a ?: on "page != NULL" and released under "if (page)". The map
 * and the unmap are guarded by the same unchanged condition, so every path that maps also
 * unmaps, and the region is plain memory: safe (a path-insensitive analysis would see a path
 * that unmaps what it never mapped).
 */
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static const char zero_block[PAGE_SIZE];

static void blk_read(struct page *page, unsigned int off, char *buf, unsigned int len)
{
	const char *src = page ? kmap_atomic(page) : zero_block;	/* kmapcheck: safe not-converted: the map is a ?: operand, with no unmap pattern the rules match */

	memcpy(buf, src + off, len);
	if (page)
		kunmap_atomic((void *)src);
}

/* Counts non-zero bytes of the first @len bytes of each present page; holes count nothing. */
static unsigned int blk_weight(struct page **pages, int nr, unsigned int len)
{
	unsigned int w = 0, i;
	char *tmp = kmalloc(len, GFP_KERNEL);
	int n;

	if (!tmp)
		return 0;
	for (n = 0; n < nr; n++) {
		blk_read(pages[n], 0, tmp, len);
		for (i = 0; i < len; i++)
			w += tmp[i] != 0;
	}
	kfree(tmp);
	return w;
}

static int cond_map_zero_page_run(void)
{
	struct page *pages[3] = { alloc_page(GFP_HIGHUSER), NULL, alloc_page(GFP_HIGHUSER) };
	char buf[200], one = 1;
	unsigned int w;
	int ret = 0;

	if (!pages[0] || !pages[2])
		return -ENOMEM;
	memzero_page(pages[0], 0, PAGE_SIZE);
	memzero_page(pages[2], 0, PAGE_SIZE);
	memcpy_to_page(pages[0], 10, &one, 1);
	memcpy_to_page(pages[2], 20, &one, 1);
	memcpy_to_page(pages[2], 21, &one, 1);
	w = blk_weight(pages, 3, 100);
	if (w != 3) {
		corpus_fail("weight %u, want 3", w);
		ret = 1;
	}
	corpus_fill_page(pages[2], 0, PAGE_SIZE, 270);
	blk_read(pages[2], 3000, buf, sizeof(buf));
	ret |= corpus_check(buf, sizeof(buf), 270, 3000);
	blk_read(NULL, 3000, buf, sizeof(buf));
	for (w = 0; w < sizeof(buf); w++)
		ret |= buf[w] != 0;
	__free_page(pages[0]);
	__free_page(pages[2]);
	return ret;
}
CORPUS_CASE(cond_map_zero_page_run);
