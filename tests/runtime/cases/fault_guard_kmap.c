/*
 * A copy of two pages through one kmap() of one page: the second page is
 * the pool's guard.  Reported as [fault-guard], naming the kmap().
 */
#include <linux/highmem.h>
#include <linux/printk.h>

static char buf[2 * 4096];

int main(void)
{
	struct page *page = alloc_pages(GFP_HIGHUSER, 1);
	char *addr = kmap(page);	/* check-site */

	memcpy(buf, addr, sizeof(buf));
	pr_info("%d\n", buf[sizeof(buf) - 1]);
	kunmap(page);
	__free_pages(page, 1);
	return 0;
}
/*
 * check-name: access past the end of a kmap() slot
 * check-exit: abort
 * check-report: BUG fault-guard
 */
