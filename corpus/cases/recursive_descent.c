// SPDX-License-Identifier: GPL-2.0
/*
 * A recursive walk down a chain of tree nodes, one node per page: each level maps its node
 * with kmap(), recurses into the child while its own node stays mapped (it still reads it
 * after the child returns), and unmaps on the way back up. Release order is LIFO, but the
 * number of live mappings is the depth of the tree, which only the data bounds, and the local
 * mapping stack holds KM_MAX_IDX (16): the tool cannot prove the conversion safe: unknown.
 * The case walks 20 levels, so a naive conversion overflows the stack.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define NODE_LEAF	0xffffffffu
#define NODE_DATA	64

struct tnode {
	u32 child;		/* index of the child's page, or NODE_LEAF */
	u32 weight;
	u32 data[NODE_DATA];
};

/* Folds the chain from @idx down: weights on the way down, data on the way back up. */
static u32 tree_fold(struct page **pages, u32 idx, unsigned int depth)
{
	struct tnode *n;
	u32 sum;

	n = kmap(pages[idx]);	/* kmapcheck: unknown */
	sum = n->weight;
	if (n->child != NODE_LEAF)
		sum = sum * 31 + tree_fold(pages, n->child, depth + 1);
	sum ^= n->data[depth % NODE_DATA];
	kunmap(pages[idx]);
	return sum;
}

static int recursive_descent_run(void)
{
	struct page *pages[20];
	struct tnode n;
	u32 want = 0;
	int i, ret = 0;

	/* Node i lives in pages[i] and points at node i + 1; the last is a leaf. */
	for (i = 19; i >= 0; i--) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		if (!pages[i])
			return -ENOMEM;
		n.child = i == 19 ? NODE_LEAF : i + 1;
		n.weight = 1000 + i;
		corpus_fill(n.data, sizeof(n.data), 540 + i, 0);
		memcpy_to_page(pages[i], 0, (char *)&n, sizeof(n));
		want = i == 19 ? n.weight : n.weight * 31 + want;
		want ^= n.data[i % NODE_DATA];
	}
	if (tree_fold(pages, 0, 0) != want) {
		corpus_fail("fold differs");
		ret = 1;
	}
	for (i = 0; i < 20; i++)
		__free_page(pages[i]);
	return ret;
}
CORPUS_CASE(recursive_descent_run);
