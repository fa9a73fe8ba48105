#include "kapi.h"

struct iov_iter;
void *memset32(unsigned int *s, unsigned int v, size_t n);
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
void memcpy_toio(volatile void *to, const void *from, size_t n);
void copy_page(void *to, const void *from);

static void fill_words(void *ptr, unsigned int value)
{
	memset32(ptr, value, 4096 / sizeof(unsigned int));
}

void fill_page(struct page *page, unsigned int value)
{
	void *mem = kmap_atomic(page);

	fill_words(mem, value);
	kunmap_atomic(mem);
}

size_t page_to_iter(struct page *page, size_t len, struct iov_iter *iter)
{
	void *addr = kmap_atomic(page);
	size_t written = copy_to_iter(addr, len, iter);

	kunmap_atomic(addr);
	return written;
}

void page_to_io(volatile void *io, struct page *page)
{
	char *vaddr = kmap(page);

	memcpy_toio(io, vaddr, 4096);
	kunmap(page);
}

void copy_one(struct page *to, struct page *from)
{
	void *kfrom = kmap_atomic(from);
	void *kto = kmap_atomic(to);

	copy_page(kto, kfrom);
	kunmap_atomic(kto);
	kunmap_atomic(kfrom);
}
/*
 * check-name: the word fills, page, I/O and iterator copies keep nothing (nocapture.rules)
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_nocapture_copies.c:16:14: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_nocapture_copies.c:19:2: note: kunmap_atomic() verdict safe: releases the mapping of line 16 [kmap-unmap]
safe_nocapture_copies.c:24:15: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_nocapture_copies.c:27:2: note: kunmap_atomic() verdict safe: releases the mapping of line 24 [kmap-unmap]
safe_nocapture_copies.c:33:16: warning: kmap() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_nocapture_copies.c:36:2: note: kunmap() verdict safe: releases the mapping of line 33 [kmap-unmap]
safe_nocapture_copies.c:41:16: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_nocapture_copies.c:42:14: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_nocapture_copies.c:45:2: note: kunmap_atomic() verdict safe: releases the mapping of line 42 [kmap-unmap]
safe_nocapture_copies.c:46:2: note: kunmap_atomic() verdict safe: releases the mapping of line 41 [kmap-unmap]
 * check-output-end
 */
