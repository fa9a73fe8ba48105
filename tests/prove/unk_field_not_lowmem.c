#include "kapi.h"
#include "lib/shared_ring.h"

/*
 * Fields that look lowmem but are not proven so: each struct breaks one of the
 * conditions, and every site below must get a verdict other than lowmem.
 */
extern struct page boot_page;
void remember(struct page **slot);

/* 1. one store is a page from the caller, which may be highmem */
struct buf_a {
	struct page *pg;
};

void buf_a_init(struct buf_a *a)
{
	a->pg = alloc_page(GFP_KERNEL);
}

void buf_a_adopt(struct buf_a *a, struct page *page)
{
	a->pg = page;
}

void buf_a_clear(struct buf_a *a)
{
	void *p = kmap_atomic(a->pg);

	memset(p, 0, 4096);
	kunmap_atomic(p);
}

/* 2. a union: the other member aliases the page pointer */
union buf_b {
	struct page *pg;
	unsigned long raw;
};

void buf_b_init(union buf_b *b)
{
	b->pg = alloc_page(GFP_KERNEL);
}

void buf_b_clear(union buf_b *b)
{
	void *p = kmap_atomic(b->pg);

	memset(p, 0, 4096);
	kunmap_atomic(p);
}

/* 3. the field's address is handed out: anyone may store through it */
struct buf_c {
	struct page *pg;
};

void buf_c_init(struct buf_c *c)
{
	c->pg = alloc_page(GFP_KERNEL);
	remember(&c->pg);
}

void buf_c_clear(struct buf_c *c)
{
	void *p = kmap_atomic(c->pg);

	memset(p, 0, 4096);
	kunmap_atomic(p);
}

/* 4. the struct comes from a header: other files store to the field too */
void ring_init(struct shared_ring *r)
{
	r->pg = alloc_page(GFP_KERNEL);
}

void ring_clear(struct shared_ring *r)
{
	void *p = kmap_atomic(r->pg);

	memset(p, 0, 4096);
	kunmap_atomic(p);
}
/*
 * check-name: fields not proven lowmem: a store from the caller, a union, an address handed out, a struct from a header
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_field_not_lowmem.c:28:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
unk_field_not_lowmem.c:31:2: note: kunmap_atomic() verdict safe: releases the mapping of line 28 [kmap-unmap]
unk_field_not_lowmem.c:47:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
unk_field_not_lowmem.c:50:2: note: kunmap_atomic() verdict safe: releases the mapping of line 47 [kmap-unmap]
unk_field_not_lowmem.c:66:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
unk_field_not_lowmem.c:69:2: note: kunmap_atomic() verdict safe: releases the mapping of line 66 [kmap-unmap]
unk_field_not_lowmem.c:80:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
unk_field_not_lowmem.c:83:2: note: kunmap_atomic() verdict safe: releases the mapping of line 80 [kmap-unmap]
 * check-output-end
 */
