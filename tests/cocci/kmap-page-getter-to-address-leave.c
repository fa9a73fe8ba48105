/*
 * check-name: a caller the rule cannot convert keeps the whole file as it is
 * check-rule: kmap-page-getter-to-address
 *
 * No sites file.  foofs_first_word() alone would convert, but
 * foofs_lookup() stores the page through a pointer: the rule only takes a
 * local page variable, and a getter with a new signature and an old caller
 * would not compile, so neither the getter nor any caller changes.
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

int foofs_lookup(struct inode *dir, unsigned long n, struct page **res_page)
{
	*res_page = foofs_get_page(dir, n);
	if (IS_ERR(*res_page))
		return PTR_ERR(*res_page);
	return ((u32 *)page_address(*res_page))[0] != 0;
}
