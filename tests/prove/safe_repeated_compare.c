#include "kapi.h"

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)

struct packer { unsigned int len; char *buf; };

unsigned int packed_len(struct packer *pk);
void *packed_data(struct packer *pk);

void store_packed(struct packer *pk, struct page *page, char *dst)
{
	unsigned int len = packed_len(pk);
	void *src = packed_data(pk);

	if (len == PAGE_SIZE)
		src = kmap_atomic(page);
	memcpy(dst, src, len);
	if (len == PAGE_SIZE)
		kunmap_atomic(src);
}

void store_unless_short(struct packer *pk, struct page *page, char *dst)
{
	unsigned int len = packed_len(pk);
	void *src = packed_data(pk);

	if (len != 64)
		src = kmap_atomic(page);
	memcpy(dst, src, len);
	if (!(len == 64))
		kunmap_atomic(src);
}
/*
 * check-name: the same comparison with a constant twice: mapped when it holds, unmapped when it holds again
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_repeated_compare.c:17:9: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_repeated_compare.c:20:3: note: kunmap_atomic() verdict safe: releases the mapping of line 17 [kmap-unmap]
safe_repeated_compare.c:29:9: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_repeated_compare.c:32:3: note: kunmap_atomic() verdict safe: releases the mapping of line 29 [kmap-unmap]
 * check-output-end
 */
