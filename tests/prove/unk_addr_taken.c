#include "kapi.h"

void get_cursor(void **pos);

void walk(struct page *page)
{
	void *p;

	get_cursor(&p);
	p = kmap_local_page(page);
	memset(p, 0, 16);
	kunmap_local(p);
}
/*
 * check-name: the address stored in a local whose address another function holds
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_addr_taken.c:10:6: note: kmap_local_page() verdict unknown: the address is stored into p, whose address was passed to get_cursor(), which is not analysed (line 9) at line 10 [kmap-map]
unk_addr_taken.c:12:2: note: kunmap_local() verdict unknown: releases the mapping of line 10 [kmap-unmap]
 * check-output-end
 */
