// SPDX-License-Identifier: GPL-2.0
/*
 * fill.c - write a pattern into a page; beside it a mapping kept in a global,
 * which must stay as it is.
 */
#include "kapi.h"

void *last_mapped;

void page_fill(struct page *page, unsigned char v, size_t len)
{
	unsigned char *p = kmap(page);
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = v;
	kunmap(page);
}

void page_keep(struct page *page)
{
	last_mapped = kmap(page);
}
