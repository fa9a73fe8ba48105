// SPDX-License-Identifier: GPL-2.0
/*
 * A cache fill that takes the cache's spinlock, maps the backing page with kmap_atomic(),
 * copies a line out and unmaps before unlocking. Preemption is off because of the lock, not
 * because of the mapping, and the lock stays where it is after conversion: safe.
 */
#include <linux/highmem.h>
#include <linux/spinlock.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define LINE_SIZE	64

struct line_cache {
	spinlock_t lock;
	struct page *backing;
	unsigned int hits, fills;
	int tag[4];
	u8 line[4][LINE_SIZE];
};

static void cache_read(struct line_cache *c, unsigned int idx, u8 *out)
{
	unsigned int slot = idx % 4;

	spin_lock(&c->lock);
	if (c->tag[slot] != (int)idx) {
		u8 *kaddr = kmap_atomic(c->backing);	/* kmapcheck: safe */

		memcpy(c->line[slot], kaddr + idx * LINE_SIZE, LINE_SIZE);
		kunmap_atomic(kaddr);
		c->tag[slot] = idx;
		c->fills++;
	} else {
		c->hits++;
	}
	memcpy(out, c->line[slot], LINE_SIZE);
	spin_unlock(&c->lock);
}

static int under_spinlock_run(void)
{
	static struct line_cache c;
	u8 out[LINE_SIZE];
	unsigned int i, idx;
	int ret = 0;

	spin_lock_init(&c.lock);
	c.backing = alloc_page(GFP_HIGHUSER);
	if (!c.backing)
		return -ENOMEM;
	for (i = 0; i < 4; i++)
		c.tag[i] = -1;
	corpus_fill_page(c.backing, 0, PAGE_SIZE, 150);
	for (i = 0; i < 40; i++) {
		idx = (i * 5) % 12;
		cache_read(&c, idx, out);
		ret |= corpus_check(out, LINE_SIZE, 150, idx * LINE_SIZE);
	}
	if (c.hits + c.fills != 40 || !c.fills) {
		corpus_fail("%u hits + %u fills", c.hits, c.fills);
		ret = 1;
	}
	__free_page(c.backing);
	return ret;
}
CORPUS_CASE(under_spinlock_run);
