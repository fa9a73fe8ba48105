/*
 * check-name: ./NAME.c names the NAME.c spatch reads; other files do not
 * check-rule: kmap-to-local
 * check-sites-path: dot
 * check-site: 21   # the destination only
 * check-sites-raw: # a comment line
 * check-sites-raw: other/dir/file.c:20
 * check-sites-raw: /no/such/tree/sites-dot-path.c:20
 *
 * Paths are compared after resolving both to real paths from spatch's
 * working directory, so "./x.c", "x.c" and "/abs/x.c" are the same file,
 * while a file of the same name elsewhere is another.
 */
#include <linux/highmem.h>

static void move_bytes(struct page *dst, struct page *src, size_t len)
{
	char *to, *from;

	from = kmap(src);
	to = kmap(dst);
	memcpy(to, from, len);
	kunmap(dst);
	kunmap(src);
}
