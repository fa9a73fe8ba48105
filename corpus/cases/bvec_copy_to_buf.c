// SPDX-License-Identifier: GPL-2.0
/*
 * A bounce copy that gathers the segments of a bio_vec array into one linear buffer, one
 * kmap_atomic() per segment, unmapped before the next: each mapping lives inside one loop
 * iteration, the region is a plain memcpy(): safe.
 */
#include <linux/highmem.h>
#include <linux/bvec.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static size_t bvec_copy_to_buf(const struct bio_vec *bv, int nr, char *buf, size_t size)
{
	size_t done = 0;
	int i;

	for (i = 0; i < nr && done < size; i++) {
		size_t len = min_t(size_t, bv[i].bv_len, size - done);
		char *src = kmap_atomic(bv[i].bv_page);	/* kmapcheck: safe */

		memcpy(buf + done, src + bv[i].bv_offset, len);
		kunmap_atomic(src);
		done += len;
	}
	return done;
}

static int bvec_copy_to_buf_run(void)
{
	static const unsigned int offs[4] = { 0, 512, 100, 4000 };
	static const unsigned int lens[4] = { 4096, 1024, 3000, 96 };
	struct bio_vec bv[4];
	char *buf;
	size_t done, at = 0;
	int i, ret = 0;

	buf = kmalloc(8216, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (i = 0; i < 4; i++) {
		bv[i].bv_page = alloc_page(GFP_HIGHUSER);
		if (!bv[i].bv_page)
			return -ENOMEM;
		bv[i].bv_offset = offs[i];
		bv[i].bv_len = lens[i];
		corpus_fill_page(bv[i].bv_page, 0, PAGE_SIZE, 10 + i);
	}
	/* A short buffer stops in the middle of the third segment. */
	done = bvec_copy_to_buf(bv, 4, buf, 7000);
	if (done != 7000) {
		corpus_fail("copied %zu of 7000", done);
		ret = 1;
	}
	for (i = 0; i < 4 && at < done; i++) {
		size_t len = min_t(size_t, lens[i], done - at);

		ret |= corpus_check(buf + at, len, 10 + i, offs[i]);
		at += len;
	}
	done = bvec_copy_to_buf(bv, 4, buf, 8216);
	if (done != 8216) {
		corpus_fail("copied %zu of 8216", done);
		ret = 1;
	}
	ret |= corpus_check(buf + 8120, 96, 13, 4000);
	for (i = 0; i < 4; i++)
		__free_page(bv[i].bv_page);
	kfree(buf);
	return ret;
}
CORPUS_CASE(bvec_copy_to_buf_run);
