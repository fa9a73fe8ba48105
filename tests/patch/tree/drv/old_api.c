// SPDX-License-Identifier: GPL-2.0
/* old_api.c - proven safe, but its header has no kmap_local_page(). */
#include "kapi_old.h"

int first_byte(struct page *page)
{
	unsigned char *p = kmap_atomic(page);
	int v = p[0];

	kunmap_atomic(p);
	return v;
}
