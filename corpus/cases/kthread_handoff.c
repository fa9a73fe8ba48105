// SPDX-License-Identifier: GPL-2.0
/*
 * A scrub helper that maps a page with kmap(), starts a kernel thread with kthread_run() to
 * scrub the buffer through the address, and sleeps until the thread reports completion before
 * unmapping (or unmaps at once when the thread cannot be started). The thread works in chunks
 * and sleeps between them. The address is handed to another thread: cross-thread.
 */
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct scrub_job {
	u8 *buf;
	u8 mask;
	struct completion done;
};

static int scrub_thread(void *arg)
{
	struct scrub_job *job = arg;
	unsigned int off, i;

	for (off = 0; off < PAGE_SIZE; off += 512) {
		for (i = off; i < off + 512; i++)
			job->buf[i] &= job->mask;
		usleep_range(500, 1000);
	}
	complete(&job->done);
	return 0;
}

static int scrub_page(struct page *page, u8 mask)
{
	struct scrub_job job = { .mask = mask };
	struct task_struct *t;

	job.buf = kmap(page);	/* kmapcheck: cross-thread */
	init_completion(&job.done);
	t = kthread_run(scrub_thread, &job, "scrub");
	if (IS_ERR(t)) {
		kunmap(page);
		return PTR_ERR(t);
	}
	wait_for_completion(&job.done);
	kunmap(page);
	return 0;
}

static int kthread_handoff_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u8 got[256];
	unsigned int i;
	int ret;

	if (!page)
		return -ENOMEM;
	corpus_fill_page(page, 0, PAGE_SIZE, 470);
	ret = scrub_page(page, 0x0f);
	if (ret)
		return ret;
	memcpy_from_page((char *)got, page, 3840, sizeof(got));
	for (i = 0; i < sizeof(got); i++) {
		if (got[i] != (corpus_pattern(470, 3840 + i) & 0x0f)) {
			corpus_fail("byte %u not scrubbed", 3840 + i);
			ret = 1;
			break;
		}
	}
	__free_page(page);
	return ret;
}
CORPUS_CASE(kthread_handoff_run);
