#include "kapi.h"

struct blk_entry {
	u32 ino;
	u32 len;
	char name[8];
};

struct blk_buf {
	struct page *b_page;
	size_t b_off;
};

/* The address comes back through page_address() on the next line, with a cast. */
int blk_make_empty(struct page *page, u32 self, u32 parent)
{
	struct blk_entry *de;
	char *base;

	kmap(page);
	base = (char *)page_address(page);
	memset(base, 0, 4096);
	de = (struct blk_entry *)base;
	de->ino = self;
	de++;
	de->ino = parent;
	kunmap(page);
	return 0;
}

/* A declaration initializer, and a page reached through a structure. */
u32 blk_first_ino(struct blk_buf *bb)
{
	u32 ino;

	kmap(bb->b_page);
	struct blk_entry *de = page_address(bb->b_page);
	ino = de[0].ino;
	kunmap(bb->b_page);
	return ino;
}

/* Mapped and released once per iteration; the error path releases too. */
int blk_check_pages(struct page **pages, int n)
{
	u32 *words;
	int i;

	for (i = 0; i < n; i++) {
		kmap(pages[i]);
		words = page_address(pages[i]);
		if (words[0] == 0) {
			kunmap(pages[i]);
			return -EINVAL;
		}
		kunmap(pages[i]);
	}
	return 0;
}
/* The variable changes only before the map and after the unmap. */
char blk_peek(struct page *page, char *fallback)
{
	char *base = fallback;
	char c;

	kmap(page);
	base = page_address(page);
	c = base[1];
	kunmap(page);
	base = fallback;
	return c + base[0];
}
/*
 * check-name: kmap(page); var = page_address(page); ... kunmap(page): var is the mapping's address
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_page_address.c:20:2: warning: kmap() is deprecated; verdict safe: thread-local, LIFO on 1 path; page_address() at line 21 is the mapping's address; becomes kmap_local_page() [kmap-deprecated]
safe_page_address.c:27:2: note: kunmap() verdict safe: releases the mapping of line 20 [kmap-unmap]
safe_page_address.c:36:2: warning: kmap() is deprecated; verdict safe: thread-local, LIFO on 1 path; page_address() at line 37 is the mapping's address; becomes kmap_local_page() [kmap-deprecated]
safe_page_address.c:39:2: note: kunmap() verdict safe: releases the mapping of line 36 [kmap-unmap]
safe_page_address.c:50:3: warning: kmap() is deprecated; verdict safe: thread-local, LIFO on 3 paths; page_address() at line 51 is the mapping's address; becomes kmap_local_page() [kmap-deprecated]
safe_page_address.c:53:4: note: kunmap() verdict safe: releases the mapping of line 50 [kmap-unmap]
safe_page_address.c:56:3: note: kunmap() verdict safe: releases the mapping of line 50 [kmap-unmap]
safe_page_address.c:66:2: warning: kmap() is deprecated; verdict safe: thread-local, LIFO on 1 path; page_address() at line 67 is the mapping's address; becomes kmap_local_page() [kmap-deprecated]
safe_page_address.c:69:2: note: kunmap() verdict safe: releases the mapping of line 66 [kmap-unmap]
 * check-output-end
 */
