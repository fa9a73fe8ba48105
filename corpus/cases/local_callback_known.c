// SPDX-License-Identifier: GPL-2.0
/*
 * A record walker that maps a page with kmap_atomic() and hands each record to a callback
 * through a function pointer. The walker is static and its only caller passes rec_tally(), a
 * static function of this file that reads the record and keeps nothing of it; with the pointer
 * resolved the region is plain memory and the address never leaves the thread: safe. (Compare
 * callback_fnptr.c, where the callback is not known.)
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct rec {
	u16 len;	/* whole record, header included; 0 ends the page */
	u16 kind;
};

struct tally {
	unsigned int count[4];
	unsigned int bytes;
};

typedef void (*rec_visit_t)(const struct rec *rec, void *priv);

static void rec_tally(const struct rec *rec, void *priv)
{
	struct tally *t = priv;

	t->count[rec->kind & 3]++;
	t->bytes += rec->len;
}

static int rec_walk(struct page *page, rec_visit_t visit, void *priv)
{
	unsigned int off = 0;
	int n = 0;
	char *kaddr;

	kaddr = kmap_atomic(page);	/* kmapcheck: safe */
	while (off + sizeof(struct rec) <= PAGE_SIZE) {
		const struct rec *rec = (const struct rec *)(kaddr + off);

		if (!rec->len)
			break;
		if (rec->len < sizeof(*rec) || rec->len > PAGE_SIZE - off) {
			n = -EIO;
			break;
		}
		visit(rec, priv);
		off += rec->len;
		n++;
	}
	kunmap_atomic(kaddr);
	return n;
}

static int local_callback_known_run(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct tally t = { { 0 }, 0 }, want = { { 0 }, 0 };
	unsigned int off = 0, i;
	int n, ret = 0;

	if (!page)
		return -ENOMEM;
	memzero_page(page, 0, PAGE_SIZE);
	for (i = 0; i < 50; i++) {
		struct rec r = { .len = 8 + 4 * (i % 9), .kind = i * 7 };

		memcpy_to_page(page, off, (char *)&r, sizeof(r));
		want.count[r.kind & 3]++;
		want.bytes += r.len;
		off += r.len;
	}
	n = rec_walk(page, rec_tally, &t);
	if (n != 50 || memcmp(&t, &want, sizeof(t))) {
		corpus_fail("walked %d records, %u bytes; want 50, %u", n, t.bytes, want.bytes);
		ret = 1;
	}
	__free_page(page);
	return ret;
}
CORPUS_CASE(local_callback_known_run);
