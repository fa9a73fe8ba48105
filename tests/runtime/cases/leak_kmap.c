/*
 * kmap() never kunmap()ed: the slot stays taken for good.  Reported as
 * [leak] at exit, naming the kmap() call.
 */
#include <linux/highmem.h>

static char *keep;

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	keep = kmap(page);		/* check-site */
	keep[0] = 1;
	return 0;
}
/*
 * check-name: kmap() never kunmap()ed at exit
 * check-exit: ok
 * check-report: WARNING leak
 */
