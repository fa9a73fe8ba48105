// SPDX-License-Identifier: GPL-2.0
/*
 * A watchdog that maps a status page with kmap() and lets a timer callback (another thread,
 * atomic context) stamp a heartbeat into it; on its last tick the callback hands the release
 * to a work item, because kunmap() may sleep. The address is used from a timer and released
 * from a work item: cross-thread.
 */
#include <linux/highmem.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/workqueue.h>
#include <linux/completion.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct wdog {
	struct page *page;
	u32 *status;
	unsigned int ticks, max_ticks;
	struct timer_list timer;
	struct work_struct release;
	struct completion done;
};

static void wdog_release_work(struct work_struct *work)
{
	struct wdog *w = container_of(work, struct wdog, release);

	kunmap(w->page);
	w->status = NULL;
	complete(&w->done);
}

static void wdog_tick(struct timer_list *t)
{
	struct wdog *w = container_of(t, struct wdog, timer);

	w->status[w->ticks] = 0xbea70000u | w->ticks;
	if (++w->ticks < w->max_ticks)
		mod_timer(&w->timer, jiffies + 1);
	else
		schedule_work(&w->release);
}

static void wdog_start(struct wdog *w)
{
	w->status = kmap(w->page);	/* kmapcheck: cross-thread */
	w->ticks = 0;
	mod_timer(&w->timer, jiffies + 1);
}

static int timer_handoff_run(void)
{
	struct wdog w = { .page = alloc_page(GFP_HIGHUSER), .max_ticks = 3 };
	u32 got[4];
	int ret = 0;

	if (!w.page)
		return -ENOMEM;
	memzero_page(w.page, 0, PAGE_SIZE);
	timer_setup(&w.timer, wdog_tick, 0);
	INIT_WORK(&w.release, wdog_release_work);
	init_completion(&w.done);
	wdog_start(&w);
	wait_for_completion(&w.done);
	del_timer_sync(&w.timer);
	memcpy_from_page((char *)got, w.page, 0, sizeof(got));
	if (got[0] != 0xbea70000u || got[2] != 0xbea70002u || got[3] != 0) {
		corpus_fail("heartbeats 0x%x 0x%x 0x%x", got[0], got[2], got[3]);
		ret = 1;
	}
	__free_page(w.page);
	return ret;
}
CORPUS_CASE(timer_handoff_run);
