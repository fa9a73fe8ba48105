// SPDX-License-Identifier: GPL-2.0
/*
 * A bug in code already converted to kmap_local_page(): a page compare maps the two pages in
 * turn and, on the early-exit path taken when the headers differ, releases the first mapping
 * before the second. The original already breaks the local stack's LIFO rule and the runtime
 * reports it on every run that takes that path: both mappings are order.
 */
/* corpus: original-reports lifo */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define HDR_LEN		16

/* 0 when equal, 1 when the headers differ, 2 when only the bodies differ. */
static int page_compare(struct page *pa, struct page *pb)
{
	char *a, *b;
	int ret = 0;

	a = kmap_local_page(pa);	/* kmapcheck: order */
	b = kmap_local_page(pb);	/* kmapcheck: order */
	if (memcmp(a, b, HDR_LEN)) {
		kunmap_local(a);
		kunmap_local(b);
		return 1;
	}
	if (memcmp(a + HDR_LEN, b + HDR_LEN, PAGE_SIZE - HDR_LEN))
		ret = 2;
	kunmap_local(b);
	kunmap_local(a);
	return ret;
}

static int order_existing_local_run(void)
{
	struct page *a = alloc_page(GFP_HIGHUSER);
	struct page *b = alloc_page(GFP_HIGHUSER);
	char c = 0x7f;
	int ret = 0;

	if (!a || !b)
		return -ENOMEM;
	corpus_fill_page(a, 0, PAGE_SIZE, 380);
	corpus_fill_page(b, 0, PAGE_SIZE, 380);
	ret |= page_compare(a, b) != 0;
	memcpy_to_page(b, 3000, &c, 1);
	ret |= page_compare(a, b) != 2;
	memcpy_to_page(b, 3, &c, 1);
	ret |= page_compare(a, b) != 1;
	if (ret)
		corpus_fail("a comparison gave the wrong answer");
	__free_page(a);
	__free_page(b);
	return ret;
}
CORPUS_CASE(order_existing_local_run);
