/*
 * check-name: map/copy/unmap sequences become memcpy_*_page()/memzero_page()
 * check-rule: map-copy-unmap-to-helper
 */
#include <linux/highmem.h>

struct rec_hdr {
	u32 magic;
	u32 len;
};

/* kmap_atomic(), offset, variable used by no one else: it goes too. */
static void rec_store(struct page *page, unsigned int off, const u8 *data,
		      size_t len)
{
	u8 *kaddr;

	kaddr = kmap_atomic(page);
	memcpy(kaddr + off, data, len);
	kunmap_atomic(kaddr);
}

/* Declaration with initialiser, no offset, kmap_local_page(). */
static void rec_load_head(struct page *page, char *buf)
{
	char *src = kmap_local_page(page);
	memcpy(buf, src, 64);
	kunmap_local(src);
}

/* kmap() is unmapped by page; the flush is the helper's job now. */
static void rec_clear_tail(struct page *page, unsigned int off)
{
	void *p;
	int cleared = 0;

	p = kmap(page);
	memset(p + off, 0, PAGE_SIZE - off);
	flush_dcache_page(page);
	kunmap(page);
	cleared++;
}

/* One variable, two sequences: both convert and the variable goes. */
static void rec_swap_halves(struct page *page, char *tmp)
{
	char *v, *unrelated = tmp;

	v = kmap_atomic(page);
	memcpy(tmp, v + PAGE_SIZE / 2, PAGE_SIZE / 2);
	kunmap_atomic(v);
	unrelated[0] = 0;
	v = kmap_atomic(page);
	memset(v + PAGE_SIZE / 2, 0, PAGE_SIZE / 2);
	kunmap_atomic(v);
}

/* Two maps around one copy. */
static void rec_copy(struct page *dst, unsigned int doff, struct page *src,
		     unsigned int soff, size_t len)
{
	char *d, *s;

	d = kmap_atomic(dst);
	s = kmap_atomic(src);
	memcpy(d + doff, s + soff, len);
	kunmap_atomic(s);
	kunmap_atomic(d);
}
