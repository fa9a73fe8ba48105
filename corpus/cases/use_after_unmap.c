// SPDX-License-Identifier: GPL-2.0
/*
 * An inode reader that unmaps the inode table page and then, on the error path, copies the
 * bad inode's name out of the page for its message through the stale address. In the kernel a
 * kmap() slot usually stays mapped until the pool wraps, so the bug hides (the runtime unmaps
 * at the last kunmap() and catches it); a local mapping is gone at kunmap_local() anyway. The
 * unmap does not cover every use of the address: unbalanced (the vocabulary's verdict for a
 * mapping whose release is wrong on some path). The case takes the error path.
 */
/* corpus: original-reports fault-after-unmap */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct disk_inode {
	u32 mode;
	u32 size;
	char name[24];
};

#define INODES_PER_PAGE	(PAGE_SIZE / sizeof(struct disk_inode))

static int inode_read(struct page *table, unsigned int ino, struct disk_inode *out,
		      char *why, size_t whylen)
{
	struct disk_inode *di;
	char *kaddr;

	kaddr = kmap(table);	/* kmapcheck: unbalanced */
	di = (struct disk_inode *)kaddr + ino % INODES_PER_PAGE;
	*out = *di;
	kunmap(table);
	if (!out->mode) {
		strscpy(why, di->name, whylen);
		return -EIO;
	}
	return 0;
}

static int use_after_unmap_run(void)
{
	struct page *table = alloc_page(GFP_HIGHUSER);
	struct disk_inode di = { .mode = 0100644, .size = 1234, .name = "passwd" };
	struct disk_inode got;
	char why[32] = "";
	int ret = 0;

	if (!table)
		return -ENOMEM;
	memzero_page(table, 0, PAGE_SIZE);
	memcpy_to_page(table, 5 * sizeof(di), (char *)&di, sizeof(di));
	di.mode = 0;
	strscpy(di.name, "shadow", sizeof(di.name));
	memcpy_to_page(table, 9 * sizeof(di), (char *)&di, sizeof(di));

	ret |= inode_read(table, 5, &got, why, sizeof(why)) || got.size != 1234;
	ret |= inode_read(table, 9, &got, why, sizeof(why)) != -EIO;
	ret |= strlen(why) != 6 || memcmp(why, "shadow", 6);
	if (ret)
		corpus_fail("inode reads went wrong (why \"%s\")", why);
	__free_page(table);
	return ret;
}
CORPUS_CASE(use_after_unmap_run);
