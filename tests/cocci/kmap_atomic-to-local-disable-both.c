/*
 * check-name: without -D both pairs are kept, in kmap_atomic()'s order
 * check-rule: kmap_atomic-to-local-disable
 */
#include <linux/highmem.h>

static void fold_into(struct page *page, u32 *acc, pgprot_t prot)
{
	u32 *w = (u32 *)kmap_atomic_prot(page, prot);

	*acc ^= w[0];
	kunmap_atomic(w);
}

static u32 first_word_pfn(unsigned long pfn)
{
	u32 *w;
	u32 v;

	w = kmap_atomic_pfn(pfn);
	v = w[0];
	kunmap_atomic(w);
	return v;
}
