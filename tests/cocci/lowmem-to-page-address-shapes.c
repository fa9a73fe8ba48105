/*
 * check-name: lowmem pages lose their mapping calls
 * check-rule: lowmem-to-page-address
 *
 * Every page here comes from alloc_page(GFP_KERNEL), so it is never in
 * highmem; every map converts and every unmap goes.
 */
#include <linux/highmem.h>

struct ctl_buf {
	struct page *page;
	u8 *data;
	size_t used;
};

/* kmap() in a structure field, error path with its own unmap. */
static int ctl_fill(struct ctl_buf *cb, const u8 *src, size_t len)
{
	cb->page = alloc_page(GFP_KERNEL);
	if (!cb->page)
		return -ENOMEM;
	cb->data = kmap(cb->page);
	if (len > PAGE_SIZE) {
		kunmap(cb->page);
		return -EINVAL;
	}
	memcpy(cb->data, src, len);
	cb->used = len;
	kunmap(cb->page);
	return 0;
}

/* A bare kmap() whose mapping is read back through page_address(). */
static void ctl_reset(struct page *page)
{
	u8 *p;

	kmap(page);
	p = page_address(page);
	memset(p, 0, PAGE_SIZE);
	kunmap(page);
}

/* kmap_atomic() with a cast, kmap_local_page() with an offset. */
static u32 ctl_peek(struct page *page, unsigned int off)
{
	u32 *w = (u32 *)kmap_atomic(page);
	u8 *b;
	u32 v = w[0];

	kunmap_atomic(w);
	b = kmap_local_page(page) + off;
	v += b[0];
	kunmap_local(b);
	return v;
}

/* kmap() used unstored. */
static void ctl_save(struct page *page, void *out)
{
	memcpy(out, kmap(page), 128);
	kunmap(page);
}
