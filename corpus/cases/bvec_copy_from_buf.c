// SPDX-License-Identifier: GPL-2.0
/*
 * A RAM-disk style write path: a sector buffer is scattered into the bio_vec segments of a
 * request, each segment mapped with kmap_atomic(), written, flushed and unmapped in the same
 * iteration; a segment that straddles a page boundary is split in two mappings, one after the
 * other: safe.
 */
#include <linux/highmem.h>
#include <linux/bvec.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static void seg_write(struct page *page, unsigned int off, const char *src, unsigned int len)
{
	while (len) {
		unsigned int chunk = min_t(unsigned int, len, PAGE_SIZE - off);
		char *dst = kmap_atomic(page);	/* kmapcheck: safe */

		memcpy(dst + off, src, chunk);
		kunmap_atomic(dst);
		flush_dcache_page(page);
		src += chunk;
		len -= chunk;
		off = 0;
		page++;
	}
}

static void bvec_scatter(struct bio_vec *bv, int nr, const char *src)
{
	int i;

	for (i = 0; i < nr; i++) {
		seg_write(bv[i].bv_page, bv[i].bv_offset, src, bv[i].bv_len);
		src += bv[i].bv_len;
	}
}

static int bvec_copy_from_buf_run(void)
{
	struct page *pages = alloc_pages(GFP_HIGHUSER, 1);
	struct page *single = alloc_page(GFP_HIGHUSER);
	struct bio_vec bv[2];
	char *src;
	int ret = 0;

	src = kmalloc(4096, GFP_KERNEL);
	if (!pages || !single || !src)
		return -ENOMEM;
	corpus_fill(src, 4096, 21, 0);
	memzero_page(pages, 0, PAGE_SIZE);
	memzero_page(pages + 1, 0, PAGE_SIZE);
	memzero_page(single, 0, PAGE_SIZE);

	/* First segment crosses from the first page of the pair into the second. */
	bv[0].bv_page = pages;
	bv[0].bv_offset = 3584;
	bv[0].bv_len = 1024;
	bv[1].bv_page = single;
	bv[1].bv_offset = 8;
	bv[1].bv_len = 3072;
	bvec_scatter(bv, 2, src);

	ret |= corpus_check_page_bytes(pages, 0, 3584, 0);
	{
		char got[1024];

		memcpy_from_page(got, pages, 3584, 512);
		memcpy_from_page(got + 512, pages + 1, 0, 512);
		ret |= corpus_check(got, 1024, 21, 0);
	}
	ret |= corpus_check_page_bytes(pages + 1, 512, PAGE_SIZE - 512, 0);
	{
		char *got = kmalloc(3072, GFP_KERNEL);

		if (!got)
			return -ENOMEM;
		memcpy_from_page(got, single, 8, 3072);
		ret |= corpus_check(got, 3072, 21, 1024);
		kfree(got);
	}
	ret |= corpus_check_page_bytes(single, 3080, PAGE_SIZE - 3080, 0);
	__free_pages(pages, 1);
	__free_page(single);
	kfree(src);
	return ret;
}
CORPUS_CASE(bvec_copy_from_buf_run);
