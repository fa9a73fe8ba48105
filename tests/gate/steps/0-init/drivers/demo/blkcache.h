/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny cache of block pages, the test subject of the gate test: each step of
 * tests/gate/steps changes it the way a real commit would.
 */
#ifndef DEMO_BLKCACHE_H
#define DEMO_BLKCACHE_H

#include <linux/mm.h>

/* A page kept mapped for a reader that runs elsewhere. */
struct blk_window {
	void *addr;
	struct page *page;
};

int blk_check(struct page *page, size_t len);

#endif
