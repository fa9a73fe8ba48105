/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmalloc() from the lowmem zone, so that virt_to_page() and
 * page_address() work on its memory as in the kernel.  Sleeping GFP flags
 * make it a might_sleep() point.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/gfp.h>
#include <linux/types.h>
#include <linux/overflow.h>

#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)
#define KMALLOC_MAX_SIZE	(1UL << (MAX_ORDER - 1 + 12))
#define ARCH_KMALLOC_MINALIGN	8

void *kmaprt_kmalloc(size_t size, gfp_t gfp, const struct kmaprt_site *site);
void kmaprt_kfree(const void *p, const struct kmaprt_site *site);
void *kmaprt_krealloc(const void *p, size_t size, gfp_t gfp,
		      const struct kmaprt_site *site);
size_t kmaprt_ksize(const void *p);

#define kmalloc(size, gfp)	kmaprt_kmalloc((size), (gfp), KMAPRT_SITE)
#define kzalloc(size, gfp)	kmaprt_kmalloc((size), (gfp) | __GFP_ZERO, KMAPRT_SITE)
#define kmalloc_array(n, size, gfp)					\
	({								\
		size_t __kb;						\
		__builtin_mul_overflow((size_t)(n), (size_t)(size), &__kb) ? \
			NULL : kmalloc(__kb, (gfp));			\
	})
#define kcalloc(n, size, gfp)	kmalloc_array((n), (size), (gfp) | __GFP_ZERO)
#define krealloc(p, size, gfp)	kmaprt_krealloc((p), (size), (gfp), KMAPRT_SITE)
#define kfree(p)		kmaprt_kfree((p), KMAPRT_SITE)
#define kfree_sensitive(p)	kmaprt_kfree((p), KMAPRT_SITE)
#define ksize(p)		kmaprt_ksize(p)
#define kvmalloc(size, gfp)	kmalloc((size), (gfp))
#define kvzalloc(size, gfp)	kzalloc((size), (gfp))
#define kvcalloc(n, size, gfp)	kcalloc((n), (size), (gfp))
#define kvmalloc_array(n, size, gfp) kmalloc_array((n), (size), (gfp))
#define kvfree(p)		kfree(p)
#define kmalloc_node(size, gfp, node) kmalloc((size), (gfp))
#define kzalloc_node(size, gfp, node) kzalloc((size), (gfp))

#endif
