#include "kapi.h"

void sum_all(struct page **pages, int n, u32 *out)
{
	void *addrs[32];
	int i;

	for (i = 0; i < n; i++)
		addrs[i] = kmap_local_page(pages[i]);
	for (i = 0; i < n; i++)
		*out += *(u32 *)addrs[i];
	for (i = n - 1; i >= 0; i--)
		kunmap_local(addrs[i]);
}
/*
 * check-name: maps into a local array in one loop, unmaps in another: nesting has no bound
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_loop_local.c:9:14: note: kmap_local_page() verdict unknown: maps again (line 9) before unmapping: nesting grows without bound [kmap-map]
unk_loop_local.c:13:3: note: kunmap_local() verdict unknown: cannot tell which mapping it releases [kmap-unmap]
 * check-output-end
 */
