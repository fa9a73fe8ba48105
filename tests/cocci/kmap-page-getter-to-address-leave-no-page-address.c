/*
 * check-name: a caller that never takes the address keeps the file as it is
 * check-rule: kmap-page-getter-to-address
 *
 * No sites file.  foofs_check() hands the page to a function that finds
 * the address itself: there is no page_address() to take the address from,
 * so the rule does not convert the caller, nor the file.
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

extern int foofs_check_page(struct page *page);

int foofs_check(struct inode *dir, unsigned long n)
{
	struct page *page = foofs_get_page(dir, n);
	int ok;

	if (IS_ERR(page))
		return PTR_ERR(page);
	ok = foofs_check_page(page);
	foofs_put_page(page);
	return ok;
}
