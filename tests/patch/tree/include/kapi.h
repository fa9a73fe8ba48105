/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kapi.h - the mapping API as the kernel declares it (linux 6.1), for the patch
 * tests: enough for the prover to read and for gcc and sparse to compile.
 */
#ifndef KAPI_H
#define KAPI_H

typedef unsigned long size_t;
struct page;

void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);
void *kmap_local_page(struct page *page);
void kunmap_local(const void *addr);
void memcpy_to_page(struct page *page, size_t offset, const char *from, size_t len);
void memcpy_from_page(char *to, struct page *page, size_t offset, size_t len);
void *page_address(const struct page *page);
void *memcpy(void *to, const void *from, size_t n);

#endif
