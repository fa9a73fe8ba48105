#include "kapi.h"

struct packet { unsigned int len; unsigned int flags; };

void *last_seen;
extern unsigned int pending_len;

void refill(struct packet *pkt);
void refill_len(unsigned int *len);
void refill_pending(void);
unsigned int packet_len(void);

/* the callee may change the field the first test read */
void stash_after_refill(struct page *page, struct packet *pkt)
{
	char *p = kmap_atomic(page);

	if (pkt->len == 0) {
		refill(pkt);
		if (pkt->len != 0)
			last_seen = p;
	}
	kunmap_atomic(p);
}

/* ... a local whose address it was given */
void stash_after_refill_len(struct page *page)
{
	unsigned int len = packet_len();
	char *p = kmap_atomic(page);

	if (len == 0) {
		refill_len(&len);
		if (len != 0)
			last_seen = p;
	}
	kunmap_atomic(p);
}

/* ... a global */
void stash_after_refill_pending(struct page *page)
{
	char *p = kmap_atomic(page);

	if (pending_len == 0) {
		refill_pending();
		if (pending_len != 0)
			last_seen = p;
	}
	kunmap_atomic(p);
}

/* memset() writes what its pointer argument leads to */
void stash_after_memset(struct page *page)
{
	unsigned int len = packet_len();
	char *p = kmap_atomic(page);

	if (len == 0) {
		memset(&len, 0xff, sizeof(len));
		if (len != 0)
			last_seen = p;
	}
	kunmap_atomic(p);
}

/* ... and a write into the mapped page changes what was read from it */
void stash_after_page_write(struct page *page, size_t size)
{
	struct packet *hdr = kmap_atomic(page);

	if (hdr->flags == 0) {
		memset(hdr, 0xff, size);
		if (hdr->flags != 0)
			last_seen = hdr;
	}
	kunmap_atomic(hdr);
}
/*
 * check-name: a call that may write memory changes what a branch learned of a field, a global or an address-taken local
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_call_changes.c:16:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 21 [kmap-deprecated]
xthread_call_changes.c:23:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 16 [kmap-unmap]
xthread_call_changes.c:30:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 35 [kmap-deprecated]
xthread_call_changes.c:37:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 30 [kmap-unmap]
xthread_call_changes.c:43:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 48 [kmap-deprecated]
xthread_call_changes.c:50:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 43 [kmap-unmap]
xthread_call_changes.c:57:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 62 [kmap-deprecated]
xthread_call_changes.c:64:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 57 [kmap-unmap]
xthread_call_changes.c:70:23: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 75 [kmap-deprecated]
xthread_call_changes.c:77:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 70 [kmap-unmap]
 * check-output-end
 */
