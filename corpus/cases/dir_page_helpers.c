// SPDX-License-Identifier: GPL-2.0
/*
 * A directory-page helper pair in the shape of a small filesystem: dir_get_page() maps one page
 * of a directory with kmap() and returns the address, dir_put_page() unmaps it, and the lookup
 * and insert paths call both from one function in one thread, nested at most one deep.
 * Expected: safe. The helpers are static, every caller is in this file, and each caller releases
 * the address it got before it returns, after at most one dir_put_page() of a page mapped
 * earlier: a correct analysis follows the address out through the return value and back in
 * through dir_put_page()'s argument and sees one thread and LIFO order. Stopping at the helper's
 * "return" would call it cross-thread, which is wrong here (upstream converted exactly this
 * shape to kmap_local_page()). Every caller hands dir_put_page() the address dir_get_page()
 * returned, so the pair converts: kmap_local_page() in the getter, kunmap_local(kaddr) in the
 * putter (kmap-helper-pair-to-local.cocci).
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

#define DIR_PAGES	3
#define DIRENT_HDR	8

struct dir {
	struct page *pages[DIR_PAGES];
	unsigned int npages;
};

/* On-page record: rec_len covers the header, the name and the slack up to the next record. */
struct dirent_rec {
	u16 rec_len;
	u8 name_len;
	u8 type;
	u32 ino;
	char name[];
};

static void *dir_get_page(struct dir *dir, unsigned int n, struct page **pagep)
{
	struct page *page = dir->pages[n];

	*pagep = page;
	return kmap(page);	/* kmapcheck: safe */
}

static void dir_put_page(struct page *page, void *kaddr)
{
	kunmap(page);
}

static struct dirent_rec *dir_next_rec(struct dirent_rec *de)
{
	return (struct dirent_rec *)((char *)de + de->rec_len);
}

static u32 dir_find_entry(struct dir *dir, const char *name, unsigned int len)
{
	unsigned int n;

	for (n = 0; n < dir->npages; n++) {
		struct page *page;
		char *kaddr = dir_get_page(dir, n, &page);
		struct dirent_rec *de = (struct dirent_rec *)kaddr;
		char *end = kaddr + PAGE_SIZE;

		for (; (char *)de < end; de = dir_next_rec(de)) {
			if (de->rec_len < DIRENT_HDR)
				break;
			if (de->ino && de->name_len == len && !memcmp(de->name, name, len)) {
				u32 ino = de->ino;

				dir_put_page(page, kaddr);
				return ino;
			}
		}
		dir_put_page(page, kaddr);
	}
	return 0;
}

/* Splits the first record with enough slack; -ENOSPC when no page has room. */
static int dir_add_entry(struct dir *dir, const char *name, unsigned int len, u32 ino)
{
	unsigned int n, need = ALIGN(DIRENT_HDR + len, 4);

	for (n = 0; n < dir->npages; n++) {
		struct page *page;
		char *kaddr = dir_get_page(dir, n, &page);
		struct dirent_rec *de = (struct dirent_rec *)kaddr;
		char *end = kaddr + PAGE_SIZE;

		for (; (char *)de < end; de = dir_next_rec(de)) {
			unsigned int used = de->ino ? ALIGN(DIRENT_HDR + de->name_len, 4) : 0;
			struct dirent_rec *nde;

			if (de->rec_len < DIRENT_HDR)
				break;
			if (de->rec_len - used < need)
				continue;
			nde = (struct dirent_rec *)((char *)de + used);
			if (used) {
				nde->rec_len = de->rec_len - used;
				de->rec_len = used;
			}
			nde->ino = ino;
			nde->name_len = len;
			nde->type = 1;
			memcpy(nde->name, name, len);
			dir_put_page(page, kaddr);
			return 0;
		}
		dir_put_page(page, kaddr);
	}
	return -ENOSPC;
}

static int dir_page_helpers_run(void)
{
	struct dir dir = { .npages = DIR_PAGES };
	struct dirent_rec empty = { .rec_len = PAGE_SIZE };
	char name[40];
	unsigned int i, n;
	int ret = 0;

	for (n = 0; n < DIR_PAGES; n++) {
		dir.pages[n] = alloc_page(GFP_HIGHUSER);
		if (!dir.pages[n])
			return -ENOMEM;
		memzero_page(dir.pages[n], 0, PAGE_SIZE);
		memcpy_to_page(dir.pages[n], 0, (char *)&empty, sizeof(empty));
	}
	/* 40-byte names take 48 bytes each: 85 per page, so 200 entries span all three pages. */
	for (i = 0; i < 200; i++) {
		corpus_fill(name, sizeof(name), i, 0);
		if (dir_add_entry(&dir, name, sizeof(name), 1000 + i)) {
			corpus_fail("add %u failed", i);
			ret = 1;
			break;
		}
	}
	for (i = 0; i < 200 && !ret; i += 7) {
		u32 ino;

		corpus_fill(name, sizeof(name), i, 0);
		ino = dir_find_entry(&dir, name, sizeof(name));
		if (ino != 1000 + i) {
			corpus_fail("lookup %u found %u", i, ino);
			ret = 1;
		}
	}
	corpus_fill(name, sizeof(name), 500, 0);
	if (!ret && dir_find_entry(&dir, name, sizeof(name))) {
		corpus_fail("found a name never added");
		ret = 1;
	}
	for (n = 0; n < DIR_PAGES; n++)
		__free_page(dir.pages[n]);
	return ret;
}
CORPUS_CASE(dir_page_helpers_run);
