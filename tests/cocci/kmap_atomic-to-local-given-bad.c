/*
 * check-name: a malformed unmaps= word stops spatch instead of converting
 * check-rule: kmap_atomic-to-local
 * check-site: 13 unmaps=15
 * check-error: expected unmaps=LINE:COL[,LINE:COL...], got 'unmaps=15'
 */
#include <linux/highmem.h>

static void clear_first(struct page *page)
{
	u8 *p;

	p = kmap_atomic(page);
	p[0] = 0;
	kunmap_atomic(p);
}
