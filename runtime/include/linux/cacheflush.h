/* SPDX-License-Identifier: GPL-2.0 */
/* Cache maintenance: x86 caches are coherent, so these do nothing, as on i386. */
#ifndef _LINUX_CACHEFLUSH_H
#define _LINUX_CACHEFLUSH_H
#define flush_dcache_page(page)		do { (void)(page); } while (0)
#define flush_dcache_folio(folio)	do { (void)(folio); } while (0)
#define flush_kernel_vmap_range(a, s)	do { } while (0)
#define invalidate_kernel_vmap_range(a, s) do { } while (0)
#define flush_anon_page(vma, page, addr) do { } while (0)
#define flush_cache_all()		do { } while (0)
#endif
