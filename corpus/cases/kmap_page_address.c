// SPDX-License-Identifier: GPL-2.0
/*
 * The older directory-page idiom: dir_get_page() calls kmap(page) for its side effect only
 * and returns the page; callers find the mapping again with page_address(page), which works
 * because a kmap() of a highmem page is registered in the pool. There is no address to hand
 * to kunmap_local(), and page_address() of a locally mapped highmem page is not that
 * mapping: the site cannot be converted by replacing calls, and the tool should say so:
 * unknown (the mapping is used through page_address(), not through the returned address).
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct dent {
	u32 ino;
	char name[28];
};

#define DENTS_PER_PAGE	(PAGE_SIZE / sizeof(struct dent))

static struct page *dir_get_page(struct page **pages, unsigned int n)
{
	struct page *page = pages[n];

	kmap(page);	/* kmapcheck: unknown */
	return page;
}

static void dir_put_page(struct page *page)
{
	kunmap(page);
}

static u32 dir_lookup(struct page **pages, unsigned int npages, const char *name)
{
	unsigned int n, i;

	for (n = 0; n < npages; n++) {
		struct page *page = dir_get_page(pages, n);
		struct dent *de = page_address(page);

		for (i = 0; i < DENTS_PER_PAGE; i++) {
			if (de[i].ino && !memcmp(de[i].name, name, strlen(name) + 1)) {
				u32 ino = de[i].ino;

				dir_put_page(page);
				return ino;
			}
		}
		dir_put_page(page);
	}
	return 0;
}

static int kmap_page_address_run(void)
{
	struct page *pages[2];
	struct dent de = { .ino = 77, .name = "vmlinuz" };
	int i, ret = 0;

	for (i = 0; i < 2; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		if (!pages[i])
			return -ENOMEM;
		memzero_page(pages[i], 0, PAGE_SIZE);
	}
	memcpy_to_page(pages[1], 40 * sizeof(de), (char *)&de, sizeof(de));
	ret |= dir_lookup(pages, 2, "vmlinuz") != 77;
	ret |= dir_lookup(pages, 2, "initrd.img") != 0;
	if (ret)
		corpus_fail("lookup went wrong");
	for (i = 0; i < 2; i++)
		__free_page(pages[i]);
	return ret;
}
CORPUS_CASE(kmap_page_address_run);
