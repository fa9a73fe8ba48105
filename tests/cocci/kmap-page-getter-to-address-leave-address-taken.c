/*
 * check-name: a getter whose address is taken keeps the file as it is
 * check-rule: kmap-page-getter-to-address
 *
 * No sites file.  foofs_dir_ops holds the getter: a pointer of the old
 * type would call the new function wrongly, so nothing changes.
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

struct foofs_ops {
	struct page *(*get)(struct inode *dir, unsigned long n);
	void (*put)(struct page *page);
};

const struct foofs_ops foofs_dir_ops = {
	.get = foofs_get_page,
	.put = foofs_put_page,
};
