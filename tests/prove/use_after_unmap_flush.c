// SPDX-License-Identifier: GPL-2.0
/*
 * A page-table page is written under kmap_atomic(), unmapped, and only then is the
 * written line flushed from the cache through the stale address. The flush touches the
 * page after the unmap: not LIFO-and-done, whatever the mapping API. Converting it to
 * kmap_local_page() keeps the bug, so the verdict is unbalanced, not safe.
 */
#include "kapi.h"

static inline void pt_flush_line(volatile void *addr)
{
	asm volatile("clflush %0" : "+m" (*(volatile char *)addr));
}

static void pt_flush(void *addr)
{
	pt_flush_line(addr);
}

void pt_set_entry(struct page *pt, unsigned int index, u32 val)
{
	u32 *v = kmap_atomic(pt);

	v[index] = val;
	kunmap_atomic(v);
	pt_flush(&v[index]);
}

void pt_set_entry_ok(struct page *pt, unsigned int index, u32 val)
{
	u32 *v = kmap_atomic(pt);

	v[index] = val;
	pt_flush(&v[index]);
	kunmap_atomic(v);
}
/*
 * check-name: an address handed to a call after its unmap is a use after the unmap
 * check-command: kmapcheck scan --no-db $file -- -I.
 *
 * check-output-start
use_after_unmap_flush.c:22:11: warning: kmap_atomic() is deprecated; verdict unbalanced: the address is used after the unmap (line 26) [kmap-deprecated]
use_after_unmap_flush.c:25:2: warning: kunmap_atomic() verdict unbalanced: releases the mapping of line 22 [kmap-unmap]
use_after_unmap_flush.c:31:11: warning: kmap_atomic() is deprecated; verdict unknown: the address is passed to pt_flush(), which hands it on to pt_flush_line() (line 17) at line 34 [kmap-deprecated]
use_after_unmap_flush.c:35:2: note: kunmap_atomic() verdict unknown: releases the mapping of line 31 [kmap-unmap]
 * check-output-end
 */
