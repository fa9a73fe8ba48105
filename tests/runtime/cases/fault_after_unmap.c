/*
 * A read through a local mapping after kunmap_local().  Reported as
 * [fault-after-unmap], naming the mapping and the unmap.
 */
#include <linux/highmem.h>
#include <linux/printk.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap_local_page(page);	/* check-site */

	addr[0] = 'x';
	kunmap_local(addr);
	pr_info("stale read: %c\n", addr[0]);
	__free_page(page);
	return 0;
}
/*
 * check-name: use of a local mapping after kunmap_local()
 * check-exit: abort
 * check-report: BUG fault-after-unmap
 */
