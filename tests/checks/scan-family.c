/* Every call of the family is a site: maps, unmaps and the copy helpers. */
struct page;
struct folio;
typedef unsigned long size_t;
void *kmap_local_page(struct page *page);
void *kmap_local_folio(struct folio *folio, size_t offset);
void __kunmap_local(const void *addr);
#define kunmap_local(addr) __kunmap_local(addr)
void memcpy_from_page(char *to, struct page *page, size_t offset, size_t len);
void memcpy_to_page(struct page *page, size_t offset, const char *from, size_t len);
void memzero_page(struct page *page, size_t offset, size_t len);
void memcpy_page(struct page *dst, size_t doff, struct page *src, size_t soff, size_t len);

/* kmap_atomic() in a comment, and "kmap(page)" in a string, are not calls. */
static const char *doc = "kmap(page)";

void family(struct page *a, struct page *b, struct folio *f, char *buf)
{
	char *p = kmap_local_page(a);
	char *q = kmap_local_folio(f, 0);

	p[0] = q[0];
	kunmap_local(q);
	kunmap_local(p);
	memcpy_from_page(buf, a, 0, 4);
	memcpy_to_page(b, 0, buf, 4);
	memzero_page(b, 4, 4);
	memcpy_page(a, 0, b, 0, 8);
	buf[0] = doc[0];
}
/*
 * check-name: the whole family is reported, comments and strings are not
 * check-command: kmapcheck scan --no-db --format sites $file
 *
 * check-output-start
scan-family.c:19:12: kmap_local_page map in family
scan-family.c:20:12: kmap_local_folio map in family
scan-family.c:23:2: kunmap_local unmap in family via macro kunmap_local
scan-family.c:24:2: kunmap_local unmap in family via macro kunmap_local
scan-family.c:25:2: memcpy_from_page helper in family
scan-family.c:26:2: memcpy_to_page helper in family
scan-family.c:27:2: memzero_page helper in family
scan-family.c:28:2: memcpy_page helper in family
 * check-output-end
 */
