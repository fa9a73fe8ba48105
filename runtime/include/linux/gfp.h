/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page allocator: two zones, lowmem (permanently mapped by the direct
 * map) and highmem (reachable only through kmap*).  __GFP_HIGHMEM allows
 * highmem, which is tried first; without it pages come from lowmem.
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/gfp_types.h>
#include <linux/mm_types.h>
#include <linux/preempt.h>

#define MAX_ORDER	11

struct page *kmaprt_alloc_pages(gfp_t gfp, unsigned int order,
				const struct kmaprt_site *site);
void kmaprt_free_pages(struct page *page, unsigned int order,
		       const struct kmaprt_site *site);
unsigned long kmaprt_get_free_pages(gfp_t gfp, unsigned int order,
				    const struct kmaprt_site *site);
void kmaprt_free_pages_addr(unsigned long addr, unsigned int order,
			    const struct kmaprt_site *site);
struct folio *kmaprt_folio_alloc(gfp_t gfp, unsigned int order,
				 const struct kmaprt_site *site);

#define alloc_pages(gfp, order)	kmaprt_alloc_pages((gfp), (order), KMAPRT_SITE)
#define alloc_page(gfp)		kmaprt_alloc_pages((gfp), 0, KMAPRT_SITE)
#define alloc_pages_node(nid, gfp, order) alloc_pages(gfp, order)
#define folio_alloc(gfp, order)	kmaprt_folio_alloc((gfp), (order), KMAPRT_SITE)
#define __free_pages(page, order) kmaprt_free_pages((page), (order), KMAPRT_SITE)
#define __free_page(page)	kmaprt_free_pages((page), 0, KMAPRT_SITE)
#define __get_free_pages(gfp, order) kmaprt_get_free_pages((gfp), (order), KMAPRT_SITE)
#define __get_free_page(gfp)	kmaprt_get_free_pages((gfp), 0, KMAPRT_SITE)
#define get_zeroed_page(gfp)	kmaprt_get_free_pages((gfp) | __GFP_ZERO, 0, KMAPRT_SITE)
#define free_pages(addr, order)	kmaprt_free_pages_addr((addr), (order), KMAPRT_SITE)
#define free_page(addr)		kmaprt_free_pages_addr((addr), 0, KMAPRT_SITE)

#endif
