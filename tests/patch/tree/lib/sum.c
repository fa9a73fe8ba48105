// SPDX-License-Identifier: GPL-2.0
/* sum.c - a checksum over one page: map, read, unmap. Converts and builds. */
#include "kapi.h"

unsigned int page_sum(struct page *page, size_t len)
{
	unsigned char *p = kmap_atomic(page);
	unsigned int sum = 0;
	size_t i;

	for (i = 0; i < len; i++)
		sum += p[i];
	kunmap_atomic(p);
	return sum;
}
