#include "kapi.h"

void *scratch_copy(const void *src, size_t len)
{
	struct page *page = alloc_pages(GFP_NOFS | __GFP_ZERO, 0);
	char *p;

	if (!page)
		return NULL;
	p = kmap(page);
	memcpy(p, src, len);
	kunmap(page);
	return page;
}

void *user_copy(const void *src, size_t len)
{
	struct page *page = alloc_pages(GFP_HIGHUSER | __GFP_ZERO, 0);
	char *p;

	if (!page)
		return NULL;
	p = kmap(page);
	memcpy(p, src, len);
	kunmap(page);
	return page;
}

void *any_copy(const void *src, size_t len, gfp_t gfp)
{
	struct page *page = alloc_pages(gfp, 0);
	char *p;

	if (!page)
		return NULL;
	p = kmap(page);
	memcpy(p, src, len);
	kunmap(page);
	return page;
}
/*
 * check-name: GFP flags decide: an OR of lowmem flags is lowmem, GFP_HIGHUSER or a variable is not
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
lowmem_flags.c:10:6: warning: kmap() is deprecated; verdict lowmem: the page comes from alloc_pages(GFP_NOFS | __GFP_ZERO) at line 5, without __GFP_HIGHMEM: page_address() is enough [kmap-deprecated]
lowmem_flags.c:12:2: note: kunmap() verdict lowmem: releases the mapping of line 10 [kmap-unmap]
lowmem_flags.c:23:6: warning: kmap() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
lowmem_flags.c:25:2: note: kunmap() verdict safe: releases the mapping of line 23 [kmap-unmap]
lowmem_flags.c:36:6: warning: kmap() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
lowmem_flags.c:38:2: note: kunmap() verdict safe: releases the mapping of line 36 [kmap-unmap]
 * check-output-end
 */
