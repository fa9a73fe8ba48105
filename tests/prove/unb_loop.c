#include "kapi.h"

int sum_pages(struct page **pages, int n, u32 *out)
{
	u32 sum = 0;
	int i;

	for (i = 0; i < n; i++) {
		u32 *p = kmap_atomic(pages[i]);

		if (!p[0])
			continue;
		sum += p[0];
		kunmap_atomic(p);
	}
	*out = sum;
	return 0;
}
/*
 * check-name: a loop body that skips the unmap with continue
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unb_loop.c:9:12: warning: kmap_atomic() is deprecated; verdict unbalanced: leaks: still mapped when sum_pages() returns at line 17 [kmap-deprecated]
unb_loop.c:14:3: warning: kunmap_atomic() verdict unbalanced: releases the mapping of line 9 [kmap-unmap]
 * check-output-end
 */
