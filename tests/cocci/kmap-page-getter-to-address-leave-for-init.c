/*
 * check-name: an address used first in a for initialiser keeps the file as it is
 * check-rule: kmap-page-getter-to-address
 *
 * No sites file.  In foofs_count_used() the first use of the address is
 * the initialiser "word = page_address(page)" of a for loop, which spatch
 * does not rewrite inline (the rewrite would be partial), so the file stays
 * as it is.
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

unsigned int foofs_count_used(struct inode *dir, unsigned long n)
{
	struct page *page = foofs_get_page(dir, n);
	unsigned int used = 0;
	u32 *word;

	if (IS_ERR(page))
		return 0;
	for (word = page_address(page);
	     (char *)word < (char *)page_address(page) + PAGE_SIZE; word++)
		used += *word != 0;
	foofs_put_page(page);
	return used;
}
