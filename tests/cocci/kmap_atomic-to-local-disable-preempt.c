/*
 * check-name: -D preempt keeps preemption disabled around per-CPU work
 * check-rule: kmap_atomic-to-local-disable
 * check-options: -D preempt
 */
#include <linux/highmem.h>

struct pcpu_stats {
	u64 bytes;
	u64 pages;
};

extern struct pcpu_stats *this_cpu_stats(void);

static void account_page(struct page *page, size_t len)
{
	struct pcpu_stats *st;
	u8 *p;

	p = kmap_atomic(page);
	st = this_cpu_stats();
	st->bytes += len;
	st->pages += p[0] != 0;
	kunmap_atomic(p);
}

/* The map is in a loop; each iteration releases its own mapping. */
static void account_pages(struct page **pages, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		u8 *p = kmap_atomic(pages[i]);

		if (!p[0]) {
			kunmap_atomic(p);
			continue;
		}
		this_cpu_stats()->pages++;
		kunmap_atomic(p);
	}
}
