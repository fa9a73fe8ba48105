/*
 * Many threads map concurrently and lose no data: each thread owns pages,
 * writes them through kmap(), kmap_atomic() and nested kmap_local_page()
 * and checks every byte.  The pool has only 16 slots here, so kmap()
 * waits for free slots and flushes on wrap all the time.
 */
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/atomic.h>
#include <linux/delay.h>
#include "check.h"

#define NTHREADS	8
#define NPAGES		6
#define ROUNDS		300

static atomic_t bad, finished;
static DECLARE_COMPLETION(go);

static unsigned char pattern(int t, int p, int r, int i)
{
	return (unsigned char)(t * 37 + p * 11 + r * 3 + i);
}

static int worker(void *data)
{
	int t = (long)data, p, r, i;
	struct page *pages[NPAGES];

	for (p = 0; p < NPAGES; p++)
		pages[p] = alloc_page(GFP_HIGHUSER);
	wait_for_completion(&go);
	for (r = 0; r < ROUNDS; r++) {
		unsigned char *held[3];

		/* Hold three pool slots at once, as a slow kmap() user would. */
		for (p = 0; p < 3; p++) {
			held[p] = kmap(pages[p]);
			for (i = 0; i < (int)PAGE_SIZE; i += 64)
				held[p][i] = pattern(t, p, r, i);
		}
		for (p = 0; p < 3; p++) {
			unsigned char *a = kmap_atomic(pages[p]);
			unsigned char *l = kmap_local_page(pages[p + 3]);

			for (i = 0; i < (int)PAGE_SIZE; i += 64) {
				if (a[i] != pattern(t, p, r, i))
					atomic_inc(&bad);
				l[i] = a[i] ^ 0x5a;
			}
			kunmap_local(l);
			kunmap_atomic(a);
		}
		for (p = 2; p >= 0; p--)
			kunmap(pages[p]);
		for (p = 3; p < NPAGES; p++) {
			unsigned char *l = kmap_local_page(pages[p]);

			for (i = 0; i < (int)PAGE_SIZE; i += 64)
				if (l[i] != (pattern(t, p - 3, r, i) ^ 0x5a))
					atomic_inc(&bad);
			kunmap_local(l);
		}
	}
	for (p = 0; p < NPAGES; p++)
		__free_page(pages[p]);
	atomic_inc(&finished);
	return 0;
}

int main(void)
{
	struct task_struct *tasks[NTHREADS];
	long t;

	for (t = 0; t < NTHREADS; t++)
		tasks[t] = kthread_run(worker, (void *)t, "mapper/%ld", t);
	complete_all(&go);
	/* kthread_stop() before a thread ran would stop it before its function. */
	while (atomic_read(&finished) < NTHREADS)
		msleep(10);
	for (t = 0; t < NTHREADS; t++)
		kthread_stop(tasks[t]);
	CHECK(atomic_read(&bad) == 0);
	CHECK(nr_free_highpages() == totalhigh_pages());
	return check_done();
}
/*
 * check-name: eight threads map concurrently through a 16-slot pool
 * check-exit: ok
 * check-env: KMAPRT_LAST_PKMAP=16
 * check-clean: yes
 */
