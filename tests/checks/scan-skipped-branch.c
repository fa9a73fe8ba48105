/* A call in a branch the configuration does not compile is found, and not analysed. */
struct page;
void *kmap_atomic(struct page *page);
void __kunmap_atomic(void *addr);
#define kunmap_atomic(addr) __kunmap_atomic(addr)

int peek(struct page *page)
{
#ifdef CONFIG_SOMETHING_OFF
	char *a = kmap_atomic(page);
	int v = a[0];

	kunmap_atomic(a);
	return v;
#else
	return 0;
#endif
}
/*
 * check-name: calls in skipped #if branches are reported as unknown
 * check-command: kmapcheck scan --no-db $file
 *
 * check-output-start
scan-skipped-branch.c:10:12: warning: kmap_atomic() is deprecated; verdict unknown: in code this configuration does not compile (a skipped #if branch); not analysed [kmap-deprecated]
scan-skipped-branch.c:13:2: note: kunmap_atomic() verdict unknown: in code this configuration does not compile (a skipped #if branch); not analysed [kmap-unmap]
 * check-output-end
 */
