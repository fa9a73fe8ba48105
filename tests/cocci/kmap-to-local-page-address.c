/*
 * check-name: a bare kmap(page) whose next statement stores page_address(page)
 * check-rule: kmap-to-local
 *
 * The kmap(page); line goes, the page_address() statement becomes the map
 * (a cast stays a cast), and each kunmap(page) releases the variable.
 */
#include <linux/highmem.h>

struct rec_head {
	u32 ino;
	u16 len;
	char name[10];
};

/* Cast, a blank line after kmap(), an error path that unmaps too. */
static int rec_make_empty(struct page *page, u32 self, u32 parent)
{
	struct rec_head *de;
	char *base;

	kmap(page);

	base = (char *)page_address(page);
	memset(base, 0, PAGE_SIZE);

	de = (struct rec_head *)base;
	if (de->len) {
		kunmap(page);
		return -EIO;
	}
	de->ino = self;
	de++;
	de->ino = parent;

	kunmap(page);
	return 0;
}

/* No cast, a page reached through a structure, once per loop iteration. */
static u32 rec_sum(struct page **pages, unsigned int n)
{
	unsigned int i;
	u32 *w, sum = 0;

	for (i = 0; i < n; i++) {
		kmap(pages[i]);
		w = page_address(pages[i]);
		sum += w[0];
		kunmap(pages[i]);
	}
	return sum;
}

/* The variable is set again only after the unmap. */
static u32 rec_peek(struct page *page, u32 *fallback)
{
	u32 *w = fallback, v;

	kmap(page);
	w = page_address(page);
	v = w[1];
	kunmap(page);
	w = fallback;
	return v + w[0];
}
