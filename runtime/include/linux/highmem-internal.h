/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The implementation side of <linux/highmem.h> for the runtime's one
 * configuration (i386, CONFIG_HIGHMEM, debug kmap_local).  Every mapping
 * call passes its call site so that reports can name it; the work is done
 * in runtime/highmem.c.
 */
#ifndef _LINUX_HIGHMEM_INTERNAL_H
#define _LINUX_HIGHMEM_INTERNAL_H

#include <linux/mm.h>
#include <linux/preempt.h>
#include <asm/highmem.h>
#include <asm/kmap_size.h>

/* How a local mapping was made, kept in its slot for the unmap checks. */
#define KMAPRT_LOCAL_ATOMIC	0x1	/* kmap_atomic*(): unmapped by kunmap_atomic() */

void *kmaprt_kmap(struct page *page, const struct kmaprt_site *site);
void kmaprt_kunmap(struct page *page, const struct kmaprt_site *site);
struct page *kmaprt_kmap_to_page(const void *addr, const struct kmaprt_site *site);
void kmaprt_kmap_flush_unused(void);
void *kmaprt_kmap_local(struct page *page, unsigned long pfn, pgprot_t prot,
			unsigned int flags, const char *api,
			const struct kmaprt_site *site);
void kmaprt_kunmap_local(const void *addr, unsigned int flags,
			 const struct kmaprt_site *site);
unsigned int kmaprt_nr_free_highpages(void);
unsigned long kmaprt_totalhigh_pages(void);

#define kmap(page)		kmaprt_kmap((page), KMAPRT_SITE)
#define kunmap(page)		kmaprt_kunmap((page), KMAPRT_SITE)
#define kmap_to_page(addr)	kmaprt_kmap_to_page((addr), KMAPRT_SITE)
#define kmap_flush_unused()	kmaprt_kmap_flush_unused()
#define nr_free_highpages()	kmaprt_nr_free_highpages()
#define totalhigh_pages()	kmaprt_totalhigh_pages()

#define kmap_local_page(page)						\
	kmaprt_kmap_local((page), 0, kmap_prot, 0, "kmap_local_page", KMAPRT_SITE)
#define kmap_local_page_prot(page, prot)				\
	kmaprt_kmap_local((page), 0, (prot), 0, "kmap_local_page_prot", KMAPRT_SITE)
#define kmap_local_pfn(pfn)						\
	kmaprt_kmap_local(NULL, (pfn), kmap_prot, 0, "kmap_local_pfn", KMAPRT_SITE)
#define kmap_local_folio(__folio, __offset)				\
	({								\
		struct folio *__kf = (__folio);				\
		size_t __ko = (__offset);				\
		(void *)((char *)kmaprt_kmap_local(folio_page(__kf, __ko / PAGE_SIZE), \
						   0, kmap_prot, 0,	\
						   "kmap_local_folio",	\
						   KMAPRT_SITE) +	\
			 __ko % PAGE_SIZE);				\
	})

/*
 * kmap_atomic() is kmap_local plus the two side effects code may rely on. An
 * inline function, not a macro, so that the call a use of kmap_atomic() expands
 * to is spelled in kmap_atomic's own definition (analyzers name it by that).
 */
static __always_inline void *__kmaprt_kmap_atomic(struct page *page, unsigned long pfn,
						  pgprot_t prot, const char *api,
						  const struct kmaprt_site *ks)
{
	kmaprt_preempt_add(PREEMPT_OFFSET, ks, api);
	kmaprt_pagefault_disable(ks, api);
	return kmaprt_kmap_local(page, pfn, prot, KMAPRT_LOCAL_ATOMIC, api, ks);
}
#define kmap_atomic(page)	__kmaprt_kmap_atomic((page), 0, kmap_prot, "kmap_atomic", KMAPRT_SITE)
#define kmap_atomic_prot(page, prot) __kmaprt_kmap_atomic((page), 0, (prot), "kmap_atomic_prot", KMAPRT_SITE)
#define kmap_atomic_pfn(pfn)	__kmaprt_kmap_atomic(NULL, (pfn), kmap_prot, "kmap_atomic_pfn", KMAPRT_SITE)

/*
 * Both unmaps take an address inside the mapped page, never the page: the
 * kernel refuses a struct page * at compile time and so does this.
 */
#define kunmap_atomic(__addr)						\
	do {								\
		const struct kmaprt_site *__ks = KMAPRT_SITE;		\
		BUILD_BUG_ON(__same_type((__addr), struct page *));	\
		kmaprt_kunmap_local((__addr), KMAPRT_LOCAL_ATOMIC, __ks); \
		kmaprt_pagefault_enable(__ks, "kunmap_atomic");		\
		kmaprt_preempt_sub(PREEMPT_OFFSET, __ks, "kunmap_atomic"); \
	} while (0)

#define kunmap_local(__addr)						\
	do {								\
		BUILD_BUG_ON(__same_type((__addr), struct page *));	\
		kmaprt_kunmap_local((__addr), 0, KMAPRT_SITE);		\
	} while (0)

static inline bool kmaprt_is_kmap_addr(const void *x)
{
	unsigned long addr = (unsigned long)x;

	return addr >= PKMAP_ADDR(0) && addr < PKMAP_ADDR(LAST_PKMAP);
}
#define is_kmap_addr(x)		kmaprt_is_kmap_addr(x)

#endif
