// SPDX-License-Identifier: GPL-2.0
/*
 * A scatterlist-to-scatterlist copy whose two lists are cut at different places: each step
 * maps the current source page, then the current destination page, copies the overlap and
 * unmaps destination then source. Two nested kmap_atomic() mappings released in LIFO order on
 * every path, plain memory only in between: both safe.
 */
#include <linux/highmem.h>
#include <linux/string.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include "corpus.h"

static size_t sg_copy_sg(struct scatterlist *dst, struct scatterlist *src, size_t len)
{
	size_t doff = 0, soff = 0, done = 0;

	while (done < len && dst && src) {
		size_t n = min_t(size_t, dst->length - doff, src->length - soff);
		char *s, *d;

		n = min_t(size_t, n, len - done);
		s = kmap_atomic(sg_page(src));	/* kmapcheck: safe */
		d = kmap_atomic(sg_page(dst));	/* kmapcheck: safe */
		memcpy(d + dst->offset + doff, s + src->offset + soff, n);
		kunmap_atomic(d);
		kunmap_atomic(s);
		done += n;
		doff += n;
		soff += n;
		if (doff == dst->length) {
			dst = sg_next(dst);
			doff = 0;
		}
		if (soff == src->length) {
			src = sg_next(src);
			soff = 0;
		}
	}
	return done;
}

static int sg_to_sg_nested_run(void)
{
	struct scatterlist ssg[2], dsg[3];
	struct page *sp[2], *dp[3];
	char *got;
	size_t done;
	int i, ret = 0;

	got = kmalloc(6000, GFP_KERNEL);
	if (!got)
		return -ENOMEM;
	sg_init_table(ssg, 2);
	sg_init_table(dsg, 3);
	for (i = 0; i < 2; i++) {
		sp[i] = alloc_page(GFP_HIGHUSER);
		if (!sp[i])
			return -ENOMEM;
	}
	for (i = 0; i < 3; i++) {
		dp[i] = alloc_page(GFP_HIGHUSER);
		if (!dp[i])
			return -ENOMEM;
		memzero_page(dp[i], 0, PAGE_SIZE);
	}
	/* Source: 3000 + 3000 bytes; destination: 1000 + 4000 + 1000 bytes. */
	corpus_fill_page(sp[0], 0, PAGE_SIZE, 40);
	corpus_fill_page(sp[1], 0, PAGE_SIZE, 41);
	sg_set_page(&ssg[0], sp[0], 3000, 1000);
	sg_set_page(&ssg[1], sp[1], 3000, 0);
	sg_set_page(&dsg[0], dp[0], 1000, 3000);
	sg_set_page(&dsg[1], dp[1], 4000, 96);
	sg_set_page(&dsg[2], dp[2], 1000, 0);

	done = sg_copy_sg(dsg, ssg, 6000);
	if (done != 6000) {
		corpus_fail("copied %zu of 6000", done);
		ret = 1;
	}
	memcpy_from_page(got, dp[0], 3000, 1000);
	memcpy_from_page(got + 1000, dp[1], 96, 4000);
	memcpy_from_page(got + 5000, dp[2], 0, 1000);
	ret |= corpus_check(got, 3000, 40, 1000);
	ret |= corpus_check(got + 3000, 3000, 41, 0);
	ret |= corpus_check_page_bytes(dp[0], 0, 3000, 0);
	ret |= corpus_check_page_bytes(dp[2], 1000, PAGE_SIZE - 1000, 0);
	for (i = 0; i < 2; i++)
		__free_page(sp[i]);
	for (i = 0; i < 3; i++)
		__free_page(dp[i]);
	kfree(got);
	return ret;
}
CORPUS_CASE(sg_to_sg_nested_run);
