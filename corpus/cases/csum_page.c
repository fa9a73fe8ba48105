// SPDX-License-Identifier: GPL-2.0
/*
 * An Internet checksum over the page fragments of a packet, one kmap_atomic() per fragment
 * with csum_partial() accumulating across them; fragments are even-sized so the running sum
 * needs no rotation. Plain memory reads in each region: safe.
 */
#include <linux/highmem.h>
#include <net/checksum.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct pkt_frag {
	struct page *page;
	unsigned int off;
	unsigned int len;
};

static __wsum frags_csum(const struct pkt_frag *frags, int nr, __wsum sum)
{
	int i;

	for (i = 0; i < nr; i++) {
		const u8 *vaddr = kmap_atomic(frags[i].page);	/* kmapcheck: safe */

		sum = csum_partial(vaddr + frags[i].off, frags[i].len, sum);
		kunmap_atomic((void *)vaddr);
	}
	return sum;
}

/* Folds a 32-bit partial sum to 16 bits; partial sums equal modulo 0xffff fold alike. */
static u16 csum_fold16(__wsum sum)
{
	u32 s = (u32)sum;

	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return s;
}

static int csum_page_run(void)
{
	static const unsigned int offs[3] = { 0, 100, 2000 };
	static const unsigned int lens[3] = { 1500, 1200, 2096 };
	struct pkt_frag frags[3];
	char *lin;
	__wsum want, got;
	unsigned int at = 0;
	int i, ret = 0;

	lin = kmalloc(4796, GFP_KERNEL);
	if (!lin)
		return -ENOMEM;
	for (i = 0; i < 3; i++) {
		frags[i].page = alloc_page(GFP_HIGHUSER);
		if (!frags[i].page)
			return -ENOMEM;
		frags[i].off = offs[i];
		frags[i].len = lens[i];
		corpus_fill_page(frags[i].page, 0, PAGE_SIZE, 100 + i);
		memcpy_from_page(lin + at, frags[i].page, offs[i], lens[i]);
		at += lens[i];
	}
	want = csum_partial(lin, at, 0);
	got = frags_csum(frags, 3, 0);
	if (csum_fold16(got) != csum_fold16(want)) {
		corpus_fail("checksum 0x%x, want 0x%x", csum_fold16(got), csum_fold16(want));
		ret = 1;
	}
	for (i = 0; i < 3; i++)
		__free_page(frags[i].page);
	kfree(lin);
	return ret;
}
CORPUS_CASE(csum_page_run);
