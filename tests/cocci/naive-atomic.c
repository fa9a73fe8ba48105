/*
 * check-name: naive: every kmap_atomic() family call converts, paired or not
 * check-rule: naive
 *
 * Including the ones a careful conversion refuses: the map and unmap in
 * two functions, and a region that copies from user space and needed page
 * faults disabled.  That the result is wrong here is the point of the
 * baseline.
 */
#include <linux/highmem.h>

struct walk {
	struct page *page;
	u8 *vaddr;
};

static void walk_start(struct walk *w)
{
	w->vaddr = kmap_atomic(w->page);
}

static void walk_done(struct walk *w)
{
	kunmap_atomic(w->vaddr);
}

static size_t fill(struct page *page, const char __user *ubuf, size_t n)
{
	char *kaddr = kmap_atomic(page);
	size_t left = __copy_from_user_inatomic(kaddr, ubuf, n);

	kunmap_atomic(kaddr);
	return n - left;
}

static void poke(unsigned long pfn, struct page *page, pgprot_t prot)
{
	u32 *a = kmap_atomic_pfn(pfn);
	u32 *b = (u32 *)kmap_atomic_prot(page, prot);

	b[0] = a[0];
	kunmap_atomic(b);
	kunmap_atomic(a);
}
