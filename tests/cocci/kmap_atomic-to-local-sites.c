/*
 * check-name: only the selected kmap_atomic() sites and their unmaps change
 * check-rule: kmap_atomic-to-local
 * check-site: 24
 * check-site: 39
 * check-site: 52
 * check-warning: 39
 * check-warning: 52
 *
 * swap_halves() maps two pages; only the first is selected.  In
 * pick_and_clear() both maps share one unmap and only one of them is
 * selected, so neither may change (a kunmap_local() would then release a
 * kmap_atomic() mapping); the rule reports the selected one as left alone.
 * leaky() is selected but has a path without an unmap.
 */
#include <linux/highmem.h>

static void swap_halves(struct page *a, struct page *b)
{
	u8 *pa, *pb;
	u8 tmp[64];
	int i;

	pa = kmap_atomic(a);
	pb = kmap_atomic(b);
	for (i = 0; i < 64; i++) {
		tmp[i] = pa[i];
		pa[i] = pb[i];
		pb[i] = tmp[i];
	}
	kunmap_atomic(pb);
	kunmap_atomic(pa);
}

static void pick_and_clear(struct page *a, struct page *b, bool first)
{
	u8 *p;

	if (first)
		p = kmap_atomic(a);
	else
		p = kmap_atomic(b);
	memset(p, 0, 32);
	kunmap_atomic(p);
}

static int leaky(struct page *page)
{
	u8 *p;
	int ret;

	p = kmap_atomic(page);
	ret = p[0];
	if (ret)
		return ret;
	kunmap_atomic(p);
	return 0;
}
