#include "kapi.h"

/* Explicit disables around the operations: nothing depends on kmap_atomic(). */
size_t copy_in_locked(struct page *page, const char *ubuf, size_t len, spinlock_t *lock,
		      int *cpu)
{
	char *kaddr = kmap_atomic(page);
	size_t left;

	pagefault_disable();
	left = __copy_from_user_inatomic(kaddr, ubuf, len);
	pagefault_enable();
	spin_lock(lock);
	*cpu = smp_processor_id();
	spin_unlock(lock);
	kunmap_atomic(kaddr);
	return left;
}

/* kmap_local_page() never disabled anything: the same call is not its business. */
size_t copy_in_local(struct page *page, const char *ubuf, size_t len)
{
	char *kaddr = kmap_local_page(page);
	size_t left = __copy_from_user_inatomic(kaddr, ubuf, len);

	kunmap_local(kaddr);
	return left;
}
/*
 * check-name: operations under their own explicit disable do not need kmap_atomic()
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
needs_covered.c:7:16: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
needs_covered.c:16:2: note: kunmap_atomic() verdict safe: releases the mapping of line 7 [kmap-unmap]
needs_covered.c:23:16: note: kmap_local_page() verdict safe: thread-local, LIFO on 1 path [kmap-map]
needs_covered.c:26:2: note: kunmap_local() verdict safe: releases the mapping of line 23 [kmap-unmap]
 * check-output-end
 */
