#include "kapi.h"

struct page *next_page(struct page *page);

void walk_two(struct page *page)
{
	char *p = kmap(page);

	p[0] = 0;
	page = next_page(page);
	kunmap(page);
}
/*
 * check-name: the page variable is reassigned between kmap() and kunmap()
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_page_reassigned.c:7:12: warning: kmap() is deprecated; verdict unknown: the page expression page is assigned at line 10, before kunmap() at line 11 [kmap-deprecated]
unk_page_reassigned.c:11:2: note: kunmap() verdict unknown: releases the mapping of line 7 [kmap-unmap]
 * check-output-end
 */
