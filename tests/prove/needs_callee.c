#include "kapi.h"

static int put_out(void *ubuf, const void *from, size_t len)
{
	return __copy_to_user_inatomic(ubuf, from, len) ? -EFAULT : 0;
}

int read_page(struct page *page, void *ubuf, size_t len)
{
	void *src = kmap_atomic(page);
	int ret = put_out(ubuf, src, len);

	kunmap_atomic(src);
	return ret;
}
/*
 * check-name: the region calls a static function that needs page faults disabled
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
needs_callee.c:10:14: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region relies on page faults disabled (put_out() (it calls __copy_to_user_inatomic() at line 5) at line 11) [kmap-deprecated]
needs_callee.c:13:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 10 [kmap-unmap]
 * check-output-end
 */
