/*
 * check-name: kmap_atomic() pairs the rule must leave alone
 * check-rule: kmap_atomic-to-local
 *
 * Every map here but one either is released in another function, is
 * released on some paths only, or is released through something other than
 * the variable that holds it.  Converting half of such a pair breaks the
 * kernel, so none of it may change.  The exception is the first pair in
 * copy_chunks(), which is sound and converts on its own.
 */
#include <linux/highmem.h>

struct ring {
	struct page *page;
	u8 *slot;
	unsigned int head;
};

/* The map and the unmap live in two functions. */
static void ring_begin(struct ring *r)
{
	r->slot = kmap_atomic(r->page);
}

static void ring_end(struct ring *r)
{
	kunmap_atomic(r->slot);
}

/* The error path returns with the page still mapped. */
static int parse_header(struct page *page, u32 *len)
{
	u32 *hdr = kmap_atomic(page);

	if (hdr[0] == 0)
		return -EINVAL;
	*len = hdr[1];
	kunmap_atomic(hdr);
	return 0;
}

/* Lowmem pages are not mapped at all, so only some paths unmap. */
static void scrub(struct page *page, bool high)
{
	u8 *p;

	if (high)
		p = kmap_atomic(page);
	else
		p = page_address(page);
	memset(p, 0, PAGE_SIZE);
	if (high)
		kunmap_atomic(p);
}

/* The second map's variable is pointed elsewhere before its unmap. */
static void copy_chunks(struct page *page, struct page *next, u8 *out)
{
	u8 *src;

	src = kmap_atomic(page);
	memcpy(out, src, 64);
	kunmap_atomic(src);
	src = kmap_atomic(next);
	memcpy(out + 64, src, 64);
	src = out;
	kunmap_atomic(src);
}

/* Released through a second pointer derived from the first. */
static void clear_range(struct page *page, unsigned int off, size_t len)
{
	void *base = kmap_atomic(page);
	u8 *start = (u8 *)base + off;

	memset(start, 0, len);
	kunmap_atomic(start);
}

/* Mapped on every loop iteration, released once after the loop. */
static u32 last_word(struct page **pages, int n)
{
	u32 *w = NULL;
	u32 v;
	int i;

	for (i = 0; i < n; i++)
		w = kmap_atomic(pages[i]);
	v = w[0];
	kunmap_atomic(w);
	return v;
}
