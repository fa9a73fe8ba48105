/*
 * kunmap() once more than kmap(): the kernel's pkmap_count would reach
 * zero without a flush (BUG()).  Reported as [double-unmap].
 */
#include <linux/highmem.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap(page);	/* check-site */

	addr[0] = 1;
	kunmap(page);
	kunmap(page);
	__free_page(page);
	return 0;
}
/*
 * check-name: kunmap() twice
 * check-exit: abort
 * check-report: BUG double-unmap
 */
