// SPDX-License-Identifier: GPL-2.0
/*
 * A two-stage request pipeline: the parse stage, a work item, maps the request page with
 * kmap() and leaves the address in the request; the reply stage, another work item on another
 * queue, writes the reply through it and unmaps. The mapping is made in one work item and
 * released in another: cross-thread. Converted naively, the reply stage touches and unmaps a
 * slot of a worker that has already gone back to sleep.
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct rpc_req {
	struct page *page;
	u8 *buf;		/* mapped by rpc_parse_work(), unmapped by rpc_reply_work() */
	u32 op, arg;
	int status;
	struct work_struct parse_work;
	struct work_struct reply_work;
};

struct rpc_hdr {
	u32 op;
	u32 arg;
	u32 result;
};

static void rpc_parse_work(struct work_struct *work)
{
	struct rpc_req *req = container_of(work, struct rpc_req, parse_work);
	struct rpc_hdr *h;

	req->buf = kmap(req->page);	/* kmapcheck: cross-thread */
	h = (struct rpc_hdr *)req->buf;
	req->op = h->op;
	req->arg = h->arg;
	req->status = h->op < 3 ? 0 : -EINVAL;
}

static void rpc_reply_work(struct work_struct *work)
{
	struct rpc_req *req = container_of(work, struct rpc_req, reply_work);
	struct rpc_hdr *h = (struct rpc_hdr *)req->buf;

	switch (req->op) {
	case 0:
		h->result = req->arg + 1;
		break;
	case 1:
		h->result = req->arg * 2;
		break;
	default:
		h->result = ~0u;
	}
	memset(req->buf + sizeof(*h), 0, 64);
	kunmap(req->page);
	req->buf = NULL;
}

static int work_map_unmap_run(void)
{
	struct workqueue_struct *parse_wq = alloc_workqueue("rpc_parse", 0, 1);
	struct workqueue_struct *reply_wq = alloc_ordered_workqueue("rpc_reply", 0);
	struct rpc_req req = { .page = alloc_page(GFP_HIGHUSER) };
	struct rpc_hdr h = { .op = 1, .arg = 21 };
	int ret = 0;

	if (!parse_wq || !reply_wq || !req.page)
		return -ENOMEM;
	corpus_fill_page(req.page, 0, PAGE_SIZE, 340);
	memcpy_to_page(req.page, 0, (char *)&h, sizeof(h));
	INIT_WORK(&req.parse_work, rpc_parse_work);
	INIT_WORK(&req.reply_work, rpc_reply_work);

	queue_work(parse_wq, &req.parse_work);
	flush_work(&req.parse_work);
	if (req.status) {
		corpus_fail("request rejected");
		ret = 1;
	}
	queue_work(reply_wq, &req.reply_work);
	flush_work(&req.reply_work);

	memcpy_from_page((char *)&h, req.page, 0, sizeof(h));
	if (h.result != 42) {
		corpus_fail("result %u, want 42", h.result);
		ret = 1;
	}
	ret |= corpus_check_page_bytes(req.page, sizeof(h), 64, 0);
	ret |= corpus_check_page(req.page, sizeof(h) + 64, PAGE_SIZE - sizeof(h) - 64, 340);
	destroy_workqueue(parse_wq);
	destroy_workqueue(reply_wq);
	__free_page(req.page);
	return ret;
}
CORPUS_CASE(work_map_unmap_run);
