/*
 * check-name: naive: a kunmap() in another function takes the address the file kept
 * check-rule: naive
 *
 * The map and its unmap are in different functions.  The address is found
 * through the structure field that kmap() of the same page field filled
 * (the structure type must match), or through the parameter that callers
 * of the unmapping function pass the address of a kmap()-returning helper
 * in.  Two fields for one page field, callers that pass the address in two
 * different places, and a structure no kmap() filled leave only
 * page_address().
 */
#include <linux/highmem.h>

struct req {
	struct page *page;
	char *buf;
};

struct other {
	struct page *page;
	char *buf;
};

struct log {
	struct page **pages;
	int cur;
	char *kaddr;
};

struct two {
	struct page *page;
	char *a;
	char *b;
};

static void req_start(struct req *r)
{
	r->buf = kmap(r->page);
}

static void req_end(struct req *r)
{
	r->buf[0] = 1;
	kunmap(r->page);
}

static void other_end(struct other *o)
{
	kunmap(o->page);
}

static void log_next(struct log *l)
{
	if (l->kaddr)
		kunmap(l->pages[l->cur]);
	l->cur++;
	l->kaddr = (char *)kmap(l->pages[l->cur]);
}

static void log_stop(struct log *l)
{
	kunmap(l->pages[l->cur]);
	l->kaddr = NULL;
}

static void two_a(struct two *t)
{
	t->a = kmap(t->page);
}

static void two_b(struct two *t)
{
	t->b = kmap(t->page) + 8;
}

static void two_put(struct two *t)
{
	kunmap(t->page);
}

static void *blk_get(struct page *page)
{
	return kmap(page);
}

static void blk_put(struct page *page, void *kaddr)
{
	kunmap(page);
}

static void blk_use(struct page *page)
{
	char *k = blk_get(page);

	k[0] = 0;
	blk_put(page, k);
}

static void blk_use_assigned(struct page *page)
{
	char *k;

	k = blk_get(page);
	k[1] = 0;
	blk_put(page, k);
}

static void *msg_get(struct page *page)
{
	return kmap(page) + 16;
}

static void msg_put(struct page *page, void *a, void *b)
{
	kunmap(page);
}

static void msg_one(struct page *page)
{
	void *x = msg_get(page);

	msg_put(page, x, NULL);
}

static void msg_other(struct page *page)
{
	void *y = msg_get(page);

	msg_put(page, NULL, y);
}
