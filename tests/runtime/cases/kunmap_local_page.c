/*
 * kunmap_local() takes an address inside the mapped page, never the
 * struct page: as in the kernel, passing the page does not compile.
 */
#include <linux/highmem.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char *addr = kmap_local_page(page);

	addr[0] = 1;
	kunmap_local(page);
	__free_page(page);
	return 0;
}
/*
 * check-name: kunmap_local(struct page *) is a build error
 * check-exit: compile-fail
 */
