// SPDX-License-Identifier: GPL-2.0
/*
 * Two proven kmap_atomic() maps share one unmap, and the second map has another
 * unmap written through a macro of the file, which the rules do not see: the second
 * map cannot get its unmaps written, so the first must not either, or its
 * conversion would turn the shared unmap into kunmap_local() while the second map
 * stays kmap_atomic() (and its page faults and preemption stay disabled).
 */
#include "kapi.h"

#define pick_put(p) kunmap_atomic(p)

int pick_clear(struct page *a, struct page *b, int first)
{
	char *p;

	if (first) {
		p = kmap_atomic(a);
	} else {
		p = kmap_atomic(b);
		if (p[0]) {
			pick_put(p);
			return 1;
		}
	}
	p[1] = 0;
	kunmap_atomic(p);
	return 0;
}
