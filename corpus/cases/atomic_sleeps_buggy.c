// SPDX-License-Identifier: GPL-2.0
/*
 * Code that is already buggy: a kmap_atomic() region that takes a mutex (which may sleep) to
 * update statistics, so the original sleeps in atomic context and the runtime says so.
 * Expected: safe. Nothing in the region relies on preemption or page faults being off (the
 * mutex is the opposite of relying on it), the address stays local and the release is LIFO;
 * converting to kmap_local_page() keeps the data path and removes the bug.
 */
/* corpus: original-reports sleep-in-atomic */
#include <linux/highmem.h>
#include <linux/mutex.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct scan_stats {
	struct mutex lock;
	unsigned int pages;
	unsigned int max_run;
};

/* Longest run of equal bytes in the page; recorded in the shared statistics. */
static unsigned int page_longest_run(struct scan_stats *st, struct page *page)
{
	unsigned int i, run = 1, best = 1;
	u8 *p;

	p = kmap_atomic(page);	/* kmapcheck: safe */
	for (i = 1; i < PAGE_SIZE; i++) {
		run = p[i] == p[i - 1] ? run + 1 : 1;
		if (run > best)
			best = run;
	}
	mutex_lock(&st->lock);
	st->pages++;
	if (best > st->max_run)
		st->max_run = best;
	mutex_unlock(&st->lock);
	kunmap_atomic(p);
	return best;
}

static int atomic_sleeps_buggy_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct scan_stats st = { .pages = 0 };
	char run[300];
	unsigned int best;
	int ret = 0;

	if (!page)
		return -ENOMEM;
	mutex_init(&st.lock);
	corpus_fill_page(page, 0, PAGE_SIZE, 210);
	memset(run, 0x5a, sizeof(run));
	memcpy_to_page(page, 1234, run, sizeof(run));
	best = page_longest_run(&st, page);
	if (best < 300 || best > 302 || st.pages != 1 || st.max_run != best) {
		corpus_fail("longest run %u, %u pages", best, st.pages);
		ret = 1;
	}
	__free_page(page);
	return ret;
}
CORPUS_CASE(atomic_sleeps_buggy_run);
