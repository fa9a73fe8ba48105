// SPDX-License-Identifier: GPL-2.0
/*
 * A packet accounting path that maps the payload page with kmap_atomic() and, inside the
 * mapped region, takes a spinlock to update shared counters. A spinlock needs no help from
 * the mapping (it disables preemption itself) and may be taken in a kmap_local region: safe.
 */
#include <linux/highmem.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct rx_stats {
	spinlock_t lock;
	u64 bytes;
	unsigned int zero_words;
	unsigned int packets;
};

static void rx_account(struct rx_stats *st, struct page *page, unsigned int len)
{
	unsigned int i, zeros = 0;
	u32 *words;

	words = kmap_atomic(page);	/* kmapcheck: safe */
	for (i = 0; i < len / 4; i++)
		if (!words[i])
			zeros++;
	spin_lock(&st->lock);
	st->bytes += len;
	st->zero_words += zeros;
	st->packets++;
	spin_unlock(&st->lock);
	kunmap_atomic(words);
}

static int atomic_spin_inside_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct rx_stats st = { .bytes = 0 };
	u32 zero = 0, *lin;
	unsigned int i, want = 0;
	int ret = 0;

	if (!page)
		return -ENOMEM;
	spin_lock_init(&st.lock);
	corpus_fill_page(page, 0, PAGE_SIZE, 180);
	memcpy_to_page(page, 0, (char *)&zero, 4);
	memcpy_to_page(page, 400, (char *)&zero, 4);
	memcpy_to_page(page, 4000, (char *)&zero, 4);
	lin = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!lin)
		return -ENOMEM;
	memcpy_from_page((char *)lin, page, 0, PAGE_SIZE);
	for (i = 0; i < PAGE_SIZE / 4; i++)
		want += (!lin[i]) * (i < 1500 / 4 ? 2 : 1);
	kfree(lin);
	rx_account(&st, page, 1500);
	rx_account(&st, page, PAGE_SIZE);
	if (st.packets != 2 || st.bytes != 1500 + PAGE_SIZE || st.zero_words != want) {
		corpus_fail("%u packets, %llu bytes, %u zero words", st.packets, st.bytes,
			    st.zero_words);
		ret = 1;
	}
	__free_page(page);
	return ret;
}
CORPUS_CASE(atomic_spin_inside_run);
