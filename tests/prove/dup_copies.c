// SPDX-License-Identifier: GPL-2.0
/*
 * A header's site that two including files prove differently: dup_release()'s
 * kunmap_atomic() releases a thread-local mapping here and one that escapes in
 * lib/dup_stash.c. The header is one text for both, so the report keeps the copy
 * that allows least (cross-thread), whichever file is first or ends first.
 */
#include "kapi.h"
#include "dup_release.h"

void dup_clear(struct page *page)
{
	u8 *buf = kmap_atomic(page);

	buf[0] = 0;
	dup_release(buf);
}
/*
 * check-name: a header site proved differently by two includers: the copy that allows least
 * check-command: kmapcheck scan --no-db -j 2 $file lib/dup_stash.c -- -I.
 *
 * check-output-start
dup_copies.c:13:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
dup_release.h:10:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 12 [kmap-unmap]
lib/dup_stash.c:12:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to dup_saved (global) at line 14 [kmap-deprecated]
 * check-output-end
 */
