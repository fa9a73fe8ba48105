/*
 * The same for kunmap_atomic(): passing the page is a build error.
 */
#include <linux/highmem.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap_atomic(page);

	addr[0] = 1;
	kunmap_atomic(page);
	__free_page(page);
	return 0;
}
/*
 * check-name: kunmap_atomic(struct page *) is a build error
 * check-exit: compile-fail
 */
