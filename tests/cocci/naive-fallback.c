/*
 * check-name: naive: pairs the same-function rule refuses end with page_address()
 * check-rule: naive
 *
 * One kunmap() would need two different addresses, or the variable is out
 * of scope at the kunmap(), or the map is returned and nothing in the file
 * unmaps it with an address: every kmap() still becomes kmap_local_page(),
 * and the kunmap() the last resort, kunmap_local(page_address(page)), which
 * is wrong for highmem.
 */
#include <linux/highmem.h>

static void pick(struct page *page, bool low, u8 v)
{
	u8 *a, *b;

	if (low) {
		a = kmap(page);
		a[0] = v;
	} else {
		b = kmap(page);
		b[PAGE_SIZE - 1] = v;
	}
	kunmap(page);
}

static void scoped(struct page *page)
{
	{
		char *p = kmap(page);

		p[0] = 0;
	}
	kunmap(page);
}

static void *grab(struct page *page)
{
	return kmap(page);
}
