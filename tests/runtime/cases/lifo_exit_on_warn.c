/*
 * The same out-of-order unmap, with KMAPRT_EXIT_ON_WARN=1: a warning
 * alone must make the program exit non-zero.
 */
#include <linux/highmem.h>

int main(void)
{
	struct page *a = alloc_page(GFP_HIGHUSER), *b = alloc_page(GFP_HIGHUSER);
	void *va, *vb;

	va = kmap_atomic(a);		/* check-site */
	vb = kmap_atomic(b);
	kunmap_atomic(va);
	kunmap_atomic(vb);
	__free_page(b);
	__free_page(a);
	return 0;
}
/*
 * check-name: a warning fails the run when KMAPRT_EXIT_ON_WARN=1
 * check-exit: fail
 * check-env: KMAPRT_EXIT_ON_WARN=1
 * check-report: WARNING lifo
 */
