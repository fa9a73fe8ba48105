/*
 * A single thread kmap()s more pages than the pool has slots and never
 * kunmap()s: nobody can ever free one.  Reported as [pool] instead of
 * hanging (the pool has 8 slots here).
 */
#include <linux/highmem.h>

int main(void)
{
	struct page *pages[9];
	int i;

	for (i = 0; i < 9; i++)
		pages[i] = alloc_page(GFP_HIGHUSER);
	for (i = 0; i < 9; i++)
		kmap(pages[i]);		/* check-site */
	for (i = 0; i < 9; i++)
		kunmap(pages[i]);
	return 0;
}
/*
 * check-name: kmap() pool exhausted by the only thread
 * check-exit: abort
 * check-env: KMAPRT_LAST_PKMAP=8
 * check-report: BUG pool
 */
