#include "kapi.h"

/*
 * Initializer lists name no field in the proof's view: a page pointer stored by
 * one, other than NULL or a lowmem allocation, spoils every field of the file.
 */
extern struct page boot_page;

/* 5. an initializer list stores a page the proof cannot follow */
struct buf_d {
	struct page *pg;
	int n;
};

void buf_d_init(struct buf_d *d, struct page *page)
{
	struct buf_d tmp = { .pg = page, .n = 1 };

	*d = tmp;
	d->pg = alloc_page(GFP_KERNEL);
}

void buf_d_clear(struct buf_d *d)
{
	void *p = kmap_atomic(d->pg);

	memset(p, 0, 4096);
	kunmap_atomic(p);
}
/*
 * check-name: an initializer list storing a page from the caller spoils every field
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_field_init_list.c:25:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
unk_field_init_list.c:28:2: note: kunmap_atomic() verdict safe: releases the mapping of line 25 [kmap-unmap]
 * check-output-end
 */
