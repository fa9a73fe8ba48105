/*
 * A local mapping unmapped by a thread that did not make it: the address
 * is only meaningful in its own thread, so the runtime reports [owner].
 */
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/completion.h>

static void *shared;
static DECLARE_COMPLETION(mapped);
static DECLARE_COMPLETION(tried);

static int other(void *data)
{
	wait_for_completion(&mapped);
	kunmap_local(shared);
	complete(&tried);
	return 0;
}

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct task_struct *t = kthread_run(other, NULL, "unmapper");

	shared = kmap_local_page(page);	/* check-site */
	complete(&mapped);
	wait_for_completion(&tried);
	kunmap_local(shared);
	kthread_stop(t);
	__free_page(page);
	return 0;
}
/*
 * check-name: unmapping another thread's local mapping
 * check-exit: ok
 * check-report: WARNING owner
 */
