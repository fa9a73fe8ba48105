/* SPDX-License-Identifier: GPL-2.0 */
/*
 * corpus.h - the harness API a corpus case sees in every lane: the entry point, user memory,
 * failure messages and deterministic test patterns. It declares; the lane header found first on
 * the include path (corpus/harness/user/ or corpus/harness/kernel/corpus_lane.h) implements.
 */
#ifndef CORPUS_H
#define CORPUS_H

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/*
 * User memory a case may copy from and to. corpus_user_alloc() returns zeroed memory whose pages
 * are not present until the code under test touches them (so __copy_from_user_inatomic() with
 * page faults disabled stops short there), or NULL. corpus_user_write()/corpus_user_read() move
 * data between it and kernel memory from the test's side and return 0 or -EFAULT. Whether they
 * leave the pages present is the lane's business (the user lane's do not fault them in), so a
 * case checks the data it copied, never which path the copy took.
 */
static inline void __user *corpus_user_alloc(size_t len);
static inline void corpus_user_free(void __user *p, size_t len);
static inline int corpus_user_write(void __user *dst, const void *src, size_t len);
static inline int corpus_user_read(void *dst, const void __user *src, size_t len);

/*
 * The lane header defines:
 *   CORPUS_CASE(fn)          registers int fn(void) as the case's entry point (once per file);
 *   corpus_fail(fmt, ...)    prints a failure naming the case and the line; the entry point
 *                            then counts as failed even if fn returns 0.
 */
#include "corpus_lane.h"

#ifndef CORPUS_CASE
#error "the lane header does not define CORPUS_CASE()"
#endif
#ifndef corpus_fail
#error "the lane header does not define corpus_fail()"
#endif

/* Byte @i of the test pattern @seed: cheap, deterministic and unlikely to repeat within a page. */
static inline u8 corpus_pattern(u32 seed, size_t i)
{
	u32 x = (seed + 1) * 2654435761u ^ (u32)i * 40503u;

	x ^= x >> 13;
	x *= 0x5bd1e995u;
	return (u8)(x ^ (x >> 15));
}

/* Fills @buf with pattern @seed, as if @buf started at byte @base of the pattern. */
static inline void corpus_fill(void *buf, size_t len, u32 seed, size_t base)
{
	u8 *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = corpus_pattern(seed, base + i);
}

/* 0 when @buf holds pattern @seed from byte @base on, else reports the first difference. */
static inline int corpus_check(const void *buf, size_t len, u32 seed, size_t base)
{
	const u8 *p = buf;
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] != corpus_pattern(seed, base + i)) {
			corpus_fail("pattern %u byte %zu: got 0x%02x, want 0x%02x", seed, base + i,
				    p[i], corpus_pattern(seed, base + i));
			return -EIO;
		}
	}
	return 0;
}

/* Writes pattern @seed into bytes [@off, @off + @len) of @page (byte i holds pattern byte i). */
static inline void corpus_fill_page(struct page *page, size_t off, size_t len, u32 seed)
{
	char chunk[128];

	while (len) {
		size_t n = min_t(size_t, len, sizeof(chunk));

		corpus_fill(chunk, n, seed, off);
		memcpy_to_page(page, off, chunk, n);
		off += n;
		len -= n;
	}
}

/* 0 when bytes [@off, @off + @len) of @page hold pattern @seed, else reports the difference. */
static inline int corpus_check_page(struct page *page, size_t off, size_t len, u32 seed)
{
	char chunk[128];

	while (len) {
		size_t n = min_t(size_t, len, sizeof(chunk));

		memcpy_from_page(chunk, page, off, n);
		if (corpus_check(chunk, n, seed, off))
			return -EIO;
		off += n;
		len -= n;
	}
	return 0;
}

/* 0 when bytes [@off, @off + @len) of @page all equal @c, else reports the first that does not. */
static inline int corpus_check_page_bytes(struct page *page, size_t off, size_t len, u8 c)
{
	char chunk[128];
	size_t i;

	while (len) {
		size_t n = min_t(size_t, len, sizeof(chunk));

		memcpy_from_page(chunk, page, off, n);
		for (i = 0; i < n; i++) {
			if ((u8)chunk[i] != c) {
				corpus_fail("page byte %zu: got 0x%02x, want 0x%02x", off + i,
					    (u8)chunk[i], c);
				return -EIO;
			}
		}
		off += n;
		len -= n;
	}
	return 0;
}

#endif /* CORPUS_H */
