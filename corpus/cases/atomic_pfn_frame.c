// SPDX-License-Identifier: GPL-2.0
/*
 * A crash-dump style reader that has a page frame number, not a struct page, and maps it with
 * kmap_atomic_pfn() to copy a window out. One mapping, plain memory: safe (the conversion is
 * kmap_local_pfn()).
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static ssize_t frame_read(unsigned long pfn, char *buf, size_t off, size_t len)
{
	char *vaddr;

	if (off >= PAGE_SIZE)
		return 0;
	len = min_t(size_t, len, PAGE_SIZE - off);
	vaddr = kmap_atomic_pfn(pfn);	/* kmapcheck: safe */
	memcpy(buf, vaddr + off, len);
	kunmap_atomic(vaddr);
	return len;
}

static int atomic_pfn_frame_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	unsigned long pfn;
	char buf[512];
	ssize_t n;
	int ret = 0;

	if (!page)
		return -ENOMEM;
	corpus_fill_page(page, 0, PAGE_SIZE, 240);
	pfn = page_to_pfn(page);
	n = frame_read(pfn, buf, 3800, sizeof(buf));
	if (n != 296) {
		corpus_fail("read %zd bytes at the end of the frame", n);
		ret = 1;
	}
	ret |= corpus_check(buf, 296, 240, 3800);
	n = frame_read(pfn, buf, 0, sizeof(buf));
	ret |= n != sizeof(buf);
	ret |= corpus_check(buf, sizeof(buf), 240, 0);
	ret |= frame_read(pfn, buf, PAGE_SIZE, 1) != 0;
	__free_page(page);
	return ret;
}
CORPUS_CASE(atomic_pfn_frame_run);
