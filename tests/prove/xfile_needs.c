// SPDX-License-Identifier: GPL-2.0
/*
 * What a kmap_atomic() region relies on, through cross-file summaries: a callee that
 * calls a function no file defines only may rely on the disables ("may rely"), one
 * that uses per-CPU data does ("relies"). The callees are in lib/xfile_needs_callees.c.
 */
#include "kapi.h"

u32 xfile_sum_logged(const u8 *buf, size_t len);
u32 xfile_sum_counted(const u8 *buf, size_t len);

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
 * check-name: cross-file summaries say whether a region may rely or relies on the disables
 * check-command: kmapcheck scan --no-db $file lib/xfile_needs_callees.c -- -I.
 *
 * check-output-start
xfile_needs.c:14:12: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region may rely on page faults and preemption disabled (xfile_sum_logged() (summary of lib/xfile_needs_callees.c) at line 15) [kmap-deprecated]
xfile_needs.c:17:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 14 [kmap-unmap]
xfile_needs.c:23:12: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region relies on preemption disabled (xfile_sum_counted() (summary of lib/xfile_needs_callees.c) at line 24) [kmap-deprecated]
xfile_needs.c:26:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 23 [kmap-unmap]
 * check-output-end
 *
 * check-error-start
kmapcheck: cross-file: 2 sites stopped at 2 functions of other files; 2 definitions found in 1 files (0 from the store), 2 summarized; 1 files proved again (1 of them without a second parse, 0 kept their first proof); still stopped: 0 sites
 * check-error-end
 */
