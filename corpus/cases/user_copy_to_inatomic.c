// SPDX-License-Identifier: GPL-2.0
/*
 * The read side of the page cache: copy a page to user memory with __copy_to_user_inatomic()
 * under kmap_atomic(); if the destination is not resident, retry with kmap() and
 * copy_to_user(). The fast path counts on page faults being disabled so that the copy stops
 * instead of faulting inside the atomic mapping: safe-needs-disable; the retry's kmap() is safe.
 */
#include <linux/highmem.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static ssize_t page_read_user(struct page *page, unsigned int off, char __user *ubuf,
			      unsigned int len)
{
	unsigned long left;
	char *kaddr;

	kaddr = kmap_atomic(page);	/* kmapcheck: safe-needs-disable */
	left = __copy_to_user_inatomic(ubuf, kaddr + off, len);
	kunmap_atomic(kaddr);
	if (left) {
		unsigned int done = len - left;

		kaddr = kmap(page);	/* kmapcheck: safe */
		left = copy_to_user(ubuf + done, kaddr + off + done, left);
		kunmap(page);
	}
	return left ? -EFAULT : len;
}

static int user_copy_to_inatomic_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char __user *ubuf = corpus_user_alloc(3 * PAGE_SIZE);
	char *got;
	int ret = 0;

	got = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page || !ubuf || !got)
		return -ENOMEM;
	corpus_fill_page(page, 0, PAGE_SIZE, 300);
	/* Straddles two user pages. */
	if (page_read_user(page, 96, ubuf + PAGE_SIZE - 1000, 4000) != 4000) {
		corpus_fail("read to user failed");
		ret = 1;
	}
	if (corpus_user_read(got, ubuf + PAGE_SIZE - 1000, 4000))
		return -EFAULT;
	ret |= corpus_check(got, 4000, 300, 96);
	if (page_read_user(page, 0, ubuf, 500) != 500)
		ret = 1;
	if (corpus_user_read(got, ubuf, 500))
		return -EFAULT;
	ret |= corpus_check(got, 500, 300, 0);
	corpus_user_free(ubuf, 3 * PAGE_SIZE);
	kfree(got);
	__free_page(page);
	return ret;
}
CORPUS_CASE(user_copy_to_inatomic_run);
