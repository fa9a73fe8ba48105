#include <linux/highmem.h>
#include <linux/string.h>

/* The reference runtime's headers: every mapping call is a macro there. */
int sum_bytes(struct page *page, size_t len)
{
	unsigned char *p = kmap_atomic(page);
	int sum = 0;
	size_t i;

	for (i = 0; i < len; i++)
		sum += p[i];
	kunmap_atomic(p);
	return sum;
}

void copy_page_local(struct page *dst, struct page *src)
{
	void *s = kmap_local_page(src);
	void *d = kmap_local_page(dst);

	memcpy(d, s, PAGE_SIZE);
	kunmap_local(d);
	kunmap_local(s);
}
/*
 * check-name: sites that are macros in the runtime's headers
 * check-command: kmapcheck scan --no-db -q $file -- -m32 -I../../runtime/include
 *
 * check-output-start
safe_runtime_macros.c:7:21: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_runtime_macros.c:13:2: note: kunmap_atomic() verdict safe: releases the mapping of line 7 [kmap-unmap]
safe_runtime_macros.c:19:12: note: kmap_local_page() verdict safe: thread-local, LIFO on 1 path [kmap-map]
safe_runtime_macros.c:20:12: note: kmap_local_page() verdict safe: thread-local, LIFO on 1 path [kmap-map]
safe_runtime_macros.c:23:2: note: kunmap_local() verdict safe: releases the mapping of line 20 [kmap-unmap]
safe_runtime_macros.c:24:2: note: kunmap_local() verdict safe: releases the mapping of line 19 [kmap-unmap]
 * check-output-end
 */
