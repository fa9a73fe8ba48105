/*
 * A local mapping unmapped by a thread that did not make it and has none
 * of its own: the kernel's kunmap_local() pops the calling task's empty
 * stack and stops at BUG_ON(idx < 0); the runtime reports [owner] and
 * stops too.
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
 * check-name: unmapping another thread's local mapping with none of one's own
 * check-exit: abort
 * check-report: BUG owner
 */
