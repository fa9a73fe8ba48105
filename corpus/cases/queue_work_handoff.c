// SPDX-License-Identifier: GPL-2.0
/*
 * An encryption offload: the submitter maps the page with kmap(), hands the address to a work
 * item with queue_work() and sleeps in flush_work() until the job is done, then unmaps. The
 * work item transforms the buffer in chunks, yielding between them as a long job should. The
 * address is used by another thread while the mapping thread sleeps: cross-thread. (Once
 * converted, the sleeping submitter's local slot is switched out and the worker faults.)
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>
#include <linux/delay.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define XFORM_CHUNK	256

struct xform_req {
	struct work_struct work;
	u8 *buf;
	unsigned int len;
	u8 key;
};

static void xform_work(struct work_struct *work)
{
	struct xform_req *req = container_of(work, struct xform_req, work);
	unsigned int off, i;

	for (off = 0; off < req->len; off += XFORM_CHUNK) {
		for (i = off; i < off + XFORM_CHUNK && i < req->len; i++)
			req->buf[i] = (req->buf[i] ^ req->key) + (u8)i;
		usleep_range(500, 1000);
	}
}

static void xform_page(struct workqueue_struct *wq, struct page *page, unsigned int len, u8 key)
{
	struct xform_req req = { .len = len, .key = key };

	req.buf = kmap(page);	/* kmapcheck: cross-thread */
	INIT_WORK(&req.work, xform_work);
	queue_work(wq, &req.work);
	flush_work(&req.work);
	kunmap(page);
}

static int queue_work_handoff_run(void)
{
	struct workqueue_struct *wq = alloc_workqueue("xform", 0, 0);
	struct page *page = alloc_page(GFP_HIGHUSER);
	u8 got[2048];
	unsigned int i;
	int ret = 0;

	if (!wq || !page)
		return -ENOMEM;
	corpus_fill_page(page, 0, PAGE_SIZE, 500);
	xform_page(wq, page, sizeof(got), 0x3c);
	memcpy_from_page((char *)got, page, 0, sizeof(got));
	for (i = 0; i < sizeof(got); i++) {
		if (got[i] != (u8)((corpus_pattern(500, i) ^ 0x3c) + (u8)i)) {
			corpus_fail("byte %u not transformed", i);
			ret = 1;
			break;
		}
	}
	ret |= corpus_check_page(page, sizeof(got), PAGE_SIZE - sizeof(got), 500);
	destroy_workqueue(wq);
	__free_page(page);
	return ret;
}
CORPUS_CASE(queue_work_handoff_run);
