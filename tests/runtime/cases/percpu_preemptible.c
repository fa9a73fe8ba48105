/*
 * Per-CPU access inside kmap_local_page(), which unlike kmap_atomic()
 * does not disable preemption: reported as [atomic-context] (what
 * CONFIG_DEBUG_PREEMPT says), naming the mapping.
 */
#include <linux/highmem.h>
#include <linux/percpu.h>

static DEFINE_PER_CPU(unsigned long, bytes_seen);

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap_local_page(page);	/* check-site */

	addr[0] = 1;
	*this_cpu_ptr(&bytes_seen) += PAGE_SIZE;
	kunmap_local(addr);
	__free_page(page);
	return 0;
}
/*
 * check-name: this_cpu_ptr() in preemptible code
 * check-exit: fail
 * check-report: BUG atomic-context
 */
