#include "kapi.h"

/*
 * A parse error in one function of the file may hide a store: the field is not
 * proven lowmem, although every store the parser could read is a GFP_KERNEL page.
 */
struct tx_ring {
	struct page *buf;
};

void tx_ring_init(struct tx_ring *r)
{
	r->buf = alloc_page(GFP_KERNEL);
}

void tx_ring_refill(struct tx_ring *r, struct page *page)
{
	r->buf = undeclared_helper(page;
}

void tx_ring_clear(struct tx_ring *r)
{
	void *p = kmap_atomic(r->buf);

	memset(p, 0, 4096);
	kunmap_atomic(p);
}
/*
 * check-name: a parse error in a function of the file keeps its fields from being proven lowmem
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_lowmem_parse_error.c:23:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
unk_lowmem_parse_error.c:26:2: note: kunmap_atomic() verdict safe: releases the mapping of line 23 [kmap-unmap]
 * check-output-end
 */
