// SPDX-License-Identifier: GPL-2.0
/*
 * A driver's private copies of the memcpy_to_page()/memcpy_from_page()/memcpy_page() helpers,
 * written with kmap_atomic() the way drivers did before the common helpers existed: copy
 * in, copy out, and page-to-page with the two mappings nested LIFO. Plain memory: all safe.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static void drv_copy_to_page(struct page *page, size_t off, const void *from, size_t len)
{
	char *to = kmap_atomic(page);	/* kmapcheck: safe */

	memcpy(to + off, from, len);
	kunmap_atomic(to);
}

static void drv_copy_from_page(void *to, struct page *page, size_t off, size_t len)
{
	char *from = kmap_atomic(page);	/* kmapcheck: safe */

	memcpy(to, from + off, len);
	kunmap_atomic(from);
}

static void drv_copy_page(struct page *dst, size_t doff, struct page *src, size_t soff,
			  size_t len)
{
	char *d = kmap_atomic(dst);	/* kmapcheck: safe */
	char *s = kmap_atomic(src);	/* kmapcheck: safe */

	memmove(d + doff, s + soff, len);
	kunmap_atomic(s);
	kunmap_atomic(d);
}

static int memcpy_page_helpers_run(void)
{
	struct page *a = alloc_page(GFP_HIGHUSER);
	struct page *b = alloc_page(GFP_HIGHUSER);
	char buf[700];
	int ret = 0;

	if (!a || !b)
		return -ENOMEM;
	corpus_fill_page(a, 0, PAGE_SIZE, 200);
	corpus_fill_page(b, 0, PAGE_SIZE, 201);

	corpus_fill(buf, sizeof(buf), 202, 0);
	drv_copy_to_page(a, 1000, buf, sizeof(buf));
	memset(buf, 0, sizeof(buf));
	drv_copy_from_page(buf, a, 1000, sizeof(buf));
	ret |= corpus_check(buf, sizeof(buf), 202, 0);
	ret |= corpus_check_page(a, 0, 1000, 200);
	ret |= corpus_check_page(a, 1700, PAGE_SIZE - 1700, 200);

	drv_copy_page(b, 10, a, 2000, 2000);
	ret |= corpus_check_page(b, 0, 10, 201);
	ret |= corpus_check_page(b, 2010, PAGE_SIZE - 2010, 201);
	drv_copy_from_page(buf, b, 10, sizeof(buf));
	ret |= corpus_check(buf, sizeof(buf), 200, 2000);
	__free_page(a);
	__free_page(b);
	return ret;
}
CORPUS_CASE(memcpy_page_helpers_run);
