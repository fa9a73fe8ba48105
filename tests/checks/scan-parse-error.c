/* A syntax error inside a function with a site: the file is named, the run goes on. */
struct page;
void *kmap(struct page *page);
void kunmap(struct page *page);

int broken(struct page *page)
{
	char *a = kmap(page);
	int v = a[0] +;

	kunmap(page);
	return v;
}
/*
 * check-name: a syntax error is reported with the file and the site is still listed
 * check-command: kmapcheck scan --no-db --format sites $file
 *
 * check-output-start
scan-parse-error.c:8:12: kmap map in broken
scan-parse-error.c:11:2: kunmap unmap in broken
 * check-output-end
 *
 * check-error-start
scan-parse-error.c: warning: 1 parse error inside functions with mapping calls
 * check-error-end
 */
