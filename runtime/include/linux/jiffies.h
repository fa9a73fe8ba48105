/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jiffies at HZ=250 (Debian's i386 kernels) from the monotonic clock,
 * starting five minutes before the 32-bit wrap as the kernel's do, so
 * that comparisons without time_after() show.
 */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <limits.h>
#include <linux/types.h>

#define HZ		250
#define USER_HZ		100
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)

unsigned long kmaprt_jiffies(void);
u64 kmaprt_jiffies_64(void);

#define jiffies		(kmaprt_jiffies())
#define jiffies_64	(kmaprt_jiffies_64())
#define get_jiffies_64()	kmaprt_jiffies_64()

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)
#define time_is_before_jiffies(a)	time_after(jiffies, a)
#define time_is_after_jiffies(a)	time_before(jiffies, a)

static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	return (m + (1000 / HZ) - 1) / (1000 / HZ);
}

static inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	return (u + (1000000 / HZ) - 1) / (1000000 / HZ);
}

static inline unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (1000 / HZ) * j;
}

static inline unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (1000000 / HZ) * j;
}

#endif
