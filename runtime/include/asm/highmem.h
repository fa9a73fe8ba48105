/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kmap() pool geometry.  LAST_PKMAP is a run-time value here (1024 as
 * on i386 without PAE, 512 with PAE, set by KMAPRT_LAST_PKMAP); PKMAP_BASE
 * is where the runtime reserved the pool.  Slots are two pages apart: the
 * page between two slots is an unmapped guard.
 */
#ifndef _ASM_HIGHMEM_H
#define _ASM_HIGHMEM_H

extern unsigned int kmaprt_last_pkmap;
extern char *kmaprt_pkmap_base;

#define LAST_PKMAP		kmaprt_last_pkmap
#define LAST_PKMAP_MASK		(LAST_PKMAP - 1)
#define PKMAP_BASE		((unsigned long)kmaprt_pkmap_base)
#define PKMAP_NR(virt)		(((virt) - PKMAP_BASE) >> (PAGE_SHIFT + 1))
#define PKMAP_ADDR(nr)		(PKMAP_BASE + ((nr) << (PAGE_SHIFT + 1)))

#define flush_cache_kmaps()	do { } while (0)

#endif
