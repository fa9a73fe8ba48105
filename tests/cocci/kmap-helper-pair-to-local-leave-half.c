/*
 * check-name: a getter whose putter is in another file stays as it is
 * check-rule: kmap-helper-pair-to-local
 *
 * No sites file.  This file holds the getter only; dir_put_page() is
 * defined elsewhere and still calls kunmap(page), which must not release
 * a kmap_local_page() mapping.  A file converts only with at least one
 * getter and one putter of its own.
 */
#include <linux/highmem.h>

struct dir {
	struct page **pages;
	unsigned int npages;
};

extern void dir_put_page(struct page *page, void *kaddr);

void *dir_get_page(struct dir *dir, unsigned int n, struct page **pagep)
{
	struct page *page = dir->pages[n];

	*pagep = page;
	return kmap(page);
}

int dir_first_byte(struct dir *dir)
{
	struct page *page;
	u8 *kaddr = dir_get_page(dir, 0, &page);
	int c = kaddr[0];

	dir_put_page(page, kaddr);
	return c;
}
