// SPDX-License-Identifier: GPL-2.0
/*
 * A scan for the first corrupt block in a list of pages: each iteration maps with kmap() and
 * unmaps at the bottom, but the corruption check breaks out of the loop in between and skips
 * the kunmap(). The path through the break leaks: unbalanced. The case has a corrupt block.
 */
/* corpus: original-reports leak */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define BLK_GOOD	0x600dbeefu

/* Returns the index of the first block whose trailer is not BLK_GOOD, or -1. */
static int find_corrupt(struct page **pages, int nr)
{
	int i, bad = -1;

	for (i = 0; i < nr; i++) {
		u32 *words = kmap(pages[i]);	/* kmapcheck: unbalanced */

		if (words[PAGE_SIZE / 4 - 1] != BLK_GOOD) {
			bad = i;
			break;
		}
		kunmap(pages[i]);
	}
	return bad;
}

static int leak_loop_break_run(void)
{
	struct page *pages[5];
	u32 good = BLK_GOOD;
	int i, ret = 0;

	for (i = 0; i < 5; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		if (!pages[i])
			return -ENOMEM;
		corpus_fill_page(pages[i], 0, PAGE_SIZE, 430 + i);
		memcpy_to_page(pages[i], PAGE_SIZE - 4, (char *)&good, 4);
	}
	ret |= find_corrupt(pages, 5) != -1;
	memzero_page(pages[3], PAGE_SIZE - 4, 4);
	ret |= find_corrupt(pages, 5) != 3;
	if (ret)
		corpus_fail("corrupt block not found where it is");
	for (i = 0; i < 5; i++)
		__free_page(pages[i]);
	return ret;
}
CORPUS_CASE(leak_loop_break_run);
