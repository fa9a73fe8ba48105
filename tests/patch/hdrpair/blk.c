// SPDX-License-Identifier: GPL-2.0
/*
 * A getter whose putter, and a map whose unmap, sit in a header that stash.c
 * also includes: the header's copy from stash.c is not safe, so neither the
 * getter nor the map may become local while the header's unmaps stay what
 * they are (`make patch-test`, case hdrpair-left).
 */
#include "blk_put.h"

struct blk {
	struct page *pages[4];
	int len;
};

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
		blk_put(page, kaddr);
	}
	return sum;
}

void blk_clear(struct page *page)
{
	char *buf = kmap_atomic(page);

	buf[0] = 0;
	blk_release(buf);
}
