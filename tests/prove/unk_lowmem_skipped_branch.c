#include "kapi.h"

/*
 * Stores this configuration does not compile still count: with CONFIG_SPARE_HIGH
 * set, both the static variable and the field may hold highmem pages, so neither
 * proves lowmem, although every store the parser sees is a GFP_KERNEL page.
 */
static struct page *spare;

struct rx_ring {
	struct page *buf;
};

void spare_init(void)
{
#ifdef CONFIG_SPARE_HIGH
	spare = alloc_page(GFP_HIGHUSER);
#else
	spare = alloc_page(GFP_KERNEL);
#endif
}

void rx_ring_init(struct rx_ring *r)
{
	r->buf = alloc_page(GFP_KERNEL);
#ifdef CONFIG_SPARE_HIGH
	r->buf = alloc_page(GFP_HIGHUSER);
#endif
}

void spare_clear(void)
{
	void *p = kmap_atomic(spare);

	memset(p, 0, 4096);
	kunmap_atomic(p);
}

void rx_ring_clear(struct rx_ring *r)
{
	void *p = kmap_atomic(r->buf);

	memset(p, 0, 4096);
	kunmap_atomic(p);
}
/*
 * check-name: stores in a skipped #if branch keep a static variable and a field from being proven lowmem
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_lowmem_skipped_branch.c:33:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
unk_lowmem_skipped_branch.c:36:2: note: kunmap_atomic() verdict safe: releases the mapping of line 33 [kmap-unmap]
unk_lowmem_skipped_branch.c:41:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
unk_lowmem_skipped_branch.c:44:2: note: kunmap_atomic() verdict safe: releases the mapping of line 41 [kmap-unmap]
 * check-output-end
 */
