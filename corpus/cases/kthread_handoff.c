// SPDX-License-Identifier: GPL-2.0
/*
 * A writeback helper that maps a page with kmap() and hands the address to a kernel thread
 * started with kthread_run(); the thread scrubs the buffer, releases the mapping and exits.
 * The address is passed to another thread: cross-thread.
 */
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct scrub_job {
	struct page *page;
	u8 *buf;
	u8 mask;
	struct completion done;
};

static int scrub_thread(void *arg)
{
	struct scrub_job *job = arg;
	unsigned int i;

	for (i = 0; i < PAGE_SIZE; i++)
		job->buf[i] &= job->mask;
	kunmap(job->page);
	complete(&job->done);
	return 0;
}

static int scrub_start(struct scrub_job *job)
{
	struct task_struct *t;

	job->buf = kmap(job->page);	/* kmapcheck: cross-thread */
	init_completion(&job->done);
	t = kthread_run(scrub_thread, job, "scrub");
	if (IS_ERR(t)) {
		kunmap(job->page);
		return PTR_ERR(t);
	}
	return 0;
}

static int kthread_handoff_run(void)
{
	struct scrub_job job = { .page = alloc_page(GFP_HIGHUSER), .mask = 0x0f };
	u8 got[256];
	unsigned int i;
	int ret;

	if (!job.page)
		return -ENOMEM;
	corpus_fill_page(job.page, 0, PAGE_SIZE, 470);
	ret = scrub_start(&job);
	if (ret)
		return ret;
	wait_for_completion(&job.done);
	memcpy_from_page((char *)got, job.page, 1024, sizeof(got));
	for (i = 0; i < sizeof(got); i++) {
		if (got[i] != (corpus_pattern(470, 1024 + i) & 0x0f)) {
			corpus_fail("byte %u not scrubbed", 1024 + i);
			ret = 1;
			break;
		}
	}
	__free_page(job.page);
	return ret;
}
CORPUS_CASE(kthread_handoff_run);
