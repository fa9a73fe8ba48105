#include "kapi.h"

void put_bytes(struct page *page, size_t off, const char *from, size_t len)
{
	memcpy(kmap(page) + off, from, len);
	flush_dcache_page(page);
	kunmap(page);
}
/*
 * check-name: kmap() whose address is never stored, released by page
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_unstored.c:5:9: warning: kmap() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_unstored.c:7:2: note: kunmap() verdict safe: releases the mapping of line 5 [kmap-unmap]
 * check-output-end
 */
