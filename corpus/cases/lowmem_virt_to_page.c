// SPDX-License-Identifier: GPL-2.0
/*
 * A driver that keeps its descriptor ring in kmalloc() memory and, reusing a page-based
 * helper, maps virt_to_page(ring) with kmap_atomic(). kmalloc() memory is in the direct map,
 * so the page from virt_to_page() is never highmem: lowmem.
 */
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct desc {
	u32 addr;
	u16 len;
	u16 flags;
};

#define DESC_OWN	0x8000

/*
 * Hands every descriptor back to the device; returns how many it took back. The ring must not
 * cross a page boundary.
 */
static unsigned int ring_reset(void *ring, unsigned int ndesc)
{
	struct page *page = virt_to_page(ring);
	struct desc *d;
	unsigned int i, n = 0;

	d = kmap_atomic(page);	/* kmapcheck: lowmem */
	d += offset_in_page(ring) / sizeof(*d);
	for (i = 0; i < ndesc; i++) {
		if (!(d[i].flags & DESC_OWN)) {
			d[i].flags |= DESC_OWN;
			n++;
		}
		d[i].len = 0;
	}
	kunmap_atomic(d);
	return n;
}

static int lowmem_virt_to_page_run(void)
{
	struct desc *ring = kmalloc(PAGE_SIZE, GFP_KERNEL);
	unsigned int i, n, ndesc;
	int ret = 0;

	if (!ring)
		return -ENOMEM;
	/* The kernel aligns kmalloc(PAGE_SIZE); stay inside the first page either way. */
	ndesc = (PAGE_SIZE - offset_in_page(ring)) / sizeof(*ring);
	for (i = 0; i < ndesc; i++) {
		ring[i].addr = i;
		ring[i].len = 100;
		ring[i].flags = i % 3 ? DESC_OWN : 0;
	}
	n = ring_reset(ring, ndesc);
	if (n != (ndesc + 2) / 3) {
		corpus_fail("took back %u descriptors", n);
		ret = 1;
	}
	for (i = 0; i < ndesc && !ret; i++) {
		if (ring[i].addr != i || ring[i].len || !(ring[i].flags & DESC_OWN)) {
			corpus_fail("descriptor %u not reset", i);
			ret = 1;
		}
	}
	kfree(ring);
	return ret;
}
CORPUS_CASE(lowmem_virt_to_page_run);
