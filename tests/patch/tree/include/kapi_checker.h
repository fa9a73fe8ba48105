/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kapi_checker.h - the mapping API with a sparse annotation on the new one:
 * under sparse, kmap_local_page() returns a pointer of another address space,
 * so that a conversion makes sparse warn where it did not before.
 */
#ifndef KAPI_CHECKER_H
#define KAPI_CHECKER_H

#ifdef __CHECKER__
#define __local_space __attribute__((noderef, address_space(__local)))
#else
#define __local_space
#endif

typedef unsigned long size_t;
struct page;

void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);
void __local_space *kmap_local_page(struct page *page);
void kunmap_local(const void *addr);

#endif
