/*
 * check-name: a file whose every kmap() and kunmap() is a helper pair converts
 * check-rule: kmap-helper-pair-to-local
 *
 * No sites file.  Every kmap() of the file is a getter's return (one
 * through a cast) and every kunmap() is in a putter whose only other
 * pointer parameter is the address: page first or address first, with
 * other parameters around them, kunmap() on two paths of one putter.  So
 * every one of them converts, each kunmap() to its own putter's address.
 * The callers in between only call the helpers and are not looked at.
 */
#include <linux/highmem.h>

extern void put_page(struct page *page);
extern void set_page_dirty(struct page *page);

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

static const char *name_get_page(struct dir *dir, unsigned int n)
{
	if (n >= dir->npages)
		return NULL;
	return (const char *)kmap(dir->pages[n]);
}

static void name_put_page(const char *name, unsigned int n, struct page *page)
{
	kunmap(page);
}

static void dir_release_page(unsigned int flags, struct page *page,
			     bool dirty, u8 *kaddr)
{
	if (dirty) {
		kaddr[0] |= flags;
		set_page_dirty(page);
		kunmap(page);
		put_page(page);
		return;
	}
	kunmap(page);
	put_page(page);
}

int dir_first_byte(struct dir *dir)
{
	struct page *page;
	u8 *kaddr = dir_get_page(dir, 0, &page);
	int c = kaddr[0];

	if (c)
		dir_release_page(1, page, true, kaddr);
	else
		dir_put_page(page, kaddr);
	return c;
}

char dir_first_name(struct dir *dir)
{
	const char *name = name_get_page(dir, 1);
	char c;

	if (!name)
		return 0;
	c = name[0];
	name_put_page(name, 1, dir->pages[1]);
	return c;
}
