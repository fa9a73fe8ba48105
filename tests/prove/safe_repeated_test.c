#include "kapi.h"

struct buf { unsigned int data_len; char *head; };

static inline int buf_is_paged(const struct buf *b)
{
	return b->data_len != 0;
}

void put_trailer(struct buf *b, struct page *frag, const char *t, size_t len)
{
	char *cp;

	if (buf_is_paged(b))
		cp = kmap_atomic(frag);
	else
		cp = b->head;
	memcpy(cp, t, len);
	if (buf_is_paged(b))
		kunmap_atomic(cp);
}
/*
 * check-name: the same side-effect-free test twice: mapped on one, unmapped on the other
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_repeated_test.c:15:8: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
safe_repeated_test.c:20:3: note: kunmap_atomic() verdict safe: releases the mapping of line 15 [kmap-unmap]
 * check-output-end
 */
