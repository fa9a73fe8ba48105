// SPDX-License-Identifier: GPL-2.0
/*
 * Existing kmap_atomic() code with the release order wrong on its main path: a mirror write
 * maps the primary, then the mirror, copies and unmaps the primary first. kmap_atomic()
 * mappings are a stack already, so the original is a bug today (the runtime reports it) and
 * a conversion must not carry it over: both mappings are order.
 */
/* corpus: original-reports lifo */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static void mirror_write(struct page *primary, struct page *mirror, unsigned int off,
			 const char *data, unsigned int len)
{
	char *p, *m;

	p = kmap_atomic(primary);	/* kmapcheck: order */
	m = kmap_atomic(mirror);	/* kmapcheck: order */
	memcpy(p + off, data, len);
	memcpy(m + off, p + off, len);
	kunmap_atomic(p);
	kunmap_atomic(m);
}

static int order_existing_atomic_run(void)
{
	struct page *a = alloc_page(GFP_HIGHUSER);
	struct page *b = alloc_page(GFP_HIGHUSER);
	char data[500];
	int ret = 0;

	if (!a || !b)
		return -ENOMEM;
	memzero_page(a, 0, PAGE_SIZE);
	memzero_page(b, 0, PAGE_SIZE);
	corpus_fill(data, sizeof(data), 390, 0);
	mirror_write(a, b, 1000, data, sizeof(data));
	{
		char got[500];

		memcpy_from_page(got, a, 1000, sizeof(got));
		ret |= corpus_check(got, sizeof(got), 390, 0);
		memcpy_from_page(got, b, 1000, sizeof(got));
		ret |= corpus_check(got, sizeof(got), 390, 0);
	}
	ret |= corpus_check_page_bytes(b, 0, 1000, 0);
	__free_page(a);
	__free_page(b);
	return ret;
}
CORPUS_CASE(order_existing_atomic_run);
