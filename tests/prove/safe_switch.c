#include "kapi.h"

int fill(struct page *page, int mode, size_t len)
{
	char *addr = kmap_atomic(page);
	int ret = 0;

	switch (mode) {
	case 0:
		memset(addr, 0, len);
		/* fall through */
	case 1:
		addr[0] = 1;
		break;
	case 2:
		kunmap_atomic(addr);
		return -EINVAL;
	default:
		ret = 1;
	}
	kunmap_atomic(addr);
	return ret;
}
/*
 * check-name: switch with fall-through, an early release and default
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_switch.c:5:15: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 4 paths [kmap-deprecated]
safe_switch.c:16:3: note: kunmap_atomic() verdict safe: releases the mapping of line 5 [kmap-unmap]
safe_switch.c:21:2: note: kunmap_atomic() verdict safe: releases the mapping of line 5 [kmap-unmap]
 * check-output-end
 */
