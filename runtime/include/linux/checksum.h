/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Internet checksum.  csum_partial() returns a 32-bit partial sum
 * whose folded value (csum_fold) is what protocols compare; the unfolded
 * bits may differ from x86 assembly, as they may between architectures.
 */
#ifndef _LINUX_CHECKSUM_H
#define _LINUX_CHECKSUM_H

#include <linux/types.h>

__wsum csum_partial(const void *buff, int len, __wsum sum);

static inline __sum16 csum_fold(__wsum csum)
{
	u32 sum = (u32)csum;

	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__sum16)~sum;
}

static inline __wsum csum_add(__wsum csum, __wsum addend)
{
	u32 res = (u32)csum;

	res += (u32)addend;
	return (__wsum)(res + (res < (u32)addend));
}

static inline __wsum csum_sub(__wsum csum, __wsum addend)
{
	return csum_add(csum, ~addend);
}

static inline __wsum csum_unfold(__sum16 n)
{
	return (__wsum)n;
}

static inline __sum16 ip_compute_csum(const void *buff, int len)
{
	return csum_fold(csum_partial(buff, len, 0));
}

#endif
