/*
 * check-name: sites given by absolute path and column, through -D sites=
 * check-rule: kmap_atomic-to-local
 * check-sites-path: absolute
 * check-sites-via: define
 * check-site: 18:28
 * check-site: 27:35
 *
 * Two maps share a line; the column picks the one to convert.
 */
#include <linux/highmem.h>

static void xor_into(struct page *dst, struct page *src)
{
	u32 *d, *s;
	int i;

	d = kmap_atomic(dst); s = kmap_atomic(src);
	for (i = 0; i < 16; i++)
		d[i] ^= s[i];
	kunmap_atomic(s);
	kunmap_atomic(d);
}

static void copy_head(struct page *dst, struct page *src)
{
	void *d = kmap_atomic(dst), *s = kmap_atomic(src);

	memcpy(d, s, 128);
	kunmap_atomic(s);
	kunmap_atomic(d);
}
