#include "kapi.h"
#include "lowmem_call_changes.h"

/* the callee may store a highmem page where a lowmem one was */
void slot_clear(struct page_slot *slot)
{
	char *p;

	slot->pg = alloc_page(GFP_KERNEL);
	slot_refill(slot);
	p = kmap_atomic(slot->pg);
	memset(p, 0, 64);
	kunmap_atomic(p);
}

/* without the call, the page is the one just allocated */
void slot_clear_new(struct page_slot *slot)
{
	char *p;

	slot->pg = alloc_page(GFP_KERNEL);
	p = kmap_atomic(slot->pg);
	memset(p, 0, 64);
	kunmap_atomic(p);
}
/*
 * check-name: a call that may write memory forgets that a field held a lowmem page
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
lowmem_call_changes.c:11:6: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
lowmem_call_changes.c:13:2: note: kunmap_atomic() verdict safe: releases the mapping of line 11 [kmap-unmap]
lowmem_call_changes.c:22:6: warning: kmap_atomic() is deprecated; verdict lowmem: the page comes from alloc_page(GFP_KERNEL) at line 21, without __GFP_HIGHMEM: page_address() is enough [kmap-deprecated]
lowmem_call_changes.c:24:2: note: kunmap_atomic() verdict lowmem: releases the mapping of line 22 [kmap-unmap]
 * check-output-end
 */
