// SPDX-License-Identifier: GPL-2.0
/*
 * A file proved again for a cross-file summary: the first proof stops at
 * xfile_sum(), defined in another file, and lowers a header's inline function on
 * demand for the other site. The file then waits, parsed, for the summary and is
 * proved again on the same translation unit (with KMAPCHECK_PARK_MAX=0 it is
 * parsed again instead; tests/store.sh compares the two): the inline function
 * the first proof lowered is proved with again. (This file and four directories
 * of linux 6.1 give the same output whether or not cx_relist() takes the lowered
 * functions out of tu->funcs first: it keeps the second proof's start equal to a
 * fresh parse's by construction, which no test here tells apart.)
 */
#include "kapi.h"
#include "xfile_inline.h"

u32 xfile_sum(const u8 *buf, size_t len);

u32 xfile_block_checksum(struct page *page)
{
	u8 *buf = kmap_atomic(page);
	u32 sum = xfile_sum(buf, 64);

	kunmap_atomic(buf);
	return sum;
}

void xfile_block_clear(struct page *page)
{
	u8 *buf = kmap_atomic(page);

	xfile_clear_block(buf);
	kunmap_atomic(buf);
}
/*
 * check-name: cross-file summaries: a file proved again in place, with a header function lowered on demand
 * check-command: kmapcheck scan --no-db $file lib/xfile_callees.c -- -I.
 *
 * check-output-start
xfile_inline.c:20:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
xfile_inline.c:23:2: note: kunmap_atomic() verdict safe: releases the mapping of line 20 [kmap-unmap]
xfile_inline.c:29:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
xfile_inline.c:32:2: note: kunmap_atomic() verdict safe: releases the mapping of line 29 [kmap-unmap]
 * check-output-end
 *
 * check-error-start
1 files proved again (1 of them without a second parse, 0 kept their first proof)
 * check-error-end
 */
