#include "kapi.h"

/* kmap() first, kmap_atomic() inside it, kunmap() before kunmap_atomic(): the
 * atomic mapping is fine either way; the kmap() cannot become kmap_local_page(). */
void mixed(struct page *big, struct page *small, size_t len)
{
	char *b = kmap(big);
	char *s = kmap_atomic(small);

	memcpy(s, b, len);
	kunmap(big);
	kunmap_atomic(s);
}
/*
 * check-name: kmap() released under a live kmap_atomic()
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
order_mixed.c:7:12: warning: kmap() is deprecated; verdict order: not released in LIFO order: kmap_atomic() at line 8 is also live when line 11 unmaps (legal for kmap(), but kmap_local_page() needs LIFO) [kmap-deprecated]
order_mixed.c:8:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
order_mixed.c:11:2: warning: kunmap() verdict order: releases the mapping of line 7 [kmap-unmap]
order_mixed.c:12:2: note: kunmap_atomic() verdict safe: releases the mapping of line 8 [kmap-unmap]
 * check-output-end
 */
