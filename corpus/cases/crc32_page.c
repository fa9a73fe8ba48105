// SPDX-License-Identifier: GPL-2.0
/*
 * A block checksum in the style of a filesystem's metadata verifier: crc32_le() over the
 * payload of a page mapped with kmap_atomic(), with the stored checksum field skipped. The
 * software crc32 needs neither preemption nor page faults disabled: safe.
 */
#include <linux/highmem.h>
#include <linux/crc32.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define CSUM_OFF	12

/* The checksum covers the block with its own 4-byte field taken as zero. */
static u32 blk_crc(struct page *page, unsigned int blksz)
{
	static const u8 zero[4];
	u8 *kaddr;
	u32 crc;

	kaddr = kmap_atomic(page);	/* kmapcheck: safe */
	crc = crc32_le(~0u, kaddr, CSUM_OFF);
	crc = crc32_le(crc, zero, sizeof(zero));
	crc = crc32_le(crc, kaddr + CSUM_OFF + 4, blksz - CSUM_OFF - 4);
	kunmap_atomic(kaddr);
	return ~crc;
}

static int blk_verify(struct page *page, unsigned int blksz)
{
	u32 stored;

	memcpy_from_page((char *)&stored, page, CSUM_OFF, sizeof(stored));
	return stored == blk_crc(page, blksz) ? 0 : -EIO;
}

static int crc32_page_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u8 *lin;
	u32 crc;
	int ret = 0;

	lin = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page || !lin)
		return -ENOMEM;
	corpus_fill(lin, PAGE_SIZE, 90, 0);
	memset(lin + CSUM_OFF, 0, 4);
	crc = ~crc32_le(~0u, lin, PAGE_SIZE);
	memcpy(lin + CSUM_OFF, &crc, 4);
	memcpy_to_page(page, 0, (char *)lin, PAGE_SIZE);

	if (blk_verify(page, PAGE_SIZE)) {
		corpus_fail("good block failed verification");
		ret = 1;
	}
	lin[2000] ^= 0x10;
	memcpy_to_page(page, 2000, (char *)lin + 2000, 1);
	if (!blk_verify(page, PAGE_SIZE)) {
		corpus_fail("corrupt block passed verification");
		ret = 1;
	}
	__free_page(page);
	kfree(lin);
	return ret;
}
CORPUS_CASE(crc32_page_run);
