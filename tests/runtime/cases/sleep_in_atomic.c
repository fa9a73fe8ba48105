/*
 * A sleep between kmap_atomic() and kunmap_atomic(): preemption is
 * disabled there.  Reported as [sleep-in-atomic], naming the kmap_atomic()
 * that made the context atomic; the run then exits non-zero.
 */
#include <linux/highmem.h>
#include <linux/delay.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap_atomic(page);	/* check-site */

	addr[0] = 1;
	msleep(1);
	kunmap_atomic(addr);
	__free_page(page);
	return 0;
}
/*
 * check-name: msleep() inside kmap_atomic()
 * check-exit: fail
 * check-report: BUG sleep-in-atomic
 */
