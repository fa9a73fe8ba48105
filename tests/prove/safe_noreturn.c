#include "kapi.h"

void must_be_zero(struct page *page, size_t len)
{
	char *p = kmap_local_page(page);

	if (p[0])
		BUG();
	if (p[1])
		panic("page %p not clear", page);
	memset(p, 0, len);
	kunmap_local(p);
}
/*
 * check-name: a path that ends in BUG() or panic() does not leak
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_noreturn.c:5:12: note: kmap_local_page() verdict safe: thread-local, LIFO on 1 path [kmap-map]
safe_noreturn.c:12:2: note: kunmap_local() verdict safe: releases the mapping of line 5 [kmap-unmap]
 * check-output-end
 */
