#include "kapi.h"

/*
 * Getter/putter pairs: the getter returns kmap()'s address, the putter's
 * kunmap(page) releases it and its callers hand the address back.
 */
struct blk {
	struct page *pages[4];
	int len;
};

/* 1: every caller passes back the getter's result: a pair. */
static void *blk_get(struct blk *b, int n, struct page **pagep)
{
	struct page *page = b->pages[n];

	*pagep = page;
	return kmap(page);
}

static void blk_put(struct page *page, void *kaddr)
{
	kunmap(page);
}

int blk_sum(struct blk *b)
{
	int n, sum = 0;

	for (n = 0; n < b->len; n++) {
		struct page *page;
		char *kaddr = blk_get(b, n, &page);

		if (!kaddr[0]) {
			blk_put(page, kaddr);
			return -EINVAL;
		}
		sum += kaddr[1];
		blk_put(page, kaddr);
	}
	return sum;
}

/* 2: one caller passes an address inside the page, not the one returned. */
static void *rec_get(struct blk *b, struct page **pagep)
{
	struct page *page = b->pages[0];

	*pagep = page;
	return kmap(page);
}

static void rec_put(struct page *page, void *kaddr)
{
	kunmap(page);
}

int rec_first(struct blk *b)
{
	struct page *page;
	char *kaddr = rec_get(b, &page);
	int c = kaddr[0];

	rec_put(page, kaddr + 16);
	return c;
}

/* 3: the caller moves the address variable before handing it back. */
static void *ent_get(struct blk *b, struct page **pagep)
{
	struct page *page = b->pages[1];

	*pagep = page;
	return kmap(page);
}

static void ent_put(struct page *page, void *kaddr)
{
	kunmap(page);
}

int ent_scan(struct blk *b)
{
	struct page *page;
	char *kaddr = ent_get(b, &page);
	int c = 0;

	while (*kaddr)
		c += *kaddr++;
	ent_put(page, kaddr);
	return c;
}

/* 4: the putter changes its address parameter before the unmap. */
static void *hdr_get(struct blk *b, struct page **pagep)
{
	struct page *page = b->pages[2];

	*pagep = page;
	return kmap(page);
}

static void hdr_put(struct page *page, void *kaddr)
{
	kaddr = NULL;
	kunmap(page);
}

int hdr_read(struct blk *b)
{
	struct page *page;
	char *kaddr = hdr_get(b, &page);
	int c = kaddr[0];

	hdr_put(page, kaddr);
	return c;
}

/* 5: one caller releases the getter's mapping itself, with kunmap(page). */
static void *tail_get(struct blk *b, struct page **pagep)
{
	struct page *page = b->pages[3];

	*pagep = page;
	return kmap(page);
}

static void tail_put(struct page *page, void *kaddr)
{
	kunmap(page);
}

int tail_read(struct blk *b, int direct)
{
	struct page *page;
	char *kaddr = tail_get(b, &page);
	int c = kaddr[0];

	if (direct) {
		kunmap(page);
		return c;
	}
	tail_put(page, kaddr);
	return c;
}
/* 6: the putter also releases a mapping made with kmap() in its caller. */
static void *dir_get(struct blk *b, struct page **pagep)
{
	struct page *page = b->pages[0];

	*pagep = page;
	return kmap(page);
}

static void dir_put(struct page *page, void *kaddr)
{
	kunmap(page);
}

int dir_both(struct blk *b)
{
	struct page *page;
	char *kaddr = dir_get(b, &page);
	char *other = kmap(b->pages[1]);
	int c = kaddr[0] + other[0];

	dir_put(b->pages[1], other);
	dir_put(page, kaddr);
	return c;
}
/*
 * check-name: getter/putter pairs: kunmap_local() takes the putter's address parameter when every caller hands back the getter's address
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
pair_helpers.c:18:9: warning: kmap() is deprecated; verdict safe: returned by blk_get() to blk_sum() at line 32; thread-local, LIFO on 3 paths; a getter/putter pair: becomes kmap_local_page(), and kunmap() in blk_put() (line 23) kunmap_local(kaddr), the address every caller hands back [kmap-deprecated]
pair_helpers.c:23:2: note: kunmap() verdict safe: releases the mapping of line 18; becomes kunmap_local(kaddr): every call that releases a mapping passes as kaddr the address the getter returned [kmap-unmap]
pair_helpers.c:50:9: warning: kmap() is deprecated; verdict safe: returned by rec_get() to rec_first() at line 61; thread-local, LIFO on 1 path; no getter/putter pair to convert: the call of rec_put() at line 64 does not pass back, in a local only ever assigned the getter's result, the address the getter returned [kmap-deprecated]
pair_helpers.c:55:2: note: kunmap() verdict safe: releases the mapping of line 50 [kmap-unmap]
pair_helpers.c:74:9: warning: kmap() is deprecated; verdict safe: returned by ent_get() to ent_scan() at line 85; thread-local, LIFO on 1 path; no getter/putter pair to convert: the call of ent_put() at line 90 does not pass back, in a local only ever assigned the getter's result, the address the getter returned [kmap-deprecated]
pair_helpers.c:79:2: note: kunmap() verdict safe: releases the mapping of line 74 [kmap-unmap]
pair_helpers.c:100:9: warning: kmap() is deprecated; verdict safe: returned by hdr_get() to hdr_read() at line 112; thread-local, LIFO on 1 path; no getter/putter pair to convert: hdr_put() (called at line 115) takes no address for kunmap_local(): no other pointer parameter it leaves unchanged [kmap-deprecated]
pair_helpers.c:106:2: note: kunmap() verdict safe: releases the mapping of line 100 [kmap-unmap]
pair_helpers.c:125:9: warning: kmap() is deprecated; verdict safe: returned by tail_get() to tail_read() at line 136; thread-local, LIFO on 2 paths; no getter/putter pair to convert: kunmap() at line 140 in tail_read() releases it where the address is not handed back [kmap-deprecated]
pair_helpers.c:130:2: note: kunmap() verdict safe: releases the mapping of line 125 [kmap-unmap]
pair_helpers.c:140:3: note: kunmap() verdict safe: releases the mapping of line 125 [kmap-unmap]
pair_helpers.c:152:9: warning: kmap() is deprecated; verdict safe: returned by dir_get() to dir_both() at line 163; thread-local, LIFO on 1 path; no getter/putter pair to convert: the call of dir_put() at line 167 does not pass back, in a local only ever assigned the getter's result, the address the getter returned [kmap-deprecated]
pair_helpers.c:157:2: note: kunmap() verdict safe: releases the mappings of line 164 and 152 [kmap-unmap]
pair_helpers.c:164:16: warning: kmap() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
 * check-output-end
 */
