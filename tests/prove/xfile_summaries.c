// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-file summaries: the callees are defined in lib/xfile_callees.c. A callee that
 * only reads proves the site; one that keeps the address makes it cross-thread, with
 * the summary named; one that hands it on, or that the definition index cannot find,
 * leaves the site unknown.
 */
#include "kapi.h"

u32 xfile_sum(const u8 *buf, size_t len);
void xfile_keep(void *buf);
void xfile_forward(void *buf);
void xfile_private(void *buf);

u32 xfile_checksum(struct page *page)
{
	u8 *buf = kmap_atomic(page);
	u32 sum = xfile_sum(buf, 64);

	kunmap_atomic(buf);
	return sum;
}

void xfile_stash_page(struct page *page)
{
	void *buf = kmap_atomic(page);

	xfile_keep(buf);
	kunmap_atomic(buf);
}

void xfile_forward_page(struct page *page)
{
	void *buf = kmap_atomic(page);

	xfile_forward(buf);
	kunmap_atomic(buf);
}

void xfile_private_page(struct page *page)
{
	void *buf = kmap_atomic(page);

	xfile_private(buf);
	kunmap_atomic(buf);
}
/*
 * check-name: cross-file summaries: found, summarized, and honest when they cannot tell
 * check-command: kmapcheck scan --no-db $file lib/xfile_callees.c -- -I.
 *
 * check-output-start
xfile_summaries.c:17:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
xfile_summaries.c:20:2: note: kunmap_atomic() verdict safe: releases the mapping of line 17 [kmap-unmap]
xfile_summaries.c:26:14: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: kept by xfile_keep() (summary of lib/xfile_callees.c) at line 28 [kmap-deprecated]
xfile_summaries.c:29:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 26 [kmap-unmap]
xfile_summaries.c:34:14: warning: kmap_atomic() is deprecated; verdict unknown: the address is passed to xfile_forward(), whose summary (lib/xfile_callees.c) cannot tell whether it keeps it at line 36 [kmap-deprecated]
xfile_summaries.c:37:2: note: kunmap_atomic() verdict unknown: releases the mapping of line 34 [kmap-unmap]
xfile_summaries.c:42:14: warning: kmap_atomic() is deprecated; verdict unknown: the address is passed to xfile_private(), which is not analysed at line 44 [kmap-deprecated]
xfile_summaries.c:45:2: note: kunmap_atomic() verdict unknown: releases the mapping of line 42 [kmap-unmap]
 * check-output-end
 *
 * check-error-start
kmapcheck: cross-file: 4 sites stopped at 4 functions of other files; 3 definitions found in 1 files (0 from the store), 3 summarized; 1 files proved again (1 of them without a second parse, 0 kept their first proof); still stopped: 1 sites
 * check-error-end
 */
