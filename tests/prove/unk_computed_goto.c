#include "kapi.h"

void dispatch(struct page *page, int op)
{
	static void *table[] = { &&zero, &&one };
	char *p = kmap_local_page(page);

	goto *table[op & 1];
zero:
	p[0] = 0;
	kunmap_local(p);
	return;
one:
	p[0] = 1;
	kunmap_local(p);
}
/*
 * check-name: a computed goto stops the proof
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_computed_goto.c:6:12: note: kmap_local_page() verdict unknown: dispatch() uses a computed goto (line 8) [kmap-map]
unk_computed_goto.c:11:2: note: kunmap_local() verdict unknown: dispatch() uses a computed goto (line 8) [kmap-unmap]
unk_computed_goto.c:15:2: note: kunmap_local() verdict unknown: dispatch() uses a computed goto (line 8) [kmap-unmap]
 * check-output-end
 */
