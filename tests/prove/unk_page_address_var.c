#include "kapi.h"

void blk_locate(char **pos);

/* The variable is reassigned while mapped. */
void blk_fill_two(struct page *page, char *spare)
{
	char *base;

	kmap(page);
	base = page_address(page);
	base[0] = 1;
	base = spare;
	base[0] = 2;
	kunmap(page);
}

/* The variable walks through the page. */
void blk_fill_words(struct page *page, int n)
{
	u32 *w;

	kmap(page);
	w = page_address(page);
	while (n--)
		*w++ = 0;
	kunmap(page);
}

/* The variable's address goes to another function. */
void blk_fill_at(struct page *page)
{
	char *base;

	kmap(page);
	base = page_address(page);
	blk_locate(&base);
	base[0] = 0;
	kunmap(page);
}

/* The page variable is reassigned while mapped. */
void blk_fill_next(struct page **pages)
{
	struct page *page = pages[0];
	char *base;

	kmap(page);
	base = page_address(page);
	base[0] = 0;
	page = pages[1];
	kunmap(page);
}
/*
 * check-name: kmap(page); var = page_address(page); with var or page changing before kunmap()
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_page_address_var.c:10:2: warning: kmap() is deprecated; verdict unknown: the mapping is used through page_address() at line 11, which would not find a kmap_local_page() mapping (base = page_address() could become kmap_local_page(), but base changes at line 13 while mapped) [kmap-deprecated]
unk_page_address_var.c:15:2: note: kunmap() verdict unknown: releases the mapping of line 10 [kmap-unmap]
unk_page_address_var.c:23:2: warning: kmap() is deprecated; verdict unknown: the mapping is used through page_address() at line 24, which would not find a kmap_local_page() mapping (w = page_address() could become kmap_local_page(), but w changes at line 26 while mapped) [kmap-deprecated]
unk_page_address_var.c:27:2: note: kunmap() verdict unknown: releases the mapping of line 23 [kmap-unmap]
unk_page_address_var.c:35:2: warning: kmap() is deprecated; verdict unknown: the mapping is used through page_address() at line 36, which would not find a kmap_local_page() mapping [kmap-deprecated]
unk_page_address_var.c:39:2: note: kunmap() verdict unknown: releases the mapping of line 35 [kmap-unmap]
unk_page_address_var.c:48:2: warning: kmap() is deprecated; verdict unknown: the page expression page is assigned at line 51, before kunmap() at line 52 [kmap-deprecated]
unk_page_address_var.c:52:2: note: kunmap() verdict unknown: releases the mapping of line 48 [kmap-unmap]
 * check-output-end
 */
