#include "kapi.h"

void touch(struct page *page)
{
	char *p = kmap_atomic(page);

	asm volatile("clflush %0" : "+m" (*(volatile char *)p));
	kunmap_atomic(p);
}
/*
 * check-name: inline assembly uses the address
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_asm.c:5:12: warning: kmap_atomic() is deprecated; verdict unknown: the address is used by inline assembly at line 7 [kmap-deprecated]
unk_asm.c:8:2: note: kunmap_atomic() verdict unknown: releases the mapping of line 5 [kmap-unmap]
 * check-output-end
 */
