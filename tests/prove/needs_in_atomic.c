#include "kapi.h"

void scrub(struct page *page, size_t len)
{
	char *p = kmap_atomic(page);

	if (!in_atomic())
		mutex_lock(NULL);
	memset(p, 0, len);
	kunmap_atomic(p);
}
/*
 * check-name: a region that asks in_atomic(): its answer changes under kmap_local_page()
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
needs_in_atomic.c:5:12: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 2 paths; the region relies on page faults and preemption disabled (in_atomic() at line 7) [kmap-deprecated]
needs_in_atomic.c:10:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 5 [kmap-unmap]
 * check-output-end
 */
