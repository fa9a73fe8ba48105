// SPDX-License-Identifier: GPL-2.0
/*
 * Code already on kmap_local_page(): three pages mapped one after the other (two sources and a
 * destination for an XOR parity update) and released in exactly the reverse order. Existing
 * local sites are checked like the others; this one is thread-local and LIFO: all safe.
 */
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static void parity_update(struct page *parity, struct page *old, struct page *new)
{
	u32 *p, *o, *n;
	unsigned int i;

	p = kmap_local_page(parity);	/* kmapcheck: safe */
	o = kmap_local_page(old);	/* kmapcheck: safe */
	n = kmap_local_page(new);	/* kmapcheck: safe */
	for (i = 0; i < PAGE_SIZE / 4; i++)
		p[i] ^= o[i] ^ n[i];
	kunmap_local(n);
	kunmap_local(o);
	kunmap_local(p);
}

static int existing_local_lifo_run(void)
{
	struct page *d0 = alloc_page(GFP_HIGHUSER);
	struct page *d1 = alloc_page(GFP_HIGHUSER);
	struct page *d1new = alloc_page(GFP_HIGHUSER);
	struct page *par = alloc_page(GFP_HIGHUSER);
	u32 *a, *b;
	unsigned int i;
	int ret = 0;

	a = kmalloc(PAGE_SIZE, GFP_KERNEL);
	b = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!d0 || !d1 || !d1new || !par || !a || !b)
		return -ENOMEM;
	corpus_fill_page(d0, 0, PAGE_SIZE, 220);
	corpus_fill_page(d1, 0, PAGE_SIZE, 221);
	corpus_fill_page(d1new, 0, PAGE_SIZE, 222);
	/* parity = d0 ^ d1, built here the slow way */
	corpus_fill(a, PAGE_SIZE, 220, 0);
	corpus_fill(b, PAGE_SIZE, 221, 0);
	for (i = 0; i < PAGE_SIZE / 4; i++)
		a[i] ^= b[i];
	memcpy_to_page(par, 0, (char *)a, PAGE_SIZE);

	parity_update(par, d1, d1new);

	corpus_fill(a, PAGE_SIZE, 220, 0);
	corpus_fill(b, PAGE_SIZE, 222, 0);
	for (i = 0; i < PAGE_SIZE / 4; i++)
		a[i] ^= b[i];
	memcpy_from_page((char *)b, par, 0, PAGE_SIZE);
	if (memcmp(a, b, PAGE_SIZE)) {
		corpus_fail("parity is not d0 ^ d1new");
		ret = 1;
	}
	__free_page(d0);
	__free_page(d1);
	__free_page(d1new);
	__free_page(par);
	kfree(a);
	kfree(b);
	return ret;
}
CORPUS_CASE(existing_local_lifo_run);
