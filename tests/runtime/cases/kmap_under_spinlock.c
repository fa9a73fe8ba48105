/*
 * kmap() under a spinlock: kmap() may sleep waiting for a pool slot.
 * Reported as [sleep-in-atomic], naming the spin_lock() call.
 */
#include <linux/highmem.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(lock);

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr;

	spin_lock(&lock);		/* check-site */
	addr = kmap(page);
	addr[0] = 1;
	kunmap(page);
	spin_unlock(&lock);
	__free_page(page);
	return 0;
}
/*
 * check-name: kmap() under spin_lock()
 * check-exit: fail
 * check-report: BUG sleep-in-atomic
 */
