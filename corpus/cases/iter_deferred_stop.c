// SPDX-License-Identifier: GPL-2.0
/*
 * A record iterator over a chain of log pages: log_iter_next() unmaps the current page and
 * maps the next with kmap(), keeping the address in the heap-allocated iterator between
 * calls; log_iter_stop() unmaps the last one. The reader stops early and leaves the stop to
 * a release work item, as a file's release path would. The address lives in the iterator
 * across calls and is released by another thread: cross-thread. (Had the stop been called by
 * the same thread, a correct analysis could still not see it from next(): unknown at best.)
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define REC_SIZE	64

struct log_iter {
	struct page **pages;
	int npages;
	int cur;		/* index of the mapped page, -1 before the first */
	unsigned int off;
	char *kaddr;		/* mapping of pages[cur], or NULL */
	struct work_struct release_work;
};

static void log_iter_start(struct log_iter *it, struct page **pages, int npages)
{
	it->pages = pages;
	it->npages = npages;
	it->cur = -1;
	it->off = PAGE_SIZE;
	it->kaddr = NULL;
}

/* Returns the next record, valid until the next call, or NULL at the end. */
static const char *log_iter_next(struct log_iter *it)
{
	const char *rec;

	if (it->off + REC_SIZE > PAGE_SIZE) {
		if (it->kaddr) {
			kunmap(it->pages[it->cur]);
			it->kaddr = NULL;
		}
		if (it->cur + 1 >= it->npages)
			return NULL;
		it->cur++;
		it->kaddr = kmap(it->pages[it->cur]);	/* kmapcheck: cross-thread known-to-fail: next() maps on some calls only and keeps the mapping between calls; the prover cannot tell which returns carry it */
		it->off = 0;
	}
	rec = it->kaddr + it->off;
	it->off += REC_SIZE;
	return rec;
}

static void log_iter_stop(struct log_iter *it)
{
	if (it->kaddr)
		kunmap(it->pages[it->cur]);
	it->kaddr = NULL;
}

static void log_release_work(struct work_struct *work)
{
	struct log_iter *it = container_of(work, struct log_iter, release_work);

	log_iter_stop(it);
}

static int iter_deferred_stop_run(void)
{
	struct log_iter *it = kzalloc(sizeof(*it), GFP_KERNEL);
	struct page *pages[3];
	const char *rec;
	int i, n = 0, ret = 0;

	if (!it)
		return -ENOMEM;
	for (i = 0; i < 3; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		if (!pages[i])
			return -ENOMEM;
		corpus_fill_page(pages[i], 0, PAGE_SIZE, 350 + i);
	}
	INIT_WORK(&it->release_work, log_release_work);
	log_iter_start(it, pages, 3);
	/* Read 64 + 64 + 10 records: the iterator stops in the middle of the third page. */
	while (n < 138 && (rec = log_iter_next(it))) {
		ret |= corpus_check(rec, REC_SIZE, 350 + n / 64, (n % 64) * REC_SIZE);
		n++;
	}
	if (n != 138 || it->cur != 2) {
		corpus_fail("iterated %d records, page %d", n, it->cur);
		ret = 1;
	}
	schedule_work(&it->release_work);
	flush_work(&it->release_work);
	if (it->kaddr) {
		corpus_fail("the release left a mapping");
		ret = 1;
	}
	for (i = 0; i < 3; i++)
		__free_page(pages[i]);
	kfree(it);
	return ret;
}
CORPUS_CASE(iter_deferred_stop_run);
