// SPDX-License-Identifier: GPL-2.0
/*
 * A RAID-5 style parity computation over three data pages: it maps the data pages and the
 * parity page with kmap(), XORs across them, then unmaps them in the order it mapped them
 * (first in, first out). kmap() allows any order; local mappings must be released last in,
 * first out: all four are order.
 */
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static void raid5_gen_parity(struct page **data, struct page *parity)
{
	u32 *d0, *d1, *d2, *p;
	unsigned int i;

	d0 = kmap(data[0]);	/* kmapcheck: order */
	d1 = kmap(data[1]);	/* kmapcheck: order */
	d2 = kmap(data[2]);	/* kmapcheck: order */
	p = kmap(parity);	/* kmapcheck: order */
	for (i = 0; i < PAGE_SIZE / 4; i++)
		p[i] = d0[i] ^ d1[i] ^ d2[i];
	kunmap(data[0]);
	kunmap(data[1]);
	kunmap(data[2]);
	kunmap(parity);
}

static int order_fifo_release_run(void)
{
	struct page *data[3], *parity = alloc_page(GFP_HIGHUSER);
	u32 *want, *got, *tmp;
	unsigned int i;
	int d, ret = 0;

	want = kzalloc(PAGE_SIZE, GFP_KERNEL);
	got = kmalloc(PAGE_SIZE, GFP_KERNEL);
	tmp = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!parity || !want || !got || !tmp)
		return -ENOMEM;
	for (d = 0; d < 3; d++) {
		data[d] = alloc_page(GFP_HIGHUSER);
		if (!data[d])
			return -ENOMEM;
		corpus_fill_page(data[d], 0, PAGE_SIZE, 400 + d);
		corpus_fill(tmp, PAGE_SIZE, 400 + d, 0);
		for (i = 0; i < PAGE_SIZE / 4; i++)
			want[i] ^= tmp[i];
	}
	raid5_gen_parity(data, parity);
	memcpy_from_page((char *)got, parity, 0, PAGE_SIZE);
	if (memcmp(got, want, PAGE_SIZE)) {
		corpus_fail("parity differs");
		ret = 1;
	}
	for (d = 0; d < 3; d++)
		__free_page(data[d]);
	__free_page(parity);
	kfree(want);
	kfree(got);
	kfree(tmp);
	return ret;
}
CORPUS_CASE(order_fifo_release_run);
