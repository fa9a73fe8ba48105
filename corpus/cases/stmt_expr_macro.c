// SPDX-License-Identifier: GPL-2.0
/*
 * A GNU statement-expression macro that peeks one 32-bit word of a page: it maps with
 * kmap_atomic(), reads, unmaps and yields the value, all inside ({ ... }). Each expansion is
 * a complete map/read/unmap with nothing escaping: safe at every use (annotated where the
 * macro is used).
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define page_peek32(pg, idx) ({					\
	u32 *__p = kmap_atomic(pg);				\
	u32 __v = __p[(idx)];					\
	kunmap_atomic(__p);					\
	__v;							\
})

/* Binary search in a page of sorted keys; returns the index or -1. */
static int keys_find(struct page *page, unsigned int nkeys, u32 key)
{
	unsigned int lo = 0, hi = nkeys;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;
		u32 v = page_peek32(page, mid);	/* kmapcheck: safe not-converted: the call is in a macro body; the rules do not rewrite macro definitions */

		if (v == key)
			return mid;
		if (v < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int stmt_expr_macro_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u32 keys[1000];
	unsigned int i;
	int ret = 0;

	if (!page)
		return -ENOMEM;
	for (i = 0; i < 1000; i++)
		keys[i] = 7 * i + 3;
	memcpy_to_page(page, 0, (char *)keys, sizeof(keys));
	for (i = 0; i < 1000; i += 37)
		ret |= keys_find(page, 1000, 7 * i + 3) != (int)i;
	ret |= keys_find(page, 1000, 5) != -1;
	ret |= keys_find(page, 1000, 7 * 999 + 4) != -1;
	if (page_peek32(page, 999) != 7 * 999 + 3)	/* kmapcheck: safe not-converted: the call is in a macro body; the rules do not rewrite macro definitions */
		ret = 1;
	if (ret)
		corpus_fail("search gave a wrong index");
	__free_page(page);
	return ret;
}
CORPUS_CASE(stmt_expr_macro_run);
