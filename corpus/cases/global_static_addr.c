// SPDX-License-Identifier: GPL-2.0
/*
 * A statistics page mapped once at (deferred) initialisation with kmap() and kept in a static
 * variable; counters are bumped through it by later calls and the page is unmapped at exit.
 * Initialisation runs from a work item, the updates and the exit from the caller's thread.
 * The address is stored in global memory: cross-thread.
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

enum { ST_READS, ST_WRITES, ST_ERRORS, ST_NR };

static struct page *stats_page;
static u32 *stats;		/* mapped from stats_init() to stats_exit() */

static void stats_init(struct work_struct *work)
{
	stats_page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	if (stats_page)
		stats = kmap(stats_page);	/* kmapcheck: cross-thread */
}

static void stats_inc(int which)
{
	if (stats)
		stats[which]++;
}

static void stats_exit(void)
{
	if (!stats_page)
		return;
	kunmap(stats_page);
	stats = NULL;
}

static int global_static_addr_run(void)
{
	struct work_struct init_work;
	u32 got[ST_NR];
	int i, ret = 0;

	INIT_WORK(&init_work, stats_init);
	schedule_work(&init_work);
	flush_work(&init_work);
	if (!stats_page)
		return -ENOMEM;
	for (i = 0; i < 30; i++)
		stats_inc(i % 3 == 0 ? ST_WRITES : ST_READS);
	stats_inc(ST_ERRORS);
	stats_exit();
	memcpy_from_page((char *)got, stats_page, 0, sizeof(got));
	if (got[ST_READS] != 20 || got[ST_WRITES] != 10 || got[ST_ERRORS] != 1) {
		corpus_fail("counters %u/%u/%u", got[ST_READS], got[ST_WRITES], got[ST_ERRORS]);
		ret = 1;
	}
	__free_page(stats_page);
	return ret;
}
CORPUS_CASE(global_static_addr_run);
