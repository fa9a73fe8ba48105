// SPDX-License-Identifier: GPL-2.0
/*
 * A statistics window: the counters page is mapped with kmap() and its address kept in a
 * static variable for as long as the window is open; the collector, a work item, bumps the
 * counters through that global while the opener sleeps in flush_work(), then the page is
 * unmapped. The address is stored in global memory and used by another thread: cross-thread.
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>
#include <linux/delay.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

enum { ST_READS, ST_WRITES, ST_ERRORS, ST_NR };

static u32 *stats;		/* mapped while a window is open, else NULL */

static void stats_inc(int which)
{
	if (stats)
		stats[which]++;
}

static void stats_collect(struct work_struct *work)
{
	int i;

	for (i = 0; i < 30; i++) {
		stats_inc(i % 3 == 0 ? ST_WRITES : ST_READS);
		if (i % 10 == 9)
			usleep_range(1000, 2000);
	}
	stats_inc(ST_ERRORS);
}

static void stats_window(struct page *page, struct work_struct *collector)
{
	stats = kmap(page);	/* kmapcheck: cross-thread */
	schedule_work(collector);
	flush_work(collector);
	kunmap(page);
	stats = NULL;
}

static int global_static_addr_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	struct work_struct collector;
	u32 got[ST_NR];
	int ret = 0;

	if (!page)
		return -ENOMEM;
	INIT_WORK(&collector, stats_collect);
	stats_window(page, &collector);
	stats_window(page, &collector);
	memcpy_from_page((char *)got, page, 0, sizeof(got));
	if (got[ST_READS] != 40 || got[ST_WRITES] != 20 || got[ST_ERRORS] != 2) {
		corpus_fail("counters %u/%u/%u", got[ST_READS], got[ST_WRITES], got[ST_ERRORS]);
		ret = 1;
	}
	__free_page(page);
	return ret;
}
CORPUS_CASE(global_static_addr_run);
