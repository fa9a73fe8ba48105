#include "kapi.h"

struct iov_iter;
void *memset32(unsigned int *s, unsigned int v, size_t n);
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
void memcpy_toio(volatile void *to, const void *from, size_t n);
void copy_page(void *to, const void *from);
struct crypto_comp;
int crypto_comp_compress(struct crypto_comp *comp, const unsigned char *src, unsigned int slen,
			 unsigned char *dst, unsigned int *dlen);

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

int compress_page(struct crypto_comp *comp, struct page *page, unsigned char *out,
		  unsigned int *out_len)
{
	unsigned char *src = kmap_atomic(page);
	int ret = crypto_comp_compress(comp, src, 4096, out, out_len);

	kunmap_atomic(src);
	return ret;
}

/*
 * check-name: word fills, page, I/O and iterator copies and compression keep nothing (nocapture.rules)
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_nocapture_copies.c:19:14: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_nocapture_copies.c:22:2: note: kunmap_atomic() verdict safe: releases the mapping of line 19 [kmap-unmap]
safe_nocapture_copies.c:27:15: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region relies on page faults disabled (copy_to_iter() at line 28) [kmap-deprecated]
safe_nocapture_copies.c:30:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 27 [kmap-unmap]
safe_nocapture_copies.c:36:16: warning: kmap() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_nocapture_copies.c:39:2: note: kunmap() verdict safe: releases the mapping of line 36 [kmap-unmap]
safe_nocapture_copies.c:44:16: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_nocapture_copies.c:45:14: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_nocapture_copies.c:48:2: note: kunmap_atomic() verdict safe: releases the mapping of line 45 [kmap-unmap]
safe_nocapture_copies.c:49:2: note: kunmap_atomic() verdict safe: releases the mapping of line 44 [kmap-unmap]
safe_nocapture_copies.c:55:23: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region may rely on page faults and preemption disabled (crypto_comp_compress(), which is not analysed, at line 56) [kmap-deprecated]
safe_nocapture_copies.c:58:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 55 [kmap-unmap]
 * check-output-end
 */
