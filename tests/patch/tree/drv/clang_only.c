// SPDX-License-Identifier: GPL-2.0
/*
 * clang_only.c - proven safe, but gcc cannot build it even before conversion:
 * validation cannot say anything about it.
 */
#include "kapi.h"

#ifndef __clang__
#error "this file is built with clang only"
#endif

int middle_byte(struct page *page)
{
	unsigned char *p = kmap_atomic(page);
	int v = p[2048];

	kunmap_atomic(p);
	return v;
}
