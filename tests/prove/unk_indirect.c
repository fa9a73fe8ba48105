#include "kapi.h"

struct ops { void (*fill)(void *buf, size_t len); };

void fill_page(struct page *page, const struct ops *ops)
{
	void *p = kmap_atomic(page);

	ops->fill(p, 4096);
	kunmap_atomic(p);
}
/*
 * check-name: the address passed to an indirect call
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_indirect.c:7:12: warning: kmap_atomic() is deprecated; verdict unknown: the address is passed to an indirect call at line 9 [kmap-deprecated]
unk_indirect.c:10:2: note: kunmap_atomic() verdict unknown: releases the mapping of line 7 [kmap-unmap]
 * check-output-end
 */
