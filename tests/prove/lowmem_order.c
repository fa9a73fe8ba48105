#include "kapi.h"

/* Lowmem pages are never pushed on the kmap_local stack: the out-of-order unmap
 * does not matter once the mappings become page_address(). */
void copy_scratch(const char *src, size_t len)
{
	struct page *a = alloc_page(GFP_KERNEL);
	struct page *b = alloc_page(GFP_ATOMIC);
	char *pa, *pb;

	if (!a || !b)
		return;
	pa = kmap_local_page(a);
	pb = kmap_local_page(b);
	memcpy(pa, src, len);
	memcpy(pb, pa, len);
	kunmap_local(pa);
	kunmap_local(pb);
}
/*
 * check-name: two lowmem pages unmapped out of order are still lowmem
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
lowmem_order.c:13:7: note: kmap_local_page() verdict lowmem: the page comes from alloc_page(GFP_KERNEL) at line 7, without __GFP_HIGHMEM: page_address() is enough [kmap-map]
lowmem_order.c:14:7: note: kmap_local_page() verdict lowmem: the page comes from alloc_page(GFP_ATOMIC) at line 8, without __GFP_HIGHMEM: page_address() is enough [kmap-map]
lowmem_order.c:17:2: note: kunmap_local() verdict lowmem: releases the mapping of line 13 [kmap-unmap]
lowmem_order.c:18:2: note: kunmap_local() verdict lowmem: releases the mapping of line 14 [kmap-unmap]
 * check-output-end
 */
