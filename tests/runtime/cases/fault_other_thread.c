/*
 * A local mapping handed to another thread: while its owner sleeps (here
 * in wait_for_completion()) its slots are switched out, as on a context
 * switch.  Reported as [fault-other-thread], naming the mapping.
 */
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/printk.h>
#include <linux/delay.h>

static char *shared;
static DECLARE_COMPLETION(done);

static int reader(void *data)
{
	/*
	 * Let the owner reach wait_for_completion() and be switched out first;
	 * touching the address while the owner still runs is not the case here.
	 */
	msleep(300);
	pr_info("peek: %d\n", shared[0]);
	complete(&done);
	return 0;
}

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct task_struct *t;

	shared = kmap_local_page(page);	/* check-site */
	shared[0] = 7;
	t = kthread_run(reader, NULL, "reader");
	wait_for_completion(&done);
	kunmap_local(shared);
	kthread_stop(t);
	__free_page(page);
	return 0;
}
/*
 * check-name: another thread reads a switched-out local mapping
 * check-exit: abort
 * check-report: BUG fault-other-thread
 */
