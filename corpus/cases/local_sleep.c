// SPDX-License-Identifier: GPL-2.0
/*
 * Code already converted to kmap_local_page(): it keeps the page mapped while it queues a work
 * item and sleeps in wait_for_completion() for the work's answer, then writes the answer
 * through the mapping. The work item never sees the address, the mapping thread's slot is
 * restored when it wakes up: safe (an existing local mapping with no bug).
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>
#include <linux/completion.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct key_req {
	struct work_struct work;
	struct completion done;
	u32 seed;
	u8 key[32];
};

static void key_derive_work(struct work_struct *work)
{
	struct key_req *req = container_of(work, struct key_req, work);

	corpus_fill(req->key, sizeof(req->key), req->seed, 0);
	complete(&req->done);
}

static void page_seal(struct page *page, u32 seed)
{
	struct key_req req;
	u8 *kaddr;
	unsigned int i;

	kaddr = kmap_local_page(page);	/* kmapcheck: safe */
	req.seed = seed;
	init_completion(&req.done);
	INIT_WORK(&req.work, key_derive_work);
	queue_work(system_wq, &req.work);
	wait_for_completion(&req.done);
	flush_work(&req.work);
	for (i = 0; i < PAGE_SIZE; i++)
		kaddr[i] ^= req.key[i % sizeof(req.key)];
	kunmap_local(kaddr);
}

static int local_sleep_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u8 key[32], got[96];
	unsigned int i;
	int ret = 0;

	if (!page)
		return -ENOMEM;
	corpus_fill_page(page, 0, PAGE_SIZE, 170);
	page_seal(page, 171);
	corpus_fill(key, sizeof(key), 171, 0);
	memcpy_from_page((char *)got, page, 1000, sizeof(got));
	for (i = 0; i < sizeof(got); i++) {
		if ((got[i] ^ key[(1000 + i) % 32]) != corpus_pattern(170, 1000 + i)) {
			corpus_fail("byte %u not sealed with the derived key", 1000 + i);
			ret = 1;
			break;
		}
	}
	page_seal(page, 171);
	ret |= corpus_check_page(page, 0, PAGE_SIZE, 170);
	__free_page(page);
	return ret;
}
CORPUS_CASE(local_sleep_run);
