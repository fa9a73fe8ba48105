/*
 * A kmap() address kept past kunmap() and a pool flush: the slot no
 * longer belongs to the page.  Reported as [fault-highmem] (stale pool
 * slot), naming the kmap().
 */
#include <linux/highmem.h>
#include <linux/printk.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap(page);	/* check-site */

	addr[0] = 'x';
	kunmap(page);
	kmap_flush_unused();
	pr_info("%c\n", addr[0]);
	__free_page(page);
	return 0;
}
/*
 * check-name: access through a flushed kmap() pool slot
 * check-exit: abort
 * check-report: BUG fault-highmem
 */
