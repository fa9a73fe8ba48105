#include "kapi.h"

struct blk_entry {
	u32 ino;
	u32 len;
};

/* Reads the entry back through page_address(): only a kmap() makes that work. */
static u32 blk_entry_ino(struct page *page, unsigned int n)
{
	struct blk_entry *de = page_address(page);

	return de[n].ino;
}

static u32 blk_last_ino(struct page *page, unsigned int n)
{
	return blk_entry_ino(page, n - 1);
}

u32 blk_first_two(struct page *page)
{
	struct blk_entry *de;
	u32 ino;

	kmap(page);
	de = page_address(page);
	ino = de[0].ino;
	ino += blk_entry_ino(page, 1);
	kunmap(page);
	return ino;
}

u32 blk_sum(struct page *page, unsigned int n)
{
	struct blk_entry *de = kmap(page);
	u32 sum = de[0].len;

	sum += blk_last_ino(page, n);
	kunmap(page);
	return sum;
}
/*
 * check-name: a callee of this file reads the mapped page back with page_address()
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_page_address_callee.c:26:2: warning: kmap() is deprecated; verdict unknown: the mapping is used through page_address() at line 11 in blk_entry_ino(), which would not find a kmap_local_page() mapping (the page goes to blk_entry_ino() at line 29) [kmap-deprecated]
unk_page_address_callee.c:30:2: note: kunmap() verdict unknown: releases the mapping of line 26 [kmap-unmap]
unk_page_address_callee.c:36:25: warning: kmap() is deprecated; verdict unknown: the mapping is used through page_address() at line 11 in blk_entry_ino(), which would not find a kmap_local_page() mapping (the page goes to blk_last_ino() at line 39) [kmap-deprecated]
unk_page_address_callee.c:40:2: note: kunmap() verdict unknown: releases the mapping of line 36 [kmap-unmap]
 * check-output-end
 */
