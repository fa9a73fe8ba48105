/*
 * check-name: kmap_atomic(), _prot() and _pfn() in the shapes kernel code uses
 * check-rule: kmap_atomic-to-local
 */
#include <linux/highmem.h>

struct frag_walk {
	struct page *page;
	void *vaddr;
	unsigned int off;
};

static u32 sum_page(struct page *page, size_t len)
{
	u32 *words;
	u32 sum = 0;
	size_t i;

	words = kmap_atomic(page);
	for (i = 0; i < len / sizeof(*words); i++)
		sum += words[i];
	kunmap_atomic(words);
	return sum;
}

static void fill_tail(struct page *page, unsigned int off, u8 val)
{
	u8 *tail = kmap_atomic(page) + off;

	memset(tail, val, PAGE_SIZE - off);
	kunmap_atomic(tail - off);
}

static int check_magic(struct page *page, u32 magic)
{
	u32 *hdr = (u32 *)kmap_atomic(page);
	int ret = 0;

	if (hdr[0] != magic) {
		ret = -EINVAL;
		goto out;
	}
	if (hdr[1] == 0) {
		kunmap_atomic(hdr);
		return -EIO;
	}
	hdr[1]--;
out:
	kunmap_atomic(hdr);
	return ret;
}

static void walk_map(struct frag_walk *w)
{
	w->vaddr = kmap_atomic(w->page);
	memset(w->vaddr + w->off, 0, 16);
	kunmap_atomic(w->vaddr);
}

static void poke_uncached(struct page *page, pgprot_t prot)
{
	unsigned long addr;

	addr = (unsigned long)kmap_atomic_prot(page, prot);
	*(volatile u32 *)addr = 1;
	kunmap_atomic((void *)addr);
}

static u8 peek_pfn(unsigned long pfn, unsigned int off)
{
	u8 *p = kmap_atomic_pfn(pfn);
	u8 v = p[off];

	kunmap_atomic(p);
	return v;
}

static void copy_pages(struct page **dst, struct page **src, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		void *d = kmap_atomic(dst[i]);
		void *s = kmap_atomic(src[i]);

		memcpy(d, s, PAGE_SIZE);
		kunmap_atomic(s);
		kunmap_atomic(d);
	}
}
