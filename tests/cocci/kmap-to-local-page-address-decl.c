/*
 * check-name: a bare kmap(page) followed by a declaration from page_address(page)
 * check-rule: kmap-to-local
 *
 * A declaration after a statement: the kernel warns about it, so the pragma
 * keeps this test compiling; the rule must still convert it.
 */
#include <linux/highmem.h>

#pragma GCC diagnostic ignored "-Wdeclaration-after-statement"

static u32 rec_first(struct page *page)
{
	u32 v;

	kmap(page);
	const u32 *w = (const u32 *)page_address(page);
	v = w[0];
	kunmap(page);
	return v;
}
