#include "kapi.h"

int compare(struct page *a, struct page *b, size_t len, int fast)
{
	char *pa = kmap_atomic(a);
	char *pb = kmap_atomic(b);
	int ret = memcmp(pa, pb, len);

	if (fast) {
		kunmap_atomic(pa);
		kunmap_atomic(pb);
	} else {
		kunmap_atomic(pb);
		kunmap_atomic(pa);
	}
	return ret;
}
/*
 * check-name: two nested mappings released in the wrong order on one branch only
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
order_one_branch.c:5:13: warning: kmap_atomic() is deprecated; verdict order: not released in LIFO order: kmap_atomic() at line 6 is also live when line 10 unmaps [kmap-deprecated]
order_one_branch.c:6:13: warning: kmap_atomic() is deprecated; verdict order: not released in LIFO order: kmap_atomic() at line 5 is also live when line 10 unmaps [kmap-deprecated]
order_one_branch.c:10:3: warning: kunmap_atomic() verdict order: releases the mapping of line 5 [kmap-unmap]
order_one_branch.c:11:3: warning: kunmap_atomic() verdict order: releases the mapping of line 6 [kmap-unmap]
order_one_branch.c:13:3: warning: kunmap_atomic() verdict order: releases the mapping of line 6 [kmap-unmap]
order_one_branch.c:14:3: warning: kunmap_atomic() verdict order: releases the mapping of line 5 [kmap-unmap]
 * check-output-end
 */
