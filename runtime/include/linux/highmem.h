/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The highmem mapping API, the kernel's contract with the kernel's names.
 * This file documents it; highmem-internal.h implements it by calling the
 * runtime, which checks every rule stated here and reports a break.
 */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/bug.h>
#include <linux/cacheflush.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/hardirq.h>
/* Kernel code gets kmalloc() through highmem.h's many includes; so does it here. */
#include <linux/slab.h>

#include "highmem-internal.h"

/*
 * kmap(page) - map a page for long-term use.
 * Context: process context; might sleep (when all LAST_PKMAP slots are in
 * use it waits for a kunmap()).  Return: an address valid in every thread
 * until kunmap(page).  Mapping a page that is already mapped reuses its
 * slot and takes another reference.
 *
 * kunmap(page) - drop a reference taken by kmap(); takes the page.
 *
 * kmap_local_page(page) - map a page for temporary use by this thread.
 * Context: any.  Return: an address valid only in the calling thread until
 * kunmap_local().  Mappings nest as a stack of at most KM_MAX_IDX entries
 * and must be released in reverse order:
 *
 *	addr1 = kmap_local_page(page1);
 *	addr2 = kmap_local_page(page2);
 *	...
 *	kunmap_local(addr2);
 *	kunmap_local(addr1);
 *
 * kunmap_local(addr) - release a local mapping; @addr may be any address
 * inside the mapped page, never the struct page.
 *
 * kmap_atomic(page) - kmap_local_page() which also disables preemption and
 * page faults; kunmap_atomic(addr) re-enables them.  Deprecated: code that
 * needs those side effects must ask for them explicitly.
 *
 * kmap_local_folio(folio, offset) - map the page of @folio holding @offset;
 * returns the address of @offset.  kmap_local_pfn(), kmap_atomic_pfn() map
 * a frame by number; the *_prot variants take a protection (PAGE_KERNEL_RO
 * makes a write fault).
 */

void kmaprt_memcpy_page(struct page *dst, size_t dst_off, struct page *src,
			size_t src_off, size_t len, const struct kmaprt_site *site);
void kmaprt_memset_page(struct page *page, size_t offset, int val, size_t len,
			const char *api, const struct kmaprt_site *site);
void kmaprt_memcpy_from_page(char *to, struct page *page, size_t offset,
			     size_t len, const struct kmaprt_site *site);
void kmaprt_memcpy_to_page(struct page *page, size_t offset, const char *from,
			   size_t len, const struct kmaprt_site *site);
void kmaprt_copy_highpage(struct page *to, struct page *from,
			  const struct kmaprt_site *site);
void kmaprt_zero_user_segments(struct page *page, unsigned int start1,
			       unsigned int end1, unsigned int start2,
			       unsigned int end2, const struct kmaprt_site *site);

#define memcpy_page(dpage, doff, spage, soff, len)			\
	kmaprt_memcpy_page((dpage), (doff), (spage), (soff), (len), KMAPRT_SITE)
#define memset_page(page, off, val, len)				\
	kmaprt_memset_page((page), (off), (val), (len), "memset_page", KMAPRT_SITE)
#define memzero_page(page, off, len)					\
	kmaprt_memset_page((page), (off), 0, (len), "memzero_page", KMAPRT_SITE)
#define memcpy_from_page(to, page, off, len)				\
	kmaprt_memcpy_from_page((to), (page), (off), (len), KMAPRT_SITE)
#define memcpy_to_page(page, off, from, len)				\
	kmaprt_memcpy_to_page((page), (off), (from), (len), KMAPRT_SITE)
#define clear_highpage(page)						\
	kmaprt_memset_page((page), 0, 0, PAGE_SIZE, "clear_highpage", KMAPRT_SITE)
#define clear_user_highpage(page, vaddr)				\
	kmaprt_memset_page((page), 0, 0, PAGE_SIZE, "clear_user_highpage", KMAPRT_SITE)
#define copy_highpage(to, from)	kmaprt_copy_highpage((to), (from), KMAPRT_SITE)
#define copy_user_highpage(to, from, vaddr, vma)			\
	kmaprt_copy_highpage((to), (from), KMAPRT_SITE)
#define zero_user_segments(page, s1, e1, s2, e2)			\
	kmaprt_zero_user_segments((page), (s1), (e1), (s2), (e2), KMAPRT_SITE)
#define zero_user_segment(page, start, end)				\
	kmaprt_zero_user_segments((page), (start), (end), 0, 0, KMAPRT_SITE)
#define zero_user(page, start, size)					\
	kmaprt_zero_user_segments((page), (start), (start) + (size), 0, 0, KMAPRT_SITE)
#define folio_zero_range(folio, start, len)				\
	zero_user(&(folio)->page, (start), (len))

#endif
