/*
 * check-name: a putter that changes its address parameter keeps the file as it is
 * check-rule: kmap-helper-pair-to-local
 *
 * No sites file.  dir_put_entry() is handed a pointer to an entry and
 * rounds it down to the start of the page before doing anything else.
 * Whether the pointer it then holds is the one to release is more than
 * the rule checks: it leaves the whole file alone.
 */
#include <linux/highmem.h>

extern void put_page(struct page *page);
extern void dir_check_page(const char *kaddr);

struct dir {
	struct page **pages;
	unsigned int npages;
};

static char *dir_get_page(struct dir *dir, unsigned int n, struct page **pagep)
{
	struct page *page = dir->pages[n];

	*pagep = page;
	return kmap(page);
}

static void dir_put_entry(struct page *page, char *de)
{
	de -= offset_in_page(de);
	dir_check_page(de);
	kunmap(page);
	put_page(page);
}

int dir_byte_at(struct dir *dir, unsigned int off)
{
	struct page *page;
	char *de = dir_get_page(dir, 0, &page) + off;
	int c = de[0];

	dir_put_entry(page, de);
	return c;
}
