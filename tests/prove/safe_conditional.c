#include "kapi.h"

int maybe_map(struct page *page, int highmem, char *to, size_t len)
{
	char *vaddr = NULL;
	int mapped = 0;

	if (highmem) {
		vaddr = kmap_local_page(page);
		mapped = 1;
	} else {
		vaddr = page_address(page);
	}
	memcpy(to, vaddr, len);
	if (mapped)
		kunmap_local(vaddr);
	return 0;
}

int maybe_map2(struct page *page, int want, char *to, size_t len)
{
	char *vaddr = NULL;

	if (want)
		vaddr = kmap_local_page(page);
	if (vaddr) {
		memcpy(to, vaddr, len);
		kunmap_local(vaddr);
	}
	return 0;
}
/*
 * check-name: a conditional map and a release under the same condition
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_conditional.c:9:11: note: kmap_local_page() verdict safe: thread-local, LIFO on 1 path [kmap-map]
safe_conditional.c:16:3: note: kunmap_local() verdict safe: releases the mapping of line 9 [kmap-unmap]
safe_conditional.c:25:11: note: kmap_local_page() verdict safe: thread-local, LIFO on 1 path [kmap-map]
safe_conditional.c:28:3: note: kunmap_local() verdict safe: releases the mapping of line 25 [kmap-unmap]
 * check-output-end
 */
