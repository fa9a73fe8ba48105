#include "kapi.h"

void clear(struct page *page)
{
	void *p = kmap_atomic(page);

	memset(p, 0, 4096);
	kunmap_local(p);
}
/*
 * check-name: kmap_atomic() released by kunmap_local(): preemption and page faults stay disabled
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unb_wrong_api.c:5:12: warning: kmap_atomic() is deprecated; verdict unbalanced: released by kunmap_local() at line 8, which does not match kmap_atomic() [kmap-deprecated]
unb_wrong_api.c:8:2: warning: kunmap_local() verdict unbalanced: releases the mapping of line 5 [kmap-unmap]
 * check-output-end
 */
