/*
 * Two threads each hold two kmap()s of a four-slot pool and then want a
 * third: each waits for a slot the other holds.  With
 * KMAPRT_POOL_TIMEOUT=1 the runtime reports [pool] after a second without
 * any kunmap() instead of hanging.
 */
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/completion.h>

static struct page *pages[2][3];
static struct completion holds_two[2];

static int grabber(void *data)
{
	long t = (long)data;
	int i;

	kmap(pages[t][0]);
	kmap(pages[t][1]);
	complete_all(&holds_two[t]);
	wait_for_completion(&holds_two[!t]);
	kmap(pages[t][2]);		/* check-site */
	for (i = 2; i >= 0; i--)
		kunmap(pages[t][i]);
	return 0;
}

int main(void)
{
	struct task_struct *t[2];
	long i, j;

	for (i = 0; i < 2; i++) {
		init_completion(&holds_two[i]);
		for (j = 0; j < 3; j++)
			pages[i][j] = alloc_page(GFP_HIGHUSER);
	}
	for (i = 0; i < 2; i++)
		t[i] = kthread_run(grabber, (void *)i, "grabber/%ld", i);
	/* Both must be running: kthread_stop() first would stop one before it ran. */
	wait_for_completion(&holds_two[0]);
	wait_for_completion(&holds_two[1]);
	kthread_stop(t[0]);
	kthread_stop(t[1]);
	return 0;
}
/*
 * check-name: kmap() pool deadlock between two threads
 * check-exit: abort
 * check-env: KMAPRT_LAST_PKMAP=4 KMAPRT_POOL_TIMEOUT=1
 * check-report: BUG pool
 */
