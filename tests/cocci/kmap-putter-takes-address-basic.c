/*
 * check-name: a putter taking only the page gets the getter's address from every caller
 * check-rule: kmap-putter-takes-address
 *
 * No sites file.  barfs_put_page() gets a "void *kaddr" parameter and
 * keeps kunmap(page).  Each call hands over the variable the getter call
 * assigned for the same page: in a loop left with continue on error, with
 * an early return inside the loop, through a goto out of the loop, and
 * with the address declared with the getter call (de, an entry pointer).
 */
#include <linux/highmem.h>
#include <linux/err.h>

#define BARFS_NAME_LEN 28

struct address_space;

struct inode {
	struct address_space *i_mapping;
	unsigned long i_size;
};

struct barfs_dirent {
	u32 ino;
	char name[BARFS_NAME_LEN];
};

extern struct page *read_mapping_page(struct address_space *mapping,
				      unsigned long index, void *data);
extern void put_page(struct page *page);
extern void lock_page(struct page *page);
extern void unlock_page(struct page *page);

static inline void barfs_put_page(struct page *page)
{
	kunmap(page);
	put_page(page);
}

static void *barfs_get_page(struct inode *dir, unsigned long n,
			    struct page **pagep)
{
	struct page *page = read_mapping_page(dir->i_mapping, n, NULL);

	if (IS_ERR(page))
		return ERR_CAST(page);
	*pagep = page;
	return kmap(page);
}

int barfs_count(struct inode *dir, const char *name)
{
	unsigned long n, npages = dir->i_size >> PAGE_SHIFT;
	struct page *page;
	int count = 0;

	for (n = 0; n < npages; n++) {
		char *kaddr;
		struct barfs_dirent *de;

		kaddr = barfs_get_page(dir, n, &page);
		if (IS_ERR(kaddr))
			continue;
		de = (struct barfs_dirent *)kaddr;
		if (!de->ino) {
			barfs_put_page(page);
			return -EIO;
		}
		count += !memcmp(de->name, name, BARFS_NAME_LEN);
		barfs_put_page(page);
	}
	return count;
}

u32 barfs_first_ino(struct inode *dir)
{
	struct page *page;
	struct barfs_dirent *de = barfs_get_page(dir, 0, &page);
	u32 ino;

	if (IS_ERR(de))
		return 0;
	ino = de->ino;
	barfs_put_page(page);
	return ino;
}

int barfs_rename_first(struct inode *dir, const char *name, u32 ino)
{
	unsigned long n, npages = dir->i_size >> PAGE_SHIFT;
	struct barfs_dirent *de;
	struct page *page;
	void *kaddr;

	for (n = 0; n < npages; n++) {
		kaddr = barfs_get_page(dir, n, &page);
		if (IS_ERR(kaddr))
			return PTR_ERR(kaddr);
		de = kaddr;
		if (de->ino == ino)
			goto found;
		barfs_put_page(page);
	}
	return -EINVAL;

found:
	lock_page(page);
	memcpy(de->name, name, BARFS_NAME_LEN);
	unlock_page(page);
	barfs_put_page(page);
	return 0;
}
