#include "kapi.h"

void *buf_map_page(struct page *page)
{
	return kmap(page);
}

static void *local_map(struct page *page)
{
	return kmap_atomic(page);
}

void *user_of_local_map(struct page *page)
{
	void *p = local_map(page);

	return p;
}
/*
 * check-name: an exported function that returns a mapping; a static one whose caller returns it on
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_exported.c:5:9: warning: kmap() is deprecated; verdict cross-thread: the address is returned by buf_map_page() (line 5), which is not static: callers outside this file keep it [kmap-deprecated]
xthread_exported.c:10:9: warning: kmap_atomic() is deprecated; verdict cross-thread: the address is returned by user_of_local_map() (line 17), which is not static: callers outside this file keep it [kmap-deprecated]
 * check-output-end
 */
