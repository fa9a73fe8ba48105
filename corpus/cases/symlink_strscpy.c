// SPDX-License-Identifier: GPL-2.0
/*
 * A symlink read in the page-cache style: the target string lives in a page, the reader maps
 * it with kmap(), checks it is terminated within the page, copies it into the caller's buffer
 * with strscpy() and unmaps. The copy, not the mapped address, is what leaves: safe.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static bool str_terminated(const char *s, size_t max)
{
	size_t i;

	for (i = 0; i < max; i++)
		if (!s[i])
			return true;
	return false;
}

static ssize_t link_read(struct page *page, char *buf, size_t size)
{
	ssize_t len;
	char *kaddr;

	kaddr = kmap(page);	/* kmapcheck: safe */
	if (!str_terminated(kaddr, PAGE_SIZE)) {
		kunmap(page);
		return -EIO;
	}
	len = strscpy(buf, kaddr, size);
	kunmap(page);
	return len;
}

static int symlink_strscpy_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	static const char target[] = "../../lib/modules/6.1.0/kernel/fs/ext2/ext2.ko";
	char buf[64], small[8];
	ssize_t n;
	int ret = 0;

	if (!page)
		return -ENOMEM;
	corpus_fill_page(page, 0, PAGE_SIZE, 260);
	memcpy_to_page(page, 0, target, sizeof(target));
	n = link_read(page, buf, sizeof(buf));
	if (n != (ssize_t)strlen(target) || memcmp(buf, target, sizeof(target))) {
		corpus_fail("read %zd bytes of the link", n);
		ret = 1;
	}
	n = link_read(page, small, sizeof(small));
	if (n != -E2BIG || small[7] != 0 || memcmp(small, target, 7)) {
		corpus_fail("truncated read gave %zd", n);
		ret = 1;
	}
	memset(buf, 'x', sizeof(buf));
	for (n = 0; n < PAGE_SIZE; n += sizeof(buf))
		memcpy_to_page(page, n, buf, sizeof(buf));
	if (link_read(page, buf, sizeof(buf)) != -EIO) {
		corpus_fail("unterminated link accepted");
		ret = 1;
	}
	__free_page(page);
	return ret;
}
CORPUS_CASE(symlink_strscpy_run);
