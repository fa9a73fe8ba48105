/*
 * check-name: naive: with a site selector only the selected same-function pairs change
 * check-rule: naive
 * check-site: 25
 * check-site: 40
 * check-warning: 40
 *
 * fill() is selected and pairs in one function: it converts.  copy() is
 * not selected and stays.  The selected kmap() in start() is unmapped in
 * another function: finding that address, page_address() and converting
 * the kmap() calls left all need every kmap() of the file converted, so
 * under a selector they stay, and the rule says it left the site alone.
 */
#include <linux/highmem.h>

struct ring {
	struct page *page;
	char *base;
};

static void fill(struct page *page, u8 v)
{
	u8 *p;

	p = kmap(page);
	memset(p, v, PAGE_SIZE);
	kunmap(page);
}

static void copy(struct page *page, void *buf)
{
	char *p = kmap(page);

	memcpy(buf, p, PAGE_SIZE);
	kunmap(page);
}

static void start(struct ring *r)
{
	r->base = kmap(r->page);
}

static void stop(struct ring *r)
{
	kunmap(r->page);
}

static void touch(struct page *page)
{
	kmap(page);
	kunmap(page);
}
