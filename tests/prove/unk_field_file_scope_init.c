#include "kapi.h"

/*
 * Initializer lists name no field in the proof's view: a page pointer stored by
 * one, other than NULL or a lowmem allocation, spoils every field of the file.
 */
extern struct page boot_page;


/* at file scope: a constant address that is no allocation */
struct buf_e {
	struct page *pg;
};

static struct buf_e boot_buf = { .pg = &boot_page };

void buf_e_init(struct buf_e *e)
{
	e->pg = alloc_page(GFP_KERNEL);
}

void buf_e_clear(struct buf_e *e)
{
	void *p = kmap_atomic(e->pg);

	memset(p, 0, 4096);
	kunmap_atomic(p);
}

struct buf_e *buf_e_boot(void)
{
	return &boot_buf;
}
/*
 * check-name: a file-scope initializer storing a page that is no allocation spoils every field
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_field_file_scope_init.c:24:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
unk_field_file_scope_init.c:27:2: note: kunmap_atomic() verdict safe: releases the mapping of line 24 [kmap-unmap]
 * check-output-end
 */
