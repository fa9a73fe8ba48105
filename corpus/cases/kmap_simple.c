// SPDX-License-Identifier: GPL-2.0
/*
 * A record page formatted through kmap()/kunmap() inside one function; the address never leaves
 * it and nothing in between needs atomic context: safe, the textbook kmap_local_page() case.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define REC_MAGIC	0x52454331u

struct rec_hdr {
	u32 magic;
	u32 len;
};

static void rec_format_page(struct page *page, u32 len, u8 fill)
{
	struct rec_hdr *hdr;
	char *kaddr;

	kaddr = kmap(page);	/* kmapcheck: safe */
	hdr = (struct rec_hdr *)kaddr;
	hdr->magic = REC_MAGIC;
	hdr->len = len;
	memset(kaddr + sizeof(*hdr), fill, len);
	memset(kaddr + sizeof(*hdr) + len, 0, PAGE_SIZE - sizeof(*hdr) - len);
	kunmap(page);
}

static int kmap_simple_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct rec_hdr hdr;
	int ret;

	if (!page)
		return -ENOMEM;
	corpus_fill_page(page, 0, PAGE_SIZE, 1);
	rec_format_page(page, 100, 0xa5);

	memcpy_from_page((char *)&hdr, page, 0, sizeof(hdr));
	ret = hdr.magic != REC_MAGIC || hdr.len != 100;
	if (ret)
		corpus_fail("header 0x%x/%u", hdr.magic, hdr.len);
	ret |= corpus_check_page_bytes(page, sizeof(hdr), 100, 0xa5);
	ret |= corpus_check_page_bytes(page, sizeof(hdr) + 100, PAGE_SIZE - sizeof(hdr) - 100, 0);
	__free_page(page);
	return ret;
}
CORPUS_CASE(kmap_simple_run);
