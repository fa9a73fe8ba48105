// SPDX-License-Identifier: GPL-2.0
/*
 * A driver that hides the mapping behind its own macros, blk_map()/blk_unmap(), defined as
 * kmap_atomic()/kunmap_atomic(). After expansion it is one mapping per function, released
 * before return, plain memory in between: safe. The annotation sits where the macro is used,
 * which is where the expanded call is.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define blk_map(page)		kmap_atomic(page)
#define blk_unmap(addr)		kunmap_atomic(addr)

struct blk_tag {
	u32 lba;
	u16 app;
	u16 guard;
};

/* A 16-bit sum over the block, stored in the tag at the block's end. */
static u16 blk_guard(const u8 *p, unsigned int len)
{
	u32 s = 0;
	unsigned int i;

	for (i = 0; i < len; i++)
		s = (s << 1 | s >> 15) + p[i];
	return (u16)(s ^ s >> 16);
}

static void blk_seal(struct page *page, u32 lba, u16 app)
{
	u8 *kaddr = blk_map(page);	/* kmapcheck: safe not-converted: the call is in a macro body; the rules do not rewrite macro definitions */
	struct blk_tag *tag = (struct blk_tag *)(kaddr + PAGE_SIZE - sizeof(*tag));

	tag->lba = lba;
	tag->app = app;
	tag->guard = blk_guard(kaddr, PAGE_SIZE - sizeof(*tag));
	blk_unmap(kaddr);
}

static int blk_check(struct page *page, u32 lba)
{
	u8 *kaddr = blk_map(page);	/* kmapcheck: safe not-converted: the call is in a macro body; the rules do not rewrite macro definitions */
	struct blk_tag *tag = (struct blk_tag *)(kaddr + PAGE_SIZE - sizeof(*tag));
	int err = 0;

	if (tag->lba != lba)
		err = -EIO;
	else if (tag->guard != blk_guard(kaddr, PAGE_SIZE - sizeof(*tag)))
		err = -EINVAL;
	blk_unmap(kaddr);
	return err;
}

static int macro_wrapper_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char c;
	int ret = 0;

	if (!page)
		return -ENOMEM;
	corpus_fill_page(page, 0, PAGE_SIZE, 120);
	blk_seal(page, 4242, 7);
	ret |= blk_check(page, 4242) != 0;
	ret |= blk_check(page, 4243) != -EIO;
	memcpy_from_page(&c, page, 77, 1);
	c ^= 1;
	memcpy_to_page(page, 77, &c, 1);
	ret |= blk_check(page, 4242) != -EINVAL;
	if (ret)
		corpus_fail("tag check gave a wrong answer");
	ret |= corpus_check_page(page, 0, 77, 120);
	__free_page(page);
	return ret;
}
CORPUS_CASE(macro_wrapper_run);
