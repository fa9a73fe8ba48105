/*
 * page_address() of a highmem page that is not mapped returns NULL, and
 * code that assumed lowmem dereferences NULL plus an offset.  Reported as
 * [fault-highmem], naming the page_address() call.
 */
#include <linux/mm.h>
#include <linux/printk.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = page_address(page);	/* check-site */

	pr_info("%d\n", addr[100]);
	__free_page(page);
	return 0;
}
/*
 * check-name: dereferencing page_address() of an unmapped highmem page
 * check-exit: abort
 * check-report: BUG fault-highmem
 */
