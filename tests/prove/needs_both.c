#include "kapi.h"

int fill_from_user(struct page *page, const char *ubuf, size_t len, int *where)
{
	char *p = kmap_atomic(page);
	int ret = 0;

	if (__copy_from_user_inatomic(p, ubuf, len))
		ret = -EFAULT;
	*where = smp_processor_id();
	kunmap_atomic(p);
	return ret;
}
/*
 * check-name: a region that relies on both page faults and preemption disabled
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
needs_both.c:5:12: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 2 paths; the region relies on page faults and preemption disabled (__copy_from_user_inatomic() at line 8, smp_processor_id() at line 10) [kmap-deprecated]
needs_both.c:11:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 5 [kmap-unmap]
 * check-output-end
 */
