#include "kapi.h"

int parse_header(struct page *page, u32 *len)
{
	u32 *hdr = kmap_atomic(page);

	if (hdr[0] != 0x4b4d4150)
		return -EINVAL;
	*len = hdr[1];
	kunmap_atomic(hdr);
	return 0;
}
/*
 * check-name: an early error return leaks the mapping
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unb_leak.c:5:13: warning: kmap_atomic() is deprecated; verdict unbalanced: leaks: still mapped when parse_header() returns at line 8 [kmap-deprecated]
unb_leak.c:10:2: warning: kunmap_atomic() verdict unbalanced: releases the mapping of line 5 [kmap-unmap]
 * check-output-end
 */
