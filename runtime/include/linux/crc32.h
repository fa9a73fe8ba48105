/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CRC32 in software.  As in the kernel, the functions neither invert the
 * seed nor the result: callers pass ~0 and invert when the protocol asks.
 */
#ifndef _LINUX_CRC32_H
#define _LINUX_CRC32_H

#include <linux/types.h>

u32 crc32_le(u32 crc, unsigned char const *p, size_t len);
u32 crc32_be(u32 crc, unsigned char const *p, size_t len);
u32 __crc32c_le(u32 crc, unsigned char const *p, size_t len);

#define crc32(seed, data, length)					\
	crc32_le(seed, (unsigned char const *)(data), length)

#include <linux/crc32c.h>

#endif
