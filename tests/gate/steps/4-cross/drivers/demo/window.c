// SPDX-License-Identifier: GPL-2.0
/*
 * A window on a cached page for a reader that runs in another context: the
 * address is kept in a global while the window is open.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include "blkcache.h"

static struct blk_window blk_win;

void blk_window_open(struct page *page)
{
	blk_win.page = page;
	blk_win.addr = kmap(page);
}

void blk_window_close(void)
{
	kunmap(blk_win.page);
	blk_win.addr = NULL;
}

u8 blk_window_peek(size_t off)
{
	return blk_win.addr ? ((u8 *)blk_win.addr)[off] : 0;
}
