#include "kapi.h"

void hand_over(struct page *page, size_t len)
{
	void *p = kmap_local_page(page);

	consume_buffer(p, len);
	kunmap_local(p);
}
/*
 * check-name: the address passed to a function the prover cannot see
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_external.c:5:12: note: kmap_local_page() verdict unknown: the address is passed to consume_buffer(), which is not analysed at line 7 [kmap-map]
unk_external.c:8:2: note: kunmap_local() verdict unknown: releases the mapping of line 5 [kmap-unmap]
 * check-output-end
 */
