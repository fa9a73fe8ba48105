/*
 * check-name: only the getters whose kmap() is listed change
 * check-rule: kmap-page-getter-to-address
 * check-sites-via: define
 * check-site: 48:3
 * check-site: 78:16
 * check-warning: 78:16
 *
 * foofs_get_page() is listed by its kmap() and converts with its caller.
 * foofs_get_index() would convert too but is not listed: it and its
 * caller stay as they are.  The kmap() of foofs_clear_page() is listed
 * but is no getter's: it is left alone and reported.
 */
#include <linux/highmem.h>
#include <linux/err.h>

struct address_space;

struct inode {
	struct address_space *i_mapping;
	unsigned long i_size;
};

extern struct page *read_mapping_page(struct address_space *mapping,
				      unsigned long index, void *data);
extern void put_page(struct page *page);

static inline void foofs_put_page(struct page *page)
{
	kunmap(page);
	put_page(page);
}

static struct page *foofs_get_index(struct inode *dir, unsigned long n)
{
	struct page *page = read_mapping_page(dir->i_mapping, n, NULL);

	if (!IS_ERR(page))
		kmap(page);
	return page;
}

static struct page *foofs_get_page(struct inode *dir, unsigned long n)
{
	struct page *page = read_mapping_page(dir->i_mapping, n, NULL);

	if (!IS_ERR(page))
		kmap(page);
	return page;
}

u32 foofs_index_word(struct inode *dir, unsigned long n)
{
	struct page *page = foofs_get_index(dir, n);
	u32 word;

	if (IS_ERR(page))
		return 0;
	word = *(u32 *)page_address(page);
	foofs_put_page(page);
	return word;
}

u32 foofs_word(struct inode *dir, unsigned long n)
{
	struct page *page = foofs_get_page(dir, n);
	u32 word;

	if (IS_ERR(page))
		return 0;
	word = *(u32 *)page_address(page);
	foofs_put_page(page);
	return word;
}

void foofs_clear_page(struct page *page)
{
	void *kaddr = kmap(page);

	memset(kaddr, 0, PAGE_SIZE);
	kunmap(page);
}
