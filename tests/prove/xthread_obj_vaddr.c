#include "kapi.h"

struct buf {
	struct page *page;
	void *vaddr;
	size_t len;
};

int buf_open(struct buf *b)
{
	b->vaddr = kmap(b->page);
	return 0;
}

void buf_release(struct buf *b)
{
	kunmap(b->page);
	b->vaddr = NULL;
}
/*
 * check-name: the address stored into obj->vaddr and unmapped in a release function
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_obj_vaddr.c:11:13: warning: kmap() is deprecated; verdict cross-thread: the address escapes: stored to b->vaddr at line 11 [kmap-deprecated]
xthread_obj_vaddr.c:17:2: warning: kunmap() verdict cross-thread: releases the mapping of line 11, made in another function (matched by ->page) [kmap-unmap]
 * check-output-end
 */
