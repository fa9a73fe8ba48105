/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct page and struct folio.  One struct page per frame of the
 * runtime's physical memory, in one array (mem_map) reserved at start-up
 * and touched lazily, so untouched frames cost address space only.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <asm/page.h>

/*
 * The fields a folio shares with its head page; listed once so that the
 * two layouts cannot drift apart.
 */
#define __KMAPRT_PAGE_FIELDS						\
	unsigned long flags;						\
	atomic_t _refcount;						\
	/* pool slot + 1 while kmap() holds or caches it, 0 otherwise */ \
	unsigned short kmaprt_pkmap;					\
	/* live kmap_local/kmap_atomic mappings of this frame */	\
	unsigned short kmaprt_local_maps;				\
	/* head of the allocation for the tail pages of order > 0 */	\
	struct page *kmaprt_head;					\
	struct list_head lru;						\
	unsigned long private;						\
	void *mapping;							\
	pgoff_t index;

struct page {
	__KMAPRT_PAGE_FIELDS
};

struct folio {
	union {
		struct {
			__KMAPRT_PAGE_FIELDS
		};
		struct page page;
	};
};

struct vm_area_struct;
struct address_space;

#endif
