// SPDX-License-Identifier: GPL-2.0
/*
 * A block migration step with the kernel's unwind ladder: map the source, check it, map the
 * destination, check it, copy; errors after each step jump to out_dst or out_src, which unmap
 * in reverse order of mapping. Every path is balanced and LIFO: both safe.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define BLK_MAGIC	0x424c4b30u

struct blk_hdr {
	u32 magic;
	u32 seq;
};

static int blk_migrate(struct page *dst_page, struct page *src_page, u32 min_seq)
{
	struct blk_hdr *src, *dst;
	int err = 0;

	src = kmap_atomic(src_page);	/* kmapcheck: safe */
	if (src->magic != BLK_MAGIC) {
		err = -EINVAL;
		goto out_src;
	}
	dst = kmap_atomic(dst_page);	/* kmapcheck: safe */
	if (dst->magic == BLK_MAGIC && dst->seq >= src->seq) {
		err = -EEXIST;
		goto out_dst;
	}
	if (src->seq < min_seq) {
		err = -EAGAIN;
		goto out_dst;
	}
	memcpy(dst, src, PAGE_SIZE);
out_dst:
	kunmap_atomic(dst);
out_src:
	kunmap_atomic(src);
	return err;
}

static void blk_stamp(struct page *page, u32 magic, u32 seq, u32 seed)
{
	struct blk_hdr h = { .magic = magic, .seq = seq };

	corpus_fill_page(page, 0, PAGE_SIZE, seed);
	memcpy_to_page(page, 0, (char *)&h, sizeof(h));
}

static int goto_two_labels_run(void)
{
	struct page *a = alloc_page(GFP_HIGHUSER);
	struct page *b = alloc_page(GFP_HIGHUSER);
	int ret = 0, err;

	if (!a || !b)
		return -ENOMEM;
	blk_stamp(a, 0, 5, 80);
	blk_stamp(b, BLK_MAGIC, 9, 81);
	err = blk_migrate(b, a, 0);
	ret |= err != -EINVAL;

	blk_stamp(a, BLK_MAGIC, 5, 82);
	err = blk_migrate(b, a, 0);
	ret |= err != -EEXIST;

	blk_stamp(b, BLK_MAGIC, 1, 83);
	err = blk_migrate(b, a, 6);
	ret |= err != -EAGAIN;
	if (ret)
		corpus_fail("an error path returned the wrong code");

	err = blk_migrate(b, a, 5);
	if (err) {
		corpus_fail("migration failed: %d", err);
		ret = 1;
	}
	ret |= corpus_check_page(b, 8, PAGE_SIZE - 8, 82);
	__free_page(a);
	__free_page(b);
	return ret;
}
CORPUS_CASE(goto_two_labels_run);
