/*
 * check-name: only the listed getter and putter sites change; addr= names the address
 * check-rule: kmap-helper-pair-to-local
 * check-site: 41:9
 * check-site: 46:2 addr=kaddr
 * check-site: 55:2 addr=kaddr
 * check-site: 74:2 addr=addr
 * check-site: 79:2 addr=page
 * check-warning: 74:2
 * check-warning: 79:2
 *
 * dir_get_page() and dir_put_page() are listed: the getter maps locally
 * and the putter releases the address named by addr=kaddr.  The putter
 * dir_put_entry() has two other pointer parameters, which plain spatch
 * would refuse; the sites file names kaddr, so it converts.  The name
 * pair name_get_page()/name_put_page() is not listed and stays as it is.
 * bad_put_page() is listed with addr=addr, which is none of its
 * parameters, and bad_put_self() with addr=page, its page itself: both are
 * left alone and reported.
 */
#include <linux/highmem.h>

extern void put_page(struct page *page);
extern void dir_mark_dirty(struct page *page);

struct dir {
	struct page **pages;
	unsigned int npages;
};

struct dir_entry {
	u32 ino;
	char name[28];
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

static void dir_put_entry(struct dir *dir, struct dir_entry *de,
			  struct page *page, void *kaddr)
{
	if (de->ino)
		dir_mark_dirty(page);
	kunmap(page);
	put_page(page);
}

static char *name_get_page(struct dir *dir, unsigned int n)
{
	return (char *)kmap(dir->pages[n]);
}

static void name_put_page(struct page *page, char *kaddr)
{
	kunmap(page);
}

static void bad_put_page(struct page *page, void *kaddr)
{
	/*
	 * The sites file says addr=addr: no such parameter, so no guess.
	 */
	kunmap(page);
}

static void bad_put_self(void *kaddr, struct page *page)
{
	kunmap(page);
}

int dir_first_ino(struct dir *dir)
{
	struct page *page;
	struct dir_entry *de = dir_get_page(dir, 0, &page);
	int ino = de->ino;

	dir_put_entry(dir, de, page, de);
	return ino;
}

char dir_first_char(struct dir *dir)
{
	char *kaddr = name_get_page(dir, 0);
	char c = kaddr[0];

	name_put_page(dir->pages[0], kaddr);
	return c;
}
