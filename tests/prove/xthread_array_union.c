#include "kapi.h"

void *last_seen;
unsigned long last_word;
int pick_slot(void);

/* an element stored at one index may be read back at another */
void stash_any_slot(struct page *page, int i, int j)
{
	char *slots[2];
	char *p = kmap_atomic(page);

	slots[i] = p;
	last_seen = slots[j];
	kunmap_atomic(p);
}

/* ... at an index only known at run time */
void stash_picked_slot(struct page *page)
{
	char *slots[2];
	char *p = kmap_atomic(page);

	slots[0] = p;
	last_seen = slots[pick_slot()];
	kunmap_atomic(p);
}

/* another constant index is another element */
void stash_other_slot(struct page *page, char *spare)
{
	char *slots[2];
	char *p = kmap_atomic(page);

	slots[0] = p;
	slots[1] = spare;
	last_seen = slots[1];
	memset(slots[0], 0, 16);
	kunmap_atomic(p);
}

/* a union's members are one place */
void stash_as_word(struct page *page)
{
	union { char *ptr; unsigned long word; } u;
	char *p = kmap_atomic(page);

	u.ptr = p;
	last_word = u.word;
	kunmap_atomic(p);
}
/* the element keeps the address when the index moves on */
void stash_previous_slot(struct page *page, int i)
{
	char *slots[4];
	char *p = kmap_atomic(page);

	slots[i] = p;
	i++;
	last_seen = slots[i - 1];
	kunmap_atomic(p);
}
/* two addresses at indexes the walk no longer names: one is followed, the other is lost */
void stash_two_slots(struct page *a, struct page *b, int i)
{
	char *slots[4];
	char *p = kmap_atomic(a);
	char *q = kmap_atomic(b);

	slots[i] = p;
	i++;
	slots[i] = q;
	i++;
	last_seen = slots[0];
	kunmap_atomic(q);
	kunmap_atomic(p);
}
/*
 * check-name: an element or a union member read back through another name
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_array_union.c:11:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 14 [kmap-deprecated]
xthread_array_union.c:15:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 11 [kmap-unmap]
xthread_array_union.c:22:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 25 [kmap-deprecated]
xthread_array_union.c:26:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 22 [kmap-unmap]
xthread_array_union.c:33:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
xthread_array_union.c:39:2: note: kunmap_atomic() verdict safe: releases the mapping of line 33 [kmap-unmap]
xthread_array_union.c:46:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_word (global) at line 49 [kmap-deprecated]
xthread_array_union.c:50:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 46 [kmap-unmap]
xthread_array_union.c:56:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 60 [kmap-deprecated]
xthread_array_union.c:61:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 56 [kmap-unmap]
xthread_array_union.c:67:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to last_seen (global) at line 74 [kmap-deprecated]
xthread_array_union.c:68:12: warning: kmap_atomic() is deprecated; verdict unknown: the address is kept in slots beside another followed value at line 73 [kmap-deprecated]
xthread_array_union.c:75:2: note: kunmap_atomic() verdict unknown: releases the mapping of line 68 [kmap-unmap]
xthread_array_union.c:76:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 67 [kmap-unmap]
 * check-output-end
 */
