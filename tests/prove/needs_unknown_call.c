#include "kapi.h"

void account_fill(int bytes);
typedef void (*fill_done_fn)(int bytes);

/* a function nothing describes may rely on what kmap_atomic() disabled */
void fill_and_account(struct page *page, int len)
{
	char *p = kmap_atomic(page);

	memset(p, 0, len);
	account_fill(len);
	kunmap_atomic(p);
}

/* ... and so may a call through a pointer */
void fill_and_notify(struct page *page, int len, fill_done_fn done)
{
	char *p = kmap_atomic(page);

	memset(p, 0, len);
	done(len);
	kunmap_atomic(p);
}

/* ... or a helper of this file that calls one */
static void fill_helper(char *p, int len)
{
	memset(p, 0, len);
	account_fill(len);
}

void fill_via_helper(struct page *page, int len)
{
	char *p = kmap_atomic(page);

	fill_helper(p, len);
	kunmap_atomic(p);
}

/* rules/atomic.rules says kfree() needs neither; a builtin needs nothing */
void fill_and_free(struct page *page, void *old, int len)
{
	char *p = kmap_atomic(page);

	memset(p, __builtin_ffs(len), len);
	kfree(old);
	kunmap_atomic(p);
}
/*
 * check-name: a call the proof cannot see into keeps both disables
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
needs_unknown_call.c:9:12: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region may rely on page faults and preemption disabled (account_fill(), which is not analysed, at line 12) [kmap-deprecated]
needs_unknown_call.c:13:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 9 [kmap-unmap]
needs_unknown_call.c:19:12: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region may rely on page faults and preemption disabled (a call through a pointer at line 22) [kmap-deprecated]
needs_unknown_call.c:23:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 19 [kmap-unmap]
needs_unknown_call.c:35:12: warning: kmap_atomic() is deprecated; verdict safe-needs-disable: thread-local, LIFO on 1 path; the region may rely on page faults and preemption disabled (fill_helper() (it calls account_fill(), which is not analysed, at line 30) at line 37) [kmap-deprecated]
needs_unknown_call.c:38:2: note: kunmap_atomic() verdict safe-needs-disable: releases the mapping of line 35 [kmap-unmap]
needs_unknown_call.c:44:12: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
needs_unknown_call.c:48:2: note: kunmap_atomic() verdict safe: releases the mapping of line 44 [kmap-unmap]
 * check-output-end
 */
