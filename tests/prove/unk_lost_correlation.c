#include "kapi.h"

struct buf { unsigned int data_len; char *head; };

static inline int buf_is_paged(const struct buf *b)
{
	return b->data_len != 0;
}

int buf_grow(struct buf *b, size_t len);

void put_trailer(struct buf *b, struct page *frag, const char *t, size_t len)
{
	char *cp;

	if (buf_is_paged(b)) {
		buf_grow(b, len);
		cp = kmap_atomic(frag);
	} else {
		cp = b->head;
	}
	memcpy(cp, t, len);
	if (buf_is_paged(b))
		kunmap_atomic(cp);
}
/*
 * check-name: a repeated test after a call that may change what it reads (fcoe_xmit())
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_lost_correlation.c:18:8: warning: kmap_atomic() is deprecated; verdict unknown: may leak: still mapped at the end of put_trailer() (after line 24) on a path where the test at line 23 repeats an earlier one the proof could not keep [kmap-deprecated]
unk_lost_correlation.c:24:3: note: kunmap_atomic() verdict unknown: releases the mapping of line 18 [kmap-unmap]
 * check-output-end
 */
