// SPDX-License-Identifier: GPL-2.0
/*
 * A RAID-style parity computation that maps all data pages and the parity page into an array
 * with kmap() in one loop, XORs across them, then unmaps them in a second loop in the same
 * (forward) order. kmap() allows any order; local mappings would be released first-in-first-
 * out: order.
 */
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define MAX_DISKS	8

static int raid_gen_parity(struct page **data, int ndata, struct page *parity)
{
	u32 *ptr[MAX_DISKS + 1];
	unsigned int i;
	int d;

	if (ndata > MAX_DISKS)
		return -EINVAL;
	for (d = 0; d < ndata; d++)
		ptr[d] = kmap(data[d]);	/* kmapcheck: order */
	ptr[ndata] = kmap(parity);	/* kmapcheck: order */
	for (i = 0; i < PAGE_SIZE / 4; i++) {
		u32 x = 0;

		for (d = 0; d < ndata; d++)
			x ^= ptr[d][i];
		ptr[ndata][i] = x;
	}
	for (d = 0; d < ndata; d++)
		kunmap(data[d]);
	kunmap(parity);
	return 0;
}

static int order_forward_loop_run(void)
{
	struct page *data[4], *parity = alloc_page(GFP_HIGHUSER);
	u32 *want, *got, *tmp;
	unsigned int i;
	int d, ret = 0;

	want = kzalloc(PAGE_SIZE, GFP_KERNEL);
	got = kmalloc(PAGE_SIZE, GFP_KERNEL);
	tmp = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!parity || !want || !got || !tmp)
		return -ENOMEM;
	for (d = 0; d < 4; d++) {
		data[d] = alloc_page(GFP_HIGHUSER);
		if (!data[d])
			return -ENOMEM;
		corpus_fill_page(data[d], 0, PAGE_SIZE, 400 + d);
		corpus_fill(tmp, PAGE_SIZE, 400 + d, 0);
		for (i = 0; i < PAGE_SIZE / 4; i++)
			want[i] ^= tmp[i];
	}
	if (raid_gen_parity(data, 4, parity))
		ret = 1;
	memcpy_from_page((char *)got, parity, 0, PAGE_SIZE);
	if (ret || memcmp(got, want, PAGE_SIZE)) {
		corpus_fail("parity differs");
		ret = 1;
	}
	for (d = 0; d < 4; d++)
		__free_page(data[d]);
	__free_page(parity);
	kfree(want);
	kfree(got);
	kfree(tmp);
	return ret;
}
CORPUS_CASE(order_forward_loop_run);
