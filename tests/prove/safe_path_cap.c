#include "kapi.h"

/*
 * 31 independent tests between map and unmap: 2^31 paths, more than the count
 * keeps (it stops at 10^9 and says so rather than print a number it did not count).
 */
u32 flag_mix(struct page *page, const u32 *bits)
{
	u32 *w = kmap_atomic(page);
	u32 acc = 0;

	if (bits[0])
		acc ^= w[0];
	if (bits[1])
		acc ^= w[1];
	if (bits[2])
		acc ^= w[2];
	if (bits[3])
		acc ^= w[3];
	if (bits[4])
		acc ^= w[4];
	if (bits[5])
		acc ^= w[5];
	if (bits[6])
		acc ^= w[6];
	if (bits[7])
		acc ^= w[7];
	if (bits[8])
		acc ^= w[8];
	if (bits[9])
		acc ^= w[9];
	if (bits[10])
		acc ^= w[10];
	if (bits[11])
		acc ^= w[11];
	if (bits[12])
		acc ^= w[12];
	if (bits[13])
		acc ^= w[13];
	if (bits[14])
		acc ^= w[14];
	if (bits[15])
		acc ^= w[15];
	if (bits[16])
		acc ^= w[16];
	if (bits[17])
		acc ^= w[17];
	if (bits[18])
		acc ^= w[18];
	if (bits[19])
		acc ^= w[19];
	if (bits[20])
		acc ^= w[20];
	if (bits[21])
		acc ^= w[21];
	if (bits[22])
		acc ^= w[22];
	if (bits[23])
		acc ^= w[23];
	if (bits[24])
		acc ^= w[24];
	if (bits[25])
		acc ^= w[25];
	if (bits[26])
		acc ^= w[26];
	if (bits[27])
		acc ^= w[27];
	if (bits[28])
		acc ^= w[28];
	if (bits[29])
		acc ^= w[29];
	if (bits[30])
		acc ^= w[30];
	kunmap_atomic(w);
	return acc;
}
/*
 * check-name: a path count past 10^9 reads "10^9 or more paths"
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_path_cap.c:9:11: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 10^9 or more paths [kmap-deprecated]
safe_path_cap.c:74:2: note: kunmap_atomic() verdict safe: releases the mapping of line 9 [kmap-unmap]
 * check-output-end
 */
