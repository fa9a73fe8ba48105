/*
 * A work item that returns with a live local mapping: the worker reports
 * [leak] when the item ends, as the kernel reports a leaked atomic.
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>

struct job {
	struct work_struct work;
	struct page *page;
};

static void job_fn(struct work_struct *work)
{
	struct job *job = container_of(work, struct job, work);
	char *addr = kmap_local_page(job->page);	/* check-site */

	addr[0] = 2;
}

int main(void)
{
	struct job job = { .page = alloc_page(GFP_HIGHUSER) };

	INIT_WORK(&job.work, job_fn);
	schedule_work(&job.work);
	flush_work(&job.work);
	__free_page(job.page);
	return 0;
}
/*
 * check-name: a work item ends with a live local mapping
 * check-exit: ok
 * check-report: WARNING leak
 */
