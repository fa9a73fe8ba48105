/* Two files include one header with a mapping inline function. */
#include <demo/pagebuf.h>

unsigned char first_a(struct page *page)
{
	return pagebuf_first_byte(page);
}
/*
 * check-name: a header's inline function is reported once, relative to the root
 * check-command: kmapcheck scan --no-db --format sites $file scan-header-inline-b.c -- -Iinclude
 *
 * check-output-start
include/demo/pagebuf.h:12:21: kmap_atomic map in pagebuf_first_byte
include/demo/pagebuf.h:15:2: kunmap_atomic unmap in pagebuf_first_byte via macro kunmap_atomic
 * check-output-end
 */
