#include "kapi.h"

struct hdr { u32 magic; u32 len; };

u32 read_len(struct page *page, size_t off)
{
	char *base = kmap_atomic(page);
	struct hdr *h = (struct hdr *)(base + off);
	u32 len = h->len;

	kunmap_atomic(h);
	return len;
}

void zero_tail(struct page *page, size_t off, size_t n)
{
	u8 *p = kmap_local_page(page);
	u8 *tail = &p[off];
	void *q = tail;

	memset(q, 0, n);
	kunmap_local(q);
}
/*
 * check-name: unmaps by a pointer derived from the address (offset, cast, &a[i], copy)
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_derived.c:7:15: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_derived.c:11:2: note: kunmap_atomic() verdict safe: releases the mapping of line 7 [kmap-unmap]
safe_derived.c:17:10: note: kmap_local_page() verdict safe: thread-local, LIFO on 1 path [kmap-map]
safe_derived.c:22:2: note: kunmap_local() verdict safe: releases the mapping of line 17 [kmap-unmap]
 * check-output-end
 */
