// SPDX-License-Identifier: GPL-2.0
/*
 * A hash layer that maps each data page with kmap_atomic() and feeds it to whatever hash
 * implementation was registered through an exported function, calling it through a function
 * pointer inside the mapped region. Nothing in this file says what the callee does with the
 * address or whether it relies on the atomic context (this case's implementation stages
 * blocks in a per-CPU buffer, which it may, since it is called under kmap_atomic()): unknown.
 * Compare local_callback_known.c, where the callee is a known static function.
 */
#include <linux/highmem.h>
#include <linux/percpu.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct hash_alg {
	void (*update)(void *state, const u8 *data, unsigned int len);
};

static const struct hash_alg *hash_impl;

void hash_register(const struct hash_alg *alg);

void hash_register(const struct hash_alg *alg)
{
	hash_impl = alg;
}

static int hash_pages(struct page **pages, int nr, unsigned int len, void *state)
{
	int i;

	if (!hash_impl)
		return -ENODEV;
	for (i = 0; i < nr; i++) {
		u8 *kaddr = kmap_atomic(pages[i]);	/* kmapcheck: unknown */

		hash_impl->update(state, kaddr, len);
		kunmap_atomic(kaddr);
	}
	return 0;
}

/* The registered implementation: an FNV-1a over blocks staged in this CPU's buffer. */
struct fnv_stage {
	u8 block[64];
};

static DEFINE_PER_CPU(struct fnv_stage, fnv_stage);

static void fnv_update(void *state, const u8 *data, unsigned int len)
{
	struct fnv_stage *st = this_cpu_ptr(&fnv_stage);
	u32 *h = state;
	unsigned int off, i, n;

	for (off = 0; off < len; off += n) {
		n = min_t(unsigned int, len - off, sizeof(st->block));
		memcpy(st->block, data + off, n);
		for (i = 0; i < n; i++)
			*h = (*h ^ st->block[i]) * 16777619u;
	}
}

static const struct hash_alg fnv_alg = { .update = fnv_update };

static int callback_fnptr_run(void)
{
	struct page *pages[2];
	u32 h = 2166136261u, want = 2166136261u;
	unsigned int i;
	int p, ret = 0;

	for (p = 0; p < 2; p++) {
		pages[p] = alloc_page(GFP_HIGHUSER);
		if (!pages[p])
			return -ENOMEM;
		corpus_fill_page(pages[p], 0, PAGE_SIZE, 520 + p);
		for (i = 0; i < 3000; i++)
			want = (want ^ corpus_pattern(520 + p, i)) * 16777619u;
	}
	hash_register(&fnv_alg);
	ret = hash_pages(pages, 2, 3000, &h);
	if (ret || h != want) {
		corpus_fail("hash 0x%x, want 0x%x", h, want);
		ret = 1;
	}
	for (p = 0; p < 2; p++)
		__free_page(pages[p]);
	return ret;
}
CORPUS_CASE(callback_fnptr_run);
