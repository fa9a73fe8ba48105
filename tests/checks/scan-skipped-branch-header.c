/* Calls in skipped #if branches of a header and of the main file are both found. */
#include <demo/pagezero.h>

#ifdef CONFIG_DEMO_OFF
int pagezero_peek(struct page *page)
{
	unsigned char *a = kmap_atomic(page);
	int v = a[0];

	kunmap_atomic(a);
	return v;
}
#endif

void pagezero_clear(struct page *page)
{
	pagezero_first(page);
}
/*
 * check-name: calls in skipped #if branches of a header are reported as unknown
 * check-command: kmapcheck scan --no-db $file -- -Iinclude
 *
 * check-output-start
include/demo/pagezero.h:19:21: warning: kmap_atomic() is deprecated; verdict unknown: in code this configuration does not compile (a skipped #if branch); not analysed [kmap-deprecated]
include/demo/pagezero.h:22:2: note: kunmap_atomic() verdict unknown: in code this configuration does not compile (a skipped #if branch); not analysed [kmap-unmap]
scan-skipped-branch-header.c:7:21: warning: kmap_atomic() is deprecated; verdict unknown: in code this configuration does not compile (a skipped #if branch); not analysed [kmap-deprecated]
scan-skipped-branch-header.c:10:2: note: kunmap_atomic() verdict unknown: in code this configuration does not compile (a skipped #if branch); not analysed [kmap-unmap]
 * check-output-end
 */
