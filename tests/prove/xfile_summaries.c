// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-file summaries: the callees are defined in lib/xfile_callees.c. A callee that
 * only reads proves the site; one that keeps the address makes it cross-thread, with
 * the summary named; one that hands it on, or that the definition index cannot find,
 * leaves the site unknown. A summary says what a kmap_atomic() region calling the
 * callee relies on, and whether it only may (a call the callee's proof could not see
 * into) or does (per-CPU data).
 */
#include "kapi.h"

u32 xfile_sum(const u8 *buf, size_t len);
void xfile_keep(void *buf);
void xfile_forward(void *buf);
void xfile_private(void *buf);
u32 xfile_sum_logged(const u8 *buf, size_t len);
u32 xfile_sum_counted(const u8 *buf, size_t len);

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
u32 xfile_checksum_logged(struct page *page)
{
	u8 *buf = kmap_atomic(page);
	u32 sum = xfile_sum_logged(buf, 64);

	kunmap_atomic(buf);
	return sum;
}

u32 xfile_checksum_counted(struct page *page)
{
	u8 *buf = kmap_atomic(page);
	u32 sum = xfile_sum_counted(buf, 64);

	kunmap_atomic(buf);
	return sum;
}
/*
 * check-name: cross-file summaries: found, summarized, and honest when they cannot tell
 * check-command: kmapcheck scan --no-db $file lib/xfile_callees.c -- -I.
 *
 * check-output-start
xfile_summaries.c:21:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
xfile_summaries.c:24:2: note: kunmap_atomic() verdict safe: releases the mapping of line 21 [kmap-unmap]
xfile_summaries.c:30:14: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: kept by xfile_keep() (summary of lib/xfile_callees.c) at line 32 [kmap-deprecated]
xfile_summaries.c:33:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 30 [kmap-unmap]
xfile_summaries.c:38:14: warning: kmap_atomic() is deprecated; verdict unknown: the address is passed to xfile_forward(), whose summary (lib/xfile_callees.c) cannot tell whether it keeps it at line 40 [kmap-deprecated]
xfile_summaries.c:41:2: note: kunmap_atomic() verdict unknown: releases the mapping of line 38 [kmap-unmap]
xfile_summaries.c:46:14: warning: kmap_atomic() is deprecated; verdict unknown: the address is passed to xfile_private(), which is not analysed at line 48 [kmap-deprecated]
xfile_summaries.c:49:2: note: kunmap_atomic() verdict unknown: releases the mapping of line 46 [kmap-unmap]
xfile_summaries.c:53:12: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region may rely on page faults and preemption disabled (xfile_sum_logged() (summary of lib/xfile_callees.c) at line 54) [kmap-deprecated]
xfile_summaries.c:56:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 53 [kmap-unmap]
xfile_summaries.c:62:12: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region relies on preemption disabled (xfile_sum_counted() (summary of lib/xfile_callees.c) at line 63) [kmap-deprecated]
xfile_summaries.c:65:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 62 [kmap-unmap]
 * check-output-end
 *
 * check-error-start
kmapcheck: cross-file: 6 sites stopped at 6 functions of other files; 5 definitions found in 1 files (0 from the store), 5 summarized; 1 files proved again (1 of them without a second parse, 0 kept their first proof); still stopped: 1 sites
 * check-error-end
 */
