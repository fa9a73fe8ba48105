// SPDX-License-Identifier: GPL-2.0
/*
 * A getter that already returns kmap()'s address, proven safe, and a putter that
 * takes the page alone: no pair converts until the putter takes the address too
 * (`make patch-test`, case restructure-putter: only the putter rule changes it).
 */
#include "kapi.h"

void put_page(struct page *page);

struct blk {
	struct page *pages[4];
	int len;
};

static void blk_put(struct page *page)
{
	kunmap(page);
	put_page(page);
}

static void *blk_get(struct blk *b, int n, struct page **pagep)
{
	struct page *page = b->pages[n];

	*pagep = page;
	return kmap(page);
}

int blk_sum(struct blk *b)
{
	int n, sum = 0;

	for (n = 0; n < b->len; n++) {
		struct page *page;
		char *kaddr = blk_get(b, n, &page);

		sum += kaddr[1];
		blk_put(page);
	}
	return sum;
}
