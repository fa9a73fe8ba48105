/*
 * The same local mapping released twice: the second kunmap_local() has
 * nothing to release.  Reported as [double-unmap], naming the mapping.
 */
#include <linux/highmem.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap_local_page(page);	/* check-site */

	addr[10] = 1;
	kunmap_local(addr);
	kunmap_local(addr + 10);
	__free_page(page);
	return 0;
}
/*
 * check-name: kunmap_local() twice
 * check-exit: abort
 * check-report: BUG double-unmap
 */
