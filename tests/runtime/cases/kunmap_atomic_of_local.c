/*
 * A half-converted site: kmap_local_page() paired with kunmap_atomic(),
 * which re-enables what was never disabled.  Reported as
 * [atomic-context], naming the mapping.
 */
#include <linux/highmem.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap_local_page(page);	/* check-site */

	addr[0] = 1;
	kunmap_atomic(addr);
	__free_page(page);
	return 0;
}
/*
 * check-name: kunmap_atomic() of a kmap_local_page() mapping
 * check-exit: ok
 * check-report: WARNING atomic-context
 */
