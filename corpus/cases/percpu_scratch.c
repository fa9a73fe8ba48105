// SPDX-License-Identifier: GPL-2.0
/*
 * A compressed-swap style store: the page is mapped with kmap_atomic(), compressed into a
 * per-CPU scratch buffer found with this_cpu_ptr(), and the result copied out before the
 * unmap. Using this CPU's buffer is only safe because kmap_atomic() disabled preemption:
 * safe-needs-disable (the conversion adds preempt_disable()/preempt_enable()).
 */
#include <linux/highmem.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct zscratch {
	u8 buf[2 * PAGE_SIZE];
};

static DEFINE_PER_CPU(struct zscratch, zscratch);

/* Run-length encoding as (count, byte) pairs; worst case twice the input. */
static size_t rle_encode(const u8 *in, size_t len, u8 *out)
{
	size_t i = 0, n = 0;

	while (i < len) {
		u8 c = in[i];
		size_t run = 1;

		while (i + run < len && in[i + run] == c && run < 255)
			run++;
		out[n++] = run;
		out[n++] = c;
		i += run;
	}
	return n;
}

static size_t rle_decode(const u8 *in, size_t len, u8 *out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i + 1 < len; i += 2) {
		if (n + in[i] > max)
			return 0;
		memset(out + n, in[i + 1], in[i]);
		n += in[i];
	}
	return n;
}

static size_t zstore_page(struct page *page, u8 *dst, size_t dstlen)
{
	struct zscratch *s;
	size_t n;
	u8 *src;

	src = kmap_atomic(page);	/* kmapcheck: safe-needs-disable */
	s = this_cpu_ptr(&zscratch);
	n = rle_encode(src, PAGE_SIZE, s->buf);
	if (n <= dstlen)
		memcpy(dst, s->buf, n);
	else
		n = 0;
	kunmap_atomic(src);
	return n;
}

static int percpu_scratch_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u8 *lin, *z, *out;
	size_t n;
	int ret = 0;

	lin = kmalloc(PAGE_SIZE, GFP_KERNEL);
	z = kmalloc(PAGE_SIZE, GFP_KERNEL);
	out = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page || !lin || !z || !out)
		return -ENOMEM;
	/* Runs of growing length, so the page compresses well. */
	for (n = 0; n < PAGE_SIZE; n++)
		lin[n] = corpus_pattern(320, n / 37);
	memcpy_to_page(page, 0, (char *)lin, PAGE_SIZE);
	n = zstore_page(page, z, PAGE_SIZE);
	if (!n || n > 300) {
		corpus_fail("compressed to %zu bytes", n);
		ret = 1;
	} else if (rle_decode(z, n, out, PAGE_SIZE) != PAGE_SIZE || memcmp(out, lin, PAGE_SIZE)) {
		corpus_fail("round trip differs");
		ret = 1;
	}
	corpus_fill_page(page, 0, PAGE_SIZE, 321);
	if (zstore_page(page, z, PAGE_SIZE) != 0) {
		corpus_fail("incompressible page stored");
		ret = 1;
	}
	__free_page(page);
	kfree(lin);
	kfree(z);
	kfree(out);
	return ret;
}
CORPUS_CASE(percpu_scratch_run);
