// SPDX-License-Identifier: GPL-2.0
/*
 * A free-space bitmap counted under kmap_atomic(): the region only reads the page, does not
 * touch per-CPU data or user memory and the address stays in the function: safe.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static unsigned int bitmap_count_free(struct page *page, unsigned int nbits)
{
	unsigned int i, used = 0;
	u8 *map;

	map = kmap_atomic(page);	/* kmapcheck: safe */
	for (i = 0; i < nbits; i++)
		if (map[i / 8] & (1u << (i % 8)))
			used++;
	kunmap_atomic(map);
	return nbits - used;
}

static int kmap_atomic_simple_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	unsigned int nbits = 3000, i, want = 0, got;
	u8 bytes[375];

	if (!page)
		return -ENOMEM;
	corpus_fill(bytes, sizeof(bytes), 7, 0);
	for (i = 0; i < nbits; i++)
		if (!(bytes[i / 8] & (1u << (i % 8))))
			want++;
	corpus_fill_page(page, 0, PAGE_SIZE, 8);
	memcpy_to_page(page, 0, (char *)bytes, sizeof(bytes));

	got = bitmap_count_free(page, nbits);
	__free_page(page);
	if (got != want) {
		corpus_fail("free bits %u, want %u", got, want);
		return 1;
	}
	return 0;
}
CORPUS_CASE(kmap_atomic_simple_run);
