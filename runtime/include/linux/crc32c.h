/* SPDX-License-Identifier: GPL-2.0 */
/* CRC32C (Castagnoli) in software, without pre- or post-inversion, as the kernel's. */
#ifndef _LINUX_CRC32C_H
#define _LINUX_CRC32C_H

#include <linux/types.h>

u32 crc32c(u32 crc, const void *address, unsigned int length);

#endif
