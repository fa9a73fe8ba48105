// SPDX-License-Identifier: GPL-2.0
/*
 * An index loader with an unwind ladder whose first error check jumps to the wrong label:
 * a bad magic goes to "out", past the kunmap() at "out_unmap", and leaks the mapping. The
 * later checks use the right label. One path leaks: unbalanced. The case loads a page with a
 * bad magic, so a naive conversion returns with a local mapping still on the stack.
 */
/* corpus: original-reports leak */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define IDX_MAGIC	0x49445831u
#define IDX_MAX		64

struct idx_hdr {
	u32 magic;
	u32 count;
	u32 keys[];
};

struct idx {
	u32 count;
	u32 keys[IDX_MAX];
};

static int idx_load(struct page *page, struct idx *out)
{
	struct idx_hdr *h;
	int err = 0;

	h = kmap(page);	/* kmapcheck: unbalanced */
	if (h->magic != IDX_MAGIC) {
		err = -EINVAL;
		goto out;
	}
	if (h->count > IDX_MAX) {
		err = -ERANGE;
		goto out_unmap;
	}
	out->count = h->count;
	memcpy(out->keys, h->keys, h->count * sizeof(u32));
out_unmap:
	kunmap(page);
out:
	return err;
}

static int leak_goto_error_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct idx_hdr h = { .magic = IDX_MAGIC, .count = 10 };
	struct idx idx = { 0 };
	u32 keys[10];
	int ret = 0;

	if (!page)
		return -ENOMEM;
	corpus_fill(keys, sizeof(keys), 420, 0);
	memcpy_to_page(page, 0, (char *)&h, sizeof(h));
	memcpy_to_page(page, sizeof(h), (char *)keys, sizeof(keys));
	if (idx_load(page, &idx) || idx.count != 10 || memcmp(idx.keys, keys, sizeof(keys))) {
		corpus_fail("good index misloaded");
		ret = 1;
	}
	h.count = 1000;
	memcpy_to_page(page, 0, (char *)&h, sizeof(h));
	ret |= idx_load(page, &idx) != -ERANGE;
	h.magic = 0;
	memcpy_to_page(page, 0, (char *)&h, sizeof(h));
	ret |= idx_load(page, &idx) != -EINVAL;
	if (ret)
		corpus_fail("an error path returned the wrong code");
	__free_page(page);
	return ret;
}
CORPUS_CASE(leak_goto_error_run);
