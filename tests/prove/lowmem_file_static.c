#include "kapi.h"

static struct page *zero_buf;

int zero_init(void)
{
	zero_buf = alloc_pages_node(0, GFP_KERNEL | __GFP_ZERO, 0);
	return zero_buf ? 0 : -ENOMEM;
}

int zero_check(size_t len)
{
	char *p = kmap_local_page(zero_buf);
	int bad = memcmp(p, p + 1, len - 1);

	kunmap_local(p);
	return bad;
}
/*
 * check-name: a file-scope static variable only ever assigned lowmem pages
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
lowmem_file_static.c:13:12: note: kmap_local_page() verdict lowmem: zero_buf is only assigned pages that are never highmem (the page comes from alloc_pages_node(GFP_KERNEL | __GFP_ZERO) at line 7, without __GFP_HIGHMEM): page_address() is enough [kmap-map]
lowmem_file_static.c:16:2: note: kunmap_local() verdict lowmem: releases the mapping of line 13 [kmap-unmap]
 * check-output-end
 */
