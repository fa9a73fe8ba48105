// SPDX-License-Identifier: GPL-2.0
/*
 * A synchronous send through a transmit queue: the sender maps the page with kmap(), puts a
 * heap node holding the address on a spinlock-protected list, kicks the transmit worker and
 * sleeps until the node is sent, then unmaps. The worker copies the bytes out through the
 * node's address a fragment at a time. The address is stored in a heap node consumed by
 * another thread: cross-thread.
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>
#include <linux/completion.h>
#include <linux/spinlock.h>
#include <linux/delay.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define TX_FRAG		250

struct tx_node {
	struct list_head list;
	const char *data;
	unsigned int len;
	struct completion sent;
};

struct tx_queue {
	spinlock_t lock;
	struct list_head nodes;
	struct work_struct work;
	char *wire;		/* what has been "sent" */
	unsigned int sent;
};

static void tx_work(struct work_struct *work)
{
	struct tx_queue *q = container_of(work, struct tx_queue, work);
	struct tx_node *n;
	unsigned int off;

	for (;;) {
		spin_lock(&q->lock);
		n = list_empty(&q->nodes) ? NULL :
			list_first_entry(&q->nodes, struct tx_node, list);
		if (n)
			list_del(&n->list);
		spin_unlock(&q->lock);
		if (!n)
			break;
		for (off = 0; off < n->len; off += TX_FRAG) {
			unsigned int frag = min_t(unsigned int, TX_FRAG, n->len - off);

			memcpy(q->wire + q->sent, n->data + off, frag);
			q->sent += frag;
			usleep_range(500, 1000);
		}
		complete(&n->sent);
	}
}

static int tx_send_page(struct tx_queue *q, struct page *page, unsigned int len)
{
	struct tx_node *n = kmalloc(sizeof(*n), GFP_KERNEL);

	if (!n)
		return -ENOMEM;
	n->data = kmap(page);	/* kmapcheck: cross-thread */
	n->len = len;
	init_completion(&n->sent);
	spin_lock(&q->lock);
	list_add_tail(&n->list, &q->nodes);
	spin_unlock(&q->lock);
	schedule_work(&q->work);
	wait_for_completion(&n->sent);
	kunmap(page);
	kfree(n);
	return 0;
}

static int list_deferred_run(void)
{
	struct tx_queue q = { .sent = 0 };
	struct page *pages[3];
	int i, ret = 0;

	q.wire = kmalloc(3 * 1000, GFP_KERNEL);
	if (!q.wire)
		return -ENOMEM;
	spin_lock_init(&q.lock);
	INIT_LIST_HEAD(&q.nodes);
	INIT_WORK(&q.work, tx_work);
	for (i = 0; i < 3; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		if (!pages[i])
			return -ENOMEM;
		corpus_fill_page(pages[i], 0, PAGE_SIZE, 530 + i);
		ret |= tx_send_page(&q, pages[i], 1000);
	}
	flush_work(&q.work);
	if (q.sent != 3000) {
		corpus_fail("sent %u bytes", q.sent);
		ret = 1;
	}
	for (i = 0; i < 3; i++) {
		ret |= corpus_check(q.wire + 1000 * i, 1000, 530 + i, 0);
		__free_page(pages[i]);
	}
	kfree(q.wire);
	return ret;
}
CORPUS_CASE(list_deferred_run);
