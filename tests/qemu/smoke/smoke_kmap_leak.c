// SPDX-License-Identifier: GPL-2.0
/*
 * Lane self-test: a kmap() that is never released before the page is freed. The kernel says
 * nothing; the harness counts the kmap() calls left without kunmap().
 * qemu-expect: state-kmap-held
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static int smoke_kmap_leak_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *p;

	if (!page)
		return -ENOMEM;
	p = kmap(page);	/* kmapcheck: unbalanced */
	memset(p, 5, PAGE_SIZE);
	__free_page(page);
	return 0;
}
CORPUS_CASE(smoke_kmap_leak_run);
