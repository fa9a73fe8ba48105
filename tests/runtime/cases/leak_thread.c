/*
 * A kthread that returns with a live local mapping.  Reported as [leak]
 * when the thread ends, naming the mapping.
 */
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/completion.h>

static DECLARE_COMPLETION(ran);

static int leaker(void *data)
{
	char *addr = kmap_local_page(data);	/* check-site */

	addr[0] = 1;
	complete(&ran);
	return 0;
}

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct task_struct *t = kthread_run(leaker, page, "leaker");

	/* kthread_stop() before the thread ran would stop it before threadfn. */
	wait_for_completion(&ran);
	kthread_stop(t);
	__free_page(page);
	return 0;
}
/*
 * check-name: a thread ends with a live local mapping
 * check-exit: ok
 * check-report: WARNING leak
 */
