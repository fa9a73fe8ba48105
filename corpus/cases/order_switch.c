// SPDX-License-Identifier: GPL-2.0
/*
 * A two-page command handler with kmap(): the header page is mapped, then the payload page;
 * the CMD_MOVE arm of the switch releases the header early (it has read what it needs) and
 * keeps working on the payload, while the other arms release in LIFO order. Fine for kmap(),
 * but one arm is out of order for local mappings, so both mappings are order; the case runs
 * that arm.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

enum { CMD_FILL, CMD_MOVE, CMD_NOP };

struct cmd_hdr {
	u32 cmd;
	u32 a, b, len;
};

static int cmd_run(struct page *hdr_page, struct page *payload)
{
	struct cmd_hdr *h;
	u32 a, b, len;
	u8 *p;
	int err = 0;

	h = kmap(hdr_page);	/* kmapcheck: order */
	p = kmap(payload);	/* kmapcheck: order */
	switch (h->cmd) {
	case CMD_FILL:
		if (h->a + h->len > PAGE_SIZE) {
			err = -EINVAL;
			break;
		}
		memset(p + h->a, h->b, h->len);
		break;
	case CMD_MOVE:
		a = h->a;
		b = h->b;
		len = h->len;
		kunmap(hdr_page);
		if (a + len > PAGE_SIZE || b + len > PAGE_SIZE)
			err = -EINVAL;
		else
			memmove(p + b, p + a, len);
		kunmap(payload);
		return err;
	case CMD_NOP:
		break;
	default:
		err = -EINVAL;
	}
	kunmap(payload);
	kunmap(hdr_page);
	return err;
}

static int order_switch_run(void)
{
	struct page *hp = alloc_page(GFP_HIGHUSER);
	struct page *pp = alloc_page(GFP_HIGHUSER);
	struct cmd_hdr h = { .cmd = CMD_FILL, .a = 100, .b = 0xee, .len = 50 };
	int ret = 0;

	if (!hp || !pp)
		return -ENOMEM;
	corpus_fill_page(pp, 0, PAGE_SIZE, 410);
	memcpy_to_page(hp, 0, (char *)&h, sizeof(h));
	ret |= cmd_run(hp, pp);
	ret |= corpus_check_page_bytes(pp, 100, 50, 0xee);

	h.cmd = CMD_MOVE;
	h.a = 2000;
	h.b = 3000;
	h.len = 500;
	memcpy_to_page(hp, 0, (char *)&h, sizeof(h));
	ret |= cmd_run(hp, pp);
	{
		char got[500];

		memcpy_from_page(got, pp, 3000, sizeof(got));
		ret |= corpus_check(got, sizeof(got), 410, 2000);
	}
	h.cmd = 9;
	memcpy_to_page(hp, 0, (char *)&h, sizeof(h));
	ret |= cmd_run(hp, pp) != -EINVAL;
	if (ret)
		corpus_fail("a command gave the wrong result");
	__free_page(hp);
	__free_page(pp);
	return ret;
}
CORPUS_CASE(order_switch_run);
