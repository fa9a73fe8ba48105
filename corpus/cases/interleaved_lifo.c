// SPDX-License-Identifier: GPL-2.0
/*
 * A merge of two sorted runs of 32-bit keys into an output page: the output is mapped first
 * and stays mapped; the first input is mapped and released when exhausted, then the second
 * input is mapped. The lifetimes interleave (out spans both inputs, the inputs follow each
 * other), yet each release is of the most recent live mapping: LIFO on every path, all safe.
 */
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define NKEYS	(PAGE_SIZE / 4)

/* Copies a's keys below limit into out, then all of b; returns the number written. */
static unsigned int keys_splice(struct page *outp, struct page *ap, struct page *bp,
				u32 limit, unsigned int nb)
{
	u32 *out, *a, *b;
	unsigned int n = 0, i;

	out = kmap_atomic(outp);	/* kmapcheck: safe */
	a = kmap_atomic(ap);	/* kmapcheck: safe */
	for (i = 0; i < NKEYS && a[i] < limit; i++)
		out[n++] = a[i];
	kunmap_atomic(a);
	b = kmap_atomic(bp);	/* kmapcheck: safe */
	for (i = 0; i < nb && n < NKEYS; i++)
		out[n++] = b[i];
	kunmap_atomic(b);
	kunmap_atomic(out);
	return n;
}

static int interleaved_lifo_run(void)
{
	struct page *outp = alloc_page(GFP_HIGHUSER);
	struct page *ap = alloc_page(GFP_HIGHUSER);
	struct page *bp = alloc_page(GFP_HIGHUSER);
	u32 *keys;
	unsigned int i, n;
	int ret = 0;

	keys = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!outp || !ap || !bp || !keys)
		return -ENOMEM;
	for (i = 0; i < NKEYS; i++)
		keys[i] = i * 3;
	memcpy_to_page(ap, 0, (char *)keys, PAGE_SIZE);
	for (i = 0; i < NKEYS; i++)
		keys[i] = 5000 + i;
	memcpy_to_page(bp, 0, (char *)keys, PAGE_SIZE);
	memzero_page(outp, 0, PAGE_SIZE);

	n = keys_splice(outp, ap, bp, 1500, 200);
	if (n != 700) {
		corpus_fail("spliced %u keys, want 700", n);
		ret = 1;
	}
	memcpy_from_page((char *)keys, outp, 0, PAGE_SIZE);
	for (i = 0; i < 700 && !ret; i++) {
		u32 want = i < 500 ? i * 3 : 5000 + (i - 500);

		if (keys[i] != want) {
			corpus_fail("key %u is %u, want %u", i, keys[i], want);
			ret = 1;
		}
	}
	for (i = 700; i < NKEYS && !ret; i++)
		ret = keys[i] != 0;
	__free_page(outp);
	__free_page(ap);
	__free_page(bp);
	kfree(keys);
	return ret;
}
CORPUS_CASE(interleaved_lifo_run);
