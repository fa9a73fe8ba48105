/*
 * check-name: each accepted getter shape becomes an address getter
 * check-rule: kmap-page-getter-to-address
 *
 * No sites file.  Four static getters, one per accepted body shape:
 * "if (!IS_ERR(page)) kmap(page); return page;", the same with braces and
 * "return (pagep);", and the early return with "return page;" or
 * "return ERR_CAST(page);".  Each becomes a void * getter with a last
 * parameter struct page **pagep (pagep2 in the getter that already says
 * pagep) that returns ERR_CAST() of the error, or stores the page and
 * returns what kmap() returned.  Their callers take the address from the
 * call: a declaration with the test right after it, an assignment in a
 * loop, a declaration followed by another one before a test that returns
 * PTR_ERR(), the address used inline (a new kaddr, declared at the top of
 * the function).  The putter keeps its kunmap(); page_address() calls
 * after the converted one stay.
 */
#include <linux/highmem.h>
#include <linux/err.h>

#define FOOFS_NAME_LEN 28

struct address_space;

struct inode {
	struct address_space *i_mapping;
	unsigned long i_size;
	unsigned long i_ino;
};

struct foofs_dirent {
	u32 inode;
	char name[FOOFS_NAME_LEN];
};

extern struct page *read_mapping_page(struct address_space *mapping,
				      unsigned long index, void *data);
extern void put_page(struct page *page);
extern int foofs_emit(void *ctx, const char *name, unsigned int ino);

static inline void foofs_put_page(struct page *page)
{
	kunmap(page);
	put_page(page);
}

static struct page *foofs_get_page(struct inode *dir, unsigned long n)
{
	struct address_space *mapping = dir->i_mapping;
	struct page *page = read_mapping_page(mapping, n, NULL);

	if (!IS_ERR(page))
		kmap(page);
	return page;
}

static struct page *foofs_get_index(struct inode *dir, unsigned long n)
{
	struct page *pagep = read_mapping_page(dir->i_mapping, n, NULL);

	if (!IS_ERR(pagep)) {
		kmap(pagep);
	}
	return (pagep);
}

static struct page *foofs_get_super(struct inode *dir)
{
	struct page *page;

	page = read_mapping_page(dir->i_mapping, 0, NULL);
	if (IS_ERR(page))
		return page;
	kmap(page);
	return page;
}

static struct page *foofs_get_bitmap(struct inode *dir, unsigned int group)
{
	struct page *page = read_mapping_page(dir->i_mapping, 1 + group, NULL);

	if (IS_ERR(page))
		return ERR_CAST(page);
	kmap(page);
	return page;
}

int foofs_readdir(struct inode *dir, void *ctx)
{
	unsigned long n, npages = dir->i_size >> PAGE_SHIFT;

	for (n = 0; n < npages; n++) {
		char *kaddr, *limit;
		struct page *page = foofs_get_page(dir, n);

		if (IS_ERR(page))
			continue;
		kaddr = (char *)page_address(page);
		limit = kaddr + PAGE_SIZE - sizeof(struct foofs_dirent);
		for (; kaddr <= limit; kaddr += sizeof(struct foofs_dirent)) {
			struct foofs_dirent *de = (struct foofs_dirent *)kaddr;

			if (de->inode && !foofs_emit(ctx, de->name, de->inode)) {
				foofs_put_page(page);
				return 0;
			}
		}
		foofs_put_page(page);
	}
	return 0;
}

struct foofs_dirent *foofs_find(struct inode *dir, const char *name,
				struct page **res_page)
{
	unsigned long n, npages = dir->i_size >> PAGE_SHIFT;
	struct page *page = NULL;
	struct foofs_dirent *de;

	for (n = 0; n < npages; n++) {
		page = foofs_get_page(dir, n);
		if (IS_ERR(page))
			continue;
		de = page_address(page);
		for (; (char *)de < (char *)page_address(page) + PAGE_SIZE; de++)
			if (de->inode && !memcmp(de->name, name, FOOFS_NAME_LEN))
				goto found;
		foofs_put_page(page);
	}
	return NULL;

found:
	*res_page = page;
	return de;
}

int foofs_index_empty(struct inode *dir)
{
	struct page *page = foofs_get_index(dir, 0);
	u32 *slot;

	if (IS_ERR(page)) {
		pr_debug("foofs: no index for %lu\n", dir->i_ino);
		return PTR_ERR(page);
	}
	slot = page_address(page);
	if (*slot) {
		foofs_put_page(page);
		return 0;
	}
	foofs_put_page(page);
	return 1;
}

u32 foofs_magic(struct inode *dir)
{
	struct page *page;
	u32 magic;

	page = foofs_get_super(dir);
	if (IS_ERR(page))
		return 0;
	magic = ((u32 *)page_address(page))[1];
	foofs_put_page(page);
	return magic;
}

unsigned long foofs_free_inodes(struct inode *dir, unsigned int group)
{
	unsigned long count = 0;
	struct page *page;
	u32 *word;

	page = foofs_get_bitmap(dir, group);
	if (!IS_ERR(page)) {
		for (word = (u32 *)page_address(page);
		     (char *)word < (char *)page_address(page) + PAGE_SIZE; word++)
			count += *word == 0;
		foofs_put_page(page);
	}
	return count;
}
