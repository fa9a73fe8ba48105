// SPDX-License-Identifier: GPL-2.0
/*
 * The shape of linux 6.1's copy_huge_page_from_user(): kmap_atomic() on the branch
 * where the copy must not fault, kmap() on the other, each released on its own
 * branch of a second test. The copy relies on page faults disabled, so the
 * conversion keeps pagefault_disable() inside the kmap_atomic() branches: kmapcheck
 * writes the proof's unmap on the map's line, and the disable rule puts the pair
 * around it.
 */
#include "kapi.h"

unsigned long copy_from_user(void *to, const void *from, unsigned long n);
void pagefault_disable(void);
void pagefault_enable(void);

unsigned long fill_page(struct page *page, const char *usrc, int may_fault)
{
	unsigned long rc;
	char *kaddr;

	if (may_fault)
		kaddr = kmap(page);
	else
		kaddr = kmap_atomic(page);
	rc = copy_from_user(kaddr, usrc, 4096);
	if (may_fault)
		kunmap(page);
	else
		kunmap_atomic(kaddr);
	return rc;
}
