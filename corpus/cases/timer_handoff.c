// SPDX-License-Identifier: GPL-2.0
/*
 * A watchdog run: the status page is mapped with kmap() and a timer callback (another
 * thread, atomic context) stamps a heartbeat into it on every tick; the caller sleeps until
 * the last tick, then stops the timer and unmaps. The address is used from a timer callback:
 * cross-thread.
 */
#include <linux/highmem.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/completion.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define HEARTBEAT	0xbea70000u

struct wdog {
	u32 *status;
	unsigned int ticks, max_ticks;
	struct timer_list timer;
	struct completion done;
};

static void wdog_tick(struct timer_list *t)
{
	struct wdog *w = container_of(t, struct wdog, timer);

	w->status[w->ticks] = HEARTBEAT | w->ticks;
	if (++w->ticks < w->max_ticks)
		mod_timer(&w->timer, jiffies + 1);
	else
		complete(&w->done);
}

static unsigned int wdog_run(struct page *page, unsigned int ticks)
{
	struct wdog w = { .max_ticks = ticks };

	w.status = kmap(page);	/* kmapcheck: cross-thread */
	init_completion(&w.done);
	timer_setup(&w.timer, wdog_tick, 0);
	mod_timer(&w.timer, jiffies + 1);
	wait_for_completion(&w.done);
	del_timer_sync(&w.timer);
	kunmap(page);
	return w.ticks;
}

static int timer_handoff_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u32 got[6];
	unsigned int i, n;
	int ret = 0;

	if (!page)
		return -ENOMEM;
	memzero_page(page, 0, PAGE_SIZE);
	n = wdog_run(page, 5);
	memcpy_from_page((char *)got, page, 0, sizeof(got));
	for (i = 0; i < 6; i++)
		ret |= got[i] != (i < 5 ? (HEARTBEAT | i) : 0);
	if (ret || n != 5) {
		corpus_fail("%u ticks, heartbeats 0x%x .. 0x%x", n, got[0], got[4]);
		ret = 1;
	}
	__free_page(page);
	return ret;
}
CORPUS_CASE(timer_handoff_run);
