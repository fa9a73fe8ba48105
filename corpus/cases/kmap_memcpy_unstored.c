// SPDX-License-Identifier: GPL-2.0
/*
 * A log appender that writes through memcpy(kmap(page) + off, ...) and releases with
 * kunmap(page): the address is never stored, only used by the one memcpy(), so it cannot leave
 * the thread: safe (the natural conversion is memcpy_to_page()).
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct log_area {
	struct page *page;
	size_t head;
};

static int log_append(struct log_area *log, const char *msg, size_t len)
{
	if (len > PAGE_SIZE - log->head)
		return -ENOSPC;
	memcpy(kmap(log->page) + log->head, msg, len);	/* kmapcheck: safe */
	kunmap(log->page);
	log->head += len;
	return 0;
}

static int kmap_memcpy_unstored_run(void)
{
	struct log_area log = { .page = alloc_page(GFP_HIGHUSER), .head = 0 };
	char msg[300];
	int i, ret = 0;

	if (!log.page)
		return -ENOMEM;
	corpus_fill_page(log.page, 0, PAGE_SIZE, 99);
	for (i = 0; i < 13; i++) {
		corpus_fill(msg, sizeof(msg), 2, i * sizeof(msg));
		if (log_append(&log, msg, sizeof(msg))) {
			corpus_fail("append %d refused", i);
			ret = 1;
		}
	}
	if (log_append(&log, msg, sizeof(msg)) != -ENOSPC) {
		corpus_fail("append past the page accepted");
		ret = 1;
	}
	ret |= corpus_check_page(log.page, 0, 13 * sizeof(msg), 2);
	ret |= corpus_check_page(log.page, 13 * sizeof(msg), PAGE_SIZE - 13 * sizeof(msg), 99);
	__free_page(log.page);
	return ret;
}
CORPUS_CASE(kmap_memcpy_unstored_run);
