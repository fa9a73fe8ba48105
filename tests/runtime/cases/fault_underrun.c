/*
 * A read just before the start of a locally mapped page (a negative
 * index) hits the guard page in front of the slot.  Reported as
 * [fault-guard], naming the mapping.
 */
#include <linux/highmem.h>
#include <linux/printk.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap_local_page(page);	/* check-site */
	int idx = -8;

	pr_info("%d\n", addr[idx]);
	kunmap_local(addr);
	__free_page(page);
	return 0;
}
/*
 * check-name: access before the start of a local mapping
 * check-exit: abort
 * check-report: BUG fault-guard
 */
