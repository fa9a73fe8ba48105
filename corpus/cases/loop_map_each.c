// SPDX-License-Identifier: GPL-2.0
/*
 * A log scan over an array of pages, some of them holes (NULL): a while loop that skips holes
 * with continue, maps each present page with kmap(), and stops with break at the first end
 * marker. Every continue happens before the mapping and the break after the unmap, so each
 * iteration is balanced and one mapping is live at a time: safe.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define LOG_END		0xffffffffu

/* Sums the 32-bit entries up to the first LOG_END; *npages counts the pages read. */
static u64 log_sum(struct page **pages, int nr, int *npages)
{
	u64 sum = 0;
	int i = -1;
	bool done = false;

	*npages = 0;
	while (++i < nr && !done) {
		u32 *ent;
		unsigned int j;

		if (!pages[i])
			continue;
		ent = kmap(pages[i]);	/* kmapcheck: safe */
		for (j = 0; j < PAGE_SIZE / 4; j++) {
			if (ent[j] == LOG_END) {
				done = true;
				break;
			}
			sum += ent[j];
		}
		kunmap(pages[i]);
		(*npages)++;
		if (done)
			break;
	}
	return sum;
}

static int loop_map_each_run(void)
{
	struct page *pages[6] = { NULL };
	u32 buf[PAGE_SIZE / 4];
	u64 want = 0, got;
	int i, npages, ret = 0;
	unsigned int j;

	for (i = 0; i < 6; i++) {
		if (i == 1 || i == 4)
			continue;
		pages[i] = alloc_page(GFP_HIGHUSER);
		if (!pages[i])
			return -ENOMEM;
		corpus_fill(buf, sizeof(buf), 130 + i, 0);
		for (j = 0; j < PAGE_SIZE / 4; j++) {
			if (buf[j] == LOG_END)
				buf[j] = 0;
			if (i == 3 && j == 100)
				buf[j] = LOG_END;
			if (i < 3 || (i == 3 && j < 100))
				want += buf[j];
		}
		memcpy_to_page(pages[i], 0, (char *)buf, sizeof(buf));
	}
	got = log_sum(pages, 6, &npages);
	if (got != want || npages != 3) {
		corpus_fail("sum %llu over %d pages, want %llu over 3", got, npages, want);
		ret = 1;
	}
	for (i = 0; i < 6; i++)
		if (pages[i])
			__free_page(pages[i]);
	return ret;
}
CORPUS_CASE(loop_map_each_run);
