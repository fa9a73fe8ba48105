// SPDX-License-Identifier: GPL-2.0
/*
 * A scatterlist gathered into a linear buffer with for_each_sg(), one kmap() per entry kept
 * as page address plus offset and released with kunmap() of the same page before the next
 * entry: the address stays in the loop body, one mapping at a time: safe.
 */
#include <linux/highmem.h>
#include <linux/string.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include "corpus.h"

static size_t sg_gather(struct scatterlist *sgl, int nents, char *buf, size_t size)
{
	struct scatterlist *sg;
	size_t done = 0;
	int i;

	for_each_sg(sgl, sg, nents, i) {
		size_t len = min_t(size_t, sg->length, size - done);
		char *vaddr;

		if (!len)
			break;
		vaddr = kmap(sg_page(sg)) + sg->offset;	/* kmapcheck: safe */
		memcpy(buf + done, vaddr, len);
		kunmap(sg_page(sg));
		done += len;
	}
	return done;
}

static int sg_copy_loop_run(void)
{
	static const unsigned int offs[3] = { 16, 0, 2048 };
	static const unsigned int lens[3] = { 4000, 4096, 1000 };
	struct scatterlist sgl[3];
	struct page *pages[3];
	char *buf;
	size_t done, at = 0;
	int i, ret = 0;

	buf = kmalloc(9096, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	sg_init_table(sgl, 3);
	for (i = 0; i < 3; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		if (!pages[i])
			return -ENOMEM;
		corpus_fill_page(pages[i], 0, PAGE_SIZE, 30 + i);
		sg_set_page(&sgl[i], pages[i], lens[i], offs[i]);
	}
	done = sg_gather(sgl, 3, buf, 9096);
	if (done != 9096) {
		corpus_fail("gathered %zu of 9096", done);
		ret = 1;
	}
	for (i = 0; i < 3; i++) {
		ret |= corpus_check(buf + at, lens[i], 30 + i, offs[i]);
		at += lens[i];
	}
	for (i = 0; i < 3; i++)
		__free_page(pages[i]);
	kfree(buf);
	return ret;
}
CORPUS_CASE(sg_copy_loop_run);
