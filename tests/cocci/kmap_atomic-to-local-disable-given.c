/*
 * check-name: the disable rule with the unmaps the sites file gives (unmaps=)
 * check-rule: kmap_atomic-to-local-disable
 * check-site: 31 pagefault unmaps=36:3
 * check-site: 47 pagefault preempt unmaps=51:3
 * check-site: 61 preempt unmaps=65:2
 * check-warning: 61
 * check-site: 71 pagefault unmaps=76:2
 * check-warning: 71
 *
 * fill_page() maps with kmap_atomic() on one branch only and releases on
 * another: the rule's own pattern cannot pair them, the given unmap can, and
 * the disables go inside the branches.  sum_pages() leaves its loop when the
 * map fails.  map_cast() casts the call written tight against it: the given
 * rewrite leaves it to the pattern, which does not pair it, so it is reported.
 * byte_map() returns the address: no statement to put the disables after, so
 * neither it nor byte_unmap()'s unmap changes.
 */
#include <linux/highmem.h>

unsigned long copy_in(void *dst, const void *src, unsigned long n);

unsigned long fill_page(struct page *page, const void *src, int may_fault)
{
	unsigned long rc;
	char *kaddr;

	if (may_fault)
		kaddr = kmap(page);
	else
		kaddr = kmap_atomic(page);
	rc = copy_in(kaddr, src, 64);
	if (may_fault)
		kunmap(page);
	else
		kunmap_atomic(kaddr);
	return rc;
}

int sum_pages(struct page **pages, int n)
{
	int i, sum = 0;

	for (i = 0; i < n; i++) {
		u8 *p;

		p = kmap_atomic(pages[i]);
		if (!p)
			break;
		sum += p[0];
		kunmap_atomic(p);
	}
	return sum;
}

int map_cast(struct page *page)
{
	u8 *p;
	int v;

	p = (u8 *)kmap_atomic(page);
	if (!p)
		return 0;
	v = p[0];
	kunmap_atomic(p);
	return v;
}

static u8 *byte_map(struct page *page)
{
	return kmap_atomic(page);
}

static void byte_unmap(u8 *p)
{
	kunmap_atomic(p);
}
