/*
 * check-name: only the selected bare kmap() sites with page_address() change
 * check-rule: kmap-to-local
 * check-site: 22:2
 * check-site: 42:2
 * check-warning: 42:2
 *
 * rec_zero() is selected and converts; rec_copy() is not selected and
 * stays, kunmap() included; rec_twice() is selected but reads the mapping
 * back twice, so the rule leaves it and says so.
 */
#include <linux/highmem.h>

struct rec_dir {
	struct page *page;
};

static void rec_zero(struct rec_dir *d)
{
	char *base;

	kmap(d->page);
	base = page_address(d->page);
	memset(base, 0, PAGE_SIZE);
	kunmap(d->page);
}

static void rec_copy(struct rec_dir *d, const void *src, size_t len)
{
	char *base;

	kmap(d->page);
	base = page_address(d->page);
	memcpy(base, src, len);
	kunmap(d->page);
}

static void rec_twice(struct rec_dir *d)
{
	u8 *p, *q;

	kmap(d->page);
	p = page_address(d->page);
	q = page_address(d->page);
	q[1] = p[0];
	kunmap(d->page);
}
