// SPDX-License-Identifier: GPL-2.0
/*
 * A multi-page checksum that maps all @nr pages of an extent with kmap() before hashing across
 * them and releases them in reverse order. The order is LIFO, but @nr comes from the caller
 * and nothing bounds it by KM_MAX_IDX (16), the depth of the local mapping stack: the tool
 * cannot prove the conversion safe and should say why: unknown. The case maps 20 pages, so a
 * naive conversion overflows the stack.
 */
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

/* A word-interleaved sum: word i of every page, then word i + 1, ... */
static u32 extent_sum(struct page **pages, int nr)
{
	u32 **ptr, sum = 0;
	unsigned int i;
	int p;

	ptr = kmalloc_array(nr, sizeof(*ptr), GFP_KERNEL);
	if (!ptr)
		return 0;
	for (p = 0; p < nr; p++)
		ptr[p] = kmap(pages[p]);	/* kmapcheck: unknown */
	for (i = 0; i < PAGE_SIZE / 4; i++)
		for (p = 0; p < nr; p++)
			sum = (sum << 3 | sum >> 29) ^ ptr[p][i];
	while (--p >= 0)
		kunmap(pages[p]);
	kfree(ptr);
	return sum;
}

static int loop_map_many_run(void)
{
	struct page *pages[20];
	u32 want = 0, *lin[20];
	unsigned int i;
	int p, ret = 0;

	for (p = 0; p < 20; p++) {
		pages[p] = alloc_page(GFP_HIGHUSER);
		lin[p] = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!pages[p] || !lin[p])
			return -ENOMEM;
		corpus_fill(lin[p], PAGE_SIZE, 450 + p, 0);
		memcpy_to_page(pages[p], 0, (char *)lin[p], PAGE_SIZE);
	}
	for (i = 0; i < PAGE_SIZE / 4; i++)
		for (p = 0; p < 20; p++)
			want = (want << 3 | want >> 29) ^ lin[p][i];
	if (extent_sum(pages, 20) != want) {
		corpus_fail("extent sum differs");
		ret = 1;
	}
	for (p = 0; p < 20; p++) {
		__free_page(pages[p]);
		kfree(lin[p]);
	}
	return ret;
}
CORPUS_CASE(loop_map_many_run);
