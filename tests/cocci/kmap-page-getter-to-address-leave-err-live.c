/*
 * check-name: PTR_ERR() of a valid page still read keeps the file as it is
 * check-rule: kmap-page-getter-to-address
 *
 * No sites file.  foofs_page_cookie() returns err, set from PTR_ERR(page)
 * before the test, also when the page is valid: that value would change
 * from the page pointer to the address, so the file stays as it is.
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

long foofs_page_cookie(struct inode *dir, unsigned long n)
{
	struct page *page;
	u32 *words;
	long err;

	page = foofs_get_page(dir, n);
	err = PTR_ERR(page);
	if (IS_ERR(page))
		return err;
	words = page_address(page);
	if (!words[0])
		err = 0;
	foofs_put_page(page);
	return err;
}
