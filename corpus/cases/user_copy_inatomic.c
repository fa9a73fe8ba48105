// SPDX-License-Identifier: GPL-2.0
/*
 * The page-cache write fast path: map the target page with kmap_atomic(), try
 * __copy_from_user_inatomic(), and when the source is not resident fall back to kmap() and
 * copy_from_user(), which may fault. The fast path is correct only because kmap_atomic()
 * disabled page faults (the copy must stop short, not sleep, inside the mapping): the first
 * site is safe-needs-disable (convert with pagefault_disable()/pagefault_enable() around the
 * copy), the fallback's kmap() is safe.
 */
#include <linux/highmem.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct write_stats {
	unsigned int fast, slow;
};

static int page_write_user(struct page *page, unsigned int off, const char __user *ubuf,
			   unsigned int len, struct write_stats *st)
{
	unsigned long left;
	unsigned int done;
	char *kaddr;

	kaddr = kmap_atomic(page);	/* kmapcheck: safe-needs-disable */
	left = __copy_from_user_inatomic(kaddr + off, ubuf, len);
	kunmap_atomic(kaddr);
	if (!left) {
		st->fast++;
		return 0;
	}
	st->slow++;
	done = len - left;
	kaddr = kmap(page);	/* kmapcheck: safe */
	left = copy_from_user(kaddr + off + done, ubuf + done, left);
	kunmap(page);
	return left ? -EFAULT : 0;
}

static int user_copy_inatomic_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char __user *ubuf = corpus_user_alloc(2 * PAGE_SIZE);
	struct write_stats st = { 0, 0 };
	char *src;
	int ret = 0;

	src = kmalloc(2 * PAGE_SIZE, GFP_KERNEL);
	if (!page || !ubuf || !src)
		return -ENOMEM;
	corpus_fill(src, 2 * PAGE_SIZE, 290, 0);
	if (corpus_user_write(ubuf, src, 2 * PAGE_SIZE))
		return -EFAULT;
	memzero_page(page, 0, PAGE_SIZE);

	/* Not resident yet: the fast path stops short, the fallback faults the source in. */
	ret |= page_write_user(page, 100, ubuf + 50, 3000, &st);
	ret |= corpus_check_page_bytes(page, 0, 100, 0);
	{
		char *got = kmalloc(3000, GFP_KERNEL);

		if (!got)
			return -ENOMEM;
		memcpy_from_page(got, page, 100, 3000);
		ret |= corpus_check(got, 3000, 290, 50);
		kfree(got);
	}
	/* Resident now (in this lane), so this one may take the fast path. */
	ret |= page_write_user(page, 0, ubuf + 50, 1000, &st);
	{
		char got[1000];

		memcpy_from_page(got, page, 0, sizeof(got));
		ret |= corpus_check(got, sizeof(got), 290, 50);
	}
	if (ret || st.fast + st.slow != 2) {
		corpus_fail("copies failed or miscounted (%u fast, %u slow)", st.fast, st.slow);
		ret = 1;
	}
	corpus_user_free(ubuf, 2 * PAGE_SIZE);
	kfree(src);
	__free_page(page);
	return ret;
}
CORPUS_CASE(user_copy_inatomic_run);
