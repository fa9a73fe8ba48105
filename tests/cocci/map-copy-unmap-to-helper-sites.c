/*
 * check-name: only the selected sequence becomes a helper call
 * check-rule: map-copy-unmap-to-helper
 * check-site: 23
 * check-site: 32
 * check-warning: 32
 *
 * Both sequences of save_both() share the variable; only the second is
 * selected, so the first stays and so does the declaration.  The selected
 * sequence in bump() is not a pure copy and is reported as left alone.
 */
#include <linux/highmem.h>

static void save_both(struct page *a, struct page *b, const char *src,
		      size_t len)
{
	char *kaddr;

	kaddr = kmap_atomic(a);
	memcpy(kaddr, src, len);
	kunmap_atomic(kaddr);

	kaddr = kmap_atomic(b);
	memcpy(kaddr, src, len);
	kunmap_atomic(kaddr);
}

static void bump(struct page *page, const char *src)
{
	char *kaddr;

	kaddr = kmap_atomic(page);
	memcpy(kaddr, src, 4);
	kaddr[4]++;
	kunmap_atomic(kaddr);
}
