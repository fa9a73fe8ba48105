/*
 * check-name: functions returning a page they do not kmap() stay as they are
 * check-rule: kmap-page-getter-to-address
 *
 * No sites file.  foofs_get_page() is a getter and converts with its
 * caller.  foofs_lock_page() and foofs_pin_page() have the getter body
 * shapes, but lock the page or take a reference instead of mapping it;
 * foofs_map_head() maps a page other than the one it returns.  None of
 * them is a getter, and neither they nor their callers (which look like
 * the callers of a getter) change.
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
extern void get_page(struct page *page);
extern void lock_page(struct page *page);
extern void unlock_page(struct page *page);

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

static struct page *foofs_lock_page(struct inode *dir, unsigned long n)
{
	struct page *page = read_mapping_page(dir->i_mapping, n, NULL);

	if (!IS_ERR(page))
		lock_page(page);
	return page;
}

static struct page *foofs_pin_page(struct inode *dir, unsigned long n)
{
	struct page *page = read_mapping_page(dir->i_mapping, n, NULL);

	if (IS_ERR(page))
		return page;
	get_page(page);
	return page;
}

static struct page *foofs_map_head(struct inode *dir, struct page *head,
				   unsigned long n)
{
	struct page *page = read_mapping_page(dir->i_mapping, n, NULL);

	if (!IS_ERR(page))
		kmap(head);
	return page;
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

u32 foofs_locked_word(struct inode *dir, unsigned long n)
{
	struct page *page = foofs_lock_page(dir, n);
	u32 *words;
	u32 word;

	if (IS_ERR(page))
		return 0;
	words = page_address(page);
	word = words[0];
	unlock_page(page);
	put_page(page);
	return word;
}

u32 foofs_pinned_word(struct inode *dir, unsigned long n)
{
	struct page *page;
	u32 *words;
	u32 word = 0;

	page = foofs_pin_page(dir, n);
	if (!IS_ERR(page)) {
		words = (u32 *)page_address(page);
		word = words[1];
		put_page(page);
		put_page(page);
	}
	return word;
}

u32 foofs_head_word(struct inode *dir, struct page *head, unsigned long n)
{
	struct page *page;
	u32 word;

	page = foofs_map_head(dir, head, n);
	if (IS_ERR(page))
		return 0;
	word = *(u32 *)page_address(page);
	kunmap(head);
	put_page(page);
	return word;
}
