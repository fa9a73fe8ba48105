/*
 * check-name: naive: kmap() pairs convert whenever they pair by page
 * check-rule: naive
 *
 * The address kept in a structure, the page_address() reader and the leak
 * on the error path all convert (a careful rule refuses each).  The kmap()
 * returned by ctx_get() converts too; ctx_put() releases the field that
 * ctx_open()'s kmap() of the same page field filled, and the bare kmap()
 * in ctx_touch() leaves only kunmap_local(page_address(page)).
 */
#include <linux/highmem.h>

struct dir_ctx {
	struct page *page;
	char *kaddr;
};

static void ctx_open(struct dir_ctx *c)
{
	c->kaddr = kmap(c->page);
	c->kaddr[0] = 0;
	kunmap(c->page);
}

static char *ctx_get(struct dir_ctx *c)
{
	return kmap(c->page);
}

static void ctx_put(struct dir_ctx *c)
{
	kunmap(c->page);
}

static void ctx_touch(struct page *page)
{
	kmap(page);
	((char *)page_address(page))[0]++;
	kunmap(page);
}

static void ctx_mirror(struct page *page)
{
	char *p = kmap(page);
	char *q = page_address(page);

	q[1] = p[0];
	kunmap(page);
}

static int ctx_check(struct page *page)
{
	u32 *p = kmap(page);

	if (!p[0])
		return -EINVAL;
	kunmap(page);
	return 0;
}

static void ctx_copy_out(struct page *page, void *buf)
{
	memcpy(buf, kmap(page), PAGE_SIZE);
	kunmap(page);
}
