/*
 * A work item that returns between kmap_atomic() and kunmap_atomic(): it
 * leaks the mapping and the disabled preemption.  Reported as [leak],
 * naming the kmap_atomic().
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>

static struct page *page;

static void atomic_work(struct work_struct *w)
{
	char *addr = kmap_atomic(page);	/* check-site */

	addr[0] = 1;
}

static DECLARE_WORK(work, atomic_work);

int main(void)
{
	page = alloc_page(GFP_HIGHUSER);
	schedule_work(&work);
	flush_work(&work);
	__free_page(page);
	return 0;
}
/*
 * check-name: a work item returns inside kmap_atomic()
 * check-exit: ok
 * check-report: WARNING leak
 */
