#include "kapi.h"

#define READ_ONCE(x)	(*(const volatile typeof(x) *)&(x))

struct ring { volatile unsigned int status; unsigned int head; };

void *last_seen;

/* a device register read twice may change in between */
void stash_on_status(struct page *page, struct ring *r)
{
	char *p = kmap_atomic(page);

	if (r->status == 0) {
		if (r->status != 0)
			last_seen = p;
	}
	kunmap_atomic(p);
}

/* so may a field read with READ_ONCE() */
void stash_on_read_once(struct page *page, struct ring *r)
{
	char *p = kmap_atomic(page);

	if (READ_ONCE(r->head) == 0) {
		if (READ_ONCE(r->head) != 0)
			last_seen = p;
	}
	kunmap_atomic(p);
}

/* ... and so may an inline predicate that reads it so */
static inline int ring_empty(const struct ring *r)
{
	return READ_ONCE(r->head) == 0;
}

void stash_on_ring_empty(struct page *page, struct ring *r)
{
	char *p = kmap_atomic(page);

	if (ring_empty(r)) {
		if (!ring_empty(r))
			last_seen = p;
	}
	kunmap_atomic(p);
}
/*
 * check-name: two reads of a volatile place are two values
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_volatile_test.c:12:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 16 [kmap-deprecated]
xthread_volatile_test.c:18:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 12 [kmap-unmap]
xthread_volatile_test.c:24:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 28 [kmap-deprecated]
xthread_volatile_test.c:30:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 24 [kmap-unmap]
xthread_volatile_test.c:41:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 45 [kmap-deprecated]
xthread_volatile_test.c:47:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 41 [kmap-unmap]
 * check-output-end
 */
