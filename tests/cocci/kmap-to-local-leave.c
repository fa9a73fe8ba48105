/*
 * check-name: kmap() sites the rule must leave alone
 * check-rule: kmap-to-local
 *
 * Each function holds a kmap() that cannot become kmap_local_page() by
 * syntax alone: its kunmap() is elsewhere, the address lives outside the
 * function's locals, the variable moves before the unmap, page_address()
 * relies on kmap()'s permanent mapping (other than right after a bare
 * kmap(page); into a local that keeps it), or some path keeps the page mapped.
 */
#include <linux/highmem.h>

struct dir_cursor {
	struct page *page;
	char *kaddr;
	unsigned int pos;
};

/* kmap() here, kunmap() in the put function. */
static char *dir_get_page(struct dir_cursor *c, struct page *page)
{
	c->page = page;
	return kmap(page);
}

static void dir_put_page(struct dir_cursor *c)
{
	kunmap(c->page);
}

/* The address is kept in a structure. */
static void dir_open(struct dir_cursor *c)
{
	c->kaddr = kmap(c->page);
	c->pos = 0;
	c->kaddr[0] = 0;
	kunmap(c->page);
}

/* Bare kmap(), and page_address() plus an offset: not what kmap_local_page() returns. */
static void dir_touch(struct page *page, unsigned int off)
{
	char *p;

	kmap(page);
	p = (char *)page_address(page) + off;
	p[0]++;
	kunmap(page);
}

/* Bare kmap(), and page_address() not on the next line. */
static void dir_touch_late(struct page *page, u8 mark)
{
	u8 *p;

	kmap(page);
	flush_dcache_page(page);
	p = page_address(page);
	p[0] = mark;
	kunmap(page);
}

/* Bare kmap(), then page_address() twice. */
static void dir_touch_twice(struct page *page)
{
	u8 *p, *q;

	kmap(page);
	p = page_address(page);
	q = page_address(page);
	q[1] = p[0];
	kunmap(page);
}

/* Bare kmap(), and the variable moves before the unmap. */
static void dir_touch_walk(struct page *page, unsigned int n)
{
	u32 *w;

	kmap(page);
	w = page_address(page);
	while (n--)
		*w++ = 0;
	kunmap(page);
}

/* Bare kmap(), and the page variable changes before the unmap. */
static void dir_touch_two(struct page **pages)
{
	struct page *page = pages[0];
	u8 *p;

	kmap(page);
	p = page_address(page);
	p[0] = 0;
	page = pages[1];
	kunmap(page);
}

/* Bare kmap(), released by the put function. */
static void dir_touch_put(struct dir_cursor *c)
{
	u8 *p;

	kmap(c->page);
	p = page_address(c->page);
	p[0] = 0;
	dir_put_page(c);
}

/* Bare kmap(), and the block of the variable closes before the unmap. */
static void dir_touch_scoped(struct page *page, u8 mark)
{
	{
		u8 *p;

		kmap(page);
		p = page_address(page);
		p[0] = mark;
	}
	kunmap(page);
}

/* page_address() of the mapped page between map and unmap. */
static void dir_mark(struct page *page)
{
	char *p = kmap(page);
	char *q;

	p[0] = 1;
	q = page_address(page);
	q[1] = 1;
	kunmap(page);
}

/* The variable walks through the page, possibly to its end. */
static unsigned int dir_count(struct page *page)
{
	char *p = kmap(page);
	char *end = p + PAGE_SIZE;
	unsigned int n = 0;

	while (p < end && *p) {
		p += 8;
		n++;
	}
	kunmap(page);
	return n;
}

/* The page variable changes before the unmap. */
static void dir_first_two(struct page **pages)
{
	struct page *page = pages[0];
	char *p = kmap(page);

	p[0] = 0;
	page = pages[1];
	kunmap(page);
}

/* The error path returns with the page mapped. */
static int dir_check(struct page *page)
{
	u32 *p;

	p = kmap(page);
	if (p[0] == 0)
		return -EINVAL;
	kunmap(page);
	return 0;
}

/* Mapped on one branch only. */
static void dir_maybe(struct page *page, bool high, char *out)
{
	if (high)
		memcpy(out, kmap(page), 64);
	if (high)
		kunmap(page);
}

/* The block of the variable closes before the unmap, where p is unknown. */
static void dir_scoped(struct page *page, u8 mark)
{
	{
		u8 *p = kmap(page);

		p[0] = mark;
	}
	kunmap(page);
}

/* Two unstored maps in one call would need two new lines before it. */
static void dir_copy_page(struct page *dst, struct page *src)
{
	memcpy(kmap(dst), kmap(src), PAGE_SIZE);
	kunmap(src);
	kunmap(dst);
}
