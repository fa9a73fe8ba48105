/*
 * check-name: two putters in one file are decided one by one
 * check-rule: kmap-putter-takes-address
 *
 * No sites file.  Every call of barfs_put_page() follows a getter call and
 * converts.  barfs_put_index() is also handed to a table as a function
 * pointer, where no address can be added: it and its call stay.
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

void (*const barfs_index_release)(struct page *page) = barfs_put_index;

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
