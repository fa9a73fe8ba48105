// SPDX-License-Identifier: GPL-2.0
/*
 * A per-CPU scratch buffer used inside a kmap_atomic() region, but taken with get_cpu_ptr()
 * before the mapping and released with put_cpu_ptr() after it: preemption is disabled
 * explicitly around the whole region, so nothing depends on kmap_atomic()'s implicit
 * preempt_disable(): safe (not safe-needs-disable).
 */
#include <linux/highmem.h>
#include <linux/percpu.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct xor_scratch {
	u8 block[256];
};

static DEFINE_PER_CPU(struct xor_scratch, xor_scratch);

/* Each 256-byte block becomes block ^ key, staged through the per-CPU buffer. */
static void page_xor_key(struct page *page, const u8 *key)
{
	struct xor_scratch *s;
	unsigned int off, i;
	u8 *kaddr;

	s = get_cpu_ptr(&xor_scratch);
	kaddr = kmap_atomic(page);	/* kmapcheck: safe */
	for (off = 0; off < PAGE_SIZE; off += sizeof(s->block)) {
		memcpy(s->block, kaddr + off, sizeof(s->block));
		for (i = 0; i < sizeof(s->block); i++)
			s->block[i] ^= key[i];
		memcpy(kaddr + off, s->block, sizeof(s->block));
	}
	kunmap_atomic(kaddr);
	put_cpu_ptr(&xor_scratch);
}

static int percpu_explicit_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u8 key[256];
	int ret;

	if (!page)
		return -ENOMEM;
	corpus_fill(key, sizeof(key), 111, 0);
	corpus_fill_page(page, 0, PAGE_SIZE, 110);
	page_xor_key(page, key);
	{
		u8 got[256], want[256];
		unsigned int i;

		memcpy_from_page((char *)got, page, 256, sizeof(got));
		corpus_fill(want, sizeof(want), 110, 256);
		for (i = 0; i < sizeof(want); i++)
			want[i] ^= key[i];
		ret = memcmp(got, want, sizeof(got)) != 0;
		if (ret)
			corpus_fail("second block is not the pattern xor the key");
	}
	page_xor_key(page, key);
	ret |= corpus_check_page(page, 0, PAGE_SIZE, 110);
	__free_page(page);
	return ret;
}
CORPUS_CASE(percpu_explicit_run);
