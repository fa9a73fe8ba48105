#include "kapi.h"

#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)
static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline int IS_ERR(const void *ptr) { return IS_ERR_VALUE((unsigned long)ptr); }

struct dir { struct page *pages[4]; int npages; };

/* The ext2_get_page() shape: the page is returned, its mapping goes out through
 * page_addr, and an error return means nothing was mapped. */
static struct page *dir_get_page(struct dir *d, int n, void **page_addr)
{
	struct page *page = d->pages[n];

	if (!page)
		return ERR_PTR(-EINVAL);
	*page_addr = kmap_local_page(page);
	return page;
}

static void dir_put_page(struct page *page, void *page_addr)
{
	kunmap_local(page_addr);
}

int dir_count(struct dir *d, const char *name, size_t len)
{
	int i, found = 0;

	for (i = 0; i < d->npages; i++) {
		void *addr;
		struct page *page = dir_get_page(d, i, &addr);

		if (IS_ERR(page))
			return PTR_ERR(page);
		if (!memcmp(addr, name, len))
			found++;
		dir_put_page(page, addr);
	}
	return found;
}
/*
 * check-name: an out-parameter get/put pair whose get may fail with ERR_PTR()
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_outparam_wrapper.c:19:15: note: kmap_local_page() verdict safe: passed out by dir_get_page() to dir_count() at line 34; thread-local, LIFO on 4 paths [kmap-map]
safe_outparam_wrapper.c:25:2: note: kunmap_local() verdict safe: releases the mapping of line 19 [kmap-unmap]
 * check-output-end
 */
