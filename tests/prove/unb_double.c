#include "kapi.h"

void twice(struct page *page, int err)
{
	void *p = kmap_local_page(page);

	memset(p, 0, 64);
	if (err)
		kunmap_local(p);
	kunmap_local(p);
}
/*
 * check-name: an error branch unmaps, then the common path unmaps again
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unb_double.c:5:12: warning: kmap_local_page() verdict unbalanced: unmapped twice (again at line 10) [kmap-map]
unb_double.c:9:3: warning: kunmap_local() verdict unbalanced: releases the mapping of line 5 [kmap-unmap]
unb_double.c:10:2: warning: kunmap_local() verdict unbalanced: releases the mapping of line 5 a second time [kmap-unmap]
 * check-output-end
 */
