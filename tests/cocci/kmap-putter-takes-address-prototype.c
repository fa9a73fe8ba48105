/*
 * check-name: a putter with a prototype in the file gets the new parameter there too
 * check-rule: kmap-putter-takes-address
 *
 * No sites file.  barfs_put_page() is declared before its callers and
 * defined after them; barfs_release() is declared with an unnamed
 * parameter.  Both prototypes follow the definitions (", void *kaddr" and
 * ", void *").
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

static inline void barfs_put_page(struct page *page);
static void barfs_release(struct page *);

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

int barfs_check(struct inode *dir, unsigned long n)
{
	struct page *page;
	char *kaddr = barfs_get_page(dir, n, &page);
	int err = 0;

	if (IS_ERR(kaddr))
		return PTR_ERR(kaddr);
	if (kaddr[0])
		err = -EIO;
	barfs_release(page);
	return err;
}

static inline void barfs_put_page(struct page *page)
{
	kunmap(page);
	put_page(page);
}

static void barfs_release(struct page *page)
{
	unlock_page(page);
	kunmap(page);
	put_page(page);
}
