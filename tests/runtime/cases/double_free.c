/*
 * A page freed twice: its reference count would go below zero.  Reported
 * as [page] at the second free.
 */
#include <linux/gfp.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	__free_page(page);
	__free_page(page);		/* check-site */
	return 0;
}
/*
 * check-name: a page freed twice
 * check-exit: abort
 * check-report: BUG page
 */
