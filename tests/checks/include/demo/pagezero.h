/*
 * A header with skipped #if branches: one holds mapping calls, reported at their own
 * lines; the others hold none.
 */
#ifndef DEMO_PAGEZERO_H
#define DEMO_PAGEZERO_H

struct page;
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);

#ifdef CONFIG_DEMO_UNUSED
#define PAGEZERO_BYTES 64
#endif

static inline void pagezero_first(struct page *page)
{
#ifdef CONFIG_DEMO_ZERO_FIRST
	unsigned char *p = kmap_atomic(page);

	p[0] = 0;
	kunmap_atomic(p);
#endif
}

#if 0
static inline int pagezero_unused(void)
{
	return 0;
}
#endif

#endif
