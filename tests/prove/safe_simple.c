#include "kapi.h"

int copy_one(struct page *page, char *buf, size_t off, size_t len)
{
	char *addr = kmap_atomic(page);

	if (!addr)
		return -EFAULT;
	memcpy(buf, addr + off, len);
	kunmap_atomic(addr);
	return 0;
}
/*
 * check-name: map, copy, unmap: the NULL check cannot fail
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_simple.c:5:15: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_simple.c:10:2: note: kunmap_atomic() verdict safe: releases the mapping of line 5 [kmap-unmap]
 * check-output-end
 */
