#include "kapi.h"

u32 checksum_pages(struct page **pages, int npages, size_t len)
{
	u32 crc = ~0u;
	int i;

	for (i = 0; i < npages; i++) {
		const unsigned char *p = kmap_local_page(pages[i]);

		crc = crc32_le(crc, p, len);
		kunmap_local(p);
	}
	return crc;
}
/*
 * check-name: a loop that maps and unmaps each page
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_loop_each_page.c:9:28: note: kmap_local_page() verdict safe: thread-local, LIFO on 1 path [kmap-map]
safe_loop_each_page.c:12:3: note: kunmap_local() verdict safe: releases the mapping of line 9 [kmap-unmap]
 * check-output-end
 */
