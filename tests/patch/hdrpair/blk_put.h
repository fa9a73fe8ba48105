/* SPDX-License-Identifier: GPL-2.0 */
/*
 * blk_put.h - putters in a header that two files include: blk.c hands them the
 * mappings it made in the same thread, stash.c one it keeps in a global.
 */
#ifndef BLK_PUT_H
#define BLK_PUT_H

#include "kapi.h"

static inline void blk_put(struct page *page, void *kaddr)
{
	kunmap(page);
}

static inline void blk_release(void *addr)
{
	kunmap_atomic(addr);
}

#endif
