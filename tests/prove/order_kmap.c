#include "kapi.h"

void copy_page_pair(struct page *dst, struct page *src)
{
	char *to = kmap(dst);
	char *from = kmap(src);

	memcpy(to, from, 4096);
	kunmap(dst);
	kunmap(src);
}
/*
 * check-name: kmap() pairs released out of order: legal today, not once converted
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
order_kmap.c:5:13: warning: kmap() is deprecated; verdict order: not released in LIFO order: kmap() at line 6 is also live when line 9 unmaps (legal for kmap(), but kmap_local_page() needs LIFO) [kmap-deprecated]
order_kmap.c:6:15: warning: kmap() is deprecated; verdict order: not released in LIFO order: kmap() at line 5 is also live when line 9 unmaps (legal for kmap(), but kmap_local_page() needs LIFO) [kmap-deprecated]
order_kmap.c:9:2: warning: kunmap() verdict order: releases the mapping of line 5 [kmap-unmap]
order_kmap.c:10:2: warning: kunmap() verdict order: releases the mapping of line 6 [kmap-unmap]
 * check-output-end
 */
