/*
 * A write one byte past the end of a locally mapped page lands in the
 * guard page after the slot.  Reported as [fault-guard], naming the
 * mapping.
 */
#include <linux/highmem.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap_local_page(page);	/* check-site */

	memset(addr, 0, PAGE_SIZE + 1);
	kunmap_local(addr);
	__free_page(page);
	return 0;
}
/*
 * check-name: access past the end of a local mapping
 * check-exit: abort
 * check-report: BUG fault-guard
 */
