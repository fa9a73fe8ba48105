#include "kapi.h"

/*
 * The shape of copy_huge_page_from_user(): kmap_atomic() exactly when the copy must not
 * fault in the source (the caller may hold mmap_lock). Under kmap_atomic() copy_from_user()
 * stops short; under kmap_local_page() it would fault and may sleep.
 */
unsigned long fill_page(struct page *page, const char *usrc, int may_fault)
{
	unsigned long rc;
	char *kaddr;

	if (may_fault)
		kaddr = kmap(page);
	else
		kaddr = kmap_atomic(page);
	rc = copy_from_user(kaddr, usrc, 4096);
	if (may_fault)
		kunmap(page);
	else
		kunmap_atomic(kaddr);
	return rc;
}

/* The same reliance one call away: the helper copies to user memory. */
static unsigned long put_header(char *ubuf, const char *kaddr)
{
	return copy_to_user(ubuf, kaddr, 16);
}

unsigned long read_header(struct page *page, char *ubuf)
{
	char *kaddr = kmap_atomic(page);
	unsigned long left = put_header(ubuf, kaddr);

	kunmap_atomic(kaddr);
	return left;
}

/* Under an explicit pagefault_disable() the copy no longer depends on kmap_atomic(). */
unsigned long read_header_disabled(struct page *page, char *ubuf)
{
	char *kaddr = kmap_atomic(page);
	unsigned long left;

	pagefault_disable();
	left = copy_to_user(ubuf, kaddr, 16);
	pagefault_enable();
	kunmap_atomic(kaddr);
	return left;
}
/* An iterator copy reaches user memory for an iovec iterator: the same reliance. */
struct iov_iter;
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);

size_t page_to_iter(struct page *page, size_t len, struct iov_iter *iter)
{
	void *addr = kmap_atomic(page);
	size_t written = copy_to_iter(addr, len, iter);

	kunmap_atomic(addr);
	return written;
}
/*
 * check-name: a kmap_atomic() region copying from or to user memory relies on page faults disabled
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
needs_user_copy.c:14:11: warning: kmap() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
needs_user_copy.c:16:11: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region relies on page faults disabled (copy_from_user() at line 17) [kmap-deprecated]
needs_user_copy.c:19:3: note: kunmap() verdict safe: releases the mapping of line 14 [kmap-unmap]
needs_user_copy.c:21:3: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 16 [kmap-unmap]
needs_user_copy.c:33:16: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region relies on page faults disabled (put_header() (it calls copy_to_user() at line 28) at line 34) [kmap-deprecated]
needs_user_copy.c:36:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 33 [kmap-unmap]
needs_user_copy.c:43:16: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
needs_user_copy.c:49:2: note: kunmap_atomic() verdict safe: releases the mapping of line 43 [kmap-unmap]
needs_user_copy.c:58:15: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region relies on page faults disabled (copy_to_iter() at line 59) [kmap-deprecated]
needs_user_copy.c:61:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 58 [kmap-unmap]
 * check-output-end
 */
