/*
 * check-name: every kind of caller of a page getter follows its new signature
 * check-rule: kmap-page-getter-to-address
 *
 * No sites file.  One getter, called in every shape the rule takes:
 * err = PTR_ERR(page) before a test that jumps (with a declaration of the
 * page, so the call moves down past declarations without initialisers,
 * and with an assignment, where the page is locked before the address is
 * stored); the error branch storing the page, returning it, returning
 * ERR_CAST() of it (all take the address instead); the address used
 * inline in a return, an assignment, both parts of a for header or a call
 * (a new variable: kaddr, or kaddr2 where the function already says kaddr,
 * declared with the page or at the top of the function); the !IS_ERR() test
 * with the address stored inside; a loop left with break.  Afterwards page
 * and the address are only read where the page is valid, so the new
 * getter leaving page alone on error changes nothing.
 */
#include <linux/highmem.h>
#include <linux/err.h>

#define FOOFS_NAME_LEN 28

struct address_space;

struct inode {
	struct address_space *i_mapping;
	unsigned long i_size;
	unsigned long i_ino;
	unsigned long i_lookup;
};

struct foofs_dirent {
	u32 inode;
	char name[FOOFS_NAME_LEN];
};

extern struct page *read_mapping_page(struct address_space *mapping,
				      unsigned long index, void *data);
extern void put_page(struct page *page);
extern void lock_page(struct page *page);
extern void unlock_page(struct page *page);
extern int foofs_commit(struct page *page, unsigned int from, unsigned int len);

static inline void foofs_put_page(struct page *page)
{
	kunmap(page);
	put_page(page);
}

static struct page *foofs_get_page(struct inode *dir, unsigned long n)
{
	struct page *page = read_mapping_page(dir->i_mapping, n, NULL);

	if (!IS_ERR(page))
		kmap(page);
	return page;
}

int foofs_first_ino(struct inode *dir, u32 *ino)
{
	struct page *page = foofs_get_page(dir, 0);
	struct foofs_dirent *de;
	int err;

	err = PTR_ERR(page);
	if (IS_ERR(page))
		goto out;
	de = page_address(page);
	*ino = de->inode;
	err = 0;
	foofs_put_page(page);
out:
	return err;
}

int foofs_add_link(struct inode *dir, const char *name, unsigned int ino)
{
	unsigned long n, npages = dir->i_size >> PAGE_SHIFT;
	struct page *page = NULL;
	struct foofs_dirent *de;
	char *kaddr;
	int err;

	for (n = 0; n <= npages; n++) {
		page = foofs_get_page(dir, n);
		err = PTR_ERR(page);
		if (IS_ERR(page))
			goto out;
		lock_page(page);
		kaddr = (char *)page_address(page);
		for (de = (struct foofs_dirent *)kaddr;
		     (char *)de < kaddr + PAGE_SIZE; de++)
			if (!de->inode)
				goto got_it;
		unlock_page(page);
		foofs_put_page(page);
	}
	return -EINVAL;

got_it:
	memcpy(de->name, name, FOOFS_NAME_LEN);
	de->inode = ino;
	err = foofs_commit(page, (char *)de - (char *)page_address(page),
			   sizeof(*de));
	foofs_put_page(page);
out:
	return err;
}

int foofs_compare(struct inode *dir, unsigned long n, const char *kaddr,
		  struct page **bad)
{
	struct page *page;
	int diff;

	page = foofs_get_page(dir, n);
	if (IS_ERR(page)) {
		*bad = page;
		return PTR_ERR(page);
	}
	diff = memcmp(page_address(page), kaddr, FOOFS_NAME_LEN);
	foofs_put_page(page);
	return diff;
}

struct page *foofs_name_page(struct inode *dir, unsigned long n, char **name)
{
	struct page *page = foofs_get_page(dir, n);

	if (IS_ERR(page))
		return page;
	*name = ((struct foofs_dirent *)page_address(page))->name;
	return page;
}

struct foofs_dirent *foofs_entry(struct inode *dir, unsigned long n,
				 unsigned int i, struct page **pagep)
{
	struct page *page;

	page = foofs_get_page(dir, n);
	if (IS_ERR(page))
		return ERR_CAST(page);
	*pagep = page;
	return (struct foofs_dirent *)page_address(page) + i;
}

struct foofs_dirent *foofs_lookup(struct inode *dir, const char *name,
				  struct page **res_page)
{
	unsigned long n = dir->i_lookup, npages = dir->i_size >> PAGE_SHIFT;
	struct page *page = NULL;
	struct foofs_dirent *de;

	do {
		char *kaddr;

		page = foofs_get_page(dir, n);
		if (!IS_ERR(page)) {
			kaddr = (char *)page_address(page);
			for (de = (struct foofs_dirent *)kaddr;
			     (char *)de < kaddr + PAGE_SIZE; de++)
				if (!memcmp(de->name, name, FOOFS_NAME_LEN))
					goto found;
			foofs_put_page(page);
		}
		if (++n >= npages)
			n = 0;
	} while (n != dir->i_lookup);
	return NULL;

found:
	*res_page = page;
	dir->i_lookup = n;
	return de;
}

unsigned long foofs_used(struct inode *dir)
{
	unsigned long n, used = 0;

	for (n = 0; n < dir->i_size >> PAGE_SHIFT; n++) {
		struct page *page = foofs_get_page(dir, n);
		struct foofs_dirent *de;

		if (IS_ERR(page))
			break;
		for (de = (struct foofs_dirent *)page_address(page);
		     (char *)de < (char *)page_address(page) + PAGE_SIZE; de++)
			used += de->inode != 0;
		foofs_put_page(page);
	}
	return used;
}
