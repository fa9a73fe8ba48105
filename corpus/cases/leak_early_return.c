// SPDX-License-Identifier: GPL-2.0
/*
 * A quota record update that maps the quota page with kmap() and returns -ENOSPC straight
 * from the middle when the new usage would pass the hard limit, forgetting the kunmap() that
 * every other path reaches. One path leaks the mapping: unbalanced. The case hits the limit
 * once.
 */
/* corpus: original-reports leak */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct quota_rec {
	u32 id;
	u32 used;
	u32 soft, hard;
	u32 warned;
};

#define QREC_PER_PAGE	(PAGE_SIZE / sizeof(struct quota_rec))

static int quota_charge(struct page *page, unsigned int slot, u32 id, u32 amount)
{
	struct quota_rec *q;
	int err = 0;

	if (slot >= QREC_PER_PAGE)
		return -EINVAL;
	q = kmap(page);	/* kmapcheck: unbalanced */
	q += slot;
	if (q->id != id) {
		err = -ENOENT;
		goto out;
	}
	if (q->used + amount > q->hard)
		return -ENOSPC;
	q->used += amount;
	if (q->used > q->soft)
		q->warned = 1;
out:
	kunmap(page);
	return err;
}

static int leak_early_return_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct quota_rec q = { .id = 7, .used = 0, .soft = 80, .hard = 100 };
	int ret = 0;

	if (!page)
		return -ENOMEM;
	memzero_page(page, 0, PAGE_SIZE);
	memcpy_to_page(page, 3 * sizeof(q), (char *)&q, sizeof(q));
	ret |= quota_charge(page, 3, 7, 50);
	ret |= quota_charge(page, 3, 7, 40);
	ret |= quota_charge(page, 3, 8, 1) != -ENOENT;
	ret |= quota_charge(page, 3, 7, 20) != -ENOSPC;
	memcpy_from_page((char *)&q, page, 3 * sizeof(q), sizeof(q));
	if (ret || q.used != 90 || !q.warned) {
		corpus_fail("quota record wrong: used %u, warned %u", q.used, q.warned);
		ret = 1;
	}
	__free_page(page);
	return ret;
}
CORPUS_CASE(leak_early_return_run);
