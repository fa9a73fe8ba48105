/*
 * kunmap_local() given a kmap() address: that slot belongs to the pool
 * and is released with kunmap(page).  Reported as [not-mapped].
 */
#include <linux/highmem.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap(page);	/* check-site */

	addr[0] = 1;
	kunmap_local(addr);
	kunmap(page);
	__free_page(page);
	return 0;
}
/*
 * check-name: kunmap_local() of an address it did not map
 * check-exit: ok
 * check-report: WARNING not-mapped
 */
