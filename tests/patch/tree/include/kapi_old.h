/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kapi_old.h - a header from before kmap_local_page(): it declares only the old
 * API, so a conversion compiles no more (an implicit declaration).
 */
#ifndef KAPI_OLD_H
#define KAPI_OLD_H

typedef unsigned long size_t;
struct page;

void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);

#endif
