// SPDX-License-Identifier: GPL-2.0
/* checked.c - proven safe; after conversion sparse sees another address space. */
#include "kapi_checker.h"

int last_byte(struct page *page)
{
	unsigned char *p = kmap_atomic(page);
	int v = p[4095];

	kunmap_atomic(p);
	return v;
}
