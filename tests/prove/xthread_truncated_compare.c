#include "kapi.h"

typedef _Bool bool;

void *last_seen;
unsigned int some_count(void);
long long some_size(void);

/* (u8)x == 0 holds for x == 256 */
void stash_on_wrap(struct page *page, unsigned int x)
{
	char *p = kmap_atomic(page);

	if ((u8)x == 0) {
		if (x == 256)
			last_seen = p;
	}
	kunmap_atomic(p);
}

/* so does !(u8)x */
void stash_on_wrap_not(struct page *page, unsigned int x)
{
	char *p = kmap_atomic(page);

	if (!(u8)x) {
		if (x == 256)
			last_seen = p;
	}
	kunmap_atomic(p);
}

/* c = x stores 0 when x is 256 */
void stash_on_narrow_copy(struct page *page)
{
	unsigned int x = some_count();
	char *p = kmap_atomic(page);
	u8 c;

	if (x == 256)
		c = x;
	else
		c = 1;
	if (x == 256 && c == 0)
		last_seen = p;
	kunmap_atomic(p);
}

/* so does y = (u8)x */
void stash_on_cast_copy(struct page *page)
{
	unsigned int x = some_count();
	char *p = kmap_atomic(page);
	unsigned int y;

	if (x == 256)
		y = (u8)x;
	else
		y = 1;
	if (x == 256 && y == 0)
		last_seen = p;
	kunmap_atomic(p);
}

/* a one-bit field set to 2 holds 0 */
struct bits { unsigned int dirty:1; unsigned int rest:31; };

void stash_on_bitfield(struct page *page)
{
	char *p = kmap_atomic(page);
	struct bits b;

	b.dirty = 2;
	if (b.dirty == 0)
		last_seen = p;
	kunmap_atomic(p);
}

/* big != 5, yet the int it is copied to can be 5 */
void stash_on_truncated_copy(struct page *page)
{
	long long big = some_size();
	char *p = kmap_atomic(page);
	int small;

	if (big == 5)
		goto out;
	small = big;
	if (small == 5)
		last_seen = p;
	if (big == 5)
		goto out;
out:
	kunmap_atomic(p);
}

/* '\0' is zero */
void stash_on_nul(struct page *page, char c)
{
	char *p = kmap_atomic(page);

	if (c == '\0') {
		if (c == 0)
			last_seen = p;
	}
	kunmap_atomic(p);
}

/* (bool)2 is 1 */
void stash_on_bool(struct page *page, unsigned int x)
{
	char *p = kmap_atomic(page);
	bool b = 2;

	if (b == 1 && b == 1)
		last_seen = p;
	kunmap_atomic(p);
}
/*
 * check-name: a comparison through a cast or a narrow copy says nothing of the value compared before
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_truncated_compare.c:12:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 16 [kmap-deprecated]
xthread_truncated_compare.c:18:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 12 [kmap-unmap]
xthread_truncated_compare.c:24:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 28 [kmap-deprecated]
xthread_truncated_compare.c:30:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 24 [kmap-unmap]
xthread_truncated_compare.c:37:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 45 [kmap-deprecated]
xthread_truncated_compare.c:46:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 37 [kmap-unmap]
xthread_truncated_compare.c:53:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 61 [kmap-deprecated]
xthread_truncated_compare.c:62:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 53 [kmap-unmap]
xthread_truncated_compare.c:70:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 75 [kmap-deprecated]
xthread_truncated_compare.c:76:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 70 [kmap-unmap]
xthread_truncated_compare.c:83:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 90 [kmap-deprecated]
xthread_truncated_compare.c:94:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 83 [kmap-unmap]
xthread_truncated_compare.c:100:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 104 [kmap-deprecated]
xthread_truncated_compare.c:106:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 100 [kmap-unmap]
xthread_truncated_compare.c:112:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 116 [kmap-deprecated]
xthread_truncated_compare.c:117:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 112 [kmap-unmap]
 * check-output-end
 */
