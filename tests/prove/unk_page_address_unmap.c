#include "kapi.h"

void put_page(struct page *page);

static inline void blk_put_page(struct page *page)
{
	kunmap(page);
	put_page(page);
}

/* Released by a put function: there is no kunmap() here to become kunmap_local(). */
int blk_root_ok(struct page *page)
{
	u32 *words;
	int ok;

	kmap(page);
	words = page_address(page);
	ok = words[0] != 0;
	blk_put_page(page);
	return ok;
}

/* The variable's block closes before the kunmap(). */
void blk_mark(struct page *page, int mark)
{
	{
		char *base;

		kmap(page);
		base = page_address(page);
		base[0] = mark;
	}
	kunmap(page);
}
/*
 * check-name: kmap(page); var = page_address(page); released where kunmap_local(var) cannot go
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_page_address_unmap.c:7:2: note: kunmap() verdict unknown: releases the mapping of line 17 [kmap-unmap]
unk_page_address_unmap.c:17:2: warning: kmap() is deprecated; verdict unknown: the mapping is used through page_address() at line 18, which would not find a kmap_local_page() mapping (words = page_address() could become kmap_local_page(), but it is released by blk_put_page() at line 20, where kunmap_local(words) cannot go) [kmap-deprecated]
unk_page_address_unmap.c:30:3: warning: kmap() is deprecated; verdict unknown: the mapping is used through page_address() at line 31, which would not find a kmap_local_page() mapping (base = page_address() could become kmap_local_page(), but base is out of scope at the kunmap() of line 34) [kmap-deprecated]
unk_page_address_unmap.c:34:2: note: kunmap() verdict unknown: releases the mapping of line 30 [kmap-unmap]
 * check-output-end
 */
