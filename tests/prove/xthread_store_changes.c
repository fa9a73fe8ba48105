#include "kapi.h"

struct frame_hdr { unsigned int flags; };

extern unsigned int pending_len;
extern unsigned int ring_lens[4];
unsigned int *len_slot(void);
unsigned int next_len(void);
void *last_seen;

/* a store through an unknown pointer may write the global the test read */
void stash_after_slot_write(struct page *page)
{
	unsigned int *slot = len_slot();
	char *p = kmap_atomic(page);

	if (pending_len == 0) {
		*slot = 1;
		if (pending_len != 0)
			last_seen = p;
	}
	kunmap_atomic(p);
}

/* another element of the same array may be the one tested */
void stash_after_ring_write(struct page *page, int i, int j)
{
	char *p = kmap_atomic(page);

	if (ring_lens[j] == 0) {
		ring_lens[i] = 1;
		if (ring_lens[j] != 0)
			last_seen = p;
	}
	kunmap_atomic(p);
}

/* ... of a local array too */
void stash_after_local_write(struct page *page, int i, int j)
{
	unsigned int lens[4];
	char *p = kmap_atomic(page);

	lens[j] = next_len();
	if (lens[j] == 0) {
		lens[i] = 1;
		if (lens[j] != 0)
			last_seen = p;
	}
	kunmap_atomic(p);
}

/* a store into the mapped page changes what was read from it */
void stash_after_header_write(struct page *page)
{
	struct frame_hdr *hdr = kmap_atomic(page);

	if (hdr->flags == 0) {
		hdr->flags = 1;
		if (hdr->flags != 0)
			last_seen = hdr;
	}
	kunmap_atomic(hdr);
}
/*
 * check-name: a store through a pointer or into another element changes what a branch learned
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_store_changes.c:15:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 20 [kmap-deprecated]
xthread_store_changes.c:22:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 15 [kmap-unmap]
xthread_store_changes.c:28:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 33 [kmap-deprecated]
xthread_store_changes.c:35:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 28 [kmap-unmap]
xthread_store_changes.c:42:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 48 [kmap-deprecated]
xthread_store_changes.c:50:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 42 [kmap-unmap]
xthread_store_changes.c:56:26: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 61 [kmap-deprecated]
xthread_store_changes.c:63:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 56 [kmap-unmap]
 * check-output-end
 */
