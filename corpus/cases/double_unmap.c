// SPDX-License-Identifier: GPL-2.0
/*
 * An attribute setter whose validation failure unmaps the page and then jumps to the common
 * exit, which unmaps it again. One path releases the mapping twice: unbalanced. The case
 * takes that path once.
 */
/* corpus: original-reports double-unmap */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define XATTR_MAX	200

struct xattr_slot {
	u16 len;
	char val[XATTR_MAX];
};

static int xattr_set(struct page *page, unsigned int slot, const char *val, unsigned int len)
{
	struct xattr_slot *x;
	int err = 0;

	x = kmap(page);	/* kmapcheck: unbalanced */
	x += slot;
	if (len > XATTR_MAX) {
		kunmap(page);
		err = -ERANGE;
		goto out;
	}
	x->len = len;
	memcpy(x->val, val, len);
out:
	kunmap(page);
	return err;
}

static int double_unmap_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char val[300];
	struct xattr_slot x;
	int ret = 0;

	if (!page)
		return -ENOMEM;
	memzero_page(page, 0, PAGE_SIZE);
	corpus_fill(val, sizeof(val), 440, 0);
	ret |= xattr_set(page, 2, val, 150);
	memcpy_from_page((char *)&x, page, 2 * sizeof(x), sizeof(x));
	ret |= x.len != 150 || memcmp(x.val, val, 150);
	ret |= xattr_set(page, 3, val, 300) != -ERANGE;
	if (ret)
		corpus_fail("attribute set went wrong");
	__free_page(page);
	return ret;
}
CORPUS_CASE(double_unmap_run);
