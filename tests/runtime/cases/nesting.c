/*
 * Seventeen nested local mappings: the per-task stack holds KM_MAX_IDX
 * (16).  Reported as [nesting] with the stack of live mappings.
 */
#include <linux/highmem.h>

int main(void)
{
	struct page *pages[KM_MAX_IDX + 1];
	void *addr[KM_MAX_IDX + 1];
	int i;

	for (i = 0; i <= KM_MAX_IDX; i++)
		pages[i] = alloc_page(GFP_HIGHUSER);
	for (i = 0; i <= KM_MAX_IDX; i++)
		addr[i] = kmap_local_page(pages[i]);	/* check-site */
	for (i = KM_MAX_IDX; i >= 0; i--)
		kunmap_local(addr[i]);
	return 0;
}
/*
 * check-name: more than KM_MAX_IDX nested local mappings
 * check-exit: abort
 * check-report: BUG nesting
 */
