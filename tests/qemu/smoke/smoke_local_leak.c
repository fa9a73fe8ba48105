// SPDX-License-Identifier: GPL-2.0
/*
 * Lane self-test: a kmap_local_page() that is never released. The task still holds the slot
 * when the case returns; the kernel warns on the way back to user mode.
 * qemu-expect: state-kmap-local warn-kmap-local-leak
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static int smoke_local_leak_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *p;

	if (!page)
		return -ENOMEM;
	p = kmap_local_page(page);	/* kmapcheck: unbalanced */
	memset(p, 3, PAGE_SIZE);
	/* The page goes back while the slot still maps it: only the slot is the bug here. */
	__free_page(page);
	return 0;
}
CORPUS_CASE(smoke_local_leak_run);
