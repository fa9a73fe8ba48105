// SPDX-License-Identifier: GPL-2.0
/*
 * A block copy that maps the source and then the destination with kmap(); the common path
 * unmaps destination then source, but the branch for an all-zero source releases the source
 * first and then zero-fills the destination. kmap() does not care; on that branch a local
 * mapping would be released below the one mapped after it: both mappings are order. The case
 * takes the zero branch, so a naive conversion breaks LIFO at run time.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static bool page_is_blank(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i])
			return false;
	return true;
}

/* Returns 1 when the source was all zeroes (the destination is zeroed instead of copied). */
static int blk_copy(struct page *dst, struct page *src)
{
	char *s, *d;

	s = kmap(src);	/* kmapcheck: order */
	d = kmap(dst);	/* kmapcheck: order */
	if (page_is_blank(s, PAGE_SIZE)) {
		kunmap(src);
		memset(d, 0, PAGE_SIZE);
		kunmap(dst);
		return 1;
	}
	memcpy(d, s, PAGE_SIZE);
	kunmap(dst);
	kunmap(src);
	return 0;
}

static int order_branch_run(void)
{
	struct page *a = alloc_page(GFP_HIGHUSER);
	struct page *b = alloc_page(GFP_HIGHUSER);
	int ret = 0;

	if (!a || !b)
		return -ENOMEM;
	corpus_fill_page(a, 0, PAGE_SIZE, 370);
	corpus_fill_page(b, 0, PAGE_SIZE, 371);
	ret |= blk_copy(b, a) != 0;
	ret |= corpus_check_page(b, 0, PAGE_SIZE, 370);

	memzero_page(a, 0, PAGE_SIZE);
	corpus_fill_page(b, 0, PAGE_SIZE, 372);
	ret |= blk_copy(b, a) != 1;
	ret |= corpus_check_page_bytes(b, 0, PAGE_SIZE, 0);
	if (ret)
		corpus_fail("copy or zero-fill went wrong");
	__free_page(a);
	__free_page(b);
	return ret;
}
CORPUS_CASE(order_branch_run);
