#include "kapi.h"

int make_zero_page(struct page **out)
{
	struct page *page = alloc_page(GFP_KERNEL);
	void *p;

	if (!page)
		return -ENOMEM;
	p = kmap_atomic(page);
	memset(p, 0, 4096);
	kunmap_atomic(p);
	*out = page;
	return 0;
}
/*
 * check-name: a page from alloc_page(GFP_KERNEL) is never highmem
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
lowmem_alloc.c:10:6: warning: kmap_atomic() is deprecated; verdict lowmem: the page comes from alloc_page(GFP_KERNEL) at line 5, without __GFP_HIGHMEM: page_address() is enough [kmap-deprecated]
lowmem_alloc.c:12:2: note: kunmap_atomic() verdict lowmem: releases the mapping of line 10 [kmap-unmap]
 * check-output-end
 */
