#include "kapi.h"

/* Lowmem, but the region relies on kmap_atomic()'s disabled page faults:
 * page_address() alone would drop them, so this is not a lowmem conversion. */
size_t fill(const char *ubuf, size_t len, struct page **out)
{
	struct page *page = alloc_page(GFP_KERNEL);
	char *p;
	size_t left;

	if (!page)
		return 0;
	p = kmap_atomic(page);
	left = __copy_from_user_inatomic(p, ubuf, len);
	kunmap_atomic(p);
	*out = page;
	return left;
}
/*
 * check-name: lowmem provenance does not hide a dependence on disabled page faults
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
lowmem_needs.c:13:6: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region relies on page faults disabled (__copy_from_user_inatomic() at line 14) [kmap-deprecated]
lowmem_needs.c:15:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 13 [kmap-unmap]
 * check-output-end
 */
