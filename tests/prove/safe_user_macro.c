#include "kapi.h"

#define MAP_HDR(pg)	((u32 *)kmap_atomic(pg))
#define UNMAP_HDR(p)	kunmap_atomic(p)

u32 header_magic(struct page *page)
{
	u32 *hdr = MAP_HDR(page);
	u32 magic = hdr[0];

	UNMAP_HDR(hdr);
	return magic;
}
/*
 * check-name: sites reached through a driver's own macros
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_user_macro.c:8:13: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path (via macro MAP_HDR) [kmap-deprecated]
safe_user_macro.c:11:2: note: kunmap_atomic() verdict safe: releases the mapping of line 8 (via macro UNMAP_HDR) [kmap-unmap]
 * check-output-end
 */
