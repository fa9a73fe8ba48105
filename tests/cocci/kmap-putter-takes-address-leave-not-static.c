/*
 * check-name: a putter that is not static keeps the file as it is
 * check-rule: kmap-putter-takes-address
 *
 * No sites file.  barfs_put_page() has external linkage, so other files may
 * call it with one argument: nothing changes, although the call in this
 * file would convert.
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

void barfs_put_page(struct page *page)
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
