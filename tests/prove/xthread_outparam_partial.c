#include "kapi.h"

struct fault { struct page *page; char *addr; int retry; };

/*
 * Stores a new mapping where its caller sees it, and releases the caller's own
 * mapping on some paths only: the caller stops following that path, but the
 * store must still count.
 */
static int retry_map(struct fault *vf)
{
	if (vf->retry) {
		kunmap_atomic(vf->addr);
		vf->addr = kmap_atomic(vf->page);
		memset(vf->addr, 0, 64);
		kunmap_atomic(vf->addr);
		return 1;
	}
	return 0;
}

int handle_fault(struct fault *vf)
{
	vf->addr = kmap_atomic(vf->page);
	if (retry_map(vf))
		return 1;
	kunmap_atomic(vf->addr);
	return 0;
}
/*
 * check-name: an address stored through a parameter by a callee that releases the caller's mapping on some paths only
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_outparam_partial.c:13:3: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 24, made in another function (matched by ->addr) [kmap-unmap]
xthread_outparam_partial.c:14:14: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored by retry_map() to vf->addr while mapped, memory handle_fault() does not own at line 25 [kmap-deprecated]
xthread_outparam_partial.c:16:3: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 14 [kmap-unmap]
xthread_outparam_partial.c:24:13: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: stored to vf->addr at line 24 [kmap-deprecated]
xthread_outparam_partial.c:27:2: note: kunmap_atomic() verdict unknown: no path of the proof reaches this call [kmap-unmap]
 * check-output-end
 */
