/*
 * check-name: a putter with two candidate address parameters keeps the file as it is
 * check-rule: kmap-helper-pair-to-local
 *
 * No sites file.  dir_put_page() has a page and two other pointer
 * parameters, dir and kaddr: which one is the address is a guess, so the
 * putter, and with it the whole file (the getter too), is left alone.
 * kmapcheck can name the address with addr=kaddr in a sites file.
 */
#include <linux/highmem.h>

extern void put_page(struct page *page);

struct dir {
	struct page **pages;
	unsigned int npages;
	unsigned int nput;
};

static void *dir_get_page(struct dir *dir, unsigned int n, struct page **pagep)
{
	struct page *page = dir->pages[n];

	*pagep = page;
	return kmap(page);
}

static void dir_put_page(struct dir *dir, struct page *page, void *kaddr)
{
	dir->nput++;
	kunmap(page);
	put_page(page);
}

int dir_first_byte(struct dir *dir)
{
	struct page *page;
	u8 *kaddr = dir_get_page(dir, 0, &page);
	int c = kaddr[0];

	dir_put_page(dir, page, kaddr);
	return c;
}
