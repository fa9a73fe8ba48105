/*
 * Two nested local mappings released oldest first: the kernel's
 * kunmap_local() would clear the wrong slot; the runtime reports [lifo].
 */
#include <linux/highmem.h>

int main(void)
{
	struct page *a = alloc_page(GFP_HIGHUSER), *b = alloc_page(GFP_HIGHUSER);
	char *va, *vb;

	va = kmap_local_page(a);	/* check-site */
	vb = kmap_local_page(b);
	memcpy(vb, va, 64);
	kunmap_local(va);		/* out of order */
	kunmap_local(vb);
	__free_page(b);
	__free_page(a);
	return 0;
}
/*
 * check-name: unmapping local mappings out of LIFO order
 * check-exit: ok
 * check-report: WARNING lifo
 */
