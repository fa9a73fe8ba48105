#include "kapi.h"

void *last_seen;

void note(struct page *page)
{
	void *p = kmap_local_page(page);

	memcpy(&last_seen, &p, sizeof(p));
	kunmap_local(p);
}
/*
 * check-name: the bytes of a variable holding the address copied by memcpy()
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_copied_pointer.c:7:12: note: kmap_local_page() verdict unknown: the address is in a variable whose address is passed to memcpy() at line 9 [kmap-map]
unk_copied_pointer.c:10:2: note: kunmap_local() verdict unknown: releases the mapping of line 7 [kmap-unmap]
 * check-output-end
 */
