/* A header with an inline function that maps: reported once, at its own line. */
#ifndef DEMO_PAGEBUF_H
#define DEMO_PAGEBUF_H

struct page;
void *kmap_atomic(struct page *page);
void __kunmap_atomic(void *addr);
#define kunmap_atomic(addr) __kunmap_atomic(addr)

static inline unsigned char pagebuf_first_byte(struct page *page)
{
	unsigned char *p = kmap_atomic(page);
	unsigned char c = p[0];

	kunmap_atomic(p);
	return c;
}

#endif
