// SPDX-License-Identifier: GPL-2.0
/*
 * Two kmap() mappings nested in one function (a journal block copied into its home page) and
 * released in reverse order. kmap() does not need that order, kmap_local_page() does, and it is
 * already right; the address stays local: both safe.
 */
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct jblock {
	struct page *page;
	unsigned int off;
	unsigned int len;
};

static int journal_replay_block(const struct jblock *jb, struct page *home, unsigned int home_off)
{
	char *log, *dst;

	if (jb->len > PAGE_SIZE - home_off || jb->len > PAGE_SIZE - jb->off)
		return -EINVAL;
	log = kmap(jb->page);	/* kmapcheck: safe */
	dst = kmap(home);	/* kmapcheck: safe */
	memcpy(dst + home_off, log + jb->off, jb->len);
	kunmap(home);
	kunmap(jb->page);
	return 0;
}

static int nested_kmap_lifo_run(void)
{
	struct jblock jb = { .page = alloc_page(GFP_HIGHUSER), .off = 1024, .len = 2048 };
	struct page *home = alloc_page(GFP_HIGHUSER);
	int ret = 0;

	if (!jb.page || !home)
		return -ENOMEM;
	corpus_fill_page(jb.page, 0, PAGE_SIZE, 60);
	corpus_fill_page(home, 0, PAGE_SIZE, 61);
	if (journal_replay_block(&jb, home, 512)) {
		corpus_fail("replay refused");
		ret = 1;
	}
	if (journal_replay_block(&jb, home, 3000) != -EINVAL) {
		corpus_fail("overlong replay accepted");
		ret = 1;
	}
	{
		char *got = kmalloc(2048, GFP_KERNEL);

		if (!got)
			return -ENOMEM;
		memcpy_from_page(got, home, 512, 2048);
		ret |= corpus_check(got, 2048, 60, 1024);
		kfree(got);
	}
	ret |= corpus_check_page(home, 0, 512, 61);
	ret |= corpus_check_page(home, 2560, PAGE_SIZE - 2560, 61);
	__free_page(jb.page);
	__free_page(home);
	return ret;
}
CORPUS_CASE(nested_kmap_lifo_run);
