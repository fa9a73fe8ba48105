#include "kapi.h"

static char *last_buf;

void remember(struct page *page, size_t off)
{
	char *p = kmap_atomic(page);

	last_buf = p + off;
	kunmap_atomic(p);
}

void remember_local(struct page *page)
{
	static void *saved;
	void *p = kmap_local_page(page);

	saved = p;
	kunmap_local(p);
}
/*
 * check-name: a derived pointer stored into a global or static variable
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_global.c:7:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_buf (global) at line 9 [kmap-deprecated]
xthread_global.c:10:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 7 [kmap-unmap]
xthread_global.c:16:12: warning: kmap_local_page() verdict cross-thread: the address escapes: stored to saved (global) at line 18 [kmap-map]
xthread_global.c:19:2: warning: kunmap_local() verdict cross-thread: releases the mapping of line 16 [kmap-unmap]
 * check-output-end
 */
