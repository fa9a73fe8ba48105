// SPDX-License-Identifier: GPL-2.0
/*
 * A superblock parser that maps the block with kmap(), validates it with two early exits that
 * jump to a common label, and unmaps at the label: every path through the function passes the
 * one kunmap() exactly once: safe.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define SB_MAGIC	0x4b4d5342u

struct disk_sb {
	u32 magic;
	u32 block_size;
	u32 nblocks;
	char label[20];
};

struct sb_info {
	unsigned int block_size;
	unsigned int nblocks;
	char label[20];
};

static int sb_read(struct page *page, struct sb_info *sbi)
{
	struct disk_sb *dsb;
	int err = 0;

	dsb = kmap(page);	/* kmapcheck: safe */
	if (dsb->magic != SB_MAGIC) {
		err = -EINVAL;
		goto out;
	}
	if (!dsb->block_size || dsb->block_size > PAGE_SIZE || (dsb->block_size & 511)) {
		err = -EINVAL;
		goto out;
	}
	sbi->block_size = dsb->block_size;
	sbi->nblocks = dsb->nblocks;
	memcpy(sbi->label, dsb->label, sizeof(sbi->label));
out:
	kunmap(page);
	return err;
}

static int goto_error_balanced_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct disk_sb dsb = { .magic = SB_MAGIC, .block_size = 1024, .nblocks = 77 };
	struct sb_info sbi = { 0 };
	int ret = 0;

	if (!page)
		return -ENOMEM;
	corpus_fill(dsb.label, sizeof(dsb.label), 70, 0);
	memcpy_to_page(page, 0, (char *)&dsb, sizeof(dsb));
	if (sb_read(page, &sbi) || sbi.block_size != 1024 || sbi.nblocks != 77) {
		corpus_fail("good superblock rejected or misread");
		ret = 1;
	}
	ret |= corpus_check(sbi.label, sizeof(sbi.label), 70, 0);

	dsb.block_size = 1000;
	memcpy_to_page(page, 0, (char *)&dsb, sizeof(dsb));
	if (sb_read(page, &sbi) != -EINVAL) {
		corpus_fail("bad block size accepted");
		ret = 1;
	}
	dsb.magic = 0;
	memcpy_to_page(page, 0, (char *)&dsb, sizeof(dsb));
	if (sb_read(page, &sbi) != -EINVAL) {
		corpus_fail("bad magic accepted");
		ret = 1;
	}
	__free_page(page);
	return ret;
}
CORPUS_CASE(goto_error_balanced_run);
