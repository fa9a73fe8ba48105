// SPDX-License-Identifier: GPL-2.0
/*
 * Directory-page helpers in the shape linux 6.1's small file systems have them:
 * the getter kmap()s the page and returns the page, callers find the address
 * with page_address(), the putter takes the page alone (`make patch-test`,
 * case restructure-pair). None of it can become kmap_local_page() as it is.
 */
#include "kapi.h"
#include "err.h"

struct dir {
	struct page *pages[4];
	int npages;
};

static inline void dir_put_page(struct page *page)
{
	kunmap(page);
	put_page(page);
}

static struct page *dir_get_page(struct dir *d, unsigned long n)
{
	struct page *page = d->pages[n];

	if (!IS_ERR(page))
		kmap(page);
	return page;
}

int dir_count(struct dir *d)
{
	int n, count = 0;

	for (n = 0; n < d->npages; n++) {
		struct page *page = dir_get_page(d, n);
		char *kaddr;

		if (IS_ERR(page))
			continue;
		kaddr = page_address(page);
		if (kaddr[0] < 0) {
			dir_put_page(page);
			return -1;
		}
		if (kaddr[0])
			count++;
		dir_put_page(page);
	}
	return count;
}

int dir_first(struct dir *d)
{
	struct page *page = dir_get_page(d, 0);
	char *kaddr;
	int c;

	if (IS_ERR(page))
		return -1;
	kaddr = page_address(page);
	c = kaddr[0];
	dir_put_page(page);
	return c;
}
