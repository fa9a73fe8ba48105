// SPDX-License-Identifier: GPL-2.0
/*
 * Lane self-test of the user memory API: an untouched user page cannot be read with page
 * faults disabled (the atomic copy stops short); once written from the test it can.
 * qemu-expect: (nothing)
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "corpus.h"

static unsigned long copy_in_atomic(struct page *page, const char __user *src, size_t len)
{
	unsigned long left;
	char *p;

	p = kmap_atomic(page);	/* kmapcheck: safe */
	left = __copy_from_user_inatomic(p, src, len);
	kunmap_atomic(p);
	return left;
}

static int smoke_user_copy_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char __user *ubuf = corpus_user_alloc(PAGE_SIZE);
	char data[256];
	int ret = 0;

	if (!page || !ubuf) {
		if (page)
			__free_page(page);
		if (ubuf)
			corpus_user_free(ubuf, PAGE_SIZE);
		return -ENOMEM;
	}
	if (copy_in_atomic(page, ubuf, sizeof(data)) == 0) {
		corpus_fail("atomic copy from an untouched user page succeeded");
		ret = 1;
	}
	corpus_fill(data, sizeof(data), 42, 0);
	if (corpus_user_write(ubuf, data, sizeof(data))) {
		corpus_fail("corpus_user_write failed");
		ret = 1;
	}
	if (copy_in_atomic(page, ubuf, sizeof(data)) != 0) {
		corpus_fail("atomic copy from a present user page stopped short");
		ret = 1;
	}
	ret |= corpus_check_page(page, 0, sizeof(data), 42);
	memset(data, 0, sizeof(data));
	if (corpus_user_read(data, ubuf, sizeof(data)) || corpus_check(data, sizeof(data), 42, 0))
		ret = 1;
	corpus_user_free(ubuf, PAGE_SIZE);
	__free_page(page);
	return ret;
}
CORPUS_CASE(smoke_user_copy_run);
