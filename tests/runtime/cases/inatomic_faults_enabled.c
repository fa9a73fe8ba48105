/*
 * The naive kmap_atomic() -> kmap_local_page() conversion of a region
 * that calls __copy_from_user_inatomic(): page faults are no longer
 * disabled.  Reported as [atomic-context], naming the mapping.
 */
#include <linux/highmem.h>
#include <linux/uaccess.h>
#include <kmaprt.h>

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char __user *ubuf = kmaprt_user_alloc(PAGE_SIZE);
	char *addr = kmap_local_page(page);	/* check-site */
	unsigned long left;

	left = __copy_from_user_inatomic(addr, ubuf, 128);
	kunmap_local(addr);
	kmaprt_user_free(ubuf);
	__free_page(page);
	return left != 0;
}
/*
 * check-name: __copy_from_user_inatomic() with page faults enabled
 * check-exit: fail
 * check-report: BUG atomic-context
 */
