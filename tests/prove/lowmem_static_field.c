#include "kapi.h"

/* A field of a static structure of a type this file defines, only ever assigned
 * GFP_KERNEL pages. */
static struct { struct page *pg; int used; } pool;

int pool_init(void)
{
	pool.pg = alloc_page(GFP_KERNEL);
	return pool.pg ? 0 : -ENOMEM;
}

void pool_clear(void)
{
	void *p = kmap_atomic(pool.pg);

	memset(p, 0, 4096);
	kunmap_atomic(p);
}
/*
 * check-name: a field of a static structure only ever assigned lowmem pages
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
lowmem_static_field.c:15:12: warning: kmap_atomic() is deprecated; verdict lowmem: field pg is only assigned pages that are never highmem (the page comes from alloc_page(GFP_KERNEL) at line 9, without __GFP_HIGHMEM): page_address() is enough [kmap-deprecated]
lowmem_static_field.c:18:2: note: kunmap_atomic() verdict lowmem: releases the mapping of line 15 [kmap-unmap]
 * check-output-end
 */
