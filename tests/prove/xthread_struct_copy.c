#include "kapi.h"

struct span { char *base; unsigned int len; };
struct two_spans { char *src; char *dst; };

struct span last_span;
struct two_spans last_pair;

/* a copy of the caller's structure, with the mapping stored into it, stored back */
void span_update(struct page *page, struct span *out)
{
	char *p = kmap_atomic(page);
	struct span s = *out;

	s.base = p;
	last_span = s;
	kunmap_atomic(p);
}

/* two mappings in one structure, stored as a whole */
void pair_publish(struct page *from, struct page *to)
{
	struct two_spans pair;
	char *src = kmap_atomic(from);
	char *dst = kmap_atomic(to);

	pair.src = src;
	pair.dst = dst;
	last_pair = pair;
	kunmap_atomic(dst);
	kunmap_atomic(src);
}
/*
 * check-name: a structure holding a mapped address, copied as a whole
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_struct_copy.c:12:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_span (global) at line 16 [kmap-deprecated]
xthread_struct_copy.c:17:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 12 [kmap-unmap]
xthread_struct_copy.c:24:14: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_pair (global) at line 29 [kmap-deprecated]
xthread_struct_copy.c:25:14: warning: kmap_atomic() is deprecated; verdict unknown: the address is copied with the whole of pair, which holds another followed value at line 29 [kmap-deprecated]
xthread_struct_copy.c:30:2: note: kunmap_atomic() verdict unknown: releases the mapping of line 25 [kmap-unmap]
xthread_struct_copy.c:31:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 24 [kmap-unmap]
 * check-output-end
 */
