// SPDX-License-Identifier: GPL-2.0
/*
 * A directory-page getter/putter pair for `make patch-test`: dir_get() returns
 * kmap()'s address, dir_put() releases it and every caller hands the address back.
 */
#include "kapi.h"

struct dir {
	struct page *pages[2];
};

static void *dir_get(struct dir *d, int n, struct page **pagep)
{
	struct page *page = d->pages[n];

	*pagep = page;
	return kmap(page);
}

static void dir_put(struct page *page, void *kaddr)
{
	kunmap(page);
}

int dir_count(struct dir *d)
{
	int n, c = 0;

	for (n = 0; n < 2; n++) {
		struct page *page;
		char *kaddr = dir_get(d, n, &page);

		c += kaddr[0] != 0;
		dir_put(page, kaddr);
	}
	return c;
}
