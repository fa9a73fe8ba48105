#include "kapi.h"

void fill_page(struct page *page, size_t off, const char *from, size_t len, char *back)
{
	memcpy_to_page(page, off, from, len);
	memcpy_from_page(back, page, off, len);
}
/*
 * check-name: memcpy_to_page() and friends map and unmap inside the call
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_helpers.c:5:2: note: memcpy_to_page() verdict safe: maps and unmaps inside the call [kmap-helper]
safe_helpers.c:6:2: note: memcpy_from_page() verdict safe: maps and unmaps inside the call [kmap-helper]
 * check-output-end
 */
