#include "kapi.h"

/* Already-converted code: an out-of-thread use of a local mapping is a bug today. */
int map_for_caller(struct page *page, void **out)
{
	void *p = kmap_local_page(page);

	*out = p;
	return 0;
}

struct ctx { struct scatterlist sg; };

void to_sg(struct page *page, struct ctx *c, unsigned int len)
{
	void *p = kmap_local_page(page);

	sg_init_one(&c->sg, p, len);
	kunmap_local(p);
}
/*
 * check-name: a local mapping stored through an out parameter or into a caller's scatterlist
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_outparam.c:6:12: warning: kmap_local_page() verdict cross-thread: the address escapes: stored to *out at line 8 [kmap-map]
xthread_outparam.c:16:12: warning: kmap_local_page() verdict cross-thread: the address escapes: stored by sg_init_one() into &c->sg at line 18 [kmap-map]
xthread_outparam.c:19:2: warning: kunmap_local() verdict cross-thread: releases the mapping of line 16 [kmap-unmap]
 * check-output-end
 */
