// SPDX-License-Identifier: GPL-2.0
/*
 * A message-buffer API with exported functions: msgbuf_map() maps the buffer's page with
 * kmap() and returns the address, msgbuf_unmap() releases it. Callers anywhere in the kernel
 * may keep the address and use it from any thread, as this case's producer work item and
 * consumer do: the address is returned from a function with external linkage: cross-thread.
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct msgbuf {
	struct page *page;
	unsigned int len;
};

void *msgbuf_map(struct msgbuf *mb);
void msgbuf_unmap(struct msgbuf *mb);

void *msgbuf_map(struct msgbuf *mb)
{
	return kmap(mb->page);	/* kmapcheck: cross-thread */
}

void msgbuf_unmap(struct msgbuf *mb)
{
	kunmap(mb->page);
}

struct producer {
	struct work_struct work;
	struct msgbuf *mb;
	char *data;		/* what msgbuf_map() returned, for the consumer */
};

static void producer_work(struct work_struct *work)
{
	struct producer *pr = container_of(work, struct producer, work);

	pr->data = msgbuf_map(pr->mb);
	corpus_fill(pr->data, 1000, 460, 0);
	pr->mb->len = 1000;
}

static int exported_return_run(void)
{
	struct msgbuf mb = { .page = alloc_page(GFP_HIGHUSER) };
	struct producer pr = { .mb = &mb };
	int ret = 0;

	if (!mb.page)
		return -ENOMEM;
	INIT_WORK(&pr.work, producer_work);
	schedule_work(&pr.work);
	flush_work(&pr.work);
	/* The consumer reads through the producer's address, then releases the buffer. */
	ret |= mb.len != 1000;
	ret |= corpus_check(pr.data, mb.len, 460, 0);
	msgbuf_unmap(&mb);
	ret |= corpus_check_page(mb.page, 0, 1000, 460);
	if (ret)
		corpus_fail("message lost between producer and consumer");
	__free_page(mb.page);
	return ret;
}
CORPUS_CASE(exported_return_run);
