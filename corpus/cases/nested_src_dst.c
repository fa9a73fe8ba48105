// SPDX-License-Identifier: GPL-2.0
/*
 * A page transform in the shape of a copy-on-write helper: map the source, then the
 * destination, byte-swap 32-bit words from one to the other, unmap destination then source.
 * Correct LIFO nesting of two kmap_atomic() mappings, plain memory in between: both safe.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static void page_copy_swab32(struct page *to, struct page *from)
{
	u32 *src, *dst;
	unsigned int i;

	src = kmap_atomic(from);	/* kmapcheck: safe */
	dst = kmap_atomic(to);	/* kmapcheck: safe */
	for (i = 0; i < PAGE_SIZE / 4; i++) {
		u32 v = src[i];

		dst[i] = (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
	}
	kunmap_atomic(dst);
	kunmap_atomic(src);
}

static int nested_src_dst_run(void)
{
	struct page *from = alloc_page(GFP_HIGHUSER);
	struct page *to = alloc_page(GFP_HIGHUSER);
	char a[64], b[64];
	unsigned int off;
	int i, ret = 0;

	if (!from || !to)
		return -ENOMEM;
	corpus_fill_page(from, 0, PAGE_SIZE, 50);
	memzero_page(to, 0, PAGE_SIZE);
	page_copy_swab32(to, from);
	for (off = 0; off < PAGE_SIZE && !ret; off += sizeof(a)) {
		memcpy_from_page(a, from, off, sizeof(a));
		memcpy_from_page(b, to, off, sizeof(b));
		for (i = 0; i < 64; i++) {
			if (b[i] != a[(i & ~3) + 3 - (i & 3)]) {
				corpus_fail("byte %u not swapped", off + i);
				ret = 1;
				break;
			}
		}
	}
	ret |= corpus_check_page(from, 0, PAGE_SIZE, 50);
	__free_page(from);
	__free_page(to);
	return ret;
}
CORPUS_CASE(nested_src_dst_run);
