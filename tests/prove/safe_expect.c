#include "kapi.h"

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

void report_failure(const char *what);

/* a mapping is never NULL: the early return cannot leak it */
void clear_checked(struct page *page, size_t len)
{
	char *p = kmap_atomic(page);

	if (unlikely(!p)) {
		report_failure("kmap_atomic");
		return;
	}
	memset(p, 0, len);
	kunmap_atomic(p);
}

/* the same hint twice: mapped when it holds, unmapped when it holds again */
void fill_hinted(struct page *page, char *bounce, int use_page, size_t len)
{
	char *dst = bounce;

	if (likely(use_page))
		dst = kmap_local_page(page);
	memset(dst, 0xff, len);
	if (likely(use_page))
		kunmap_local(dst);
}
/*
 * check-name: likely() and unlikely() test what they wrap
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_expect.c:11:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_expect.c:18:2: note: kunmap_atomic() verdict safe: releases the mapping of line 11 [kmap-unmap]
safe_expect.c:27:9: note: kmap_local_page() verdict safe: thread-local, LIFO on 1 path [kmap-map]
safe_expect.c:30:3: note: kunmap_local() verdict safe: releases the mapping of line 27 [kmap-unmap]
 * check-output-end
 */
