/*
 * A kmap() address used after the last kunmap().  The kernel would let
 * this slip until the next pool flush; the runtime reports
 * [fault-after-unmap] at once, naming the kmap().
 */
#include <linux/highmem.h>
#include <linux/printk.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap(page);	/* check-site */

	addr[0] = 'x';
	kunmap(page);
	pr_info("stale read: %c\n", addr[0]);
	__free_page(page);
	return 0;
}
/*
 * check-name: use of a kmap() address after kunmap()
 * check-exit: abort
 * check-report: BUG fault-after-unmap
 */
