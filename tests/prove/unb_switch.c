#include "kapi.h"

int op(struct page *page, int code)
{
	char *p = kmap(page);

	switch (code) {
	case 1:
		p[0] = 1;
		/* fall through */
	case 2:
		p[1] = 2;
		break;
	case 3:
		return -EINVAL;
	default:
		break;
	}
	kunmap(page);
	return 0;
}
/*
 * check-name: one case returns without kunmap()
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unb_switch.c:5:12: warning: kmap() is deprecated; verdict unbalanced: leaks: still mapped when op() returns at line 15 [kmap-deprecated]
unb_switch.c:19:2: warning: kunmap() verdict unbalanced: releases the mapping of line 5 [kmap-unmap]
 * check-output-end
 */
