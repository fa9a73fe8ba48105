#include "kapi.h"

int stamp(const char *tag, size_t len)
{
	static struct page *scratch;
	char *p;

	if (!scratch)
		scratch = alloc_page(GFP_KERNEL);
	if (!scratch)
		return -ENOMEM;
	p = kmap_atomic(scratch);
	memcpy(p, tag, len);
	kunmap_atomic(p);
	return 0;
}
/*
 * check-name: a static variable only ever assigned GFP_KERNEL pages
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
lowmem_static_local.c:12:6: warning: kmap_atomic() is deprecated; verdict lowmem: scratch is only assigned pages that are never highmem (the page comes from alloc_page(GFP_KERNEL) at line 9, without __GFP_HIGHMEM): page_address() is enough [kmap-deprecated]
lowmem_static_local.c:14:2: note: kunmap_atomic() verdict lowmem: releases the mapping of line 12 [kmap-unmap]
 * check-output-end
 */
