// SPDX-License-Identifier: GPL-2.0
/*
 * An on-stack record iterator (like a scatterlist mapping iterator) whose next() maps each
 * source page with kmap() and keeps the address in the iterator until the following next();
 * its caller fetches the first record, then maps the destination page with kmap_local_page()
 * and copies records into it until the loop ends. Everything happens in one thread, but once
 * the iterator's mapping is local, the next() that moves to the second source page (and the
 * final stop()) releases it while the caller's newer local mapping is still live: the
 * iterator's kmap() is order (a correct analysis follows the address through the iterator on
 * the caller's stack; a weaker one could only say unknown). The caller's local mapping is
 * correct as written, its neighbour being a kmap() outside the local stack: safe.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define REC_SIZE	128

struct rec_iter {
	struct page **pages;
	int npages;
	int cur;
	unsigned int off;
	char *kaddr;
};

static const char *rec_iter_next(struct rec_iter *it)
{
	const char *rec;

	if (!it->kaddr || it->off + REC_SIZE > PAGE_SIZE) {
		if (it->kaddr)
			kunmap(it->pages[it->cur]);
		it->kaddr = NULL;
		if (++it->cur >= it->npages)
			return NULL;
		it->kaddr = kmap(it->pages[it->cur]);	/* kmapcheck: order known-to-fail: next() maps on some calls only and keeps the mapping between calls; the prover cannot tell which returns carry it */
		it->off = 0;
	}
	rec = it->kaddr + it->off;
	it->off += REC_SIZE;
	return rec;
}

static void rec_iter_stop(struct rec_iter *it)
{
	if (it->kaddr)
		kunmap(it->pages[it->cur]);
	it->kaddr = NULL;
}

/* Copies every record whose first byte is odd into @dst; returns the count. */
static unsigned int rec_gather_odd(struct page *dst, struct page **src, int nsrc)
{
	struct rec_iter it = { .pages = src, .npages = nsrc, .cur = -1 };
	unsigned int n = 0;
	const char *rec;
	char *out;

	rec = rec_iter_next(&it);
	out = kmap_local_page(dst);	/* kmapcheck: safe */
	for (; rec && (n + 1) * REC_SIZE <= PAGE_SIZE; rec = rec_iter_next(&it)) {
		if (!(rec[0] & 1))
			continue;
		memcpy(out + n * REC_SIZE, rec, REC_SIZE);
		n++;
	}
	rec_iter_stop(&it);
	kunmap_local(out);
	return n;
}

static int iter_nested_caller_run(void)
{
	struct page *src[2], *dst = alloc_page(GFP_HIGHUSER);
	char first, rec[REC_SIZE];
	unsigned int i, want = 0, n, k = 0;
	int ret = 0;

	if (!dst)
		return -ENOMEM;
	memzero_page(dst, 0, PAGE_SIZE);
	for (i = 0; i < 2; i++) {
		src[i] = alloc_page(GFP_HIGHUSER);
		if (!src[i])
			return -ENOMEM;
		corpus_fill_page(src[i], 0, PAGE_SIZE, 360 + i);
	}
	for (i = 0; i < 2 * PAGE_SIZE / REC_SIZE; i++) {
		memcpy_from_page(&first, src[i / 32], (i % 32) * REC_SIZE, 1);
		want += first & 1;
	}
	want = min_t(unsigned int, want, PAGE_SIZE / REC_SIZE);
	n = rec_gather_odd(dst, src, 2);
	if (n != want) {
		corpus_fail("gathered %u records, want %u", n, want);
		ret = 1;
	}
	for (i = 0; i < 2 * PAGE_SIZE / REC_SIZE && k < n; i++) {
		memcpy_from_page(&first, src[i / 32], (i % 32) * REC_SIZE, 1);
		if (!(first & 1))
			continue;
		memcpy_from_page(rec, dst, k * REC_SIZE, REC_SIZE);
		ret |= corpus_check(rec, REC_SIZE, 360 + i / 32, (i % 32) * REC_SIZE);
		k++;
	}
	for (i = 0; i < 2; i++)
		__free_page(src[i]);
	__free_page(dst);
	return ret;
}
CORPUS_CASE(iter_nested_caller_run);
