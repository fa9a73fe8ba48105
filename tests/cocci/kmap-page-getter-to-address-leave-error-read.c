/*
 * check-name: the page read past the error test keeps the file as it is
 * check-rule: kmap-page-getter-to-address
 *
 * No sites file.  foofs_check_all() leaves its loop with break on an
 * error page and then tests the page again: with the new getter, page keeps
 * the previous page there (only the address holds the error), so the file
 * stays as it is.
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

static struct page *foofs_get_page(struct inode *dir, unsigned long n)
{
	struct page *page = read_mapping_page(dir->i_mapping, n, NULL);

	if (!IS_ERR(page))
		kmap(page);
	return page;
}

u32 foofs_first_word(struct inode *dir)
{
	struct page *page = foofs_get_page(dir, 0);
	u32 *words;
	u32 word;

	if (IS_ERR(page))
		return 0;
	words = page_address(page);
	word = words[0];
	foofs_put_page(page);
	return word;
}

int foofs_check_all(struct inode *dir, unsigned long npages)
{
	struct page *page = NULL;
	unsigned long n;
	u32 *words;

	for (n = 0; n < npages; n++) {
		page = foofs_get_page(dir, n);
		if (IS_ERR(page))
			break;
		words = page_address(page);
		if (words[0])
			n++;
		foofs_put_page(page);
	}
	if (IS_ERR(page))
		return PTR_ERR(page);
	return 0;
}
