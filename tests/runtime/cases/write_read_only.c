/*
 * A write through a mapping made read-only with kmap_local_page_prot().
 * Reported as [fault], naming the mapping.
 */
#include <linux/highmem.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap_local_page_prot(page, PAGE_KERNEL_RO);	/* check-site */

	addr[0] = 1;
	kunmap_local(addr);
	__free_page(page);
	return 0;
}
/*
 * check-name: write through a read-only local mapping
 * check-exit: abort
 * check-report: BUG fault
 */
