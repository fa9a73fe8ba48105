/*
 * check-name: lowmem maps whose unmap the rule cannot find stay mapped
 * check-rule: lowmem-to-page-address
 *
 * Dropping an unmap that belongs to a map the rule did not convert (or the
 * reverse) would unbalance the kmap() pool, so a map released in another
 * function, on some paths only, or after its page variable changed, stays
 * as it is.
 */
#include <linux/highmem.h>

struct log_buf {
	struct page *page;
	char *head;
};

static void log_open(struct log_buf *lb)
{
	lb->page = alloc_page(GFP_KERNEL);
	lb->head = kmap(lb->page);
}

static void log_close(struct log_buf *lb)
{
	kunmap(lb->page);
	__free_page(lb->page);
}

static int log_first(struct page *page)
{
	char *p = kmap_atomic(page);

	if (!p[0])
		return -EINVAL;
	kunmap_atomic(p);
	return 0;
}

static void log_rotate(struct page *page, struct page *next)
{
	char *p = kmap(page);

	p[0] = 0;
	page = next;
	kunmap(page);
}
