/*
 * check-name: a kmap() outside a getter's return keeps the whole file as it is
 * check-rule: kmap-helper-pair-to-local
 *
 * No sites file.  dir_get_page() and dir_put_page() alone would convert,
 * but dir_fill() maps a page itself, keeps the address in a variable and
 * releases it through the putter.  Without a proof of how every mapping
 * of the file reaches its unmap, the rule leaves the whole file alone.
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

void dir_fill(struct dir *dir, unsigned int n, int c)
{
	struct page *page = dir->pages[n];
	void *kaddr = kmap(page);

	memset(kaddr, c, PAGE_SIZE);
	dir_put_page(page, kaddr);
}

int dir_first_byte(struct dir *dir)
{
	struct page *page;
	u8 *kaddr = dir_get_page(dir, 0, &page);
	int c = kaddr[0];

	dir_put_page(page, kaddr);
	return c;
}
