#include "kapi.h"

/* Already-converted code unmapping out of order: a bug in today's kernel. */
void xor_pages(struct page *dst, struct page *src, size_t len)
{
	unsigned long *d = kmap_local_page(dst);
	unsigned long *s = kmap_local_page(src);
	size_t i;

	for (i = 0; i < len / sizeof(long); i++)
		d[i] ^= s[i];
	kunmap_local(d);
	kunmap_local(s);
}
/*
 * check-name: kmap_local_page() released out of order
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
order_local.c:6:21: warning: kmap_local_page() verdict order: not released in LIFO order: kmap_local_page() at line 7 is also live when line 12 unmaps [kmap-map]
order_local.c:7:21: warning: kmap_local_page() verdict order: not released in LIFO order: kmap_local_page() at line 6 is also live when line 12 unmaps [kmap-map]
order_local.c:12:2: warning: kunmap_local() verdict order: releases the mapping of line 6 [kmap-unmap]
order_local.c:13:2: warning: kunmap_local() verdict order: releases the mapping of line 7 [kmap-unmap]
 * check-output-end
 */
