/* Calls written through macros are attributed to the line that uses the macro. */
struct page;
void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_atomic(struct page *page);
void __kunmap_atomic(void *addr);
#define kunmap_atomic(addr) __kunmap_atomic(addr)
#define MAP_PAGE(pg) kmap_atomic(pg)
#define WITH_PAGE(pg, buf, n)			\
	do {					\
		char *__a = kmap(pg);		\
		__a[0] = (buf)[n];		\
		kunmap(pg);			\
	} while (0)

void fill(struct page *page, const char *buf)
{
	char *a = MAP_PAGE(page);

	a[1] = buf[1];
	kunmap_atomic(a);
	WITH_PAGE(page, buf, 0);
}
/*
 * check-name: calls through macros name the macro and the line of use
 * check-command: kmapcheck scan --no-db --format sites $file
 *
 * check-output-start
scan-macro.c:18:12: kmap_atomic map in fill via macro MAP_PAGE
scan-macro.c:21:2: kunmap_atomic unmap in fill via macro kunmap_atomic
scan-macro.c:22:2: kmap map in fill via macro WITH_PAGE
scan-macro.c:22:2: kunmap unmap in fill via macro WITH_PAGE
 * check-output-end
 */
