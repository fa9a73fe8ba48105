/*
 * check-name: sequences that are more than a copy stay as they are
 * check-rule: map-copy-unmap-to-helper
 *
 * Each function maps a page and copies, but the mapping is also used for
 * something else, the region holds more than the copy (or a comment),
 * "+ off" would not count bytes, or a buffer's type does not fit the
 * helper's char *.
 */
#include <linux/highmem.h>

struct item {
	u32 id;
	u32 flags;
};

/* The address is read again after the unmap (a bug, but not ours). */
static u8 peek_after(struct page *page, const u8 *src)
{
	u8 *p;

	p = kmap_atomic(page);
	memcpy(p, src, 16);
	kunmap_atomic(p);
	return p[0];
}

/* Something else happens between map and unmap. */
static void copy_and_count(struct page *page, const char *src, int *n)
{
	char *p = kmap_local_page(page);

	memcpy(p + 8, src, 8);
	(*n)++;
	kunmap_local(p);
}

/* u32 arithmetic: p + 2 is eight bytes in. */
static void put_words(struct page *page, const u32 *w)
{
	u32 *p;

	p = kmap_atomic(page);
	memcpy(p + 2, w, 8);
	kunmap_atomic(p);
}

/* The source is a struct pointer: memcpy_to_page() takes const char *. */
static void put_item(struct page *page, const struct item *it)
{
	char *p;

	p = kmap_atomic(page);
	memcpy(p, it, sizeof(*it));
	kunmap_atomic(p);
}

/* The variable also serves as a cursor elsewhere in the function. */
static void put_twice(struct page *page, const char *src, char *dst)
{
	char *p;

	p = kmap(page);
	memcpy(p, src, 4);
	kunmap(page);
	p = dst;
	p[0] = 0;
}

/* A comment inside the sequence would be lost with it. */
static void put_tagged(struct page *page, unsigned int off, const char *tag)
{
	char *p;

	p = kmap_atomic(page);
	/* the caller keeps off 8-byte aligned */
	memcpy(p + off, tag, 8);
	kunmap_atomic(p);
}
