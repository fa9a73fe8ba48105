// SPDX-License-Identifier: GPL-2.0
/*
 * kmalloc() on lowmem pages: power-of-two classes up to 2 KiB carved from
 * single pages, bigger requests as whole page allocations.  Memory comes
 * from the direct map, so virt_to_page() works on it as in the kernel.
 * Not a slab allocator's performance; a freed object is poisoned so that a
 * second kfree() of it is caught.
 */
#include "internal.h"

#include <linux/slab.h>
#include <linux/string.h>

#include <stdlib.h>
#include <string.h>

#define MIN_SHIFT	4
#define MAX_SHIFT	11
#define NR_CLASSES	(MAX_SHIFT - MIN_SHIFT + 1)
#define FREE_POISON	0x6b6b6b6bUL

static pthread_mutex_t slab_lock = PTHREAD_MUTEX_INITIALIZER;
static void *freelist[NR_CLASSES];

static int size_class(size_t size)
{
	int c = 0;

	while ((1UL << (c + MIN_SHIFT)) < size)
		c++;
	return c;
}

void *kmaprt_kmalloc(size_t size, gfp_t gfp, const struct kmaprt_site *site)
{
	void *p;

	if (gfpflags_allow_blocking(gfp))
		kmaprt_might_sleep(site, "kmalloc(GFP flags that may sleep)");
	if (!size)
		return ZERO_SIZE_PTR;
	gfp &= ~__GFP_HIGHMEM;
	if (size > (1UL << MAX_SHIFT)) {
		struct page *page;

		if (size > KMALLOC_MAX_SIZE)
			return NULL;
		page = kmaprt_alloc_pages(gfp | __GFP_COMP, get_order(size), site);
		if (!page)
			return NULL;
		return kmaprt_direct_map + (page_to_pfn(page) << PAGE_SHIFT);
	} else {
		int c = size_class(size);
		size_t osize = 1UL << (c + MIN_SHIFT);

		pthread_mutex_lock(&slab_lock);
		if (!freelist[c]) {
			struct page *page = kmaprt_alloc_pages(GFP_ATOMIC, 0, site);
			char *base;
			size_t off;

			if (!page) {
				pthread_mutex_unlock(&slab_lock);
				return NULL;
			}
			SetPageSlab(page);
			page->private = c;
			base = kmaprt_direct_map + (page_to_pfn(page) << PAGE_SHIFT);
			for (off = 0; off < PAGE_SIZE; off += osize) {
				((void **)(base + off))[0] = freelist[c];
				((unsigned long *)(base + off))[1] = FREE_POISON;
				freelist[c] = base + off;
			}
		}
		p = freelist[c];
		freelist[c] = ((void **)p)[0];
		((unsigned long *)p)[1] = 0;
		pthread_mutex_unlock(&slab_lock);
	}
	if (gfp & __GFP_ZERO)
		memset(p, 0, size);
	return p;
}

void kmaprt_kfree(const void *p, const struct kmaprt_site *site)
{
	unsigned long a = (unsigned long)p;
	char sb[KMAPRT_SITE_BUF];
	struct page *page;

	if (ZERO_OR_NULL_PTR(p))
		return;
	if (!kmaprt_in_direct_map(a)) {
		kmaprt_report(KMAPRT_BUG_STOP, "page", "kfree(%p) at %s: not memory from kmalloc()",
			      p, SITE(site, sb));
	}
	page = pfn_to_page((a - (unsigned long)kmaprt_direct_map) >> PAGE_SHIFT);
	if (PageSlab(page)) {
		int c = page->private;
		size_t osize = 1UL << (c + MIN_SHIFT);

		if ((a & ~PAGE_MASK) % osize)
			kmaprt_report(KMAPRT_BUG_STOP, "page", "kfree(%p) at %s: not the start of an object",
				      p, SITE(site, sb));
		pthread_mutex_lock(&slab_lock);
		if (((unsigned long *)p)[1] == FREE_POISON) {
			pthread_mutex_unlock(&slab_lock);
			kmaprt_report(KMAPRT_BUG_STOP, "page", "kfree(%p) at %s: object already freed (double free)",
				      p, SITE(site, sb));
		}
		((void **)p)[0] = freelist[c];
		((unsigned long *)p)[1] = FREE_POISON;
		freelist[c] = (void *)p;
		pthread_mutex_unlock(&slab_lock);
		return;
	}
	if (a & ~PAGE_MASK)
		kmaprt_report(KMAPRT_BUG_STOP, "page", "kfree(%p) at %s: not memory from kmalloc()",
			      p, SITE(site, sb));
	kmaprt_free_pages(page, compound_order(page), site);
}

size_t kmaprt_ksize(const void *p)
{
	unsigned long a = (unsigned long)p;
	struct page *page;

	if (ZERO_OR_NULL_PTR(p) || !kmaprt_in_direct_map(a))
		return 0;
	page = pfn_to_page((a - (unsigned long)kmaprt_direct_map) >> PAGE_SHIFT);
	if (PageSlab(page))
		return 1UL << (page->private + MIN_SHIFT);
	return PAGE_SIZE << compound_order(page);
}

void *kmaprt_krealloc(const void *p, size_t size, gfp_t gfp,
		      const struct kmaprt_site *site)
{
	size_t old = kmaprt_ksize(p);
	void *n;

	if (!size) {
		kmaprt_kfree(p, site);
		return ZERO_SIZE_PTR;
	}
	if (old >= size)
		return (void *)p;
	n = kmaprt_kmalloc(size, gfp, site);
	if (n && !ZERO_OR_NULL_PTR(p)) {
		memcpy(n, p, old);
		kmaprt_kfree(p, site);
	}
	return n;
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmaprt_kmalloc(len, gfp, NULL);

	if (p && len)
		memcpy(p, src, len);
	return p;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	return s ? kmemdup(s, strlen(s) + 1, gfp) : NULL;
}
