// SPDX-License-Identifier: GPL-2.0
/*
 * A byte-value histogram kept per CPU and updated inside a kmap_atomic() region through
 * per_cpu_ptr(hist, smp_processor_id()) with plain (non-atomic) increments: correct only
 * while the task cannot move to another CPU, which kmap_atomic()'s preempt_disable()
 * guarantees: safe-needs-disable.
 */
#include <linux/highmem.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct byte_hist {
	unsigned int bucket[16];
};

static void page_hist(struct byte_hist __percpu *hist, struct page *page, unsigned int len)
{
	struct byte_hist *h;
	unsigned int i;
	u8 *kaddr;

	kaddr = kmap_atomic(page);	/* kmapcheck: safe-needs-disable */
	h = per_cpu_ptr(hist, smp_processor_id());
	for (i = 0; i < len; i++)
		h->bucket[kaddr[i] >> 4]++;
	kunmap_atomic(kaddr);
}

static int percpu_histogram_run(void)
{
	struct byte_hist __percpu *hist = alloc_percpu(struct byte_hist);
	struct page *page = alloc_page(GFP_HIGHUSER);
	unsigned int want[16] = { 0 }, got[16] = { 0 };
	unsigned int i;
	int cpu, ret = 0;

	if (!hist || !page)
		return -ENOMEM;
	corpus_fill_page(page, 0, PAGE_SIZE, 330);
	for (i = 0; i < PAGE_SIZE; i++)
		want[corpus_pattern(330, i) >> 4] += 1 + (i < 1000);
	page_hist(hist, page, PAGE_SIZE);
	page_hist(hist, page, 1000);
	for_each_possible_cpu(cpu) {
		struct byte_hist *h = per_cpu_ptr(hist, cpu);

		for (i = 0; i < 16; i++)
			got[i] += h->bucket[i];
	}
	if (memcmp(got, want, sizeof(got))) {
		corpus_fail("histogram differs");
		ret = 1;
	}
	free_percpu(hist);
	__free_page(page);
	return ret;
}
CORPUS_CASE(percpu_histogram_run);
