// SPDX-License-Identifier: GPL-2.0
/*
 * An encryption offload: the submitter maps the page with kmap() and queues a work item that
 * transforms the buffer in place through the address and then unmaps it. The address is
 * handed to asynchronous work with queue_work(): cross-thread.
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct xform_req {
	struct work_struct work;
	struct page *page;
	u8 *buf;
	unsigned int len;
	u8 key;
};

static void xform_work(struct work_struct *work)
{
	struct xform_req *req = container_of(work, struct xform_req, work);
	unsigned int i;

	for (i = 0; i < req->len; i++)
		req->buf[i] = (req->buf[i] ^ req->key) + (u8)i;
	kunmap(req->page);
}

static void xform_submit(struct workqueue_struct *wq, struct xform_req *req)
{
	req->buf = kmap(req->page);	/* kmapcheck: cross-thread */
	INIT_WORK(&req->work, xform_work);
	queue_work(wq, &req->work);
}

static int queue_work_handoff_run(void)
{
	struct workqueue_struct *wq = alloc_workqueue("xform", 0, 0);
	struct xform_req req = { .page = alloc_page(GFP_HIGHUSER), .len = 2048, .key = 0x3c };
	u8 got[2048];
	unsigned int i;
	int ret = 0;

	if (!wq || !req.page)
		return -ENOMEM;
	corpus_fill_page(req.page, 0, PAGE_SIZE, 500);
	xform_submit(wq, &req);
	flush_workqueue(wq);
	memcpy_from_page((char *)got, req.page, 0, sizeof(got));
	for (i = 0; i < sizeof(got); i++) {
		if (got[i] != (u8)((corpus_pattern(500, i) ^ 0x3c) + (u8)i)) {
			corpus_fail("byte %u not transformed", i);
			ret = 1;
			break;
		}
	}
	ret |= corpus_check_page(req.page, 2048, PAGE_SIZE - 2048, 500);
	destroy_workqueue(wq);
	__free_page(req.page);
	return ret;
}
CORPUS_CASE(queue_work_handoff_run);
