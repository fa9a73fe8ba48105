// SPDX-License-Identifier: GPL-2.0
/* The other includer of blk_put.h: its mappings outlive the function that made them. */
#include "blk_put.h"

void *stash_addr;

void stash_map(struct page *page)
{
	stash_addr = kmap(page);
}

void stash_unmap(struct page *page)
{
	blk_put(page, stash_addr);
}

void stash_map_atomic(struct page *page)
{
	stash_addr = kmap_atomic(page);
}

void stash_unmap_atomic(void)
{
	blk_release(stash_addr);
}
