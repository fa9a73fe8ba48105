// SPDX-License-Identifier: GPL-2.0
/*
 * A page-table style update through kmap_atomic_prot(page, PAGE_KERNEL): an array of 32-bit
 * entries in a highmem page is rewritten in place. One mapping, plain memory, local address:
 * safe (the conversion is kmap_local_page_prot()).
 */
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define PTE_PRESENT	0x1u
#define PTE_WRITE	0x2u

/* Clears the write bit of every present entry in [first, last); returns how many changed. */
static unsigned int ptes_wrprotect(struct page *table, unsigned int first, unsigned int last)
{
	unsigned int i, n = 0;
	u32 *pte;

	pte = kmap_atomic_prot(table, PAGE_KERNEL);	/* kmapcheck: safe */
	for (i = first; i < last; i++) {
		if ((pte[i] & (PTE_PRESENT | PTE_WRITE)) == (PTE_PRESENT | PTE_WRITE)) {
			pte[i] &= ~PTE_WRITE;
			n++;
		}
	}
	kunmap_atomic(pte);
	return n;
}

static int atomic_prot_pte_run(void)
{
	struct page *table = alloc_page(GFP_HIGHUSER);
	u32 *lin;
	unsigned int i, want = 0, n;
	int ret = 0;

	lin = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!table || !lin)
		return -ENOMEM;
	corpus_fill(lin, PAGE_SIZE, 230, 0);
	memcpy_to_page(table, 0, (char *)lin, PAGE_SIZE);
	for (i = 100; i < 900; i++) {
		if ((lin[i] & 3) == 3) {
			lin[i] &= ~PTE_WRITE;
			want++;
		}
	}
	n = ptes_wrprotect(table, 100, 900);
	{
		u32 *got = kmalloc(PAGE_SIZE, GFP_KERNEL);

		if (!got)
			return -ENOMEM;
		memcpy_from_page((char *)got, table, 0, PAGE_SIZE);
		if (n != want || memcmp(got, lin, PAGE_SIZE)) {
			corpus_fail("changed %u entries, want %u", n, want);
			ret = 1;
		}
		kfree(got);
	}
	__free_page(table);
	kfree(lin);
	return ret;
}
CORPUS_CASE(atomic_prot_pte_run);
