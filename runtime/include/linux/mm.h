/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Frames, pages and folios.  page_address() is the kernel's: the direct
 * map address for lowmem, the kmap() address of a highmem page while the
 * pool holds it, NULL otherwise.  virt_to_page() accepts direct-map
 * addresses only and reports anything else.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/pfn.h>
#include <asm/page.h>

extern struct page *kmaprt_mem_map;
extern unsigned long kmaprt_max_pfn;	/* frames in physical memory */
extern unsigned long kmaprt_highstart_pfn; /* first highmem frame */

#define mem_map			kmaprt_mem_map
#define max_pfn			kmaprt_max_pfn
#define highstart_pfn		kmaprt_highstart_pfn
#define max_low_pfn		kmaprt_highstart_pfn

#define page_to_pfn(page)	((unsigned long)((page) - kmaprt_mem_map))
#define pfn_to_page(pfn)	(kmaprt_mem_map + (pfn))
#define pfn_valid(pfn)		((unsigned long)(pfn) < kmaprt_max_pfn)
#define page_to_phys(page)	((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT)
#define phys_to_page(phys)	pfn_to_page((unsigned long)((phys) >> PAGE_SHIFT))
#define nth_page(page, n)	((page) + (n))
#define page_to_virt(page)	page_address(page)

#define PageHighMem(page)	(page_to_pfn(page) >= kmaprt_highstart_pfn)
#define is_highmem_idx(idx)	((idx) == 1)

#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#define PAGE_ALIGNED(addr)	IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)

static inline int get_order(unsigned long size)
{
	int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

void *kmaprt_page_address(const struct page *page, const struct kmaprt_site *site);
struct page *kmaprt_virt_to_page(const void *addr, const struct kmaprt_site *site);
void kmaprt_get_page(struct page *page, const struct kmaprt_site *site);
void kmaprt_put_page(struct page *page, const struct kmaprt_site *site);

#define page_address(page)	kmaprt_page_address((page), KMAPRT_SITE)
#define lowmem_page_address(page) page_address(page)
#define virt_to_page(addr)	kmaprt_virt_to_page((addr), KMAPRT_SITE)
#define virt_to_head_page(addr)	compound_head(virt_to_page(addr))
#define virt_addr_valid(addr)						\
	((unsigned long)(addr) - PAGE_OFFSET < kmaprt_direct_map_bytes)
#define is_vmalloc_addr(addr)	((void)(addr), false)
#define get_page(page)		kmaprt_get_page((page), KMAPRT_SITE)
#define put_page(page)		kmaprt_put_page((page), KMAPRT_SITE)
#define page_count(page)	atomic_read(&(page)->_refcount)
#define page_ref_count(page)	atomic_read(&(page)->_refcount)

/* Page flags the runtime's allocator keeps in page->flags. */
#define PG_locked	0
#define PG_referenced	1
#define PG_uptodate	2
#define PG_dirty	3
#define PG_private	4
#define PG_reserved	5
#define PG_head		6
#define PG_slab		7
/* The order of an allocation is kept in its head page's flags. */
#define KMAPRT_PG_ORDER_SHIFT	16
#define KMAPRT_PG_ORDER_MASK	0xfUL

#define __KMAPRT_PAGEFLAG(uname, lname)					\
static inline bool Page##uname(const struct page *page)			\
{ return (__atomic_load_n(&page->flags, __ATOMIC_RELAXED) >> PG_##lname) & 1; } \
static inline void SetPage##uname(struct page *page)			\
{ __atomic_or_fetch(&page->flags, 1UL << PG_##lname, __ATOMIC_SEQ_CST); } \
static inline void ClearPage##uname(struct page *page)			\
{ __atomic_and_fetch(&page->flags, ~(1UL << PG_##lname), __ATOMIC_SEQ_CST); }

__KMAPRT_PAGEFLAG(Locked, locked)
__KMAPRT_PAGEFLAG(Referenced, referenced)
__KMAPRT_PAGEFLAG(Uptodate, uptodate)
__KMAPRT_PAGEFLAG(Dirty, dirty)
__KMAPRT_PAGEFLAG(Private, private)
__KMAPRT_PAGEFLAG(Reserved, reserved)
__KMAPRT_PAGEFLAG(Head, head)
__KMAPRT_PAGEFLAG(Slab, slab)

static inline bool set_page_dirty(struct page *page)
{
	bool was = PageDirty(page);

	SetPageDirty(page);
	return !was;
}

static inline struct page *compound_head(const struct page *page)
{
	return page->kmaprt_head ? page->kmaprt_head : (struct page *)page;
}

static inline unsigned int compound_order(const struct page *page)
{
	if (!PageHead(page))
		return 0;
	return (page->flags >> KMAPRT_PG_ORDER_SHIFT) & KMAPRT_PG_ORDER_MASK;
}

#define compound_nr(page)	(1UL << compound_order(page))
#define page_size(page)		(PAGE_SIZE << compound_order(page))

#define page_folio(p)		((struct folio *)compound_head(p))
#define folio_page(folio, n)	nth_page(&(folio)->page, n)
#define folio_pfn(folio)	page_to_pfn(&(folio)->page)
#define folio_test_highmem(folio) PageHighMem(&(folio)->page)
#define folio_address(folio)	page_address(&(folio)->page)
#define folio_order(folio)	compound_order(&(folio)->page)
#define folio_nr_pages(folio)	(1L << folio_order(folio))
#define folio_size(folio)	(PAGE_SIZE << folio_order(folio))
#define folio_get(folio)	get_page(&(folio)->page)
#define folio_put(folio)	put_page(&(folio)->page)
#define folio_mark_dirty(folio)	set_page_dirty(&(folio)->page)

#endif
