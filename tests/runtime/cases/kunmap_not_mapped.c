/*
 * kunmap() of a page that kmap() never mapped: the kernel's
 * BUG_ON(!vaddr).  Reported as [not-mapped] and the program stops.
 */
#include <linux/highmem.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap_local_page(page);

	addr[0] = 1;
	kunmap(page);			/* check-site */
	kunmap_local(addr);
	__free_page(page);
	return 0;
}
/*
 * check-name: kunmap() of a page that is not kmap()ed
 * check-exit: abort
 * check-report: BUG not-mapped
 */
