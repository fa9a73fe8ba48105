#include "kapi.h"

#define min_t(t, a, b) ({ t __a = (a); t __b = (b); __a < __b ? __a : __b; })

int copy_some(struct page *page, char *to, size_t len, int flags)
{
	char *p = kmap_atomic(page);
	size_t n = min_t(size_t, len, 4096);

	if (flags && p[0] == 'x')
		n = 0;
	memcpy(to, flags > 1 ? p + 1 : p, n);
	kunmap_atomic(flags ? p : p + 0);
	return n ?: -EINVAL;
}
/*
 * check-name: statement expressions, ?:, && and GNU ?: between map and unmap
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_stmt_expr.c:7:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 20 paths [kmap-deprecated]
safe_stmt_expr.c:13:2: note: kunmap_atomic() verdict safe: releases the mapping of line 7 [kmap-unmap]
 * check-output-end
 */
