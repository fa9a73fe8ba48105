/*
 * check-name: only the selected kmap() sites change, with their own kunmap()
 * check-rule: kmap-to-local
 * check-site: 23
 * check-site: 36
 * check-site: 44
 * check-warning: 44
 *
 * Both pages of move_entry() are mapped with kmap() and unmapped by page;
 * only the destination is selected, so only its kunmap() may change, and
 * it must take the destination's address.  fill_two() has two unstored
 * maps, the second selected.  dir_check() is selected but leaks on its
 * error path.
 */
#include <linux/highmem.h>

static void move_entry(struct page *dst, struct page *src,
		       unsigned int doff, unsigned int soff, size_t len)
{
	char *to, *from;

	from = kmap(src);
	to = kmap(dst);
	memcpy(to + doff, from + soff, len);
	memset(from + soff, 0, len);
	kunmap(src);
	kunmap(dst);
}

static void fill_two(struct page *a, struct page *b, const void *src)
{
	int n = 32;

	memcpy(kmap(a), src, n);
	kunmap(a);
	memcpy(kmap(b), src, n);
	kunmap(b);
}

static int dir_check(struct page *page)
{
	u32 *p;

	p = kmap(page);
	if (p[0] == 0)
		return -EINVAL;
	kunmap(page);
	return 0;
}
