// SPDX-License-Identifier: GPL-2.0
/*
 * Code already on kmap_local_folio(): a folio-aware reader maps the page of the folio that
 * holds a file offset and copies out up to the end of that page. One local mapping, released
 * before the next, nothing escapes: safe.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

static size_t folio_read(struct folio *folio, size_t pos, char *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		size_t off = offset_in_page(pos + done);
		size_t n = min_t(size_t, len - done, PAGE_SIZE - off);
		char *kaddr = kmap_local_folio(folio, pos + done);	/* kmapcheck: safe */

		memcpy(buf + done, kaddr, n);
		kunmap_local(kaddr);
		done += n;
	}
	return done;
}

static int local_folio_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct folio *folio;
	char buf[1000];
	int ret = 0;

	if (!page)
		return -ENOMEM;
	folio = page_folio(page);
	corpus_fill_page(page, 0, PAGE_SIZE, 250);
	if (folio_read(folio, 3500, buf, 500) != 500) {
		corpus_fail("short folio read");
		ret = 1;
	}
	ret |= corpus_check(buf, 500, 250, 3500);
	folio_read(folio, 0, buf, sizeof(buf));
	ret |= corpus_check(buf, sizeof(buf), 250, 0);
	__free_page(page);
	return ret;
}
CORPUS_CASE(local_folio_run);
