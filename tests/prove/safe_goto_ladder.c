#include "kapi.h"

int check_pair(struct page *a, struct page *b, const char *want, size_t len)
{
	char *pa, *pb;
	int ret = 0;

	pa = kmap_local_page(a);
	if (memcmp(pa, want, len)) {
		ret = -EINVAL;
		goto out_a;
	}
	pb = kmap_local_page(b);
	if (memcmp(pb, want, len)) {
		ret = -EINVAL;
		goto out_b;
	}
	memcpy(pb, pa, len);
out_b:
	kunmap_local(pb);
out_a:
	kunmap_local(pa);
	return ret;
}
/*
 * check-name: goto error ladder releases in reverse order on every path
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_goto_ladder.c:8:7: note: kmap_local_page() verdict safe: thread-local, LIFO on 3 paths [kmap-map]
safe_goto_ladder.c:13:7: note: kmap_local_page() verdict safe: thread-local, LIFO on 2 paths [kmap-map]
safe_goto_ladder.c:20:2: note: kunmap_local() verdict safe: releases the mapping of line 13 [kmap-unmap]
safe_goto_ladder.c:22:2: note: kunmap_local() verdict safe: releases the mapping of line 8 [kmap-unmap]
 * check-output-end
 */
