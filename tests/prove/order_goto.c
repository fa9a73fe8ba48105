#include "kapi.h"

int verify(struct page *a, struct page *b, size_t len)
{
	char *pa, *pb;
	int ret = 0;

	pa = kmap_local_page(a);
	pb = kmap_local_page(b);
	if (memcmp(pa, pb, len)) {
		ret = -EINVAL;
		goto err;
	}
	kunmap_local(pb);
	kunmap_local(pa);
	return 0;
err:
	kunmap_local(pa);
	kunmap_local(pb);
	return ret;
}
/*
 * check-name: the error path of a goto ladder releases out of order
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
order_goto.c:8:7: warning: kmap_local_page() verdict order: not released in LIFO order: kmap_local_page() at line 9 is also live when line 18 unmaps [kmap-map]
order_goto.c:9:7: warning: kmap_local_page() verdict order: not released in LIFO order: kmap_local_page() at line 8 is also live when line 18 unmaps [kmap-map]
order_goto.c:14:2: warning: kunmap_local() verdict order: releases the mapping of line 9 [kmap-unmap]
order_goto.c:15:2: warning: kunmap_local() verdict order: releases the mapping of line 8 [kmap-unmap]
order_goto.c:18:2: warning: kunmap_local() verdict order: releases the mapping of line 8 [kmap-unmap]
order_goto.c:19:2: warning: kunmap_local() verdict order: releases the mapping of line 9 [kmap-unmap]
 * check-output-end
 */
