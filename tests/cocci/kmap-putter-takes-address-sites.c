/*
 * check-name: only the putters whose kunmap is listed change
 * check-rule: kmap-putter-takes-address
 * check-sites-via: define
 * check-site: 39:2
 * check-site: 51
 * check-warning: 51
 *
 * barfs_put_page() is listed by the kunmap of its "kunmap(page);" and
 * converts with its call.  barfs_put_index() would convert too but is not
 * listed: it and its call stay as they are.  barfs_put_entry() is listed,
 * but a call hands it a page parameter: it is left alone and reported.
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

static void barfs_put_index(struct page *page)
{
	kunmap(page);
	put_page(page);
}

static void barfs_put_entry(struct page *page)
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

u32 barfs_first_ino(struct inode *dir)
{
	struct page *page;
	void *kaddr;
	u32 ino;

	kaddr = barfs_get_page(dir, 0, &page);
	if (IS_ERR(kaddr))
		return 0;
	ino = ((struct barfs_dirent *)kaddr)->ino;
	barfs_put_page(page);
	return ino;
}

u32 barfs_index_entry(struct inode *dir, unsigned long n)
{
	struct page *page;
	u32 *index;
	u32 entry;

	index = barfs_get_page(dir, n, &page);
	if (IS_ERR(index))
		return 0;
	entry = index[0];
	barfs_put_index(page);
	return entry;
}

int barfs_clear_entry(struct barfs_dirent *de, struct page *page)
{
	lock_page(page);
	de->ino = 0;
	unlock_page(page);
	barfs_put_entry(page);
	return 0;
}
