#include "kapi.h"

void blk_log(const char *what);

/* Something runs between kmap() and page_address(). */
void blk_zero_late(struct page *page)
{
	char *base;

	kmap(page);
	blk_log("zeroing");
	base = page_address(page);
	memset(base, 0, 4096);
	kunmap(page);
}

/* page_address() plus an offset: not the value kmap_local_page() returns. */
void blk_zero_tail(struct page *page, size_t off)
{
	char *tail;

	kmap(page);
	tail = (char *)page_address(page) + off;
	memset(tail, 0, 4096 - off);
	kunmap(page);
}

/* A second page_address() of the mapped page. */
void blk_copy_head(struct page *page, size_t len)
{
	char *base, *again;

	kmap(page);
	base = page_address(page);
	again = page_address(page);
	memcpy(again + len, base, len);
	kunmap(page);
}
/*
 * check-name: kmap(page); ... page_address(page) in shapes kmap_local_page() cannot take
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_page_address_shape.c:10:2: warning: kmap() is deprecated; verdict unknown: the mapping is used through page_address() at line 12, which would not find a kmap_local_page() mapping [kmap-deprecated]
unk_page_address_shape.c:14:2: note: kunmap() verdict unknown: releases the mapping of line 10 [kmap-unmap]
unk_page_address_shape.c:22:2: warning: kmap() is deprecated; verdict unknown: the mapping is used through page_address() at line 23, which would not find a kmap_local_page() mapping [kmap-deprecated]
unk_page_address_shape.c:25:2: note: kunmap() verdict unknown: releases the mapping of line 22 [kmap-unmap]
unk_page_address_shape.c:33:2: warning: kmap() is deprecated; verdict unknown: the mapping is used through page_address() at line 35, which would not find a kmap_local_page() mapping (only line 34's, right after kmap(), can become kmap_local_page()) [kmap-deprecated]
unk_page_address_shape.c:37:2: note: kunmap() verdict unknown: releases the mapping of line 33 [kmap-unmap]
 * check-output-end
 */
