#include "kapi.h"

void *p[17];

void deep(struct page **pg)
{
	void *a0 = kmap_local_page(pg[0]);
	void *a1 = kmap_local_page(pg[1]);
	void *a2 = kmap_local_page(pg[2]);
	void *a3 = kmap_local_page(pg[3]);
	void *a4 = kmap_local_page(pg[4]);
	void *a5 = kmap_local_page(pg[5]);
	void *a6 = kmap_local_page(pg[6]);
	void *a7 = kmap_local_page(pg[7]);
	void *a8 = kmap_local_page(pg[8]);
	void *a9 = kmap_local_page(pg[9]);
	void *a10 = kmap_local_page(pg[10]);
	void *a11 = kmap_local_page(pg[11]);
	void *a12 = kmap_local_page(pg[12]);
	void *a13 = kmap_local_page(pg[13]);
	void *a14 = kmap_local_page(pg[14]);
	void *a15 = kmap_local_page(pg[15]);
	void *a16 = kmap_local_page(pg[16]);

	kunmap_local(a16);
	kunmap_local(a15);
	kunmap_local(a14);
	kunmap_local(a13);
	kunmap_local(a12);
	kunmap_local(a11);
	kunmap_local(a10);
	kunmap_local(a9);
	kunmap_local(a8);
	kunmap_local(a7);
	kunmap_local(a6);
	kunmap_local(a5);
	kunmap_local(a4);
	kunmap_local(a3);
	kunmap_local(a2);
	kunmap_local(a1);
	kunmap_local(a0);
}
/*
 * check-name: seventeen nested local mappings: more than KM_MAX_IDX
 * check-command: kmapcheck scan --no-db -q $file -- | grep unbalanced
 *
 * check-output-start
unb_too_deep.c:23:14: warning: kmap_local_page() verdict unbalanced: is mapping number 17 on one path, more than KM_MAX_IDX (16) [kmap-map]
unb_too_deep.c:25:2: warning: kunmap_local() verdict unbalanced: releases the mapping of line 23 [kmap-unmap]
 * check-output-end
 */
