/*
 * check-name: page_address() in the file keeps the helper pair as it is
 * check-rule: kmap-helper-pair-to-local
 *
 * No sites file.  The pair itself fits, but dir_last_byte() reads the
 * page the getter mapped through page_address(): that sees the mapping
 * of kmap(), never the one of kmap_local_page(), so the file stays.
 */
#include <linux/highmem.h>

extern void put_page(struct page *page);

struct dir {
	struct page **pages;
	unsigned int npages;
};

static void *dir_get_page(struct dir *dir, unsigned int n, struct page **pagep)
{
	struct page *page = dir->pages[n];

	*pagep = page;
	return kmap(page);
}

static void dir_put_page(struct page *page, void *kaddr)
{
	kunmap(page);
	put_page(page);
}

int dir_last_byte(struct dir *dir)
{
	struct page *page;
	void *kaddr = dir_get_page(dir, 0, &page);
	u8 *last = (u8 *)page_address(page) + PAGE_SIZE - 1;
	int c = *last;

	dir_put_page(page, kaddr);
	return c;
}
