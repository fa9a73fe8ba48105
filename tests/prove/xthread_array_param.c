#include "kapi.h"

void map_all(struct page **pages, void **addrs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		addrs[i] = kmap_atomic(pages[i]);
}
/*
 * check-name: addresses stored into an array the caller owns
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_array_param.c:8:14: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to addrs[i] at line 8 [kmap-deprecated]
 * check-output-end
 */
