/*
 * A local mapping unmapped by a thread that did not make it while that
 * thread has a local mapping of its own: the kernel's kunmap_local()
 * releases the caller's newest slot instead (mm/highmem.c pops its own
 * stack whatever the address), so the runtime warns [owner] and does the
 * same.  The next local mapping of the unmapping thread reuses the slot
 * that was released; the owner's mapping stays valid.
 */
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/string.h>

static void *shared;
static void *reused, *released;
static DECLARE_COMPLETION(mapped);
static DECLARE_COMPLETION(tried);

static int other(void *data)
{
	struct page *own = data;
	void *mine, *again;

	wait_for_completion(&mapped);
	mine = kmap_local_page(own);
	kunmap_local(shared);
	/* mine is gone now: the next mapping takes its slot. */
	again = kmap_local_page(own);
	released = mine;
	reused = again;
	kunmap_local(again);
	complete(&tried);
	return 0;
}

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct page *own = alloc_page(GFP_HIGHUSER);
	struct task_struct *t = kthread_run(other, own, "unmapper");
	int ok;

	shared = kmap_local_page(page);	/* check-site */
	memset(shared, 0x5a, PAGE_SIZE);
	complete(&mapped);
	wait_for_completion(&tried);
	/* The owner's mapping was not touched. */
	ok = ((unsigned char *)shared)[PAGE_SIZE - 1] == 0x5a && reused == released;
	kunmap_local(shared);
	kthread_stop(t);
	__free_page(own);
	__free_page(page);
	return ok ? 0 : 1;
}
/*
 * check-name: unmapping another thread's local mapping releases one's own newest
 * check-exit: ok
 * check-report: WARNING owner
 */
