/*
 * check-name: a malformed sites file stops spatch instead of converting all
 * check-rule: kmap_atomic-to-local
 * check-site: 15
 * check-sites-raw: fs/foo.c
 * check-error: expected PATH:LINE[:COLUMN], got 'fs/foo.c'
 */
#include <linux/highmem.h>

static void clear_first(struct page *page)
{
	u8 *p;

	p = kmap_atomic(page);
	p[0] = 0;
	kunmap_atomic(p);
}
