#include "kapi.h"

struct blk_cache {
	char *last;
};

static char *blk_last_base;

/* The address read back with page_address() is kept in a global. */
void blk_remember(struct page *page)
{
	char *base;

	kmap(page);
	base = page_address(page);
	blk_last_base = base;
	kunmap(page);
}

/* ... or in a structure the caller owns. */
void blk_remember_in(struct blk_cache *c, struct page *page)
{
	char *base;

	kmap(page);
	base = page_address(page);
	c->last = base + 16;
	kunmap(page);
}
/*
 * check-name: kmap(page); var = page_address(page); the address escapes the thread
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_page_address.c:14:2: warning: kmap() is deprecated; verdict cross-thread: the address escapes: stored to blk_last_base (global) at line 16 [kmap-deprecated]
xthread_page_address.c:17:2: warning: kunmap() verdict cross-thread: releases the mapping of line 14 [kmap-unmap]
xthread_page_address.c:25:2: warning: kmap() is deprecated; verdict cross-thread: the address escapes: stored to c->last at line 27 [kmap-deprecated]
xthread_page_address.c:28:2: warning: kunmap() verdict cross-thread: releases the mapping of line 25 [kmap-unmap]
 * check-output-end
 */
