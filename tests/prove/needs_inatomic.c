#include "kapi.h"

/* The shape of the old generic_perform_write() / pipe_write() copies: with page
 * faults disabled the copy returns a short count instead of sleeping. */
size_t copy_in(struct page *page, size_t off, const char *ubuf, size_t len)
{
	char *kaddr = kmap_atomic(page);
	size_t left = __copy_from_user_inatomic(kaddr + off, ubuf, len);

	kunmap_atomic(kaddr);
	return len - left;
}
/*
 * check-name: a kmap_atomic() region calling __copy_from_user_inatomic()
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
needs_inatomic.c:7:16: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region relies on page faults disabled (__copy_from_user_inatomic() at line 8) [kmap-deprecated]
needs_inatomic.c:10:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 7 [kmap-unmap]
 * check-output-end
 */
