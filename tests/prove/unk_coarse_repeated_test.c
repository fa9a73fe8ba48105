#include "kapi.h"

int option(int i);
void emit(int v);

/*
 * Twelve options, each tested twice, are 4096 path classes: more than the walk keeps,
 * so it proves the function again without following tests. The map and the unmap
 * sit under the same test; that walk cannot tell, and must not call it a leak.
 */
void fill_options(struct page *page, int paged, char *buf, size_t len)
{
	int o0 = option(0), o1 = option(1), o2 = option(2), o3 = option(3);
	int o4 = option(4), o5 = option(5), o6 = option(6), o7 = option(7);
	int o8 = option(8), o9 = option(9), o10 = option(10), o11 = option(11);
	char *p = buf;

	if (paged)
		p = kmap_atomic(page);
	if (o0 == 1)
		emit(0);
	if (o1 == 1)
		emit(1);
	if (o2 == 1)
		emit(2);
	if (o3 == 1)
		emit(3);
	if (o4 == 1)
		emit(4);
	if (o5 == 1)
		emit(5);
	if (o6 == 1)
		emit(6);
	if (o7 == 1)
		emit(7);
	if (o8 == 1)
		emit(8);
	if (o9 == 1)
		emit(9);
	if (o10 == 1)
		emit(10);
	if (o11 == 1)
		emit(11);
	memset(p, 0, len);
	if (o0 == 1)
		emit(12);
	if (o1 == 1)
		emit(13);
	if (o2 == 1)
		emit(14);
	if (o3 == 1)
		emit(15);
	if (o4 == 1)
		emit(16);
	if (o5 == 1)
		emit(17);
	if (o6 == 1)
		emit(18);
	if (o7 == 1)
		emit(19);
	if (o8 == 1)
		emit(20);
	if (o9 == 1)
		emit(21);
	if (o10 == 1)
		emit(22);
	if (o11 == 1)
		emit(23);
	if (paged)
		kunmap_atomic(p);
}
/*
 * check-name: the retry that follows no test finds a leak under a repeated test: a guess, not a leak
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_coarse_repeated_test.c:19:7: warning: kmap_atomic() is deprecated; verdict unknown: may leak: still mapped at the end of fill_options() (after line 70) on a path whose tests the proof did not follow (fill_options() has too many path classes to follow them) [kmap-deprecated]
unk_coarse_repeated_test.c:70:3: note: kunmap_atomic() verdict unknown: releases the mapping of line 19 [kmap-unmap]
 * check-output-end
 */
