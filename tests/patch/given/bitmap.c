// SPDX-License-Identifier: GPL-2.0
/*
 * Proven kmap_atomic() pairs that kmap_atomic-to-local.cocci's own pattern cannot
 * see, for `make patch-test`: a word getter and putter (the address returned, the
 * unmap in another function), a copy loop that leaves when the map fails, and a
 * release through a copy of the address. kmapcheck writes the proof's unmaps on
 * each map's line of the sites file (unmaps=LINE:COL), and each converts with
 * exactly those. slot_map() stores its address in a global: cross-thread, and its
 * unmap in slot_unmap() stays. bm_last_word() maps through a macro of the file: proven,
 * but the rules change no macro, so neither its map nor its unmap changes. bm_peek() maps
 * among a macro's arguments: reported at the macro, written in the file, and left
 * alone for its shape.
 */
#include "kapi.h"

static void *slot;

static unsigned long *bm_map(struct page *page)
{
	return (unsigned long *)kmap_atomic(page);
}

static void bm_unmap(unsigned long *addr)
{
	kunmap_atomic(addr);
}

unsigned long bm_first_word(struct page *page)
{
	unsigned long *p = bm_map(page);
	unsigned long w = p[0];

	bm_unmap(p);
	return w;
}

int bm_copy_pages(struct page **pages, int n, const void *src, size_t len)
{
	int i;

	for (i = 0; i < n; i++) {
		char *dst;

		dst = kmap_atomic(pages[i]);
		if (!dst)
			break;
		memcpy(dst, src, len);
		kunmap_atomic(dst);
	}
	return i;
}

void bm_copy_tail(struct page *page, size_t off, const void *src, size_t len)
{
	char *from, *page_addr;

	from = kmap_atomic(page);
	page_addr = from;
	from += off;
	memcpy(from, src, len);
	kunmap_atomic(page_addr);
}

#define bm_map_fast(page) kmap_atomic(page)

unsigned long bm_last_word(struct page *page)
{
	unsigned long *p = bm_map_fast(page);
	unsigned long w = p[1];

	kunmap_atomic(p);
	return w;
}

#define bm_word(addr) (*(unsigned long *)(addr))

unsigned long bm_peek(struct page *page)
{
	void *p;
	unsigned long w = bm_word(p = kmap_atomic(page));

	kunmap_atomic(p);
	return w;
}

void slot_map(struct page *page)
{
	slot = kmap_atomic(page);
}

void slot_unmap(void)
{
	kunmap_atomic(slot);
}
