// SPDX-License-Identifier: GPL-2.0
/*
 * A page-command dispatcher: one kmap_atomic() before a switch whose cases fall through into
 * each other and break to a single unmap after it, plus a case that maps a second page inside
 * its own arm and unmaps it before leaving the arm. Every path is balanced and LIFO, the
 * regions are plain memory: both safe.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

enum pg_op { PG_ZERO_STAMP, PG_STAMP, PG_COPY_FROM, PG_PEEK, PG_BAD };

struct pg_cmd {
	enum pg_op op;
	u32 stamp;
	struct page *other;
};

static int pg_exec(struct page *page, const struct pg_cmd *cmd, u32 *out)
{
	u32 *kaddr;
	int err = 0;

	kaddr = kmap_atomic(page);	/* kmapcheck: safe */
	switch (cmd->op) {
	case PG_ZERO_STAMP:
		memset(kaddr, 0, PAGE_SIZE);
		/* fall through */
	case PG_STAMP:
		kaddr[0] = cmd->stamp;
		/* fall through */
	case PG_PEEK:
		*out = kaddr[0];
		break;
	case PG_COPY_FROM: {
		u32 *src = kmap_atomic(cmd->other);	/* kmapcheck: safe */

		memcpy(kaddr + 1, src + 1, PAGE_SIZE - 4);
		kunmap_atomic(src);
		*out = kaddr[1];
		break;
	}
	default:
		err = -EINVAL;
	}
	kunmap_atomic(kaddr);
	return err;
}

static int switch_fallthrough_run(void)
{
	struct page *a = alloc_page(GFP_HIGHUSER);
	struct page *b = alloc_page(GFP_HIGHUSER);
	struct pg_cmd cmd = { 0 };
	u32 out = 0, first;
	int ret = 0;

	if (!a || !b)
		return -ENOMEM;
	corpus_fill_page(a, 0, PAGE_SIZE, 140);
	corpus_fill_page(b, 0, PAGE_SIZE, 141);

	cmd.op = PG_STAMP;
	cmd.stamp = 0x11223344;
	ret |= pg_exec(a, &cmd, &out) || out != 0x11223344;
	ret |= corpus_check_page(a, 4, PAGE_SIZE - 4, 140);

	cmd.op = PG_COPY_FROM;
	cmd.other = b;
	ret |= pg_exec(a, &cmd, &out) != 0;
	memcpy_from_page((char *)&first, b, 4, 4);
	ret |= out != first;
	ret |= corpus_check_page(a, 4, PAGE_SIZE - 4, 141);

	cmd.op = PG_ZERO_STAMP;
	cmd.stamp = 9;
	ret |= pg_exec(a, &cmd, &out) || out != 9;
	ret |= corpus_check_page_bytes(a, 4, PAGE_SIZE - 4, 0);

	cmd.op = PG_PEEK;
	ret |= pg_exec(a, &cmd, &out) || out != 9;
	cmd.op = PG_BAD;
	ret |= pg_exec(a, &cmd, &out) != -EINVAL;
	if (ret)
		corpus_fail("a command gave a wrong result");
	__free_page(a);
	__free_page(b);
	return ret;
}
CORPUS_CASE(switch_fallthrough_run);
